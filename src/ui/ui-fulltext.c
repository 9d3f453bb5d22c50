/*
 * The `f` key: fetch the page behind a story and keep its article text,
 * in a worker thread with its own store connection so the reader stays
 * responsive.  The worker reports through a pipe the main loop polls.
 */
#include "config.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "refresh/refresh.h"
#include "story/extract.h"
#include "ui/ui-int.h"
#include "util/i18n.h"
#include "util/util.h"

struct ui_fulltext {
	pthread_t	 thread;
	int		 pipe[2];
	char		*store_path;
	char		*url;
	int64_t		 id;
	char		*error;		/* set by the worker */
};

static void *
worker(void *arg)
{
	struct ui_fulltext *ft = arg;
	struct extract_result r;
	struct store *st = NULL;
	char *err = NULL;

	memset(&r, 0, sizeof r);
	/* the page and the article's next pages, when it has some */
	if (fulltext_fetch_article(ft->url, NULL, &r, &err) != 0)
		goto out;
	if ((st = store_open(ft->store_path, STORE_NOCREATE, &err)) == NULL)
		goto out;
	store_item_set_fulltext(st, ft->id, r.html, &err);
out:
	ft->error = err;
	store_close(st);
	extract_result_free(&r);
	/* wake the main loop; a full pipe cannot happen with one byte */
	(void)!write(ft->pipe[1], "x", 1);
	return NULL;
}

int
ui_fulltext_start(struct ui *ui, int64_t id, const char *url)
{
	struct ui_fulltext *ft;

	if (ui->fulltext != NULL) {
		ui_status(ui, 0, "%s", _("A full text is already being fetched."));
		return -1;
	}
	if (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0) {
		ui_status(ui, 1, "%s", _("This story's link is not a web page."));
		return -1;
	}
	ft = xcalloc(1, sizeof *ft);
	if (pipe(ft->pipe) != 0) {
		free(ft);
		ui_status(ui, 1, "%s", _("Cannot start the full-text fetch."));
		return -1;
	}
	fcntl(ft->pipe[0], F_SETFL, O_NONBLOCK);
	ft->store_path = xstrdup(store_path(ui->store));
	ft->url = xstrdup(url);
	ft->id = id;
	if (pthread_create(&ft->thread, NULL, worker, ft) != 0) {
		close(ft->pipe[0]);
		close(ft->pipe[1]);
		free(ft->store_path);
		free(ft->url);
		free(ft);
		ui_status(ui, 1, "%s", _("Cannot start the full-text fetch."));
		return -1;
	}
	ui->fulltext = ft;
	ui_status(ui, 0, "%s", _("Fetching the full article..."));
	return 0;
}

int
ui_fulltext_fd(const struct ui *ui)
{
	return ui->fulltext ? ui->fulltext->pipe[0] : -1;
}

static void
finish(struct ui *ui)
{
	struct ui_fulltext *ft = ui->fulltext;

	pthread_join(ft->thread, NULL);
	close(ft->pipe[0]);
	close(ft->pipe[1]);
	ui->fulltext = NULL;
	if (ft->error != NULL)
		ui_status(ui, 1, "%s", ft->error);
	else {
		ui_status(ui, 0, "%s", _("Full article stored."));
		/* show it when its story is still open */
		if (ui->view == VIEW_STORY && ui->story.item != NULL &&
		    ui->story.item->id == ft->id)
			ui_story_open(ui, ft->id);
	}
	free(ft->error);
	free(ft->store_path);
	free(ft->url);
	free(ft);
}

void
ui_fulltext_poll(struct ui *ui)
{
	char c;

	if (ui->fulltext != NULL && read(ui->fulltext->pipe[0], &c, 1) == 1)
		finish(ui);
}

void
ui_fulltext_stop(struct ui *ui)
{
	if (ui->fulltext != NULL)
		finish(ui);	/* waits for the page's time limits at worst */
}
