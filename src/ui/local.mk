dateline_SOURCES += src/ui/ui-main.c
