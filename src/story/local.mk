# story: item HTML -> story (blocks, dateline, byline, captions, credits,
# links) and story -> lines of styled spans (render).  Owned with issue 4.
libdateline_a_SOURCES += src/story/story.h src/story/story-private.h \
	src/story/story.c src/story/story-html.c src/story/story-detect.c \
	src/story/story-render.c
dateline_SOURCES += src/cmd-render.c
