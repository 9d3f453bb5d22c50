# fetch: libcurl multi
libdateline_a_SOURCES += src/fetch/fetch.h src/fetch/fetch-int.h \
	src/fetch/fetch.c src/fetch/fetch-exec.c src/fetch/fetch-header.c \
	src/fetch/fetch-url.c
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test-fetch
tests_unit_test_fetch_SOURCES = tests/unit/test-fetch.c
tests_unit_test_fetch_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_fetch_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test-fetch
endif
