dateline_SOURCES += src/cmd-parse.c
