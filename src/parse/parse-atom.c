/*
 * Atom 1.0 and Atom 0.3: feed and entry elements, text constructs
 * (type="text|html|xhtml", and 0.3's mode="escaped|xml"), links by rel,
 * person constructs, categories.  atom:link and friends inside an RSS
 * channel or item are read here too.
 */
#include "config.h"

#include <string.h>

#include "parse/parse-int.h"

/* 2 for an alternate link to a page, 1 for an alternate of another
 * type (a PDF, a video), 0 for any other link. */
static int
alternate_rank(const char **attrs)
{
	const char *rel = xml_attr(attrs, NS_NONE, "rel");
	const char *type = xml_attr(attrs, NS_NONE, "type");

	if (rel != NULL && strcmp(rel, "alternate") != 0)
		return 0;
	return type == NULL || strcmp(type, "text/html") == 0 ||
	    strcmp(type, "application/xhtml+xml") == 0 ? 2 : 1;
}

static enum ctx
link(struct parser *p, const char **attrs)
{
	const char *href = xml_attr(attrs, NS_NONE, "href");
	const char *rel = xml_attr(attrs, NS_NONE, "rel");
	char **dst = p->in_item ? &p->item.link : &p->feed.link;
	int *weak = p->in_item ? &p->item_link_weak : &p->feed_link_weak;
	int rank = alternate_rank(attrs);

	if (href == NULL || *href == '\0')
		return CTX_IGNORE;
	/* A page wins over another type's alternate, whatever the order. */
	if (rank > 0 && (**dst == '\0' || (*weak && rank == 2))) {
		free(*dst);
		*dst = xml_resolve(p, href);
		*weak = rank == 1;
	} else if (p->in_item && rel != NULL && strcmp(rel, "enclosure") == 0)
		parse_add_enclosure(p, href, xml_attr(attrs, NS_NONE, "type"),
		    xml_attr(attrs, NS_NONE, "length"));
	return CTX_IGNORE;
}

static enum ctx
capture(struct parser *p, enum field f, enum textmode mode, int big)
{
	xml_capture(p, f, mode, big ? p->max_field : PARSE_MAX_SMALL);
	return CTX_CAPTURE;
}

static enum ctx
category(struct parser *p, const char **attrs)
{
	const char *label = xml_attr(attrs, NS_NONE, "label");
	const char *term = xml_attr(attrs, NS_NONE, "term");
	const char *s = label != NULL && *label != '\0' ? label : term;
	char *v;

	if (p->in_item && s != NULL) {
		v = text_collapse(s, text_utf8_cut(s, strlen(s), PARSE_MAX_SMALL));
		parse_add_category(p, &p->item, v);
		free(v);
	}
	return CTX_IGNORE;
}

/* Elements both a feed and an entry have. */
static enum ctx
common(struct parser *p, const char *local, const char **attrs)
{
	if (strcmp(local, "title") == 0)
		return capture(p, FLD_TITLE, xml_atom_mode(attrs, 0), 0);
	if (strcmp(local, "link") == 0)
		return link(p, attrs);
	if (strcmp(local, "updated") == 0 || strcmp(local, "modified") == 0)
		return capture(p, FLD_UPDATED, TEXT_RAW, 0);
	if (strcmp(local, "author") == 0)
		return CTX_AUTHOR;
	return CTX_IGNORE;
}

static enum ctx
feed_child(struct parser *p, const char *local, const char **attrs)
{
	if (strcmp(local, "entry") == 0) {
		parse_item_begin(p);
		return CTX_ITEM;
	}
	if (strcmp(local, "subtitle") == 0 || strcmp(local, "tagline") == 0)
		return capture(p, FLD_DESCRIPTION, xml_atom_mode(attrs, 0), 0);
	return common(p, local, attrs);
}

static enum ctx
entry_child(struct parser *p, const char *local, const char **attrs)
{
	/* an http(s) id is the entry's link when it has no other */
	if (strcmp(local, "id") == 0)
		return capture(p, FLD_GUID_PERMALINK, TEXT_RAW, 0);
	if (strcmp(local, "published") == 0 || strcmp(local, "issued") == 0 ||
	    strcmp(local, "created") == 0)
		return capture(p, FLD_PUBLISHED, TEXT_RAW, 0);
	if (strcmp(local, "summary") == 0)
		return capture(p, FLD_DESCRIPTION, xml_atom_mode(attrs, 1), 1);
	if (strcmp(local, "content") == 0) {
		const char *mode = xml_attr(attrs, NS_NONE, "mode");

		if (xml_attr(attrs, NS_NONE, "src") != NULL ||
		    (mode != NULL && strcmp(mode, "base64") == 0))
			return CTX_IGNORE;	/* not inline text */
		return capture(p, FLD_CONTENT, xml_atom_mode(attrs, 1), 1);
	}
	if (strcmp(local, "category") == 0)
		return category(p, attrs);
	if (strcmp(local, "source") == 0)
		return CTX_IGNORE;	/* another feed's metadata */
	return common(p, local, attrs);
}

enum ctx
atom_start(struct parser *p, enum ctx parent, enum ns ns, const char *local,
    const char **attrs)
{
	const char *lang;

	switch (parent) {
	case CTX_DOC:
		if (strcmp(local, "feed") != 0)
			return CTX_IGNORE;
		parse_set_format(p, ns == NS_ATOM03 ? FEED_ATOM03 : FEED_ATOM10);
		if ((lang = xml_attr(attrs, NS_XML, "lang")) != NULL) {
			char *v = text_collapse(lang, text_utf8_cut(lang,
			    strlen(lang), 64));

			parse_set_if_empty(&p->feed.language, v);
			free(v);
		}
		return CTX_CHANNEL;
	case CTX_CHANNEL:
		return feed_child(p, local, attrs);
	case CTX_ITEM:
		return entry_child(p, local, attrs);
	case CTX_AUTHOR:
		if (strcmp(local, "name") == 0)
			return capture(p, FLD_PERSON_NAME, TEXT_PLAIN, 0);
		/* an address stands in for a missing name */
		if (strcmp(local, "email") == 0)
			return capture(p, FLD_AUTHOR_EMAIL, TEXT_PLAIN, 0);
		return CTX_IGNORE;
	default:
		break;
	}
	return CTX_IGNORE;
}
