/*
 * arena: bump allocation in big blocks, released at once (see arena.h;
 * gumbo's parse on top of it is arena-gumbo.c).
 */
#include "config.h"

#include <setjmp.h>
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/util.h"

#define ARENA_ALIGN		alignof(max_align_t)
#define ARENA_MIN_BLOCK		(64u << 10)
#define ARENA_MAX_BLOCK		(64u << 20)

struct arena_block {
	struct arena_block	*next;
	size_t			 size;
	alignas(max_align_t) char data[];
};

void
arena_init(struct arena *a, size_t limit, size_t first_block)
{
	memset(a, 0, sizeof *a);
	a->limit = limit;
	a->block_size = first_block < ARENA_MIN_BLOCK ? ARENA_MIN_BLOCK :
	    first_block;
}

static size_t
round_up(size_t n)
{
	return (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
}

/* A new block with room for size bytes at least. */
static void
new_block(struct arena *a, size_t size)
{
	struct arena_block *b;
	size_t want = a->block_size;

	if (want < size)
		want = size;
	b = xmalloc(sizeof *b + want);
	b->next = a->blocks;
	b->size = want;
	a->blocks = b;
	a->next = b->data;
	a->end = b->data + want;
	if (a->block_size < ARENA_MAX_BLOCK)
		a->block_size *= 2;
}

static void *
full(struct arena *a)
{
	if (a->fail != NULL)
		longjmp(*a->fail, 1);
	return NULL;
}

void *
arena_alloc(struct arena *a, size_t size)
{
	char *p;

	if (size == 0)
		size = 1;
	if (size > a->limit - a->used || round_up(size) > a->limit - a->used)
		return full(a);
	size = round_up(size);
	if ((size_t)(a->end - a->next) < size)
		new_block(a, size);
	p = a->next;
	a->next += size;
	a->used += size;
	a->last = p;
	return p;
}

void
arena_free(struct arena *a, void *p)
{
	if (p == NULL || p != a->last)
		return;
	a->used -= (size_t)(a->next - a->last);
	a->next = a->last;
	a->last = NULL;
}

void
arena_release(struct arena *a)
{
	struct arena_block *b, *next;

	for (b = a->blocks; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	a->blocks = NULL;
	a->next = a->end = a->last = NULL;
	a->used = 0;
	a->fail = NULL;
}
