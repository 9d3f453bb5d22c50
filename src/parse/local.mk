dateline_SOURCES += src/cmd-parse.c
libdateline_a_SOURCES += src/parse/parse.h src/parse/parse-int.h src/parse/parse.c \
	src/parse/parse-xml.c src/parse/parse-field.c src/parse/parse-rss.c \
	src/parse/parse-atom.c src/parse/parse-media.c src/parse/parse-jsonfeed.c \
	src/parse/parse-html.c src/parse/parse-charset.c src/parse/parse-date.c \
	src/parse/parse-url.c src/parse/parse-text.c src/parse/parse-entities.c \
	src/parse/parse-recover.c src/parse/parse-resync.c \
	src/parse/parse-rebase.c
EXTRA_DIST += src/parse/gen-entities.py
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test-parse
tests_unit_test_parse_SOURCES = tests/unit/test-parse.c
tests_unit_test_parse_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_parse_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test-parse
check_PROGRAMS += tests/unit/test-parse-conform
tests_unit_test_parse_conform_SOURCES = tests/unit/test-parse-conform.c
tests_unit_test_parse_conform_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_parse_conform_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test-parse-conform
endif
TESTS += tests/e2e/parse.py
EXTRA_DIST += tests/e2e/parse.py tests/data/parse
