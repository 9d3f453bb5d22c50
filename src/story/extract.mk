# Full-text extraction (src/story/extract*.c), owned with issue 10.
libdateline_a_SOURCES += src/story/extract.h src/story/extract-int.h \
	src/story/extract.c src/story/extract-hints.c src/story/extract-strip.c \
	src/story/extract-meta.c src/story/extract-html.c
