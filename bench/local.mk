# Benchmarks: `make bench` (see bench/README).  Not part of `make check`:
# the suite takes minutes, installs the peers (newsboat, sfeed, nginx) and
# writes bench/RESULTS.md.  `make bench BENCH_FLAGS=--quick` for ~2 minutes.
EXTRA_DIST += bench/README bench/gen-corpus bench/run bench/RESULTS.md

# tests/store-gen (the store's generator) makes the 1,000,000-item stores;
# tests/store-bench and tests/unit/test-render-bench time the store and the
# renderer in process.  Without them those rows are n/a.
bench: dateline$(EXEEXT)
	-$(MAKE) $(AM_MAKEFLAGS) -k tests/store-gen$(EXEEXT) tests/store-bench$(EXEEXT) \
	    tests/unit/test-render-bench$(EXEEXT)
	DATELINE='$(abs_top_builddir)/dateline$(EXEEXT)' \
	STORE_GEN='$(abs_top_builddir)/tests/store-gen$(EXEEXT)' \
	    $(PYTHON3) $(top_srcdir)/bench/run $(BENCH_FLAGS)
.PHONY: bench

# The corpus generator itself is tested (fast, deterministic, well-formed).
TESTS += tests/e2e/bench-gen.sh
EXTRA_DIST += tests/e2e/bench-gen.sh
