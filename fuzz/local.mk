# Fuzz targets.  Each target is fuzz/fuzz-NAME.c defining
# LLVMFuzzerTestOneInput, with seed inputs in fuzz/corpus/NAME/.
# --enable-fuzzing (CC=clang) builds them as libFuzzer programs (`make fuzz`
# runs each for FUZZ_SECONDS); otherwise fuzz/driver.c replays the corpus
# of each as part of `make check`.  To add a target, copy the three lines
# of fuzz-utf8 in both branches.
# parse, date, story, config and extract are owned by those modules.
FUZZ_SECONDS = 30
EXTRA_DIST += fuzz/corpus
if ENABLE_FUZZING
FUZZER_LINK = -fsanitize=fuzzer
noinst_PROGRAMS = fuzz/fuzz-utf8 fuzz/fuzz-parse fuzz/fuzz-date fuzz/fuzz-story fuzz/fuzz-config fuzz/fuzz-extract
fuzz_fuzz_utf8_SOURCES = fuzz/fuzz-utf8.c
fuzz_fuzz_utf8_LDFLAGS = $(FUZZER_LINK)
fuzz_fuzz_utf8_LDADD = libdateline.a $(DL_LIBS)
fuzz_fuzz_parse_SOURCES = fuzz/fuzz-parse.c
fuzz_fuzz_parse_LDFLAGS = $(FUZZER_LINK)
fuzz_fuzz_parse_LDADD = libdateline.a $(DL_LIBS)
fuzz_fuzz_date_SOURCES = fuzz/fuzz-date.c
fuzz_fuzz_date_LDFLAGS = $(FUZZER_LINK)
fuzz_fuzz_date_LDADD = libdateline.a $(DL_LIBS)
fuzz_fuzz_story_SOURCES = fuzz/fuzz-story.c
fuzz_fuzz_story_LDFLAGS = $(FUZZER_LINK)
fuzz_fuzz_story_LDADD = libdateline.a $(DL_LIBS)
fuzz_fuzz_config_SOURCES = fuzz/fuzz-config.c
fuzz_fuzz_config_LDFLAGS = $(FUZZER_LINK)
fuzz_fuzz_config_LDADD = libdateline.a $(DL_LIBS)
fuzz_fuzz_extract_SOURCES = fuzz/fuzz-extract.c
fuzz_fuzz_extract_LDFLAGS = $(FUZZER_LINK)
fuzz_fuzz_extract_LDADD = libdateline.a $(DL_LIBS)
fuzz: $(noinst_PROGRAMS)
	@set -e; for f in $(noinst_PROGRAMS); do \
	  n=$${f#fuzz/fuzz-}; mkdir -p fuzz-work/$$n; \
	  echo "fuzzing $$n for $(FUZZ_SECONDS) s"; \
	  ./$$f -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -print_final_stats=0 \
	    fuzz-work/$$n $(srcdir)/fuzz/corpus/$$n >fuzz-work/$$n.log 2>&1 || \
	    { tail -40 fuzz-work/$$n.log; exit 1; }; \
	done
else
FUZZ_DRIVER = fuzz/driver.c
check_PROGRAMS += fuzz/fuzz-utf8 fuzz/fuzz-parse fuzz/fuzz-date fuzz/fuzz-story fuzz/fuzz-config fuzz/fuzz-extract
fuzz_fuzz_utf8_SOURCES = fuzz/fuzz-utf8.c $(FUZZ_DRIVER)
fuzz_fuzz_utf8_LDADD = libdateline.a $(DL_LIBS)
fuzz_fuzz_parse_SOURCES = fuzz/fuzz-parse.c $(FUZZ_DRIVER)
fuzz_fuzz_parse_LDADD = libdateline.a $(DL_LIBS)
fuzz_fuzz_date_SOURCES = fuzz/fuzz-date.c $(FUZZ_DRIVER)
fuzz_fuzz_date_LDADD = libdateline.a $(DL_LIBS)
fuzz_fuzz_story_SOURCES = fuzz/fuzz-story.c $(FUZZ_DRIVER)
fuzz_fuzz_story_LDADD = libdateline.a $(DL_LIBS)
fuzz_fuzz_config_SOURCES = fuzz/fuzz-config.c $(FUZZ_DRIVER)
fuzz_fuzz_config_LDADD = libdateline.a $(DL_LIBS)
fuzz_fuzz_extract_SOURCES = fuzz/fuzz-extract.c $(FUZZ_DRIVER)
fuzz_fuzz_extract_LDADD = libdateline.a $(DL_LIBS)
TESTS += fuzz/fuzz-utf8 fuzz/fuzz-parse fuzz/fuzz-date fuzz/fuzz-story fuzz/fuzz-config fuzz/fuzz-extract
fuzz:
	@echo "configure with CC=clang --enable-fuzzing to fuzz"; exit 1
endif
.PHONY: fuzz
