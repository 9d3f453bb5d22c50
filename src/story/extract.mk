# Full-text extraction (src/story/extract*.c), owned with issue 10.
libdateline_a_SOURCES += src/story/extract.h src/story/extract-int.h \
	src/story/extract.c src/story/extract-hints.c src/story/extract-strip.c \
	src/story/extract-meta.c src/story/extract-html.c src/story/extract-figure.c \
	src/story/extract-node.c src/story/extract-charset.c \
	src/story/extract-result.c src/story/extract-next.c \
	src/story/extract-byline.c src/story/extract-lead.c
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test-extract
tests_unit_test_extract_SOURCES = tests/unit/test-extract.c
tests_unit_test_extract_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_extract_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test-extract
check_PROGRAMS += tests/unit/test-extract-more
tests_unit_test_extract_more_SOURCES = tests/unit/test-extract-more.c
tests_unit_test_extract_more_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_extract_more_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test-extract-more
endif
TESTS += tests/extract-score.py tests/e2e/extract.sh
EXTRA_DIST += tests/extract-score.py tests/e2e/extract.sh tests/data/extract
TESTS += tests/e2e/extract-pages.py
EXTRA_DIST += tests/e2e/extract-pages.py
