libdateline_a_SOURCES += src/util/util.h src/util/i18n.h src/util/roles.h src/util/xmalloc.c src/util/buf.c \
	src/util/utf8.c src/util/misc.c src/util/arena.h src/util/arena.c src/util/arena-gumbo.c
