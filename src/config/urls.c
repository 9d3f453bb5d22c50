/*
 * config: the urls file (newsboat's format).  Reading, writing one line,
 * appending feeds and the first-run file with a few public news feeds.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/urls.h"
#include "util/i18n.h"
#include "util/util.h"

#define URLS_MAX_FILE	(16u * 1024 * 1024)
#define URLS_MAX_FEEDS	100000
#define URLS_MAX_TAGS	256
#define URLS_MAX_LINE	65536

static const char default_text[] =
"# dateline's subscriptions: one feed a line, the URL and then its tags.\n"
"# A tag in quotes may hold blanks; \"~Name\" gives the feed its own title;\n"
"# lines starting with # are comments.  newsboat's urls files work as they\n"
"# are.  See dateline(5) for exec: and file:// feeds.\n"
"#\n"
"# A few public world news feeds to start with; delete what you do not read.\n"
"https://feeds.bbci.co.uk/news/world/rss.xml world \"~BBC News - World\"\n"
"https://www.aljazeera.com/xml/rss/all.xml world\n"
"https://feeds.npr.org/1004/rss.xml world \"~NPR World\"\n"
"https://www.theguardian.com/world/rss world\n"
"https://rss.dw.com/rdf/rss-en-world world \"~DW World\"\n"
"https://news.un.org/feed/subscribe/en/news/all/rss.xml world \"~UN News\"\n"
"# https://www.france24.com/en/rss world\n";

const char *
urls_default_text(void)
{
	return default_text;
}

char *
urls_default_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	struct stat st;
	char *legacy;

	if (home != NULL && *home != '\0') {
		legacy = xasprintf("%s/.dateline", home);
		if (stat(legacy, &st) == 0 && S_ISDIR(st.st_mode)) {
			char *p = xasprintf("%s/urls", legacy);

			free(legacy);
			return p;
		}
		free(legacy);
	}
	if (xdg != NULL && *xdg == '/')
		return xasprintf("%s/dateline/urls", xdg);
	return xasprintf("%s/.config/dateline/urls",
	    home != NULL && *home != '\0' ? home : ".");
}

static enum url_kind
classify(const char *url, int *ok)
{
	static const struct { const char *prefix; enum url_kind kind; } kinds[] = {
		{ "http://", URL_HTTP }, { "https://", URL_HTTP },
		{ "file://", URL_FILE }, { "exec:", URL_EXEC },
		{ "filter:", URL_FILTER }, { "query:", URL_QUERY },
	};
	size_t i, n;

	for (i = 0; i < DL_ARRAY_LEN(kinds); i++) {
		n = strlen(kinds[i].prefix);
		if (strncasecmp(url, kinds[i].prefix, n) == 0 && url[n] != '\0') {
			*ok = 1;
			return kinds[i].kind;
		}
	}
	*ok = 0;
	return URL_HTTP;
}

static void
entry_free(struct url_entry *e)
{
	size_t i;

	free(e->url);
	free(e->title);
	for (i = 0; i < e->ntags; i++)
		free(e->tags[i]);
	free(e->tags);
}

void
urls_free(struct urls *u)
{
	size_t i;

	for (i = 0; i < u->n; i++)
		entry_free(&u->v[i]);
	free(u->v);
	u->v = NULL;
	u->n = 0;
}

const struct url_entry *
urls_find(const struct urls *u, const char *url)
{
	size_t i;

	for (i = 0; i < u->n; i++)
		if (strcmp(u->v[i].url, url) == 0)
			return &u->v[i];
	return NULL;
}

static int
has_tag(const struct url_entry *e, const char *tag)
{
	size_t i;

	for (i = 0; i < e->ntags; i++)
		if (strcmp(e->tags[i], tag) == 0)
			return 1;
	return 0;
}

static void
add_tag(struct url_entry *e, const char *tag)
{
	if (has_tag(e, tag) || e->ntags >= URLS_MAX_TAGS)
		return;
	e->tags = xreallocarray(e->tags, e->ntags + 1, sizeof *e->tags);
	e->tags[e->ntags++] = xstrdup(tag);
	if (*tag == '!')
		e->hidden = 1;
}

int
urls_add(struct urls *u, const char *url, const char *title,
    const char *const *tags, size_t ntags)
{
	struct url_entry *e = (struct url_entry *)urls_find(u, url);
	size_t i;
	int ok, added = 0;

	if (e == NULL) {
		u->v = xreallocarray(u->v, u->n + 1, sizeof *u->v);
		e = &u->v[u->n++];
		memset(e, 0, sizeof *e);
		e->url = xstrdup(url);
		e->kind = classify(url, &ok);
		if (title != NULL && *title != '\0')
			e->title = xstrdup(title);
		added = 1;
	}
	for (i = 0; i < ntags; i++)
		if (tags[i] != NULL && *tags[i] != '\0')
			add_tag(e, tags[i]);
	return added;
}

/* The next word of a line: quoted ("…" with \" and \\) or up to a blank.
 * Returns 1 with the word in *w, 0 at the end of the line or a comment,
 * -1 for an unterminated quote. */
static int
next_word(const char **pp, const char *end, struct buf *w)
{
	const char *p = *pp;

	buf_reset(w);
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
		p++;
	if (p == end || *p == '#') {
		*pp = end;
		return 0;
	}
	if (*p == '"') {
		for (p++; p < end && *p != '"'; p++) {
			if (*p == '\\' && p + 1 < end &&
			    (p[1] == '"' || p[1] == '\\'))
				p++;
			buf_addc(w, *p);
		}
		if (p == end)
			return -1;
		p++;
	} else
		while (p < end && *p != ' ' && *p != '\t' && *p != '\r')
			buf_addc(w, *p++);
	if (w->data == NULL)
		buf_adds(w, "");
	*pp = p;
	return 1;
}

static int
parse_line(struct urls *u, const char *p, const char *end, const char *name,
    unsigned lineno, char **err)
{
	struct buf w = BUF_INIT;
	struct url_entry *e;
	const char *tag;
	char *clean;
	int r, ok;

	if ((r = next_word(&p, end, &w)) <= 0) {
		buf_free(&w);
		if (r == 0)
			return 0;
		*err = xasprintf(_("%s:%u: a quote is not closed"), name, lineno);
		return -1;
	}
	classify(w.data, &ok);
	if (!ok) {
		clean = utf8_sanitise(w.data, w.len > 80 ? 80 : w.len, 0);
		*err = xasprintf(_("%s:%u: '%s' is not a feed URL (expected "
		    "http://, https://, file://, exec:, filter: or query:)"),
		    name, lineno, clean);
		free(clean);
		buf_free(&w);
		return -1;
	}
	if (u->n >= URLS_MAX_FEEDS) {
		*err = xasprintf(_("%s:%u: more than %d feeds"), name, lineno,
		    URLS_MAX_FEEDS);
		buf_free(&w);
		return -1;
	}
	urls_add(u, w.data, NULL, NULL, 0);
	e = (struct url_entry *)urls_find(u, w.data);
	if (e->line == 0)
		e->line = lineno;
	while ((r = next_word(&p, end, &w)) > 0) {
		tag = w.data;
		if (*tag == '~') {
			if (tag[1] == '\0') {
				*err = xasprintf(_("%s:%u: '~' needs a title after "
				    "it"), name, lineno);
				buf_free(&w);
				return -1;
			}
			free(e->title);
			e->title = xstrdup(tag + 1);
		} else if (*tag != '\0')
			add_tag(e, tag);
	}
	buf_free(&w);
	if (r < 0) {
		*err = xasprintf(_("%s:%u: a quote is not closed"), name, lineno);
		return -1;
	}
	return 0;
}

int
urls_parse(struct urls *u, const char *text, size_t len, const char *name,
    char **err)
{
	const char *p = text, *end = text + len, *nl;
	unsigned lineno = 0;

	while (p < end) {
		lineno++;
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		if (nl - p > URLS_MAX_LINE) {
			*err = xasprintf(_("%s:%u: the line is longer than %d bytes"),
			    name, lineno, URLS_MAX_LINE);
			return -1;
		}
		if (memchr(p, '\0', (size_t)(nl - p)) != NULL) {
			*err = xasprintf(_("%s:%u: a NUL byte (is this a text "
			    "file?)"), name, lineno);
			return -1;
		}
		if (parse_line(u, p, nl, name, lineno, err) != 0)
			return -1;
		p = nl + 1;
	}
	return 0;
}

static int
mkdir_parents(const char *path, char **err)
{
	char *dir = xstrdup(path), *s;
	int rc = 0;

	for (s = dir + 1; *s != '\0'; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			*err = xasprintf("%s: %s", dir, strerror(errno));
			rc = -1;
			break;
		}
		*s = '/';
	}
	free(dir);
	return rc;
}

static int
write_file(const char *path, const char *data, size_t len, char **err)
{
	char *tmp = xasprintf("%s.tmpXXXXXX", path);
	int fd, rc = -1;
	ssize_t n;
	size_t off = 0;

	if (mkdir_parents(path, err) != 0)
		goto out;
	if ((fd = mkstemp(tmp)) < 0) {
		*err = xasprintf("%s: %s", tmp, strerror(errno));
		goto out;
	}
	while (off < len) {
		n = write(fd, data + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*err = xasprintf("%s: %s", path, strerror(errno));
			close(fd);
			unlink(tmp);
			goto out;
		}
		off += (size_t)n;
	}
	fchmod(fd, 0600);
	if (fsync(fd) != 0 || close(fd) != 0 || rename(tmp, path) != 0) {
		*err = xasprintf("%s: %s", path, strerror(errno));
		unlink(tmp);
		goto out;
	}
	rc = 0;
out:
	free(tmp);
	return rc;
}

int
urls_load(struct urls *u, const char *path, int create, int *created,
    char **err)
{
	struct buf text = BUF_INIT;
	char *e = NULL;
	int rc = -1;

	if (created != NULL)
		*created = 0;
	if (create && access(path, F_OK) != 0 && errno == ENOENT) {
		if (write_file(path, default_text, sizeof default_text - 1, err) != 0)
			return -1;
		if (created != NULL)
			*created = 1;
	}
	if (file_read_all(path, URLS_MAX_FILE, &text, &e) != 0) {
		*err = e;
		goto out;
	}
	rc = urls_parse(u, buf_str(&text), text.len, path, err);
out:
	buf_free(&text);
	return rc;
}

static void
add_word(struct buf *b, const char *s)
{
	const char *p;

	if (*s != '\0' && strpbrk(s, " \t\"#\\") == NULL) {
		buf_adds(b, s);
		return;
	}
	buf_addc(b, '"');
	for (p = s; *p != '\0'; p++) {
		if (*p == '\n' || *p == '\r')
			continue;
		if (*p == '"' || *p == '\\')
			buf_addc(b, '\\');
		buf_addc(b, *p);
	}
	buf_addc(b, '"');
}

void
urls_format_entry(struct buf *b, const struct url_entry *e)
{
	char *t;
	size_t i;

	add_word(b, e->url);
	for (i = 0; i < e->ntags; i++) {
		/* A tag that starts with ~ would read back as a title. */
		if (e->tags[i][0] == '~')
			continue;
		buf_addc(b, ' ');
		add_word(b, e->tags[i]);
	}
	if (e->title != NULL) {
		t = xasprintf("~%s", e->title);
		buf_addc(b, ' ');
		add_word(b, t);
		free(t);
	}
}

int
urls_save(const struct urls *u, const char *path, char **err)
{
	struct buf b = BUF_INIT;
	size_t i;
	int rc;

	for (i = 0; i < u->n; i++) {
		urls_format_entry(&b, &u->v[i]);
		buf_addc(&b, '\n');
	}
	rc = write_file(path, buf_str(&b), b.len, err);
	buf_free(&b);
	return rc;
}

int
urls_append(const struct urls *add, const char *path, char **err)
{
	struct buf b = BUF_INIT, old = BUF_INIT;
	char *e = NULL;
	size_t i;
	int rc = -1;

	if (access(path, F_OK) == 0 &&
	    file_read_all(path, URLS_MAX_FILE, &old, &e) != 0) {
		*err = e;
		goto out;
	}
	buf_add(&b, old.data, old.len);
	if (old.len > 0 && old.data[old.len - 1] != '\n')
		buf_addc(&b, '\n');
	for (i = 0; i < add->n; i++) {
		urls_format_entry(&b, &add->v[i]);
		buf_addc(&b, '\n');
	}
	rc = write_file(path, buf_str(&b), b.len, err);
out:
	buf_free(&b);
	buf_free(&old);
	return rc;
}

void
urls_stamp_get(const char *path, struct urls_stamp *st)
{
	struct stat sb;

	memset(st, 0, sizeof *st);
	if (stat(path, &sb) != 0)
		return;
	st->valid = 1;
	st->dev = (uint64_t)sb.st_dev;
	st->ino = (uint64_t)sb.st_ino;
	st->size = (int64_t)sb.st_size;
	st->mtime_sec = (int64_t)sb.st_mtim.tv_sec;
	st->mtime_nsec = sb.st_mtim.tv_nsec;
}

static int
stamp_same(const struct urls_stamp *a, const struct urls_stamp *b)
{
	return a->valid && b->valid && a->dev == b->dev && a->ino == b->ino &&
	    a->size == b->size && a->mtime_sec == b->mtime_sec &&
	    a->mtime_nsec == b->mtime_nsec;
}

/* The text with new_url in place of the first word of every line whose
 * first word is old_url; how many lines changed. */
static int
replace_url(const char *text, size_t len, const char *old_url,
    const char *new_url, struct buf *out)
{
	const char *p = text, *end = text + len, *nl, *ws, *q;
	struct buf w = BUF_INIT;
	int n = 0;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		for (ws = p; ws < nl && (*ws == ' ' || *ws == '\t' ||
		    *ws == '\r'); ws++)
			;
		q = ws;
		if (next_word(&q, nl, &w) == 1 && strcmp(w.data, old_url) == 0) {
			buf_add(out, p, (size_t)(ws - p));
			add_word(out, new_url);
			buf_add(out, q, (size_t)(nl - q));
			n++;
		} else
			buf_add(out, p, (size_t)(nl - p));
		if (nl < end)
			buf_addc(out, '\n');
		p = nl + 1;
	}
	buf_free(&w);
	return n;
}

/* Write data next to path and rename it over path, with path's mode,
 * unless path no longer matches stamp. */
static int
replace_file(const char *path, mode_t mode, struct urls_stamp *stamp,
    const char *data, size_t len, char **err)
{
	struct urls_stamp now, written;
	struct stat sb;
	char *tmp = xasprintf("%s.tmpXXXXXX", path), *dir, *slash;
	size_t off = 0;
	ssize_t n;
	int fd, dfd, rc = -1;

	if ((fd = mkstemp(tmp)) < 0) {
		*err = xasprintf("%s: %s", tmp, strerror(errno));
		free(tmp);
		return -1;
	}
	while (off < len) {
		n = write(fd, data + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		off += (size_t)n;
	}
	if (off < len || fchmod(fd, mode & 07777) != 0 || fsync(fd) != 0 ||
	    fstat(fd, &sb) != 0) {
		*err = xasprintf("%s: %s", tmp, strerror(errno));
		close(fd);
		goto out;
	}
	if (close(fd) != 0) {
		*err = xasprintf("%s: %s", tmp, strerror(errno));
		goto out;
	}
	/* What the file will look like: the caller's next rewrite checks
	 * against it. */
	memset(&written, 0, sizeof written);
	written.valid = 1;
	written.dev = (uint64_t)sb.st_dev;
	written.ino = (uint64_t)sb.st_ino;
	written.size = (int64_t)sb.st_size;
	written.mtime_sec = (int64_t)sb.st_mtim.tv_sec;
	written.mtime_nsec = sb.st_mtim.tv_nsec;
	/* The last look before the rename: an edit since the read wins. */
	urls_stamp_get(path, &now);
	if (!stamp_same(stamp, &now)) {
		*err = xasprintf(_("%s changed on disk since dateline read it"),
		    path);
		goto out;
	}
	if (rename(tmp, path) != 0) {
		*err = xasprintf("%s: %s", path, strerror(errno));
		goto out;
	}
	rc = 0;
	*stamp = written;
	/* The rename itself survives a crash once the directory is synced. */
	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) != NULL) {
		*slash = '\0';
		if ((dfd = open(*dir != '\0' ? dir : "/", O_RDONLY |
		    O_DIRECTORY)) >= 0) {
			fsync(dfd);
			close(dfd);
		}
	}
	free(dir);
out:
	if (rc != 0)
		unlink(tmp);
	free(tmp);
	return rc;
}

int
urls_rewrite_url(const char *path, struct urls_stamp *stamp,
    const char *old_url, const char *new_url, int check_only, char **err)
{
	struct urls u = { NULL, 0 };
	struct urls_stamp before, after;
	struct buf text = BUF_INIT, out = BUF_INIT;
	struct stat sb;
	char *real = NULL, *e = NULL;
	int ok_old, ok_new, rc = -1;

	if (classify(old_url, &ok_old) != URL_HTTP || !ok_old ||
	    classify(new_url, &ok_new) != URL_HTTP || !ok_new) {
		*err = xasprintf(_("%s: only http:// and https:// lines are "
		    "rewritten"), path);
		return -1;
	}
	/* A link is followed: the file it points to is the one to change. */
	if ((real = realpath(path, NULL)) == NULL || stat(real, &sb) != 0) {
		*err = xasprintf("%s: %s", path, strerror(errno));
		goto out;
	}
	if (!(sb.st_mode & S_IWUSR) || access(real, W_OK) != 0) {
		*err = xasprintf(_("%s is read-only"), path);
		goto out;
	}
	urls_stamp_get(real, &before);
	if (stamp == NULL || !stamp_same(stamp, &before)) {
		*err = xasprintf(_("%s changed on disk since dateline read it"),
		    path);
		goto out;
	}
	if (file_read_all(real, URLS_MAX_FILE, &text, &e) != 0) {
		*err = e;
		goto out;
	}
	urls_stamp_get(real, &after);
	if (!stamp_same(stamp, &after)) {
		*err = xasprintf(_("%s changed on disk since dateline read it"),
		    path);
		goto out;
	}
	if (urls_parse(&u, buf_str(&text), text.len, path, err) != 0)
		goto out;
	if (urls_find(&u, new_url) != NULL) {
		*err = xasprintf(_("%s already subscribes to the new address"),
		    path);
		goto out;
	}
	if (urls_find(&u, old_url) == NULL ||
	    replace_url(buf_str(&text), text.len, old_url, new_url, &out) == 0) {
		*err = xasprintf(_("%s no longer subscribes to the old address"),
		    path);
		goto out;
	}
	if (check_only)
		rc = 0;
	else
		rc = replace_file(real, sb.st_mode, stamp, buf_str(&out), out.len,
		    err);
out:
	urls_free(&u);
	buf_free(&text);
	buf_free(&out);
	free(real);
	return rc;
}
