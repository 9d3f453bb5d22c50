/*
 * arena: a bump allocator for one short job (a gumbo parse and what is
 * built from its tree).  Memory is taken from the system in large blocks,
 * handed out in order, never freed one piece at a time, and given back
 * all at once by arena_release.  It is bounded: once `limit` bytes are
 * handed out, arena_alloc fails (returns NULL, or jumps to the caller's
 * jmp_buf when one is set: the way out of a library, such as gumbo, that
 * cannot handle a failed allocation).
 */
#ifndef DATELINE_ARENA_H
#define DATELINE_ARENA_H

#include <setjmp.h>
#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block	*blocks;	/* newest first */
	char			*next;		/* free space of the newest */
	char			*end;
	char			*last;		/* the latest piece given */
	size_t			 used;		/* bytes handed out */
	size_t			 limit;
	size_t			 block_size;	/* of the next block */
	jmp_buf			*fail;		/* longjmp here when full */
};

/* An empty arena handing out at most limit bytes; the first block is
 * first_block bytes (rounded up to a minimum), later ones grow. */
void	 arena_init(struct arena *a, size_t limit, size_t first_block);
/* size bytes aligned for any type, or NULL (or a longjmp to *a->fail with
 * the value 1) when that would pass the limit. */
void	*arena_alloc(struct arena *a, size_t size);
/* Give back p when it is the latest piece handed out (a temporary buffer
 * freed at once); otherwise nothing: the memory goes with the arena. */
void	 arena_free(struct arena *a, void *p);
/* Everything back to the system; the arena is empty and usable again. */
void	 arena_release(struct arena *a);

/* What a gumbo parse of len bytes may take (measured: 5 to 10 bytes a
 * byte of page, with the copy gumbo reads; the limit allows for four
 * times ARENA_GUMBO_K), and the arena's first block, about what a parse
 * takes. */
#define ARENA_GUMBO_K			20
#define ARENA_GUMBO_LIMIT(len)		((size_t)(len) * 2 * ARENA_GUMBO_K + \
					    (1u << 20))
#define ARENA_GUMBO_GUESS(len)		((size_t)(len) * ARENA_GUMBO_K)

/*
 * gumbo's parse with its nodes in an arena: no malloc or free per node,
 * and no walk of the tree to free it (arena_release frees it); long runs
 * of plain text are kept out of gumbo's tokenizer and put back into the
 * tree's text nodes: the same tree at a third of the time
 * (arena-gumbo.c).  The arena
 * (initialised here) is limited to ARENA_GUMBO_LIMIT(len) bytes: a page
 * that needs more is given up, not parsed on.  Returns the tree (valid
 * until arena_release), or NULL when the arena ran out (the arena is then
 * released already).
 */
struct GumboInternalOutput;
struct GumboInternalOutput *arena_gumbo_parse(struct arena *a,
		     const char *html, size_t len);

#endif
