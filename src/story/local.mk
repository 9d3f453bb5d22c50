dateline_SOURCES += src/cmd-render.c
