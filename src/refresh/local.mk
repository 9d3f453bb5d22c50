dateline_SOURCES += src/cmd-refresh.c src/cmd-extract.c
