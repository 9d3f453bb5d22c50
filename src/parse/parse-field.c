/*
 * Where a field's text goes once its element closes.  The first value a
 * field gets is kept (a feed's later duplicates do not overwrite it), so a
 * value never changes once it is set: the --parse output relies on it.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "parse/parse-int.h"

/* The value moves into an empty field (no copy: content can be big). */
static void
take(char **dst, char **v)
{
	if (**dst != '\0' || **v == '\0')
		return;
	free(*dst);
	*dst = *v;
	*v = NULL;
}

static void
set_time(int64_t *dst, const char *v)
{
	if (*dst == DL_TIME_NONE)
		*dst = parse_date(v);
}

/* Is name one of the ", "-separated names of list? */
static int
listed(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *s = list;

	while ((s = strstr(s, name)) != NULL) {
		if ((s == list || (s - list >= 2 && s[-2] == ',' && s[-1] == ' ')) &&
		    (s[n] == '\0' || (s[n] == ',' && s[n + 1] == ' ')))
			return 1;
		s++;
	}
	return 0;
}

/* An author name: a name wins over one taken from an e-mail address;
 * several Atom authors are joined. */
static void
set_author(struct parser *p, char **dst, const char *name, int from_email, int join)
{
	int *email_flag = p->in_item ? &p->item_author_email : &p->feed_author_email;

	if (*name == '\0')
		return;
	/* A feed field the caller may have seen with an item stays. */
	if (!p->in_item && p->nitems > 0 && **dst != '\0')
		return;
	if (**dst == '\0' || (*email_flag && !from_email)) {
		parse_set_str(dst, name);
		*email_flag = from_email;
	} else if (join && !listed(*dst, name) &&
	    strlen(*dst) + strlen(name) < PARSE_MAX_SMALL) {
		char *both = xasprintf("%s, %s", *dst, name);

		free(*dst);
		*dst = both;
	}
}

static void
item_field(struct parser *p, enum field f, char **vp)
{
	char *v = *vp;
	struct item *it = &p->item;
	char *s;

	switch (f) {
	case FLD_TITLE:
		take(&it->title, vp);
		break;
	case FLD_LINK:
		if ((*it->link == '\0' || p->item_link_weak) && *v != '\0') {
			p->item_link_weak = 0;
			free(it->link);
			it->link = xml_resolve(p, v);
		}
		break;
	case FLD_DESCRIPTION:
		take(&it->summary, vp);
		break;
	case FLD_CONTENT:
		take(&it->content, vp);
		break;
	case FLD_AUTHOR:
		set_author(p, &it->author, v, 0, 0);
		break;
	case FLD_AUTHOR_EMAIL:
		s = text_author_name(v);
		set_author(p, &it->author, s, 1, 0);
		free(s);
		break;
	case FLD_PERSON_NAME:
		set_author(p, &it->author, v, 0, 1);
		break;
	case FLD_PUBLISHED:
		set_time(&it->published, v);
		break;
	case FLD_UPDATED:
		set_time(&it->updated, v);
		break;
	case FLD_GUID_PERMALINK:
		if (*it->guid == '\0')
			p->guid_is_link = 1;
		/* FALLTHROUGH */
	case FLD_GUID:
		take(&it->guid, vp);
		break;
	case FLD_CATEGORY:
		parse_add_category(p, it, v);
		break;
	case FLD_ORIG_LINK:
		/* the article's own URL, where the link is a tracking proxy */
		if (*v != '\0') {
			free(it->link);
			it->link = xml_resolve(p, v);
			p->item_link_weak = 0;
		}
		break;
	case FLD_ORIG_ENCLOSURE:
		if (p->orig_enclosure == NULL && *v != '\0')
			p->orig_enclosure = xml_resolve(p, v);
		break;
	case FLD_ALT_SUMMARY:
	case FLD_ALT_SUBTITLE:
		if (p->alt_rank < (f == FLD_ALT_SUMMARY ? 2 : 1) && *v != '\0') {
			free(p->alt_summary);
			p->alt_summary = *vp;
			*vp = NULL;
			p->alt_rank = f == FLD_ALT_SUMMARY ? 2 : 1;
		}
		break;
	case FLD_LANGUAGE:
	case FLD_TTL:
	case FLD_MEDIA_CAPTION:
	case FLD_MEDIA_TITLE:
	case FLD_MEDIA_CREDIT:
		break;
	}
}

static void
feed_field(struct parser *p, enum field f, char **vp)
{
	char *v = *vp;
	struct feed *fd = &p->feed;
	char *s;

	switch (f) {
	case FLD_TITLE:
		take(&fd->title, vp);
		break;
	case FLD_LINK:
		if (*fd->link == '\0' && *v != '\0') {
			free(fd->link);
			fd->link = xml_resolve(p, v);
		}
		break;
	case FLD_DESCRIPTION:
		take(&fd->description, vp);
		break;
	case FLD_LANGUAGE:
		take(&fd->language, vp);
		break;
	case FLD_AUTHOR:
		set_author(p, &fd->author, v, 0, 0);
		break;
	case FLD_AUTHOR_EMAIL:
		s = text_author_name(v);
		set_author(p, &fd->author, s, 1, 0);
		free(s);
		break;
	case FLD_PERSON_NAME:
		set_author(p, &fd->author, v, 0, 1);
		break;
	case FLD_PUBLISHED:
	case FLD_UPDATED:
		set_time(&fd->updated, v);
		break;
	case FLD_TTL:
		if (fd->ttl == 0) {
			long n = strtol(v, NULL, 10);

			fd->ttl = n > 0 && n < 1000000 ? (int)n : 0;
		}
		break;
	case FLD_CONTENT:
	case FLD_GUID:
	case FLD_GUID_PERMALINK:
	case FLD_CATEGORY:
	case FLD_ORIG_LINK:
	case FLD_ORIG_ENCLOSURE:
	case FLD_ALT_SUMMARY:
	case FLD_ALT_SUBTITLE:
	case FLD_MEDIA_CAPTION:
	case FLD_MEDIA_TITLE:
	case FLD_MEDIA_CREDIT:
		break;
	}
}

void
parse_field(struct parser *p, enum ctx where, enum field f, char *v)
{
	if (f == FLD_MEDIA_CAPTION || f == FLD_MEDIA_TITLE || f == FLD_MEDIA_CREDIT) {
		media_field(p, where, f, v);	/* takes v */
		return;
	}
	if (p->in_item)
		item_field(p, f, &v);
	else
		feed_field(p, f, &v);
	free(v);
}
