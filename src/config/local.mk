# config: option table, config file parser, themes, paths (src/config/).
libdateline_a_SOURCES += src/config/conf.h src/config/conf-private.h \
	src/config/options.c src/config/conf.c src/config/conf-parse.c \
	src/config/conf-style.c src/config/conf-path.c
dateline_SOURCES += src/cmd-config.c
