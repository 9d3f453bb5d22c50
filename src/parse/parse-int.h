/*
 * parse: what the files of the parse module share and nobody else sees.
 * The pipeline inside a parser is: bytes -> charset (to UTF-8, invalid
 * bytes as U+FFFD) -> sniff (XML, JSON or HTML) -> expat with one
 * vocabulary file per namespace (parse-rss.c, parse-atom.c, parse-media.c)
 * or json-c (parse-jsonfeed.c) or the autodiscovery scanner (parse-html.c).
 */
#ifndef DATELINE_PARSE_INT_H
#define DATELINE_PARSE_INT_H

#include <stddef.h>
#include <stdint.h>

/* Debian builds expat with DTD support; the header declares its
 * amplification limits only when told so. */
#ifndef XML_DTD
#define XML_DTD 1
#endif
#include <expat.h>

#include "parse/parse.h"
#include "util/i18n.h"
#include "util/util.h"

/* Limits on everything that comes from outside. */
#define PARSE_MAX_DEPTH		256		/* element nesting */
#define PARSE_MAX_ITEMS		1000000		/* items a document */
#define PARSE_MAX_FIELD		(1u << 20)	/* summary/content bytes */
#define PARSE_MAX_SMALL		(64u << 10)	/* title, link, author … */
#define PARSE_MAX_LIST		64		/* categories, enclosures, media */
#define PARSE_MAX_ENTITY_DECLS	64		/* a document's own <!ENTITY>s */
#define PARSE_MAX_ENTITY_VALUE	1024
#define PARSE_MAX_JSON		(16u << 20)	/* a JSON Feed is read whole */
#define PARSE_MAX_HTML		(1u << 20)	/* bytes of a page scanned */
#define PARSE_MAX_WARNINGS	4096		/* bytes of warnings kept */
#define PARSE_MAX_TOKEN		(4u << 20)	/* bytes expat holds for one token */

/* Namespaces, recognised by URI. */
enum ns {
	NS_NONE = 0,
	NS_RSS10,
	NS_RSS090,
	NS_RDF,
	NS_ATOM10,
	NS_ATOM03,
	NS_DC,
	NS_DCTERMS,
	NS_CONTENT,
	NS_MEDIA,
	NS_XHTML,
	NS_XML,
	NS_ITUNES,
	NS_FEEDBURNER,
	NS_OTHER,
};

/* What an open element is, as far as the parser cares. */
enum ctx {
	CTX_IGNORE = 0,		/* not ours: everything inside is skipped */
	CTX_DOC,		/* above the root */
	CTX_ROOT,		/* <rss>, <rdf:RDF>, <feed> */
	CTX_CHANNEL,		/* RSS <channel>; Atom <feed> is CTX_ROOT */
	CTX_ITEM,		/* <item>, <entry> */
	CTX_AUTHOR,		/* Atom person construct */
	CTX_MEDIA_GROUP,
	CTX_MEDIA_CONTENT,
	CTX_CAPTURE,		/* a field whose text is being collected */
	CTX_INSIDE,		/* an element inside a captured field */
};

/* Fields a captured text goes to. */
enum field {
	FLD_TITLE,
	FLD_LINK,
	FLD_DESCRIPTION,	/* feed description, item summary */
	FLD_CONTENT,
	FLD_LANGUAGE,
	FLD_AUTHOR,		/* a name */
	FLD_AUTHOR_EMAIL,	/* RSS <author>: "mail (Name)" */
	FLD_PERSON_NAME,	/* Atom <author><name> */
	FLD_PUBLISHED,
	FLD_UPDATED,
	FLD_GUID,
	FLD_GUID_PERMALINK,	/* RSS guid that is also the link */
	FLD_CATEGORY,
	FLD_TTL,
	FLD_MEDIA_CAPTION,
	FLD_MEDIA_TITLE,
	FLD_MEDIA_CREDIT,
	FLD_ORIG_LINK,		/* feedburner:origLink: the real link */
	FLD_ORIG_ENCLOSURE,	/* feedburner:origEnclosureLink */
	FLD_ALT_SUMMARY,	/* itunes:summary: a summary when none */
	FLD_ALT_SUBTITLE,	/* itunes:subtitle: after that */
};

/* How a captured text becomes the field's value. */
enum textmode {
	TEXT_PLAIN,		/* plain text: whitespace collapsed */
	TEXT_HTML_TO_PLAIN,	/* HTML reduced to plain text */
	TEXT_HTML,		/* HTML kept; child elements serialised */
	TEXT_PLAIN_TO_HTML,	/* plain text escaped into HTML */
	TEXT_XHTML,		/* children serialised, wrapper <div> dropped */
	TEXT_XHTML_TO_PLAIN,	/* text content of xhtml */
	TEXT_RAW,		/* exactly the text (URLs, ids, dates) */
};

struct frame {
	enum ctx	 ctx;
	char		*base;		/* xml:base in effect */
	int		 own_base;
};

struct media_acc {
	struct media	 m;
	int		 group;		/* index of its media:group, or -1 */
	int		 caption_from_title;
};

enum mode {
	MODE_SNIFF,
	MODE_XML,
	MODE_JSON,
	MODE_HTML,
	MODE_DONE,
};

/* Streaming conversion of any charset to valid UTF-8 (parse-charset.c). */
struct charset;
typedef void charset_out_fn(void *ctx, const char *utf8, size_t len);
struct charset	*charset_new(charset_out_fn *out, void *ctx);
/* Decide the charset from the first bytes (BOM, XML declaration, then
 * http_charset, then UTF-8); *skip gets the length of a BOM to drop.
 * Returns the name used. */
const char	*charset_detect(struct charset *cs, const char *head, size_t len,
		    const char *http_charset, size_t *skip, char **warning);
void		 charset_push(struct charset *cs, const char *data, size_t len);
void		 charset_finish(struct charset *cs);
void		 charset_free(struct charset *cs);

struct parser {
	struct parse_opts opts;
	size_t		 max_items;
	size_t		 max_field;
	enum mode	 mode;
	struct buf	 head;		/* bytes kept until the charset is known */
	struct buf	 sniff;		/* UTF-8 kept until the format is known */
	struct charset	*cs;
	int		 failed;	/* no more input is read */
	int		 stopped;	/* the caller asked to stop */
	char		*error;
	struct buf	 warnings;
	int		 truncated_warned;

	struct feed	 feed;
	int		 feed_seen;	/* a feed root was found */
	size_t		 nitems;

	/* XML */
	XML_Parser	 xp;
	struct frame	 frames[PARSE_MAX_DEPTH + 1];
	int		 depth;		/* frames in use */
	int		 entity_decls;
	int		 in_item;
	struct item	 item;
	int		 item_author_email;	/* author came from an e-mail */
	int		 feed_author_email;
	struct buf	 person;	/* Atom authors of the entry or feed */
	int		 person_owner_item;
	struct media_acc *media;
	size_t		 nmedia;
	int		 ngroups;
	int		 cur_media;	/* open media:content, or -1 */
	int		 cur_group;	/* open media:group, or -1 */
	char		*group_text[3];	/* caption, title, credit */
	char		*item_text[3];

	/* the field being captured */
	int		 cap_depth;	/* frame index, 0 when none */
	enum field	 cap_field;
	enum textmode	 cap_mode;
	enum ctx	 cap_parent;
	int		 cap_permalink;
	uint64_t	 events;	/* expat callbacks so far */
	size_t		 quiet_bytes;	/* pushed since the last one */
	int		 cap_wrapper;	/* frame of Atom's xhtml <div> */
	int		 guid_is_link;
	int		 rebase_pending;	/* item HTML waits for its base */
	int		 item_link_weak;	/* a non-HTML alternate link */
	int		 atom_no_ns;		/* <feed> had no namespace */
	struct buf	 root_hold;		/* text up to the root's '>' */
	struct buf	 void_hold;		/* a tag cut by the chunk's end */
	int		 void_state;		/* 1 in CDATA, 2 in a comment */
	int		 root_done;
	unsigned long	 inject_line;		/* where declarations went in */
	unsigned long	 inject_col;
	size_t		 inject_len;
	int		 feed_link_weak;
	char		*alt_summary;		/* itunes:summary or subtitle */
	int		 alt_rank;		/* 2 summary, 1 subtitle */
	char		*orig_enclosure;
	struct buf	 text;
	size_t		 cap_limit;

	/* recovery in front of expat (parse-recover.c) */
	struct buf	 hold;		/* a tail that waits for more text */
	int		 in_cdata;
	int		 bare_amp_warned;
	int		 has_doctype;	/* its entities are trusted */

	/* restarts after damage (parse-resync.c) */
	struct buf	 prime;		/* root (and channel) start tags */
	int		 prime_bad;
	int		 prime_done;
	int		 resyncs;
	int		 resyncing;	/* skipping to the next item */
	struct buf	 resync_hold;
	unsigned long	 resync_line;	/* line of the text being skipped */
	unsigned long	 line_base;	/* lines before the parser's line 1 */
	size_t		 col_shift;	/* the prime's length, on line 1 */
	uint64_t	 xml_fed;	/* bytes given to this expat parser */

	/* JSON */
	void		*tok;		/* struct json_tokener */
	void		*json_root;	/* json_object */
	size_t		 json_len;

	/* HTML */
	struct buf	 html;
	char		**alternates;
	size_t		 nalternates;
};

/* parse.c */
void	 parse_warn(struct parser *p, const char *fmt, ...) DL_PRINTF(2, 3);
void	 parse_fail(struct parser *p, const char *fmt, ...) DL_PRINTF(2, 3);
void	 parse_set_format(struct parser *p, enum feed_format f);
void	 parse_item_begin(struct parser *p);
void	 parse_item_end(struct parser *p);
void	 parse_set_str(char **dst, const char *s);
void	 parse_set_if_empty(char **dst, const char *s);
void	 parse_add_category(struct parser *p, struct item *it, const char *s);
void	 parse_add_enclosure(struct parser *p, const char *url, const char *type,
	     const char *length);
int	 parse_add_media(struct parser *p, const char *url, const char *type,
	     const char *width, const char *height);
void	 parse_deliver(struct parser *p, struct item *it);

/* parse-field.c: a captured value (owned) goes where it belongs. */
void	 parse_field(struct parser *p, enum ctx where, enum field f, char *v);

/* parse-xml.c */
int	 xml_start(struct parser *p);
void	 xml_push(struct parser *p, const char *utf8, size_t len, int final);
void	 xml_free(struct parser *p);
enum ns	 xml_split(const char *name, const char **local);
const char *xml_attr(const char **attrs, enum ns ns, const char *local);
const char *xml_base(const struct parser *p);
char	*xml_resolve(const struct parser *p, const char *ref);
void	 xml_capture(struct parser *p, enum field f, enum textmode mode, size_t limit);
enum textmode xml_atom_mode(const char **attrs, int for_content);

/* parse-rebase.c */
void	 html_rebase(char **html, const char *base);

/* parse-recover.c */
void	 recover_push(struct parser *p, const char *s, size_t len, int final);
void	 recover_root(struct parser *p, const char *s, size_t len, int final);

/* parse-resync.c */
void	 resync_note_tag(struct parser *p);
int	 resync_begin(struct parser *p, unsigned long line, unsigned long col,
	     const char *what);
void	 resync_skip(struct parser *p, const char *s, size_t len, int final);
void	 xml_where(const struct parser *p, unsigned long *line, unsigned long *col);

/* vocabularies: return the context of the new element */
enum ctx rss_start(struct parser *p, enum ctx parent, enum ns ns, const char *local,
	     const char **attrs);
enum ctx atom_start(struct parser *p, enum ctx parent, enum ns ns, const char *local,
	     const char **attrs);
enum ctx media_start(struct parser *p, enum ctx parent, const char *local,
	     const char **attrs);
void	 media_end(struct parser *p, enum ctx ctx);
void	 media_field(struct parser *p, enum ctx where, enum field f, char *text);
void	 media_item_end(struct parser *p);
void	 media_reset(struct parser *p);

/* parse-text.c */
size_t	 text_ascii_run(const char *s, size_t len);
int	 text_is_clean(const char *s, size_t len, int flags);
char	*text_clean(const char *s, size_t len, int flags);
char	*text_collapse(const char *s, size_t len);
char	*text_html_to_plain(const char *s, size_t len);
void	 text_escape_html(struct buf *b, const char *s, size_t len, int attr);
char	*text_author_name(const char *s);
size_t	 text_utf8_cut(const char *s, size_t len, size_t max);

/* parse-entities.c */
struct html_entity {
	const char	*name;
	const char	*text;
};
extern const struct html_entity html_entities[];
extern const size_t html_entities_count;
const char *entity_lookup(const char *name, size_t len);

/* parse-html.c */
int	 html_looks_like_page(const char *s, size_t len);
void	 html_discover(struct parser *p);

/* parse-jsonfeed.c */
void	 jsonfeed_push(struct parser *p, const char *s, size_t len);
void	 jsonfeed_finish(struct parser *p);
void	 jsonfeed_free(struct parser *p);

#endif
