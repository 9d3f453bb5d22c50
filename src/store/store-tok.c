/*
 * store: the search index's words, found before the write.  Tokenizing is
 * about 40% of an FTS5 insert.  So the thread that helps the indexing
 * writer (store-index.c) splits each item's text into words with its own
 * unicode61 tokenizer, and the writing connection replays them.
 *
 * Every store connection registers a tokenizer under the name unicode61
 * that hands text to the real unicode61, except a prepared word list:
 * a per-process random marker, then the words, each ended by 0x01 (which
 * unicode61 never puts in a word).  Text from a feed cannot carry the
 * marker.  Words are folded already (lower case, no diacritics), so a
 * word list read as plain text gives the very same words: a connection
 * without the replaying tokenizer (another program) would still index
 * them right, after the marker's own words.
 */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/random.h>

#include "store/store-int.h"

#define SEP	'\x01'

static char		 marker[40];
static size_t		 marker_len;
static pthread_once_t	 marker_once = PTHREAD_ONCE_INIT;

static void
make_marker(void)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char r[16];
	size_t i;

	if (getrandom(r, sizeof r, 0) != (ssize_t)sizeof r) {
		uint64_t x = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32) ^
		    (uint64_t)(uintptr_t)&r;

		for (i = 0; i < sizeof r; i++) {
			x = x * 6364136223846793005ULL + 1442695040888963407ULL;
			r[i] = (unsigned char)(x >> 56);
		}
	}
	marker[0] = '\x02';
	for (i = 0; i < sizeof r; i++) {
		marker[1 + 2 * i] = hex[r[i] >> 4];
		marker[2 + 2 * i] = hex[r[i] & 15];
	}
	marker[1 + 2 * sizeof r] = '\x03';
	marker_len = 2 + 2 * sizeof r;
}

static fts5_api *
fts5_api_of(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	return api != NULL && api->iVersion >= 2 ? api : NULL;
}

/* --- The replaying tokenizer (writing connections) ------------------ */

struct wrap {
	fts5_tokenizer	 real;
	void		*real_ctx;
};

struct winst {
	struct wrap	*w;
	Fts5Tokenizer	*inst;
};

static int
w_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out)
{
	struct wrap *w = ctx;
	struct winst *i = calloc(1, sizeof *i);
	int rc;

	if (i == NULL)
		return SQLITE_NOMEM;
	i->w = w;
	if ((rc = w->real.xCreate(w->real_ctx, argv, argc, &i->inst)) != SQLITE_OK) {
		free(i);
		return rc;
	}
	*out = (Fts5Tokenizer *)i;
	return SQLITE_OK;
}

static void
w_delete(Fts5Tokenizer *t)
{
	struct winst *i = (struct winst *)t;

	i->w->real.xDelete(i->inst);
	free(i);
}

static int
w_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int len,
    int (*token)(void *, int, const char *, int, int, int))
{
	struct winst *i = (struct winst *)t;
	const char *p, *q, *end;
	int rc = SQLITE_OK;

	if (len < (int)marker_len || memcmp(text, marker, marker_len) != 0)
		return i->w->real.xTokenize(i->inst, ctx, flags, text, len, token);
	end = text + len;
	for (p = text + marker_len; p < end && rc == SQLITE_OK; p = q + 1) {
		if ((q = memchr(p, SEP, (size_t)(end - p))) == NULL)
			q = end;
		if (q > p)
			rc = token(ctx, 0, p, (int)(q - p), (int)(p - text),
			    (int)(q - text));
	}
	return rc;
}

int
store_tok_register(sqlite3 *db)
{
	static fts5_tokenizer wrapper = { w_create, w_delete, w_tokenize };
	fts5_api *api;
	struct wrap *w;

	pthread_once(&marker_once, make_marker);
	if ((api = fts5_api_of(db)) == NULL || (w = calloc(1, sizeof *w)) == NULL)
		return -1;
	if (api->xFindTokenizer(api, "unicode61", &w->real_ctx, &w->real) !=
	    SQLITE_OK || api->xCreateTokenizer(api, "unicode61", w, &wrapper,
	    free) != SQLITE_OK) {
		free(w);
		return -1;
	}
	return 0;
}

/* --- Splitting (any thread) ------------------------------------------ */

/* This thread's own unicode61, from a private in-memory connection. */
static _Thread_local struct {
	sqlite3		*db;
	fts5_tokenizer	 tok;
	Fts5Tokenizer	*inst;
	int		 failed;
} tl;

static int
tl_init(void)
{
	static const char *argv[] = { "remove_diacritics", "2" };
	fts5_api *api;
	void *ctx;

	if (tl.inst != NULL)
		return 0;
	if (tl.failed)
		return -1;
	tl.failed = 1;
	if (sqlite3_open_v2(":memory:", &tl.db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
	    (api = fts5_api_of(tl.db)) == NULL ||
	    api->xFindTokenizer(api, "unicode61", &ctx, &tl.tok) != SQLITE_OK ||
	    tl.tok.xCreate(ctx, argv, 2, &tl.inst) != SQLITE_OK) {
		store_tok_release();
		tl.failed = 1;
		return -1;
	}
	tl.failed = 0;
	return 0;
}

static int
add_word(void *ctx, int flags, const char *word, int len, int start, int end)
{
	struct buf *b = ctx;

	(void)start;
	(void)end;
	if (flags & FTS5_TOKEN_COLOCATED)	/* unicode61 makes none */
		return SQLITE_OK;
	/* Once per word of every article: no call unless it must grow. */
	if (b->len + (size_t)len + 2 > b->cap)
		buf_grow(b, (size_t)len + 1);
	memcpy(b->data + b->len, word, (size_t)len);
	b->len += (size_t)len;
	b->data[b->len++] = SEP;
	return SQLITE_OK;
}

void
store_tok_split(struct buf *text)
{
	struct buf words = BUF_INIT;

	if (text->len == 0 || text->len > INT32_MAX || tl_init() != 0)
		return;
	pthread_once(&marker_once, make_marker);
	buf_grow(&words, text->len + marker_len);
	buf_add(&words, marker, marker_len);
	if (tl.tok.xTokenize(tl.inst, &words, FTS5_TOKENIZE_DOCUMENT, text->data,
	    (int)text->len, add_word) != SQLITE_OK) {
		buf_free(&words);
		return;
	}
	words.data[words.len] = '\0';
	buf_free(text);
	*text = words;
}

void
store_tok_release(void)
{
	if (tl.inst != NULL)
		tl.tok.xDelete(tl.inst);
	if (tl.db != NULL)
		sqlite3_close(tl.db);
	memset(&tl, 0, sizeof tl);
}
