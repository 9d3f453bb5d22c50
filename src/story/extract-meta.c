/*
 * extract: what a page says about itself.  <meta> tags (Open Graph,
 * article:*, author), <title>, <link rel=canonical>, <base>, and JSON-LD
 * scripts holding a NewsArticle or any other Article (also inside @graph,
 * mainEntity, arrays, and with arrays of types).
 */
#include "config.h"

#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parse/parse.h"
#include "story/extract-int.h"
#include "util/util.h"

static char *
clean(const char *s, size_t len)
{
	struct buf b = BUF_INIT;
	char *t;
	size_t i, n;

	if (len > EXTRACT_MAX_FIELD)
		len = EXTRACT_MAX_FIELD;
	t = utf8_sanitise(s, len, SANITISE_TAB_TO_SPACE | SANITISE_KEEP_NEWLINE);
	/* trim */
	for (i = 0; t[i] == ' ' || t[i] == '\n'; i++)
		;
	n = strlen(t + i);
	while (n > 0 && (t[i + n - 1] == ' ' || t[i + n - 1] == '\n'))
		n--;
	buf_add(&b, t + i, n);
	free(t);
	if (b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

/* Keep the first value seen. */
static void
set_once(char **field, const char *value)
{
	if (*field == NULL && value != NULL)
		*field = clean(value, strlen(value));
}

static void
read_meta_tag(const GumboNode *n, struct extract_meta *m)
{
	const char *key = extract_attr(n, "property"), *content;
	int64_t t;

	if (key == NULL)
		key = extract_attr(n, "name");
	if (key == NULL)
		key = extract_attr(n, "itemprop");
	content = extract_attr(n, "content");
	if (key == NULL || content == NULL || *content == '\0')
		return;
	if (strcasecmp(key, "og:title") == 0)
		set_once(&m->og_title, content);
	else if (strcasecmp(key, "og:type") == 0)
		set_once(&m->og_type, content);
	else if (strcasecmp(key, "og:image") == 0 ||
	    strcasecmp(key, "og:image:url") == 0 ||
	    strcasecmp(key, "og:image:secure_url") == 0)
		set_once(&m->og_image, content);
	else if (strcasecmp(key, "og:image:alt") == 0)
		set_once(&m->og_image_alt, content);
	else if (strcasecmp(key, "og:url") == 0)
		set_once(&m->og_url, content);
	else if (strcasecmp(key, "og:site_name") == 0)
		set_once(&m->site_name, content);
	else if (strcasecmp(key, "author") == 0 ||
	    strcasecmp(key, "article:author") == 0 ||
	    strcasecmp(key, "byl") == 0 || strcasecmp(key, "dc.creator") == 0) {
		/* article:author is often a profile URL: not a name */
		if (strncasecmp(content, "http", 4) != 0)
			set_once(&m->author, content);
	} else if (strcasecmp(key, "article:published_time") == 0 ||
	    strcasecmp(key, "datePublished") == 0 ||
	    strcasecmp(key, "pubdate") == 0 || strcasecmp(key, "date") == 0 ||
	    strcasecmp(key, "dc.date") == 0 ||
	    strcasecmp(key, "dc.date.issued") == 0) {
		if (m->published == DL_TIME_NONE &&
		    (t = parse_date(content)) != DL_TIME_NONE)
			m->published = t;
	}
}

static const char *
json_str(json_object *o, const char *key)
{
	json_object *v;

	if (!json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

static int
is_article_type(const char *t)
{
	static const char *const types[] = {
		"BlogPosting", "LiveBlogPosting", "Report", "SocialMediaPosting",
	};
	const char *slash = strrchr(t, '/'), *colon = strrchr(t, ':');
	size_t len, i;

	if (slash != NULL && (colon == NULL || slash > colon))
		t = slash + 1;
	else if (colon != NULL)
		t = colon + 1;
	len = strlen(t);
	if (len >= 7 && strcmp(t + len - 7, "Article") == 0)
		return 1;
	for (i = 0; i < DL_ARRAY_LEN(types); i++)
		if (strcmp(t, types[i]) == 0)
			return 1;
	return 0;
}

static int
has_article_type(json_object *o)
{
	json_object *t;
	size_t i, n;

	if (!json_object_object_get_ex(o, "@type", &t))
		return 0;
	if (json_object_is_type(t, json_type_string))
		return is_article_type(json_object_get_string(t));
	if (!json_object_is_type(t, json_type_array))
		return 0;
	n = json_object_array_length(t);
	for (i = 0; i < n && i < 16; i++) {
		json_object *e = json_object_array_get_idx(t, i);

		if (json_object_is_type(e, json_type_string) &&
		    is_article_type(json_object_get_string(e)))
			return 1;
	}
	return 0;
}

static json_object *
find_article(json_object *o, int depth)
{
	json_object *v, *found;
	size_t i, n;

	if (o == NULL || depth > EXTRACT_MAX_JSON_DEPTH)
		return NULL;
	if (json_object_is_type(o, json_type_array)) {
		n = json_object_array_length(o);
		for (i = 0; i < n && i < 256; i++)
			if ((found = find_article(json_object_array_get_idx(o, i),
			    depth + 1)) != NULL)
				return found;
		return NULL;
	}
	if (!json_object_is_type(o, json_type_object))
		return NULL;
	if (has_article_type(o))
		return o;
	if (json_object_object_get_ex(o, "@graph", &v) &&
	    (found = find_article(v, depth + 1)) != NULL)
		return found;
	if (json_object_object_get_ex(o, "mainEntity", &v) &&
	    (found = find_article(v, depth + 1)) != NULL)
		return found;
	return NULL;
}

/* One author: a string or an object with a name. */
static const char *
author_name(json_object *a)
{
	if (json_object_is_type(a, json_type_string))
		return json_object_get_string(a);
	if (json_object_is_type(a, json_type_object))
		return json_str(a, "name");
	return NULL;
}

static char *
author_names(json_object *a)
{
	const char *names[16];
	struct buf b = BUF_INIT;
	size_t n = 0, i, len;

	if (json_object_is_type(a, json_type_array)) {
		len = json_object_array_length(a);
		for (i = 0; i < len && n < DL_ARRAY_LEN(names); i++) {
			const char *s = author_name(json_object_array_get_idx(a, i));

			if (s != NULL && *s != '\0' && strncmp(s, "http", 4) != 0)
				names[n++] = s;
		}
	} else {
		const char *s = author_name(a);

		if (s != NULL && *s != '\0' && strncmp(s, "http", 4) != 0)
			names[n++] = s;
	}
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_adds(&b, i == n - 1 ? " and " : ", ");
		buf_adds(&b, names[i]);
	}
	if (b.len == 0)
		return NULL;
	char *s = clean(b.data, b.len);
	buf_free(&b);
	return s;
}

static void
read_image(json_object *img, struct extract_meta *m, int depth)
{
	if (img == NULL || depth > 2)
		return;
	if (json_object_is_type(img, json_type_string))
		set_once(&m->ld_image, json_object_get_string(img));
	else if (json_object_is_type(img, json_type_array)) {
		if (json_object_array_length(img) > 0)
			read_image(json_object_array_get_idx(img, 0), m, depth + 1);
	} else if (json_object_is_type(img, json_type_object)) {
		const char *url = json_str(img, "url");

		set_once(&m->ld_image, url ? url : json_str(img, "contentUrl"));
		set_once(&m->ld_caption, json_str(img, "caption"));
		set_once(&m->ld_caption, json_str(img, "description"));
	}
}

static void
read_article(json_object *a, struct extract_meta *m)
{
	json_object *v;
	const char *s;
	int64_t t;

	m->ld_article = 1;
	set_once(&m->ld_headline, json_str(a, "headline"));
	set_once(&m->ld_headline, json_str(a, "name"));
	if ((s = json_str(a, "datePublished")) != NULL &&
	    m->ld_published == DL_TIME_NONE &&
	    (t = parse_date(s)) != DL_TIME_NONE)
		m->ld_published = t;
	if (m->ld_author == NULL && json_object_object_get_ex(a, "author", &v))
		m->ld_author = author_names(v);
	if (m->ld_body == NULL && (s = json_str(a, "articleBody")) != NULL)
		m->ld_body = clean(s, strlen(s));
	if (json_object_object_get_ex(a, "image", &v))
		read_image(v, m, 0);
	if (json_object_object_get_ex(a, "publisher", &v) &&
	    json_object_is_type(v, json_type_object))
		set_once(&m->ld_site_name, json_str(v, "name"));
}

static void
read_jsonld(const char *s, size_t len, struct extract_meta *m)
{
	json_tokener *tok;
	json_object *o, *a;

	if (len == 0 || len > EXTRACT_MAX_PAGE)
		return;
	if ((tok = json_tokener_new_ex(EXTRACT_MAX_JSON_DEPTH)) == NULL)
		return;
	o = json_tokener_parse_ex(tok, s, (int)len);
	if (o != NULL && json_tokener_get_error(tok) == json_tokener_success &&
	    (a = find_article(o, 0)) != NULL && !m->ld_article)
		read_article(a, m);
	json_object_put(o);
	json_tokener_free(tok);
}

/* A byline element marked up for machines: <a rel="author">, an element
 * with itemprop="author" (its text, when short enough to be names). */
static void
read_page_author(const GumboNode *n, struct extract_meta *m)
{
	const char *rel = extract_attr(n, "rel"), *prop = extract_attr(n, "itemprop");
	struct buf b = BUF_INIT;
	const char *s;

	if (!extract_has_token(rel, "author") && !extract_has_token(prop, "author"))
		return;
	extract_node_text(n, &b);
	s = extract_skip_by(buf_str(&b));
	if (*s != '\0' && strlen(s) <= 100 && strncasecmp(s, "http", 4) != 0)
		m->page_author = clean(s, strlen(s));
	buf_free(&b);
}

static const char *const byline_names[] = { "byline", "author", NULL };
static const char *const not_byline[] = {
	"comment", "bio", "about", "avatar", "box", "photo", "image", NULL,
};
static const char *const comment_names[] = { "comment", "disqus", NULL };

/* A short byline-named element anywhere in the page: a last resort for
 * the byline (class="byline", "author-name"; not an author's box). */
static void
read_page_byline(const GumboNode *n, struct extract_meta *m)
{
	char *s;
	size_t words = 0;
	const char *p;

	if (!extract_class_has(n, byline_names) || extract_class_has(n, not_byline))
		return;
	if ((s = extract_byline_of(n)) == NULL)
		return;
	for (p = s; *p != '\0'; p++)
		words += *p == ' ';
	if (words < 10 && strncasecmp(s, "http", 4) != 0)
		m->page_byline = s;
	else
		free(s);
}

/* Comments and their authors' names: no byline in there. */
static int
is_comments(const GumboNode *n)
{
	switch (n->v.element.tag) {
	case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION: case GUMBO_TAG_OL:
	case GUMBO_TAG_UL: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FOOTER:
		return extract_class_has(n, comment_names);
	default:
		return 0;
	}
}

static void
read_element(const GumboNode *n, struct extract_meta *m, int *njsonld,
    int in_comments)
{
	const GumboElement *e = &n->v.element;
	const char *v, *rel;

	switch (e->tag) {
	case GUMBO_TAG_META:
		read_meta_tag(n, m);
		break;
	case GUMBO_TAG_TITLE:
		if (m->doc_title == NULL) {
			struct buf b = BUF_INIT;

			extract_node_text(n, &b);
			m->doc_title = clean(buf_str(&b), b.len);
			buf_free(&b);
		}
		break;
	case GUMBO_TAG_LINK:
		rel = extract_attr(n, "rel");
		if (rel != NULL && strcasecmp(rel, "canonical") == 0)
			set_once(&m->canonical, extract_attr(n, "href"));
		break;
	case GUMBO_TAG_BASE:
		set_once(&m->base_href, extract_attr(n, "href"));
		break;
	case GUMBO_TAG_A: case GUMBO_TAG_SPAN: case GUMBO_TAG_DIV:
	case GUMBO_TAG_P: case GUMBO_TAG_ADDRESS:
		if (m->page_author == NULL)
			read_page_author(n, m);
		if (m->page_byline == NULL && !in_comments)
			read_page_byline(n, m);
		break;
	case GUMBO_TAG_INPUT:
		v = extract_attr(n, "type");
		if (v != NULL && strcasecmp(v, "password") == 0)
			m->has_password = 1;
		break;
	case GUMBO_TAG_SCRIPT:
		v = extract_attr(n, "type");
		if (v != NULL && strstr(v, "ld+json") != NULL &&
		    (*njsonld)++ < EXTRACT_MAX_JSONLD && e->children.length > 0) {
			const GumboNode *t = e->children.data[0];

			if (t->type == GUMBO_NODE_TEXT)
				read_jsonld(t->v.text.text, strlen(t->v.text.text), m);
		}
		break;
	default:
		break;
	}
}

void
extract_meta_read(GumboNode *root, struct extract_meta *m)
{
	const GumboNode *stack[EXTRACT_MAX_DEPTH];
	size_t next[EXTRACT_MAX_DEPTH];
	int depth = 0, njsonld = 0, comments = -1;

	memset(m, 0, sizeof *m);
	m->published = m->ld_published = DL_TIME_NONE;
	if (root == NULL || root->type != GUMBO_NODE_ELEMENT)
		return;
	stack[0] = root;
	next[0] = 0;
	read_element(root, m, &njsonld, 0);
	while (depth >= 0) {
		const GumboVector *kids = &stack[depth]->v.element.children;
		const GumboNode *c;

		if (next[depth] >= kids->length) {
			if (depth-- == comments)
				comments = -1;
			continue;
		}
		c = kids->data[next[depth]++];
		if (c->type != GUMBO_NODE_ELEMENT && c->type != GUMBO_NODE_TEMPLATE)
			continue;
		if (comments < 0 && m->page_byline == NULL && is_comments(c))
			comments = depth + 1;
		read_element(c, m, &njsonld, comments >= 0);
		if (depth + 1 < EXTRACT_MAX_DEPTH && c->v.element.children.length > 0) {
			stack[++depth] = c;
			next[depth] = 0;
		} else if (comments == depth + 1)
			comments = -1;
	}
}

void
extract_meta_free(struct extract_meta *m)
{
	free(m->doc_title);
	free(m->og_title);
	free(m->og_type);
	free(m->og_image);
	free(m->og_image_alt);
	free(m->og_url);
	free(m->canonical);
	free(m->base_href);
	free(m->site_name);
	free(m->author);
	free(m->page_author);
	free(m->page_byline);
	free(m->ld_headline);
	free(m->ld_author);
	free(m->ld_body);
	free(m->ld_image);
	free(m->ld_caption);
	free(m->ld_site_name);
	memset(m, 0, sizeof *m);
}
