# fetch: libcurl multi
libdateline_a_SOURCES += src/fetch/fetch.h src/fetch/fetch-int.h \
	src/fetch/fetch.c src/fetch/fetch-exec.c src/fetch/fetch-header.c
