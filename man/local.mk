EXTRA_DIST += man/dateline.1.in man/dateline.5.in
DISTCLEANFILES = man/dateline.1 man/dateline.5
