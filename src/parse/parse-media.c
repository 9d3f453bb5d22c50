/*
 * Media RSS: media:content and media:thumbnail become media entries;
 * media:description (or media:title) is the photo caption and
 * media:credit the photo credit.  A caption or credit given on a
 * media:group or on the item applies to the entries that have none.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "parse/parse-int.h"

static enum ctx
text_field(struct parser *p, const char *local, const char **attrs)
{
	const char *type = xml_attr(attrs, NS_NONE, "type");
	enum textmode mode = type != NULL && strcmp(type, "html") == 0 ?
	    TEXT_HTML_TO_PLAIN : TEXT_PLAIN;

	if (strcmp(local, "description") == 0)
		xml_capture(p, FLD_MEDIA_CAPTION, mode, PARSE_MAX_SMALL);
	else if (strcmp(local, "title") == 0)
		xml_capture(p, FLD_MEDIA_TITLE, mode, PARSE_MAX_SMALL);
	else if (strcmp(local, "credit") == 0)
		xml_capture(p, FLD_MEDIA_CREDIT, TEXT_PLAIN, PARSE_MAX_SMALL);
	else
		return CTX_IGNORE;
	return CTX_CAPTURE;
}

enum ctx
media_start(struct parser *p, enum ctx parent, const char *local,
    const char **attrs)
{
	const char *type;

	if (!p->in_item)
		return CTX_IGNORE;
	switch (parent) {
	case CTX_ITEM:
		if (strcmp(local, "group") == 0) {
			p->cur_group = p->ngroups++;
			return CTX_MEDIA_GROUP;
		}
		/* FALLTHROUGH */
	case CTX_MEDIA_GROUP:
		if (strcmp(local, "content") == 0) {
			type = xml_attr(attrs, NS_NONE, "type");
			if (type == NULL)
				type = xml_attr(attrs, NS_NONE, "medium");
			p->cur_media = parse_add_media(p, xml_attr(attrs, NS_NONE, "url"),
			    type, xml_attr(attrs, NS_NONE, "width"),
			    xml_attr(attrs, NS_NONE, "height"));
			return CTX_MEDIA_CONTENT;
		}
		if (strcmp(local, "thumbnail") == 0) {
			parse_add_media(p, xml_attr(attrs, NS_NONE, "url"), "image",
			    xml_attr(attrs, NS_NONE, "width"),
			    xml_attr(attrs, NS_NONE, "height"));
			return CTX_IGNORE;
		}
		return text_field(p, local, attrs);
	case CTX_MEDIA_CONTENT:
		return text_field(p, local, attrs);
	default:
		break;
	}
	return CTX_IGNORE;
}

/* Caption from media:description beats one from media:title. */
static void
give(struct media_acc *m, enum field f, const char *v)
{
	struct media *md = &m->m;
	char *both;

	if (*v == '\0')
		return;
	switch (f) {
	case FLD_MEDIA_CAPTION:
		if (*md->caption == '\0' || m->caption_from_title) {
			parse_set_str(&md->caption, v);
			m->caption_from_title = 0;
		}
		break;
	case FLD_MEDIA_TITLE:
		if (*md->caption == '\0') {
			parse_set_str(&md->caption, v);
			m->caption_from_title = 1;
		}
		break;
	case FLD_MEDIA_CREDIT:
		if (*md->credit == '\0')
			parse_set_str(&md->credit, v);
		else if (strstr(md->credit, v) == NULL &&
		    strlen(md->credit) + strlen(v) < PARSE_MAX_SMALL) {
			both = xasprintf("%s, %s", md->credit, v);
			free(md->credit);
			md->credit = both;
		}
		break;
	default:
		break;
	}
}

/* Keep a group's or item's own text until its entries are all known. */
static void
keep(char **slot, char *v)
{
	if (*slot == NULL && *v != '\0')
		*slot = v;
	else
		free(v);
}

void
media_field(struct parser *p, enum ctx where, enum field f, char *v)
{
	char **set;

	if (where == CTX_MEDIA_CONTENT) {
		if (p->cur_media >= 0)
			give(&p->media[p->cur_media], f, v);
		free(v);
		return;
	}
	set = where == CTX_MEDIA_GROUP ? p->group_text : p->item_text;
	keep(&set[f == FLD_MEDIA_CAPTION ? 0 : f == FLD_MEDIA_TITLE ? 1 : 2], v);
}

/* Apply kept text to entries of one group (or all when group < -1). */
static void
apply(struct parser *p, char **text, int group)
{
	size_t i;

	for (i = 0; i < p->nmedia; i++) {
		if (group >= -1 && p->media[i].group != group)
			continue;
		if (text[0] != NULL)
			give(&p->media[i], FLD_MEDIA_CAPTION, text[0]);
		if (text[1] != NULL)
			give(&p->media[i], FLD_MEDIA_TITLE, text[1]);
		if (text[2] != NULL && *p->media[i].m.credit == '\0')
			give(&p->media[i], FLD_MEDIA_CREDIT, text[2]);
	}
	for (i = 0; i < 3; i++) {
		free(text[i]);
		text[i] = NULL;
	}
}

void
media_end(struct parser *p, enum ctx ctx)
{
	if (ctx == CTX_MEDIA_CONTENT) {
		p->cur_media = -1;
		return;
	}
	apply(p, p->group_text, p->cur_group);
	p->cur_group = -1;
}

/* The item is complete: its media entries move into it. */
void
media_item_end(struct parser *p)
{
	struct item *it = &p->item;
	size_t i;

	apply(p, p->item_text, -2);
	if (p->nmedia == 0)
		return;
	it->media = xreallocarray(NULL, p->nmedia, sizeof *it->media);
	for (i = 0; i < p->nmedia; i++)
		it->media[i] = p->media[i].m;
	it->nmedia = p->nmedia;
	free(p->media);
	p->media = NULL;
	p->nmedia = 0;
}

void
media_reset(struct parser *p)
{
	size_t i;

	for (i = 0; i < p->nmedia; i++) {
		free(p->media[i].m.url);
		free(p->media[i].m.type);
		free(p->media[i].m.caption);
		free(p->media[i].m.credit);
	}
	free(p->media);
	p->media = NULL;
	p->nmedia = 0;
	for (i = 0; i < 3; i++) {
		free(p->group_text[i]);
		free(p->item_text[i]);
		p->group_text[i] = p->item_text[i] = NULL;
	}
	p->ngroups = 0;
	p->cur_group = p->cur_media = -1;
}
