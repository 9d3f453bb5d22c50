/*
 * config: OPML import and export.  Folders become tags on import and tags
 * become folders on export; a category attribute carries every tag too,
 * so nothing is lost either way.
 */
#include "config.h"

#include <expat.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "config/urls.h"
#include "util/i18n.h"
#include "util/util.h"

#define OPML_MAX_DEPTH	64
#define OPML_MAX_BYTES	(32u * 1024 * 1024)

struct opml_ctx {
	struct urls	*u;
	XML_Parser	 xp;
	char		*folders[OPML_MAX_DEPTH];	/* NULL: not a folder */
	int		 depth;		/* open outlines */
	int		 overflow;	/* outlines past the limit */
	int		 found;
	int		 added;
	int		 in_body;
	int		 saw_opml;
};

static const char *
attr(const char **atts, const char *name)
{
	for (; atts[0] != NULL; atts += 2)
		if (strcasecmp(atts[0], name) == 0)
			return atts[1];
	return NULL;
}

static char *
clean(const char *s)
{
	char *c = utf8_sanitise(s, strlen(s), SANITISE_TAB_TO_SPACE);
	char *p = c, *q;

	/* Trim blanks at both ends. */
	while (*p == ' ')
		p++;
	q = p + strlen(p);
	while (q > p && q[-1] == ' ')
		*--q = '\0';
	memmove(c, p, strlen(p) + 1);
	return c;
}

static void
add_categories(const char *cat, char ***tags, size_t *ntags)
{
	const char *p = cat, *e;
	char *one, *t;

	while (*p != '\0') {
		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		one = xstrndup(p, (size_t)(e - p));
		t = clean(one);
		free(one);
		if (*t == '/')
			memmove(t, t + 1, strlen(t));
		if (*t != '\0' && *ntags < 256) {
			*tags = xreallocarray(*tags, *ntags + 1, sizeof **tags);
			(*tags)[(*ntags)++] = t;
		} else
			free(t);
		p = *e == ',' ? e + 1 : e;
	}
}

static void
on_outline(struct opml_ctx *c, const char **atts)
{
	const char *url = attr(atts, "xmlUrl"), *cat = attr(atts, "category");
	const char *name = attr(atts, "title");
	char **tags = NULL, *u;
	size_t ntags = 0, i;
	int ok = 1;

	if (name == NULL || *name == '\0')
		name = attr(atts, "text");
	if (url == NULL || *url == '\0') {
		/* A folder: its name is a tag of every feed inside. */
		c->folders[c->depth] = name != NULL && *name != '\0' ?
		    clean(name) : NULL;
		return;
	}
	c->folders[c->depth] = NULL;
	u = clean(url);
	if (strncasecmp(u, "http://", 7) != 0 && strncasecmp(u, "https://", 8) != 0 &&
	    strncasecmp(u, "file://", 7) != 0 && strncasecmp(u, "exec:", 5) != 0 &&
	    strncasecmp(u, "filter:", 7) != 0)
		ok = 0;
	if (strchr(u, ' ') != NULL && strncasecmp(u, "exec:", 5) != 0 &&
	    strncasecmp(u, "filter:", 7) != 0)
		ok = 0;
	if (!ok) {
		free(u);
		return;
	}
	for (i = 0; i < (size_t)c->depth; i++)
		if (c->folders[i] != NULL && ntags < 256) {
			tags = xreallocarray(tags, ntags + 1, sizeof *tags);
			tags[ntags++] = xstrdup(c->folders[i]);
		}
	if (cat != NULL)
		add_categories(cat, &tags, &ntags);
	c->found++;
	c->added += urls_add(c->u, u, NULL, (const char *const *)tags, ntags);
	for (i = 0; i < ntags; i++)
		free(tags[i]);
	free(tags);
	free(u);
}

static void XMLCALL
on_start(void *arg, const char *el, const char **atts)
{
	struct opml_ctx *c = arg;

	if (strcasecmp(el, "opml") == 0)
		c->saw_opml = 1;
	else if (strcasecmp(el, "body") == 0)
		c->in_body = 1;
	if (strcasecmp(el, "outline") != 0 || !c->in_body)
		return;
	if (c->depth >= OPML_MAX_DEPTH) {
		c->overflow++;
		return;
	}
	on_outline(c, atts);
	c->depth++;
}

static void XMLCALL
on_end(void *arg, const char *el)
{
	struct opml_ctx *c = arg;

	if (strcasecmp(el, "body") == 0)
		c->in_body = 0;
	if (strcasecmp(el, "outline") != 0 || (c->depth == 0 && c->overflow == 0))
		return;
	if (c->overflow > 0) {
		c->overflow--;
		return;
	}
	c->depth--;
	free(c->folders[c->depth]);
	c->folders[c->depth] = NULL;
}

/* No DTDs and no entities from outside: an OPML file needs none. */
static int XMLCALL
on_external(XML_Parser p, const XML_Char *ctx, const XML_Char *base,
    const XML_Char *sys, const XML_Char *pub)
{
	(void)p; (void)ctx; (void)base; (void)sys; (void)pub;
	return XML_STATUS_ERROR;
}

int
opml_import(struct urls *u, const char *text, size_t len, const char *name,
    int *added, char **err)
{
	struct opml_ctx c;
	int rc = -1;

	memset(&c, 0, sizeof c);
	c.u = u;
	if (len > OPML_MAX_BYTES) {
		*err = xasprintf(_("%s: larger than %u MB"), name,
		    OPML_MAX_BYTES / (1024 * 1024));
		return -1;
	}
	c.xp = XML_ParserCreate(NULL);
	if (c.xp == NULL) {
		*err = xstrdup(_("expat could not start"));
		return -1;
	}
	XML_SetUserData(c.xp, &c);
	XML_SetElementHandler(c.xp, on_start, on_end);
	XML_SetExternalEntityRefHandler(c.xp, on_external);
	XML_SetParamEntityParsing(c.xp, XML_PARAM_ENTITY_PARSING_NEVER);
	if (XML_Parse(c.xp, text, (int)len, 1) == XML_STATUS_ERROR) {
		*err = xasprintf(_("%s:%lu:%lu: %s"), name,
		    (unsigned long)XML_GetCurrentLineNumber(c.xp),
		    (unsigned long)XML_GetCurrentColumnNumber(c.xp) + 1,
		    XML_ErrorString(XML_GetErrorCode(c.xp)));
		goto out;
	}
	if (!c.saw_opml) {
		*err = xasprintf(_("%s: not an OPML file (no <opml> element)"), name);
		goto out;
	}
	if (added != NULL)
		*added = c.added;
	rc = c.found;
out:
	while (c.depth > 0) {
		c.depth--;
		free(c.folders[c.depth]);
	}
	XML_ParserFree(c.xp);
	return rc;
}

static void
add_xml(struct buf *b, const char *s)
{
	char *c = utf8_sanitise(s, strlen(s), 0), *p;

	for (p = c; *p != '\0'; p++) {
		switch (*p) {
		case '&': buf_adds(b, "&amp;"); break;
		case '<': buf_adds(b, "&lt;"); break;
		case '>': buf_adds(b, "&gt;"); break;
		case '"': buf_adds(b, "&quot;"); break;
		default: buf_addc(b, *p); break;
		}
	}
	free(c);
}

static void
add_feed(struct buf *b, const struct url_entry *e, const char *indent)
{
	const char *title = e->title != NULL ? e->title : e->url;
	size_t i;

	buf_printf(b, "%s<outline type=\"rss\" text=\"", indent);
	add_xml(b, title);
	buf_adds(b, "\" title=\"");
	add_xml(b, title);
	buf_adds(b, "\" xmlUrl=\"");
	add_xml(b, e->url);
	buf_addc(b, '"');
	if (e->ntags > 0) {
		buf_adds(b, " category=\"");
		for (i = 0; i < e->ntags; i++) {
			if (i > 0)
				buf_addc(b, ',');
			add_xml(b, e->tags[i]);
		}
		buf_addc(b, '"');
	}
	buf_adds(b, "/>\n");
}

void
opml_export(const struct urls *u, struct buf *out)
{
	char **seen = NULL, date[64];
	size_t nseen = 0, i, j, k;
	time_t now = time(NULL);
	struct tm tm;
	int dup;

	gmtime_r(&now, &tm);
	strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &tm);
	buf_adds(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<opml version=\"2.0\">\n<head>\n"
	    "  <title>dateline subscriptions</title>\n");
	buf_printf(out, "  <dateCreated>%s</dateCreated>\n</head>\n<body>\n", date);
	for (i = 0; i < u->n; i++)
		if (u->v[i].kind != URL_QUERY && u->v[i].ntags == 0)
			add_feed(out, &u->v[i], "  ");
	/* One folder per tag, in the order tags first appear. */
	for (i = 0; i < u->n; i++) {
		if (u->v[i].kind == URL_QUERY)
			continue;
		for (j = 0; j < u->v[i].ntags; j++) {
			const char *tag = u->v[i].tags[j];

			for (dup = 0, k = 0; k < nseen; k++)
				if (strcmp(seen[k], tag) == 0)
					dup = 1;
			if (dup)
				continue;
			seen = xreallocarray(seen, nseen + 1, sizeof *seen);
			seen[nseen++] = (char *)tag;
			buf_adds(out, "  <outline text=\"");
			add_xml(out, tag);
			buf_adds(out, "\" title=\"");
			add_xml(out, tag);
			buf_adds(out, "\">\n");
			for (k = i; k < u->n; k++) {
				const struct url_entry *e = &u->v[k];
				size_t m;

				if (e->kind == URL_QUERY)
					continue;
				for (m = 0; m < e->ntags; m++)
					if (strcmp(e->tags[m], tag) == 0) {
						add_feed(out, e, "    ");
						break;
					}
			}
			buf_adds(out, "  </outline>\n");
		}
	}
	free(seen);
	buf_adds(out, "</body>\n</opml>\n");
}
