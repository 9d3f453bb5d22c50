/* Helpers shared by the store's unit tests: a fresh store in a temporary
 * directory and items built from a few fields. */
#ifndef TEST_STORE_UTIL_H
#define TEST_STORE_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parse/parse.h"
#include "store/store.h"
#include "util/util.h"

struct tstore {
	char		 dir[64];
	char		*path;
	struct store	*s;
};

static inline void
tstore_open(struct tstore *t)
{
	char *err = NULL;

	strcpy(t->dir, "/tmp/dl-store-test.XXXXXX");
	if (mkdtemp(t->dir) == NULL)
		abort();
	t->path = xasprintf("%s/sub/dir/cache.db", t->dir);
	t->s = store_open(t->path, 0, &err);
	if (t->s == NULL) {
		fprintf(stderr, "store_open: %s\n", err);
		abort();
	}
}

static inline void
tstore_close(struct tstore *t)
{
	char *cmd;

	store_close(t->s);
	t->s = NULL;
	cmd = xasprintf("%s/sub/dir", t->dir);
	/* Remove the files the test made, then the directories. */
	{
		const char *suffix[] = { "", "-wal", "-shm" };
		size_t i;

		for (i = 0; i < 3; i++) {
			char *f = xasprintf("%s%s", t->path, suffix[i]);
			unlink(f);
			free(f);
		}
	}
	rmdir(cmd);
	free(cmd);
	cmd = xasprintf("%s/sub", t->dir);
	rmdir(cmd);
	free(cmd);
	rmdir(t->dir);
	free(t->path);
}

/* An item with every string set ("" when not given). */
static inline struct item
titem(const char *guid, const char *link, const char *title, const char *content,
    int64_t published)
{
	struct item it;

	memset(&it, 0, sizeof it);
	it.guid = (char *)(guid != NULL ? guid : "");
	it.link = (char *)(link != NULL ? link : "");
	it.title = (char *)(title != NULL ? title : "");
	it.author = (char *)"";
	it.summary = (char *)"";
	it.content = (char *)(content != NULL ? content : "");
	it.published = published;
	it.updated = DL_TIME_NONE;
	return it;
}

#endif
