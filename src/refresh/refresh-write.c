/*
 * refresh: the store's side of a run.  Feeds are written into one shared
 * transaction, each in its own part; the side file's writes (body hashes,
 * politeness) are committed just after the store's, never before.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "refresh/refresh-run.h"
#include "util/i18n.h"

/* The feeds of a refresh share transactions (each feed one part of it,
 * store_part_begin): one commit every BATCH_SECONDS or BATCH_MAX feeds
 * writes each index page once, where a commit per feed rewrote hundreds
 * (a cold refresh of 500 feeds wrote 1.2 GB into the WAL for a 90 MB
 * store).  A crash loses at most that much: the feeds' validators and
 * body hashes go with their items, so they are fetched again. */
#define BATCH_MAX	256
#define BATCH_SECONDS	1.0

/* A store error that is not one feed's: said on stderr by --refresh,
 * kept quiet under the UI (whose screen stderr would scribble on). */
void
run_warn(struct run *run, char *err)
{
	if (!run->background)
		log_warn("%s", err);
	free(err);
}

/* The shared transaction is gone (rolled back after an error): so are
 * the feeds written into it since the last commit.  Their body hashes are
 * forgotten, so the next refresh fetches and stores them again. */
static void
batch_lost(struct run *run)
{
	if (run->batch_parts > 0)
		run_warn(run, xasprintf(P_("%s: the store rolled back the last "
		    "%d feed after an error; the next refresh fetches it again",
		    "%s: the store rolled back the last %d feeds after an error; "
		    "the next refresh fetches them again",
		    (unsigned long)run->batch_parts), store_path(run->store),
		    run->batch_parts));
	rstate_discard(run->st);
	/* They were counted as stored: they failed. */
	run->sum->updated -= run->batch_updated <= run->sum->updated ?
	    run->batch_updated : run->sum->updated;
	run->sum->unchanged -= run->batch_unchanged <= run->sum->unchanged ?
	    run->batch_unchanged : run->sum->unchanged;
	run->sum->failed += (size_t)run->batch_parts;
	run->sum->new_items -= run->batch_new;
	run->batch_open = 0;
	run->batch_writes = 0;
	run->batch_parts = run->batch_new = 0;
	run->batch_updated = run->batch_unchanged = 0;
}

void
run_batch_end(struct run *run)
{
	char *err = NULL;

	if (!run->batch_open)
		return;
	if (!store_in_transaction(run->store)) {
		batch_lost(run);
		return;
	}
	if (store_commit(run->store, &err) != 0) {
		run_warn(run, err);
		store_rollback(run->store);
		batch_lost(run);
		return;
	}
	run->batch_open = 0;
	run->batch_writes = 0;
	run->batch_parts = run->batch_new = 0;
	run->batch_updated = run->batch_unchanged = 0;
	/* The side file's writes go with them (never before: a body's hash
	 * must not be remembered when its items were not stored). */
	if (rstate_flush(run->st, &err) != 0) {
		run_warn(run, err);
	}
}

/* Open the shared transaction if it is not open (after committing it
 * when it has been open long enough).  0, or -1: the error in *errp, or
 * said when errp is NULL. */
static int
batch_begin_err(struct run *run, char **errp)
{
	char *err = NULL;

	if (run->batch_open && !store_in_transaction(run->store))
		batch_lost(run);
	if (run->batch_open && (run->batch_writes >= BATCH_MAX ||
	    time_monotonic() - run->batch_start >= BATCH_SECONDS))
		run_batch_end(run);
	if (!run->batch_open) {
		if (store_begin(run->store, &err) != 0) {
			if (errp != NULL)
				*errp = err;
			else
				run_warn(run, err);
			return -1;
		}
		run->batch_open = 1;
		run->batch_start = time_monotonic();
	}
	run->batch_writes++;
	return 0;
}

int
run_batch_begin(struct run *run)
{
	return batch_begin_err(run, NULL);
}

/* A feed's own part of the shared transaction: its items, meta and
 * validators stand or fall together. */
static int
part_begin(struct job *j, char **err)
{
	struct run *run = j->run;

	if (batch_begin_err(run, err) != 0)
		return -1;
	if (store_part_begin(run->store, err) != 0)
		return -1;
	run->holder = j;
	j->in_tx = 1;
	return 0;
}

/* The full-text pages write inside the bookkeeping transaction, never
 * inside a feed's own. */
int
run_ft_begin(void *ctx)
{
	struct run *run = ctx;

	if (run->holder != NULL)
		return -1;
	return run_batch_begin(run);
}

/* The holder's transaction ends (commit done, or roll back now); the jobs
 * that waited for the store go on. */
void
job_release_store(struct job *j, int rollback)
{
	struct run *run = j->run;

	if (!j->in_tx)
		return;
	if (rollback) {
		store_part_end(run->store, 0, NULL);
		j->new_items = j->changed = 0;
		ft_list_clear(&j->ft);
	}
	j->in_tx = 0;
	run->holder = NULL;
}

int
job_upsert(struct job *j, const struct item *item, struct store_prep *prep)
{
	enum store_change ch;
	int64_t id;
	int rc;

	if (prep != NULL)
		rc = store_item_upsert_prep(j->run->store, j->feed_id, prep, &ch,
		    &id, &j->store_err);
	else
		rc = store_item_upsert(j->run->store, j->feed_id, item, &ch, &id,
		    &j->store_err);
	if (rc != 0)
		return -1;
	if (ch == STORE_NEW && j->want_ft)
		ft_list_add(&j->ft, id, item->link,
		    strncmp(j->sub->url, "file://", 7) == 0);
	if (ch == STORE_NEW)
		j->new_items++;
	else if (ch == STORE_UPDATED)
		j->changed++;
	return 0;
}

/* Too many items held: take the store and write them as they come. */
void
job_take_store(struct job *j)
{
	char *err = NULL;
	size_t i;

	if (run_batch_begin(j->run) != 0)
		return;
	if (part_begin(j, &err) != 0) {
		free(err);
		return;
	}
	for (i = 0; i < j->nitems; i++)
		if (j->store_err == NULL)
			job_upsert(j, j->items[i], j->preps != NULL ? j->preps[i] : NULL);
	job_free_items(j);
}

/* Bookkeeping for a fetch that stored no items. */
void
job_record(struct job *j, long status, const char *error, const struct fetch_result *r)
{
	struct store_fetch_result sr;
	char *err = NULL;

	run_batch_begin(j->run);
	memset(&sr, 0, sizeof sr);
	sr.time = time_now();
	sr.http_status = (int)status;
	sr.error = error;
	if (error == NULL && r != NULL) {
		sr.etag = r->etag;
		sr.last_modified = r->last_modified;
	}
	if (store_feed_set_fetch_result(j->run->store, j->feed_id, &sr, &err) != 0)
		run_warn(j->run, err);
	rstate_put(j->run->st, j->sub->url, &j->fs);
}

/* The items of a feed in one transaction.  0, or -1 with *err. */
int
job_store_items(struct job *j, const struct fetch_result *r, char **err)
{
	struct store *s = j->run->store;
	struct store_fetch_result sr;
	const struct feed *feed = parser_feed(j->parser);
	size_t i;

	if (j->store_err != NULL) {
		*err = j->store_err;
		j->store_err = NULL;
		job_release_store(j, 1);
		return -1;
	}
	if (!j->in_tx && part_begin(j, err) != 0)
		return -1;
	if (feed != NULL && store_feed_set_meta(s, j->feed_id, feed, err) != 0)
		goto fail;
	for (i = 0; i < j->nitems; i++)
		if (job_upsert(j, j->items[i], j->preps != NULL ? j->preps[i] : NULL) != 0) {
			*err = j->store_err;
			j->store_err = NULL;
			goto fail;
		}
	memset(&sr, 0, sizeof sr);
	sr.time = time_now();
	sr.http_status = (int)r->status;
	sr.etag = r->etag != NULL ? r->etag : "";
	sr.last_modified = r->last_modified != NULL ? r->last_modified : "";
	if (store_feed_set_fetch_result(s, j->feed_id, &sr, err) != 0)
		goto fail;
	if (store_part_end(s, 1, err) != 0) {
		j->in_tx = 0;
		j->run->holder = NULL;
		j->new_items = j->changed = 0;
		return -1;
	}
	job_release_store(j, 0);
	j->run->batch_parts++;
	j->run->batch_new += j->new_items;
	if (j->new_items + j->changed > 0)
		j->run->batch_updated++;
	else
		j->run->batch_unchanged++;
	return 0;
fail:
	job_release_store(j, 1);
	j->new_items = j->changed = 0;
	return -1;
}
