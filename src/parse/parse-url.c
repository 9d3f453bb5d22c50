/*
 * URL references resolved against a base, as RFC 3986 section 5 says:
 * enough for xml:base and a feed's own URL.  No percent-decoding, no
 * normalisation beyond removing dot segments.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "parse/parse-int.h"

struct uri {
	const char	*scheme, *auth, *path, *query, *frag;
	size_t		 nscheme, nauth, npath, nquery, nfrag;
	int		 has_auth, has_query, has_frag;
};

static void
uri_split(const char *s, struct uri *u)
{
	const char *p = s, *e;

	memset(u, 0, sizeof *u);
	for (e = s; isalnum((unsigned char)*e) || *e == '+' || *e == '-' || *e == '.'; e++)
		;
	if (e > s && *e == ':' && isalpha((unsigned char)*s)) {
		u->scheme = s;
		u->nscheme = (size_t)(e - s);
		p = e + 1;
	}
	if (p[0] == '/' && p[1] == '/') {
		p += 2;
		u->has_auth = 1;
		u->auth = p;
		u->nauth = strcspn(p, "/?#");
		p += u->nauth;
	}
	u->path = p;
	u->npath = strcspn(p, "?#");
	p += u->npath;
	if (*p == '?') {
		u->has_query = 1;
		u->query = ++p;
		u->nquery = strcspn(p, "#");
		p += u->nquery;
	}
	if (*p == '#') {
		u->has_frag = 1;
		u->frag = ++p;
		u->nfrag = strlen(p);
	}
}

/* RFC 3986 5.2.4: remove "." and ".." segments from in, appending to out. */
static void
remove_dots(struct buf *out, const char *in, size_t len)
{
	char *w = xstrndup(in, len), *s, *slash;
	size_t start = out->len, i = 0, seg, left;

	while (i < len) {
		s = w + i;
		left = len - i;
		if (left >= 3 && memcmp(s, "../", 3) == 0)
			i += 3;
		else if (left >= 2 && memcmp(s, "./", 2) == 0)
			i += 2;
		else if (left >= 3 && memcmp(s, "/./", 3) == 0)
			i += 2;
		else if (left == 2 && memcmp(s, "/.", 2) == 0)
			w[++i] = '/';
		else if ((left >= 4 && memcmp(s, "/../", 4) == 0) ||
		    (left == 3 && memcmp(s, "/..", 3) == 0)) {
			if (left >= 4)
				i += 3;
			else
				w[i += 2] = '/';
			buf_addc(out, '\0');	/* data is allocated and terminated */
			buf_truncate(out, out->len - 1);
			slash = strrchr(out->data + start, '/');
			buf_truncate(out, slash ? (size_t)(slash - out->data) : start);
		} else if ((left == 1 && *s == '.') ||
		    (left == 2 && memcmp(s, "..", 2) == 0)) {
			i += left;
		} else {
			seg = *s == '/' ? 1 : 0;
			while (seg < left && s[seg] != '/')
				seg++;
			buf_add(out, s, seg);
			i += seg;
		}
	}
	free(w);
}

static void
add_part(struct buf *b, const char *pre, const char *s, size_t n)
{
	buf_adds(b, pre);
	buf_add(b, s, n);
}

char *
parse_url_resolve(const char *base, const char *ref)
{
	struct uri b, r;
	struct buf out = BUF_INIT, merged = BUF_INIT;
	const char *slash;

	while (*ref == ' ' || *ref == '\t' || *ref == '\n' || *ref == '\r')
		ref++;
	if (base == NULL || *base == '\0')
		return xstrdup(ref);
	uri_split(base, &b);
	uri_split(ref, &r);
	if (b.scheme == NULL)
		return xstrdup(ref);
	if (r.scheme != NULL) {
		add_part(&out, "", r.scheme, r.nscheme);
		buf_addc(&out, ':');
		if (r.has_auth)
			add_part(&out, "//", r.auth, r.nauth);
		remove_dots(&out, r.path, r.npath);
	} else {
		add_part(&out, "", b.scheme, b.nscheme);
		buf_addc(&out, ':');
		if (r.has_auth) {
			add_part(&out, "//", r.auth, r.nauth);
			remove_dots(&out, r.path, r.npath);
		} else {
			if (b.has_auth)
				add_part(&out, "//", b.auth, b.nauth);
			if (r.npath == 0) {
				buf_add(&out, b.path, b.npath);
				if (!r.has_query && b.has_query)
					add_part(&out, "?", b.query, b.nquery);
			} else if (r.path[0] == '/') {
				remove_dots(&out, r.path, r.npath);
			} else {
				if (b.has_auth && b.npath == 0)
					buf_addc(&merged, '/');
				else {
					slash = NULL;
					for (size_t i = 0; i < b.npath; i++)
						if (b.path[i] == '/')
							slash = b.path + i;
					if (slash != NULL)
						buf_add(&merged, b.path, (size_t)(slash - b.path) + 1);
				}
				buf_add(&merged, r.path, r.npath);
				remove_dots(&out, merged.data, merged.len);
			}
		}
	}
	if (r.has_query)
		add_part(&out, "?", r.query, r.nquery);
	if (r.has_frag)
		add_part(&out, "#", r.frag, r.nfrag);
	buf_free(&merged);
	buf_addc(&out, '\0');
	out.len--;
	return buf_detach(&out);
}
