/*
 * RSS 0.90/0.91/0.92/2.0 and RSS 1.0 (RDF), with the modules feeds use
 * inside them: content:encoded, Dublin Core (dc:creator, dc:date,
 * dc:subject, dc:language…) and dcterms dates.  Elements are known by
 * namespace URI and local name, never by prefix.
 */
#include "config.h"

#include <string.h>

#include "parse/parse-int.h"

struct rule {
	enum ns		 ns;		/* NS_NONE also matches the RSS 1.0/0.90 ones */
	const char	*name;
	enum field	 field;
	enum textmode	 mode;
	int		 big;		/* limited by max_field, not PARSE_MAX_SMALL */
};

/* Children of <channel>. */
static const struct rule channel_rules[] = {
	{ NS_NONE, "title", FLD_TITLE, TEXT_HTML_TO_PLAIN, 0 },
	{ NS_NONE, "link", FLD_LINK, TEXT_RAW, 0 },
	{ NS_NONE, "description", FLD_DESCRIPTION, TEXT_HTML_TO_PLAIN, 0 },
	{ NS_NONE, "language", FLD_LANGUAGE, TEXT_PLAIN, 0 },
	{ NS_NONE, "managingEditor", FLD_AUTHOR_EMAIL, TEXT_HTML_TO_PLAIN, 0 },
	{ NS_NONE, "lastBuildDate", FLD_UPDATED, TEXT_RAW, 0 },
	{ NS_NONE, "pubDate", FLD_UPDATED, TEXT_RAW, 0 },
	{ NS_NONE, "ttl", FLD_TTL, TEXT_RAW, 0 },
	{ NS_DC, "title", FLD_TITLE, TEXT_HTML_TO_PLAIN, 0 },
	{ NS_DC, "description", FLD_DESCRIPTION, TEXT_HTML_TO_PLAIN, 0 },
	{ NS_DC, "language", FLD_LANGUAGE, TEXT_PLAIN, 0 },
	{ NS_DC, "creator", FLD_AUTHOR, TEXT_HTML_TO_PLAIN, 0 },
	{ NS_DC, "publisher", FLD_AUTHOR, TEXT_HTML_TO_PLAIN, 0 },
	{ NS_DC, "date", FLD_UPDATED, TEXT_RAW, 0 },
	{ NS_DCTERMS, "modified", FLD_UPDATED, TEXT_RAW, 0 },
	{ NS_ITUNES, "author", FLD_AUTHOR, TEXT_HTML_TO_PLAIN, 0 },
};

/* Children of <item>. */
static const struct rule item_rules[] = {
	{ NS_NONE, "title", FLD_TITLE, TEXT_HTML_TO_PLAIN, 0 },
	{ NS_NONE, "link", FLD_LINK, TEXT_RAW, 0 },
	{ NS_NONE, "description", FLD_DESCRIPTION, TEXT_HTML, 1 },
	{ NS_NONE, "author", FLD_AUTHOR_EMAIL, TEXT_HTML_TO_PLAIN, 0 },
	{ NS_NONE, "pubDate", FLD_PUBLISHED, TEXT_RAW, 0 },
	{ NS_NONE, "category", FLD_CATEGORY, TEXT_HTML_TO_PLAIN, 0 },
	{ NS_CONTENT, "encoded", FLD_CONTENT, TEXT_HTML, 1 },
	{ NS_DC, "title", FLD_TITLE, TEXT_HTML_TO_PLAIN, 0 },
	{ NS_DC, "description", FLD_DESCRIPTION, TEXT_HTML, 1 },
	{ NS_DC, "creator", FLD_AUTHOR, TEXT_HTML_TO_PLAIN, 0 },
	{ NS_DC, "contributor", FLD_AUTHOR, TEXT_HTML_TO_PLAIN, 0 },
	{ NS_DC, "date", FLD_PUBLISHED, TEXT_RAW, 0 },
	{ NS_DC, "subject", FLD_CATEGORY, TEXT_HTML_TO_PLAIN, 0 },
	{ NS_DC, "identifier", FLD_GUID, TEXT_RAW, 0 },
	{ NS_DCTERMS, "issued", FLD_PUBLISHED, TEXT_RAW, 0 },
	{ NS_DCTERMS, "created", FLD_PUBLISHED, TEXT_RAW, 0 },
	{ NS_DCTERMS, "modified", FLD_UPDATED, TEXT_RAW, 0 },
	{ NS_ITUNES, "author", FLD_AUTHOR, TEXT_HTML_TO_PLAIN, 0 },
	{ NS_ITUNES, "summary", FLD_ALT_SUMMARY, TEXT_PLAIN_TO_HTML, 1 },
	{ NS_ITUNES, "subtitle", FLD_ALT_SUBTITLE, TEXT_PLAIN_TO_HTML, 0 },
	{ NS_FEEDBURNER, "origLink", FLD_ORIG_LINK, TEXT_RAW, 0 },
	{ NS_FEEDBURNER, "origEnclosureLink", FLD_ORIG_ENCLOSURE, TEXT_RAW, 0 },
};

static int
is_core(enum ns ns)
{
	return ns == NS_NONE || ns == NS_RSS10 || ns == NS_RSS090;
}

static enum ctx
apply_rules(struct parser *p, const struct rule *rules, size_t n, enum ns ns,
    const char *local)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if ((rules[i].ns == ns || (rules[i].ns == NS_NONE && is_core(ns))) &&
		    strcmp(rules[i].name, local) == 0) {
			xml_capture(p, rules[i].field, rules[i].mode,
			    rules[i].big ? p->max_field : PARSE_MAX_SMALL);
			return CTX_CAPTURE;
		}
	}
	return CTX_IGNORE;
}

static enum ctx
root(struct parser *p, enum ns ns, const char *local, const char **attrs)
{
	const char *version;

	if (ns == NS_NONE && strcmp(local, "rss") == 0) {
		version = xml_attr(attrs, NS_NONE, "version");
		if (version != NULL && strncmp(version, "0.9", 3) == 0)
			parse_set_format(p, FEED_RSS09X);
		else
			parse_set_format(p, FEED_RSS20);
		return CTX_ROOT;
	}
	if (ns == NS_RDF && strcmp(local, "RDF") == 0) {
		parse_set_format(p, FEED_RSS10);
		return CTX_ROOT;
	}
	return CTX_IGNORE;
}

static enum ctx
item_begin(struct parser *p, enum ns ns, const char **attrs)
{
	const char *about = xml_attr(attrs, NS_RDF, "about");

	if (ns == NS_RSS090)
		p->feed.format = FEED_RSS09X;
	parse_item_begin(p);
	if (about != NULL) {
		char *v = text_collapse(about, strlen(about));

		parse_set_if_empty(&p->item.guid, v);
		free(v);
	}
	return CTX_ITEM;
}

enum ctx
rss_start(struct parser *p, enum ctx parent, enum ns ns, const char *local,
    const char **attrs)
{
	const char *perma;

	switch (parent) {
	case CTX_DOC:
		return root(p, ns, local, attrs);
	case CTX_ROOT:
		if (is_core(ns) && strcmp(local, "channel") == 0) {
			if (ns == NS_RSS090)
				p->feed.format = FEED_RSS09X;
			return CTX_CHANNEL;
		}
		if (is_core(ns) && strcmp(local, "item") == 0)
			return item_begin(p, ns, attrs);
		return CTX_IGNORE;
	case CTX_CHANNEL:
		if (is_core(ns) && strcmp(local, "item") == 0)
			return item_begin(p, ns, attrs);
		return apply_rules(p, channel_rules, DL_ARRAY_LEN(channel_rules), ns, local);
	case CTX_ITEM:
		if (is_core(ns) && strcmp(local, "enclosure") == 0) {
			parse_add_enclosure(p, xml_attr(attrs, NS_NONE, "url"),
			    xml_attr(attrs, NS_NONE, "type"),
			    xml_attr(attrs, NS_NONE, "length"));
			return CTX_IGNORE;
		}
		if (is_core(ns) && strcmp(local, "guid") == 0) {
			perma = xml_attr(attrs, NS_NONE, "isPermaLink");
			xml_capture(p, perma == NULL || strcmp(perma, "true") == 0 ?
			    FLD_GUID_PERMALINK : FLD_GUID, TEXT_RAW, PARSE_MAX_SMALL);
			return CTX_CAPTURE;
		}
		return apply_rules(p, item_rules, DL_ARRAY_LEN(item_rules), ns, local);
	default:
		break;
	}
	return CTX_IGNORE;
}
