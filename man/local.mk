# Manual pages: dateline.1 and dateline.5 are made from the .in files by
# configure.  Their lists of keys, options and roles come from the tables in
# the code through man/gen-man: `make update-man` refreshes them and
# tests/e2e/man.sh fails when they are out of date.
EXTRA_DIST += man/dateline.1.in man/dateline.5.in man/update-man.sh
DISTCLEANFILES = man/dateline.1 man/dateline.5
check_PROGRAMS += man/gen-man
man_gen_man_SOURCES = man/gen-man.c
man_gen_man_LDADD = libdateline.a $(DL_LIBS)
TESTS += tests/e2e/man.sh
EXTRA_DIST += tests/e2e/man.sh

update-man: man/gen-man$(EXEEXT)
	$(SHELL) $(srcdir)/man/update-man.sh ./man/gen-man$(EXEEXT) $(srcdir)/man
.PHONY: update-man
