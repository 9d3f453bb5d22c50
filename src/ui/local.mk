# The reader (ncursesw).  The command itself is linked into dateline; the
# rest is library code so the unit tests can link it.
dateline_SOURCES += src/ui/ui-main.c
libdateline_a_SOURCES += src/ui/ui.h src/ui/ui-int.h src/ui/ui-list.c \
	src/ui/ui-action.c src/ui/ui-color.c src/ui/ui-source.c src/ui/ui-draw.c src/ui/ui-view.c \
	src/ui/ui-act.c src/ui/ui-fulltext.c src/ui/ui-term.c
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test-ui-list tests/unit/test-ui-keys \
	tests/unit/test-ui-source
tests_unit_test_ui_list_SOURCES = tests/unit/test-ui-list.c
tests_unit_test_ui_list_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_ui_list_LDADD = $(UNIT_LDADD)
tests_unit_test_ui_keys_SOURCES = tests/unit/test-ui-keys.c
tests_unit_test_ui_keys_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_ui_keys_LDADD = $(UNIT_LDADD)
tests_unit_test_ui_source_SOURCES = tests/unit/test-ui-source.c
tests_unit_test_ui_source_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_ui_source_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test-ui-list tests/unit/test-ui-keys tests/unit/test-ui-source
# the sanitiser's terminal rules (src/util/utf8.c), which the reader draws by
check_PROGRAMS += tests/unit/test-utf8-display
tests_unit_test_utf8_display_SOURCES = tests/unit/test-utf8-display.c
tests_unit_test_utf8_display_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_utf8_display_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test-utf8-display
endif
# The reader in tmux, against file:// feeds and a local HTTP server.
TESTS += tests/e2e/ui.sh
EXTRA_DIST += tests/e2e/ui.sh tests/data/ui/wire.xml tests/data/ui/notes.xml \
	tests/data/ui/article.html tests/data/ui/local.xml.in tests/data/ui/server.py
# The reader, --render, --parse, --search and --stats on hostile feed text:
# every byte written to the terminal is scanned.
TESTS += tests/e2e/ui-hostile.sh tests/e2e/ui-terms.sh
EXTRA_DIST += tests/e2e/ui-hostile.sh tests/e2e/ui-terms.sh tests/data/ui-hostile/make-feeds.py \
	tests/data/ui-hostile/scan.py
