/* Unit tests: the arena (util/arena.c) and gumbo parsed inside one. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <gumbo.h>

#include "story/extract.h"
#include "story/story.h"
#include "util/arena.h"
#include "util/util.h"

static void
test_alloc_limit_free(void **state)
{
	struct arena a;
	char *p, *q, *r;
	size_t i;

	(void)state;
	arena_init(&a, 1000, 0);
	p = arena_alloc(&a, 10);
	assert_non_null(p);
	assert_int_equal((uintptr_t)p % 8, 0);
	memset(p, 'x', 10);
	q = arena_alloc(&a, 1);
	assert_non_null(q);
	assert_true(q >= p + 10);
	assert_int_equal((uintptr_t)q % 8, 0);
	/* the latest piece comes back; an older one does not */
	i = a.used;
	arena_free(&a, p);
	assert_int_equal(a.used, i);
	arena_free(&a, q);
	assert_true(a.used < i);
	r = arena_alloc(&a, 1);
	assert_ptr_equal(r, q);
	/* past the limit: NULL, and what was handed out stays */
	assert_null(arena_alloc(&a, 2000));
	assert_null(arena_alloc(&a, SIZE_MAX));
	assert_null(arena_alloc(&a, SIZE_MAX - 3));
	for (i = 0; i < 200 && arena_alloc(&a, 16) != NULL; i++)
		;
	assert_true(i < 200);
	assert_true(a.used <= 1000);
	assert_memory_equal(p, "xxxxxxxxxx", 10);
	arena_release(&a);
	assert_int_equal(a.used, 0);
	/* usable again after the release; a piece bigger than a block */
	arena_init(&a, 8u << 20, 0);
	p = arena_alloc(&a, 1u << 20);
	assert_non_null(p);
	memset(p, 0, 1u << 20);
	assert_non_null(arena_alloc(&a, 100));
	arena_release(&a);
}

static void
test_longjmp_when_full(void **state)
{
	struct arena a;
	jmp_buf env;
	volatile int n = 0;

	(void)state;
	arena_init(&a, 4096, 0);
	a.fail = &env;
	if (setjmp(env) == 0) {
		for (;;) {
			arena_alloc(&a, 100);
			n++;
		}
	}
	assert_true(n > 0 && n <= 4096 / 100);
	a.fail = NULL;
	arena_release(&a);
}

static void
test_gumbo_in_arena(void **state)
{
	static const char page[] = "<p class=x>One <b>two</b></p><p>three";
	struct arena a;
	GumboOutput *g;
	GumboNode *body, *p;

	(void)state;
	g = arena_gumbo_parse(&a, page, sizeof page - 1);
	assert_non_null(g);
	assert_true(a.used > 0);
	assert_true(a.used <= ARENA_GUMBO_LIMIT(sizeof page - 1));
	body = g->root->v.element.children.data[1];
	assert_int_equal(body->v.element.tag, GUMBO_TAG_BODY);
	assert_int_equal(body->v.element.children.length, 2);
	p = body->v.element.children.data[0];
	assert_string_equal(gumbo_get_attribute(&p->v.element.attributes,
	    "class")->value, "x");
	arena_release(&a);
}

/* Formatting elements left open are reopened in every paragraph: the
 * tree grows with (open elements) x (paragraphs), far past the arena's
 * limit for the page's size.  Refused, not parsed into all the memory. */
static void
quadratic_page(struct buf *b)
{
	int i;

	buf_adds(b, "<html><body><p>");
	for (i = 0; i < 3000; i++)
		buf_printf(b, "<b id=%d>", i);
	for (i = 0; i < 3000; i++)
		buf_adds(b, "</p><p>x");
}

static void
test_limit_refuses_quadratic_page(void **state)
{
	struct buf b = BUF_INIT;
	struct extract_result r;
	struct arena a;
	struct story *st;
	struct story_source src;
	char *err = NULL;

	(void)state;
	quadratic_page(&b);
	assert_null(arena_gumbo_parse(&a, b.data, b.len));
	assert_null(a.blocks);
	assert_int_equal(extract_article(b.data, b.len, NULL, &r, &err), -1);
	assert_non_null(err);
	assert_non_null(strstr(err, "too large"));
	free(err);
	extract_result_free(&r);
	/* the story module gives up on the same markup without a crash */
	memset(&src, 0, sizeof src);
	src.title = "T";
	src.html = b.data;
	src.html_len = b.len;
	st = story_new(&src);
	assert_non_null(st);
	story_free(st);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alloc_limit_free),
		cmocka_unit_test(test_longjmp_when_full),
		cmocka_unit_test(test_gumbo_in_arena),
		cmocka_unit_test(test_limit_refuses_quadratic_page),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
