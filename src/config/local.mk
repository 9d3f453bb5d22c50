dateline_SOURCES += src/cmd-config.c
