# urls file and OPML (owned with fetch/refresh)
libdateline_a_SOURCES += src/config/urls.h src/config/urls.c src/config/opml.c
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test-urls
tests_unit_test_urls_SOURCES = tests/unit/test-urls.c
tests_unit_test_urls_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_urls_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test-urls
endif
