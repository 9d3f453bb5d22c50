/*
 * The urls file: the subscriptions, in newsboat's format.  One feed a
 * line: the URL, then its tags separated by blanks; a tag in double quotes
 * may hold blanks; a tag "~Title" is the feed's own title; a tag starting
 * with "!" hides the feed; '#' starts a comment.  URLs are http://,
 * https://, file://, exec:COMMAND, filter:COMMAND:URL and query: lines
 * (newsboat's virtual feeds, kept but never fetched).  Anything else is an
 * error naming file:line.  Also OPML import and export, folders <-> tags.
 */
#ifndef DATELINE_URLS_H
#define DATELINE_URLS_H

#include <stddef.h>
#include <stdint.h>

#include "util/util.h"

enum url_kind {
	URL_HTTP,	/* http:// and https:// */
	URL_FILE,	/* file:// */
	URL_EXEC,	/* exec:COMMAND */
	URL_FILTER,	/* filter:COMMAND:URL */
	URL_QUERY,	/* query:NAME:EXPRESSION (never fetched) */
};

struct url_entry {
	char		 *url;
	enum url_kind	  kind;
	char		 *title;	/* "~Title" without the ~, or NULL */
	char		**tags;		/* without the title; "!x" tags kept */
	size_t		  ntags;
	int		  hidden;	/* a tag starting with '!' */
	unsigned	  line;		/* in the file; 0 when added */
};

struct urls {
	struct url_entry *v;
	size_t		  n;
};

/* $XDG_CONFIG_HOME/dateline/urls (or ~/.config/…); malloc'd. */
char	*urls_default_path(void);
/* Parse the text of a urls file; name is used in errors ("FILE:LINE:
 * what is wrong").  Appends to *u. */
int	 urls_parse(struct urls *u, const char *text, size_t len,
	     const char *name, char **err);
/* Read a file.  A missing file is an error unless create is set: then a
 * file with a short, commented list of public news feeds is written and
 * *created is set to 1. */
int	 urls_load(struct urls *u, const char *path, int create, int *created,
	     char **err);
/* Write u to path atomically (temporary file + rename), quoting what
 * needs it. */
int	 urls_save(const struct urls *u, const char *path, char **err);
/* Append the entries of add to the file at path (created when missing),
 * leaving the lines already there untouched. */
int	 urls_append(const struct urls *add, const char *path, char **err);
/* What a urls file looked like on disk when it was read, to notice that
 * somebody changed it since. */
struct urls_stamp {
	int		 valid;		/* 0: the file was not there */
	uint64_t	 dev;
	uint64_t	 ino;
	int64_t		 size;
	int64_t		 mtime_sec;
	long		 mtime_nsec;
};
/* Take the stamp of path (valid = 0 when it cannot be read). */
void	 urls_stamp_get(const char *path, struct urls_stamp *st);
/* Put new_url in place of old_url on every line that subscribes to
 * old_url, and change nothing else: tags, titles, comments, blank lines,
 * order, line ends, every other byte stay.  The file is replaced
 * atomically (temporary file in the same directory, fsync, rename; a
 * symbolic link is followed; the file's mode is kept).  Refused, with
 * *err saying why and the file untouched, when the file differs from
 * stamp (changed since it was read), is read-only, no longer holds
 * old_url, already holds new_url, or either URL is not http(s)://.
 * On success *stamp is the new file's, for the next rewrite.  check_only:
 * every check, nothing written (0 when the rewrite would be tried). */
int	 urls_rewrite_url(const char *path, struct urls_stamp *stamp,
	     const char *old_url, const char *new_url, int check_only,
	     char **err);
/* Serialise one entry as a urls line (no newline). */
void	 urls_format_entry(struct buf *b, const struct url_entry *e);
/* Add a feed unless its URL is already there (then merge the tags and
 * keep the existing title).  Returns 1 when added, 0 when merged. */
int	 urls_add(struct urls *u, const char *url, const char *title,
	     const char *const *tags, size_t ntags);
const struct url_entry *urls_find(const struct urls *u, const char *url);
void	 urls_free(struct urls *u);

/* The text of a new urls file (comments and a few feeds). */
const char *urls_default_text(void);

/* OPML 1.0/2.0.  Import: every outline with an xmlUrl is a feed; the
 * titles of the outlines around it (folders) become its tags; a
 * "category" attribute ("/a/b,c") adds tags too.  Returns the number of
 * feeds found, or -1 with *err. */
int	 opml_import(struct urls *u, const char *text, size_t len,
	     const char *name, int *added, char **err);
/* Export: one folder per tag (a feed with two tags appears in both, as
 * newsboat's readers expect), untagged feeds at the top level; every
 * feed's tags are also kept in a category attribute so that an import
 * restores them exactly. */
void	 opml_export(const struct urls *u, struct buf *out);

#endif
