dateline_SOURCES += src/cmd-refresh.c src/cmd-extract.c
# refresh: fetch -> parse -> store (see src/refresh/refresh.h)
libdateline_a_SOURCES += src/refresh/refresh.h src/refresh/refresh-int.h \
	src/refresh/refresh.c src/refresh/refresh-state.c \
	src/refresh/refresh-thread.c src/refresh/refresh-fulltext.c \
	src/refresh/refresh-pipe.c src/refresh/refresh-run.h \
	src/refresh/refresh-write.c \
	src/refresh/refresh-moved.h src/refresh/refresh-moved.c
# End-to-end: --refresh against a local HTTP server (tests/e2e/httpserver.py).
TESTS += tests/e2e/refresh.py
EXTRA_DIST += tests/e2e/refresh.py tests/e2e/httpserver.py tests/e2e/taplib.py
# The parse thread and the shared transactions: every item once, any path.
TESTS += tests/e2e/refresh-pipe.sh
EXTRA_DIST += tests/e2e/refresh-pipe.sh
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test-fetch-refresh
tests_unit_test_fetch_refresh_SOURCES = tests/unit/test-fetch-refresh.c
tests_unit_test_fetch_refresh_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_fetch_refresh_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test-fetch-refresh
endif
TESTS += tests/e2e/refresh-opml.sh
EXTRA_DIST += tests/e2e/refresh-opml.sh tests/data/fetch/subscriptions.opml
# Full texts at refresh time: the fulltext tag, new items only.
TESTS += tests/e2e/refresh-fulltext.py
EXTRA_DIST += tests/e2e/refresh-fulltext.py
