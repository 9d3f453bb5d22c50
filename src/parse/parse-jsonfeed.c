/*
 * JSON Feed 1.0 and 1.1 through json-c (Debian's libjson-c: small, kept
 * up, with an incremental tokener, and the same library writes the
 * --parse output).  A JSON document is one value, so it is read whole
 * (up to PARSE_MAX_JSON bytes) and its items are delivered at the end.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "parse/parse-int.h"

static const char *
jstr(json_object *o, const char *key)
{
	json_object *v;

	if (o == NULL || !json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

static json_object *
jget(json_object *o, const char *key, enum json_type type)
{
	json_object *v;

	if (o == NULL || !json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, type))
		return NULL;
	return v;
}

static void
set_plain(char **dst, const char *s)
{
	if (s == NULL || **dst != '\0')
		return;
	free(*dst);
	*dst = text_collapse(s, text_utf8_cut(s, strlen(s), PARSE_MAX_SMALL));
}

static void
set_html(struct parser *p, char **dst, const char *s, int escape)
{
	struct buf b = BUF_INIT;
	size_t len;

	if (s == NULL || **dst != '\0')
		return;
	len = text_utf8_cut(s, strlen(s), p->max_field);
	if (escape)
		text_escape_html(&b, s, len, 0);
	else
		buf_add(&b, s, len);
	free(*dst);
	*dst = utf8_sanitise(buf_str(&b), b.len, SANITISE_KEEP_NEWLINE | SANITISE_KEEP_TAB);
	buf_free(&b);
}

static void
set_url(struct parser *p, char **dst, const char *s)
{
	if (s == NULL || **dst != '\0')
		return;
	free(*dst);
	*dst = xml_resolve(p, s);
}

/* 1.1 "authors": [{name}], 1.0 "author": {name}. */
static void
authors(char **dst, json_object *o)
{
	json_object *list = jget(o, "authors", json_type_array), *a;
	struct buf b = BUF_INIT;
	size_t i, n = list ? json_object_array_length(list) : 0;
	const char *name;

	for (i = 0; i < n && i < PARSE_MAX_LIST; i++) {
		a = json_object_array_get_idx(list, i);
		if ((name = jstr(a, "name")) == NULL || *name == '\0')
			continue;
		if (b.len > 0)
			buf_adds(&b, ", ");
		buf_adds(&b, name);
	}
	if (b.len == 0 && (name = jstr(jget(o, "author", json_type_object), "name")) != NULL)
		buf_adds(&b, name);
	if (b.len > 0)
		set_plain(dst, b.data);
	buf_free(&b);
}

static void
item(struct parser *p, json_object *o)
{
	struct item *it = &p->item;
	json_object *v, *list;
	size_t i, n;
	const char *s;
	char *c;

	parse_item_begin(p);
	if ((v = jget(o, "id", json_type_string)) != NULL ||
	    (v = jget(o, "id", json_type_int)) != NULL)
		set_plain(&it->guid, json_object_get_string(v));
	set_url(p, &it->link, jstr(o, "url"));
	set_url(p, &it->link, jstr(o, "external_url"));
	set_plain(&it->title, jstr(o, "title"));
	set_html(p, &it->content, jstr(o, "content_html"), 0);
	p->rebase_pending = 1;	/* its URLs, against the item's at the end */
	set_html(p, &it->content, jstr(o, "content_text"), 1);
	set_html(p, &it->summary, jstr(o, "summary"), 1);
	it->published = parse_date(jstr(o, "date_published"));
	it->updated = parse_date(jstr(o, "date_modified"));
	authors(&it->author, o);
	if (*it->author == '\0')
		parse_set_str(&it->author, p->feed.author);
	list = jget(o, "tags", json_type_array);
	n = list ? json_object_array_length(list) : 0;
	for (i = 0; i < n; i++) {
		v = json_object_array_get_idx(list, i);
		if (json_object_is_type(v, json_type_string)) {
			s = json_object_get_string(v);
			c = text_collapse(s, text_utf8_cut(s, strlen(s), PARSE_MAX_SMALL));
			parse_add_category(p, it, c);
			free(c);
		}
	}
	list = jget(o, "attachments", json_type_array);
	n = list ? json_object_array_length(list) : 0;
	for (i = 0; i < n; i++) {
		char len[32] = "";

		v = json_object_array_get_idx(list, i);
		if (jget(v, "size_in_bytes", json_type_int) != NULL)
			snprintf(len, sizeof len, "%lld", (long long)
			    json_object_get_int64(jget(v, "size_in_bytes", json_type_int)));
		parse_add_enclosure(p, jstr(v, "url"), jstr(v, "mime_type"),
		    *len ? len : NULL);
	}
	parse_add_media(p, jstr(o, "image"), "image", NULL, NULL);
	parse_add_media(p, jstr(o, "banner_image"), "image", NULL, NULL);
	parse_item_end(p);
}

static void
walk(struct parser *p, json_object *root)
{
	const char *version = jstr(root, "version");
	json_object *items;
	size_t i, n;

	if (version == NULL || strncmp(version, "https://jsonfeed.org/version/", 29) != 0) {
		parse_fail(p, _("not a feed: JSON without a JSON Feed \"version\""));
		return;
	}
	parse_set_format(p, FEED_JSONFEED);
	set_plain(&p->feed.title, jstr(root, "title"));
	set_url(p, &p->feed.link, jstr(root, "home_page_url"));
	set_plain(&p->feed.description, jstr(root, "description"));
	set_plain(&p->feed.language, jstr(root, "language"));
	authors(&p->feed.author, root);
	items = jget(root, "items", json_type_array);
	n = items ? json_object_array_length(items) : 0;
	for (i = 0; i < n && !p->stopped; i++) {
		json_object *o = json_object_array_get_idx(items, i);

		if (json_object_is_type(o, json_type_object))
			item(p, o);
	}
}

void
jsonfeed_push(struct parser *p, const char *s, size_t len)
{
	struct json_tokener *tok;
	enum json_tokener_error jerr;
	json_object *obj;

	if (p->json_root != NULL || p->failed)
		return;		/* text after the value is ignored */
	if (p->tok == NULL && (p->tok = json_tokener_new_ex(64)) == NULL) {
		parse_fail(p, _("cannot create a JSON parser"));
		return;
	}
	tok = p->tok;
	if ((p->json_len += len) > PARSE_MAX_JSON) {
		parse_fail(p, _("a JSON Feed larger than %u bytes"), PARSE_MAX_JSON);
		return;
	}
	obj = json_tokener_parse_ex(tok, s, (int)len);
	jerr = json_tokener_get_error(tok);
	if (obj != NULL)
		p->json_root = obj;
	else if (jerr != json_tokener_continue)
		parse_fail(p, _("JSON, byte %zu: %s"), json_tokener_get_parse_end(tok) +
		    p->json_len - len, json_tokener_error_desc(jerr));
}

void
jsonfeed_finish(struct parser *p)
{
	if (p->failed)
		return;
	if (p->json_root == NULL) {
		parse_fail(p, _("JSON: the document ends too early"));
		return;
	}
	if (!json_object_is_type(p->json_root, json_type_object)) {
		parse_fail(p, _("not a feed: JSON that is not an object"));
		return;
	}
	walk(p, p->json_root);
}

void
jsonfeed_free(struct parser *p)
{
	if (p->tok != NULL)
		json_tokener_free(p->tok);
	p->tok = NULL;
	if (p->json_root != NULL)
		json_object_put(p->json_root);
	p->json_root = NULL;
}
