# store: the SQLite article store (see src/store/store.h).
libdateline_a_SOURCES += src/store/store.h src/store/store-int.h \
	src/store/store.c src/store/store-schema.c src/store/store-feed.c \
	src/store/store-item.c src/store/store-read.c src/store/store-state.c \
	src/store/store-clean.c src/store/store-text.c src/store/store-zip.c \
	src/store/store-tok.c src/store/store-index.c
AM_CPPFLAGS += $(ZLIB_CFLAGS) $(ZSTD_CFLAGS)
DL_LIBS += $(ZLIB_LIBS) $(ZSTD_LIBS)
dateline_SOURCES += src/cmd-store.c

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test-store tests/unit/test-store-read
tests_unit_test_store_SOURCES = tests/unit/test-store.c tests/unit/test-store-util.h
tests_unit_test_store_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_store_LDADD = $(UNIT_LDADD)
tests_unit_test_store_read_SOURCES = tests/unit/test-store-read.c \
	tests/unit/test-store-util.h
tests_unit_test_store_read_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_store_read_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test-store tests/unit/test-store-read
endif

# The generator of big stores (and matching newsboat caches) for the
# store's tests and for bench/.
check_PROGRAMS += tests/store-gen
tests_store_gen_SOURCES = tests/store-gen.c
tests_store_gen_LDADD = libdateline.a $(DL_LIBS)

# Crash and concurrency tests: a writer that is killed, readers, a checker.
check_PROGRAMS += tests/store-torture
tests_store_torture_SOURCES = tests/store-torture.c
tests_store_torture_LDADD = libdateline.a $(DL_LIBS)
TESTS += tests/e2e/store-cmd.sh tests/e2e/store-crash.py tests/e2e/store-concurrency.py
EXTRA_DIST += tests/e2e/store-cmd.sh tests/e2e/store-crash.py tests/e2e/store-concurrency.py

# Timing of the reader's first steps on a store (targets; bench/ uses it).
check_PROGRAMS += tests/store-bench
tests_store_bench_SOURCES = tests/store-bench.c
tests_store_bench_LDADD = libdateline.a $(DL_LIBS)
