/* store: what the store's own files share (not for other modules). */
#ifndef DATELINE_STORE_INT_H
#define DATELINE_STORE_INT_H

#include <sqlite3.h>

#include "store/store.h"
#include "util/util.h"

/* Prepared statements are kept for the life of the handle, one slot each. */
enum store_slot {
	SLOT_FEED_ENSURE_INS,
	SLOT_FEED_ENSURE_SEL,
	SLOT_FEED_FIND,
	SLOT_FEED_LIST,
	SLOT_FEED_SET_META,
	SLOT_FEED_RENAME,
	SLOT_FEED_TAGS,
	SLOT_FEED_SET_URL,
	SLOT_FEED_HTTP_GET,
	SLOT_FEED_FETCH_OK,
	SLOT_FEED_FETCH_FAIL,
	SLOT_ITEM_LOOKUP,
	SLOT_ITEM_INSERT,
	SLOT_ITEM_UPDATE,
	SLOT_ITEM_TEXT,
	SLOT_ITEM_GET,
	SLOT_ITEM_UNREAD,
	SLOT_ITEM_FLAGGED,
	SLOT_ITEM_FULLTEXT,
	SLOT_ITEM_DELETE,
	SLOT_FTS_INSERT,
	SLOT_FTS_DELETE,
	SLOT_GONE_LOOKUP,
	SLOT_GONE_INSERT,
	SLOT_GONE_TOUCH,
	SLOT_DATA_VERSION,
	SLOT_TODO_ADD,
	SLOT_TODO_DEL,
	SLOT_TODO_COUNT,
	SLOT_TODO_NEXT,
	SLOT_TODO_DONE,
	SLOT_TODO_ANY,
	SLOT_COUNT
};

struct store {
	sqlite3		*db;
	char		*path;
	int		 readonly;
	int		 in_tx;		/* inside store_begin() */
	sqlite3_stmt	*slot[SLOT_COUNT];
	int		 in_part;	/* inside store_part_begin() */
};

/* The statement in `slot`, prepared from sql on first use; NULL with *err
 * set on failure.  Reset it (store_done) before returning to the caller. */
sqlite3_stmt	*store_stmt(struct store *s, enum store_slot slot, const char *sql,
		     char **err);
/* Set *err from the connection's last error: "FILE: what: message" and a
 * hint for the errors a user can act on (full disk, damage).  Returns -1. */
int		 store_fail(struct store *s, char **err, const char *what);
/* Step a statement that returns no rows, reset it; 0 or -1. */
int		 store_run(struct store *s, sqlite3_stmt *st, char **err, const char *what);
/* Reset a statement (releases its read snapshot). */
void		 store_done(sqlite3_stmt *st);
/* Wait about a quarter of a second for another writer (briefly 1), or
 * the usual minute (0). */
void		 store_wait_briefly(struct store *s, int briefly);
/* Run SQL text with no rows and no parameters. */
int		 store_exec(struct store *s, const char *sql, char **err, const char *what);
/* Begin a write transaction unless the caller has one open (*own set
 * when this call began it), and its matching end: commit on rc 0, roll
 * back otherwise; returns rc or -1 when the commit fails. */
int		 store_tx_enter(struct store *s, int *own, char **err);
int		 store_tx_leave(struct store *s, int own, int rc, char **err);

/* Column text as a new string ("" for NULL). */
char		*store_col_str(sqlite3_stmt *st, int col);
/* Bind "" as NULL (saves space), other text as is. */
int		 store_bind_opt(sqlite3_stmt *st, int col, const char *text);
int		 store_bind_time(sqlite3_stmt *st, int col, int64_t t);
int64_t		 store_col_time(sqlite3_stmt *st, int col);
/* Article HTML (summary, content, full text): bound deflated when long,
 * read back as text (store-zip.c).  NULL and "" are bound as NULL. */
int		 store_bind_body(sqlite3_stmt *st, int col, const char *text);
/* store_bind_body in two steps, the first without a connection (any
 * thread): text compressed into z (z->data NULL: bind the text as it is);
 * then bound, z's buffer handed to SQLite.  text must live until the
 * statement has run. */
struct store_zipped {
	unsigned char	*data;
	size_t		 len;
};
void		 store_zip(const char *text, struct store_zipped *z);
int		 store_bind_zipped(sqlite3_stmt *st, int col, const char *text,
		     struct store_zipped *z);
char		*store_col_body(sqlite3_stmt *st, int col);
/* store-tok.c: the index's words split on a helper thread and
 * replayed by the writing connection's tokenizer (registered by
 * store_tok_register on every connection before the index is used).
 * store_tok_split turns text into the word list in place (left as it is
 * when it cannot). */
int		 store_tok_register(sqlite3 *db);
void		 store_tok_split(struct buf *text);
void		 store_tok_release(void);
/* Free this thread's compression contexts (made again when needed). */
void		 store_zip_release(void);

/* The searchable text of an item: its body (fulltext, else content, and
 * summary) as plain text, with photo captions.  store-text.c. */
void		 store_html_text(struct buf *out, const char *html, size_t max);

/* Index / unindex one item in the FTS table, from its stored values. */
/* An item made ready for the store without a connection (store-item.c). */
struct store_prep {
	const struct item	*it;
	int64_t			 ident;
	int64_t			 chash;
	struct buf		 cat, enc, med;	/* the encoded lists */
	struct store_zipped	 summary, content;
};

struct store_fts_row {
	const char	*title;
	const char	*author;
	const char	*summary;
	const char	*content;
	const char	*fulltext;
	const char	*media;		/* encoded (store-item.c) */
};
int		 store_fts_change(struct store *s, int64_t id,
		     const struct store_fts_row *row, int add, char **err);
/* The search path's first step: index what waits (store_index_update),
 * unless another writer holds the store (then it waits a quarter of a
 * second at most and leaves it; store-index.c). */
int		 store_index_catch_up(struct store *s, char **err);
/* The index's text of a row (title and author are indexed as they are). */
void		 store_fts_text(struct buf *body, const struct store_fts_row *row);
/* Add (add 1) or remove an index row now. */
int		 store_fts_write(struct store *s, int64_t id, const char *title,
		     const char *author, const char *body, int add, char **err);
/* An item's indexed columns, with a statement prepared from
 * STORE_FTS_READ_SQL on any connection: 1 and *row filled (free it with
 * store_fts_row_free), 0 when there is no such item, -1 on error. */
#define STORE_FTS_READ_SQL "SELECT title, author, summary, content, fulltext, " \
	"media FROM items WHERE id = ?1"
int		 store_fts_read(sqlite3_stmt *st, int64_t id, struct store_fts_row *row);
void		 store_fts_row_free(struct store_fts_row *row);
/* Read an item's indexed columns and add it to / remove it from the index. */
int		 store_fts_stored(struct store *s, int64_t id, int add, char **err);

/* store-index.c: search_todo holds the items whose text is not in the
 * index yet.  later: the item's (new) text is to be indexed; drop: its
 * stored text leaves the index (or the todo list), before the row changes
 * or is deleted. */
int		 store_index_later(struct store *s, int64_t id, char **err);
int		 store_index_drop(struct store *s, int64_t id, char **err);

/* Schema creation and migrations (store-schema.c). */
int		 store_migrate(struct store *s, int from, char **err);

#endif
