# story: item HTML -> story (blocks, dateline, byline, captions, credits,
# links) and story -> lines of styled spans (render).  Owned with issue 4.
libdateline_a_SOURCES += src/story/story.h src/story/story-private.h \
	src/story/story.c src/story/story-html.c src/story/story-node.c \
	src/story/story-detect.c src/story/story-dateline.c \
	src/story/story-dateline-scripts.c src/story/story-caption.c \
	src/story/story-credits.c \
	src/story/story-render.c
dateline_SOURCES += src/cmd-render.c
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test-story tests/unit/test-render
tests_unit_test_story_SOURCES = tests/unit/test-story.c
tests_unit_test_story_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_story_LDADD = $(UNIT_LDADD)
tests_unit_test_render_SOURCES = tests/unit/test-render.c
tests_unit_test_render_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_render_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test-story tests/unit/test-render
endif
TESTS += tests/e2e/render.sh
EXTRA_DIST += tests/e2e/render.sh tests/data/story
# A benchmark, built with the tests but not run by them:
#   make tests/unit/test-render-bench && tests/unit/test-render-bench
check_PROGRAMS += tests/unit/test-render-bench
tests_unit_test_render_bench_SOURCES = tests/unit/test-render-bench.c
tests_unit_test_render_bench_LDADD = libdateline.a $(DL_LIBS)
TESTS += tests/e2e/render-parse.sh
EXTRA_DIST += tests/e2e/render-parse.sh
