dateline_SOURCES += src/cmd-store.c
