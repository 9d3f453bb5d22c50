# config: option table, config file parser, themes, paths (src/config/).
libdateline_a_SOURCES += src/config/conf.h src/config/conf-private.h \
	src/config/options.c src/config/conf.c src/config/conf-parse.c \
	src/config/conf-style.c src/config/conf-path.c src/config/conf-fetch.c \
	src/config/newsboat.h src/config/newsboat.c
dateline_SOURCES += src/cmd-config.c
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test-config tests/unit/test-config-newsboat
tests_unit_test_config_SOURCES = tests/unit/test-config.c
tests_unit_test_config_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_config_LDADD = $(UNIT_LDADD)
tests_unit_test_config_newsboat_SOURCES = tests/unit/test-config-newsboat.c
tests_unit_test_config_newsboat_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_config_newsboat_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test-config tests/unit/test-config-newsboat
endif
TESTS += tests/e2e/config.sh
EXTRA_DIST += tests/e2e/config.sh fuzz/corpus/config
TESTS += tests/e2e/po-ui.sh
EXTRA_DIST += tests/e2e/po-ui.sh
TESTS += tests/e2e/po.sh
EXTRA_DIST += tests/e2e/po.sh
