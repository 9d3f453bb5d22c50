/*
 * parse: feed bytes in, plain structs out.  RSS 0.9x/1.0/2.0, Atom 0.3/1.0
 * and JSON Feed; charset detection and conversion; dates; recovery from
 * ill-formed XML.  No I/O: the caller hands bytes in (all at once or as
 * they arrive) and gets every item through a callback the moment it is
 * complete, so memory does not grow with the size of the feed.
 *
 * This header is the contract the store and story modules code against:
 * extend it, do not change the meaning of what is here.
 */
#ifndef DATELINE_PARSE_H
#define DATELINE_PARSE_H

#include <stddef.h>
#include <stdint.h>

/* A time that is not known: every int64_t time below may hold it. */
#define DL_TIME_NONE INT64_MIN

enum feed_format {
	FEED_UNKNOWN = 0,
	FEED_RSS09X,		/* RSS 0.90 (RDF-based), 0.91, 0.92 */
	FEED_RSS10,		/* RSS 1.0 (RDF) */
	FEED_RSS20,
	FEED_ATOM03,
	FEED_ATOM10,
	FEED_JSONFEED,
};
const char *feed_format_name(enum feed_format);	/* "rss2.0", "atom1.0", … */

/* Media RSS (media:content/media:thumbnail with their description and
 * credit), and <enclosure>s.  Strings are never NULL ("" when absent). */
struct media {
	char	*url;
	char	*type;		/* MIME type or medium ("image") */
	char	*caption;	/* media:description or media:title: plain text */
	char	*credit;	/* media:credit: plain text */
	int	 width;		/* 0 when unknown */
	int	 height;
};

struct enclosure {
	char	*url;
	char	*type;
	int64_t	 length;	/* -1 when unknown */
};

/* One item (RSS item, Atom entry, JSON Feed item).  Every string is valid
 * UTF-8 and never NULL ("" when absent).  title/author are plain text;
 * summary/content are HTML (an xhtml content is serialised back to HTML; a
 * plain-text one is escaped into HTML).  URLs are absolute when the feed
 * gave enough to resolve them.  Every string is already sanitised
 * (utf8_sanitise: no control characters; summary/content keep \n and \t). */
struct item {
	char		 *guid;
	char		 *title;
	char		 *link;
	char		 *author;
	char		 *summary;
	char		 *content;
	int64_t		  published;	/* UTC seconds or DL_TIME_NONE */
	int64_t		  updated;
	char		**categories;
	size_t		  ncategories;
	struct enclosure *enclosures;
	size_t		  nenclosures;
	struct media	 *media;
	size_t		  nmedia;
};

/* The feed's own fields.  A field keeps the first value the feed gives it:
 * once set (not "" / DL_TIME_NONE / 0) it does not change, even when the
 * feed repeats it after its first item. */
struct feed {
	enum feed_format format;
	char		*title;
	char		*link;		/* the site's page */
	char		*description;
	char		*language;
	char		*author;
	int64_t		 updated;
	int		 ttl;		/* <ttl> minutes, 0 when absent */
};

/* Called for every completed item.  The item belongs to the parser and is
 * freed after the call: copy what you keep.  Return 0 to go on, non-zero
 * to stop parsing. */
typedef int parse_item_fn(void *ctx, const struct feed *feed, const struct item *item);

struct parse_opts {
	const char	*url;		/* the feed's URL, to resolve relative links */
	const char	*http_charset;	/* charset from Content-Type, or NULL */
	parse_item_fn	*on_item;
	void		*ctx;
	size_t		 max_items;	/* 0: the default limit */
	size_t		 max_field;	/* 0: the default limit, in bytes */
};

struct parser;
struct parser	*parser_new(const struct parse_opts *opts);
/* Hand bytes in as they arrive.  Returns 0, or -1 when the document cannot
 * be read any further (the error says why; items already delivered stay
 * good). */
int		 parser_push(struct parser *p, const char *data, size_t len);
/* End of input.  Returns 0 when the document was a feed (possibly
 * recovered: warnings then say what was lost), -1 otherwise. */
int		 parser_finish(struct parser *p);
const struct feed *parser_feed(const struct parser *p);
/* The error, or NULL: "line 12, column 4: mismatched tag" / "not a feed:
 * an HTML page; it advertises https://…/feed.xml". */
const char	*parser_error(const struct parser *p);
/* Warnings collected while recovering, one a line, or NULL. */
const char	*parser_warnings(const struct parser *p);
/* Feed URLs an HTML page advertises (autodiscovery), in page order. */
size_t		 parser_alternates(const struct parser *p, const char *const **urls);
size_t		 parser_item_count(const struct parser *p);
void		 parser_free(struct parser *p);

/* Free every field of an item (one delivered to on_item and copied, or
 * one read back from the store) and zero it; the struct itself is not
 * freed.  The one place that knows what an item owns. */
void		 parse_item_reset(struct item *it);

/* Dates: RFC 822/1123 and RFC 3339/ISO 8601/W3CDTF; DL_TIME_NONE when the
 * text is not a date we can read exactly. */
int64_t		 parse_date(const char *s);

/* Convert len bytes in charset (a label as pages and HTTP headers give it:
 * iso-8859-1 is read as windows-1252, as browsers do; NULL or "" means
 * UTF-8) to valid UTF-8 appended to out; bytes invalid in the charset
 * become U+FFFD, C0 controls other than tab, newline and return are
 * dropped.  Returns -1 with *err for an unknown charset or more than
 * CHARSET_MAX_INPUT bytes (parse-charset.c). */
#define CHARSET_MAX_INPUT	(64u << 20)
struct buf;
int		 charset_to_utf8(const char *charset, const char *in, size_t len,
		     struct buf *out, char **err);

/* Resolve a URL reference against a base (RFC 3986); a new string. */
char		*parse_url_resolve(const char *base, const char *ref);

#endif
