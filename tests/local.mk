# Tests: unit tests (cmocka, one program a module) and end-to-end scripts.
# Modules add their own with `check_PROGRAMS +=` and `TESTS +=`.
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test-util
tests_unit_test_util_SOURCES = tests/unit/test-util.c
tests_unit_test_util_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_util_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test-util
endif
TESTS += tests/e2e/cli.sh tests/e2e/valgrind.sh tests/e2e/retention.sh tests/e2e/ui-options.sh \
	tests/e2e/ui-moved.py
EXTRA_DIST += tests/e2e/cli.sh tests/e2e/valgrind.sh tests/e2e/retention.sh tests/e2e/ui-options.sh \
	tests/e2e/ui-moved.py
# filter:PROGRAM:URL feeds; permanent redirects rewrite the urls file;
# HTTP/2 over TLS against nginx with a throwaway CA.
TESTS += tests/e2e/refresh-filter.py
EXTRA_DIST += tests/e2e/refresh-filter.py
TESTS += tests/e2e/refresh-moved.py
EXTRA_DIST += tests/e2e/refresh-moved.py
TESTS += tests/e2e/refresh-http2.py
EXTRA_DIST += tests/e2e/refresh-http2.py
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test-urls-rewrite
tests_unit_test_urls_rewrite_SOURCES = tests/unit/test-urls-rewrite.c
tests_unit_test_urls_rewrite_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_urls_rewrite_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test-urls-rewrite
endif
# --search's every-hit-at-once search against the store's pages.
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test-store-search
tests_unit_test_store_search_SOURCES = tests/unit/test-store-search.c \
	tests/unit/test-store-util.h
tests_unit_test_store_search_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_store_search_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test-store-search
endif
TESTS += tests/e2e/search-all.sh
EXTRA_DIST += tests/e2e/search-all.sh
