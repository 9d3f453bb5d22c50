/*
 * Screen roles: every piece of text dateline shows has one.  The story
 * renderer tags spans with them, the UI draws them, and a theme (`color
 * ROLE FG BG ATTR…`) maps each to colours.  Add a role here, with its name,
 * and every theme and the man page learn it from the same table.
 */
#ifndef DATELINE_ROLES_H
#define DATELINE_ROLES_H

enum role {
	ROLE_DEFAULT = 0,
	/* story text (story_render) */
	ROLE_HEADLINE,
	ROLE_META,		/* feed, date, author line */
	ROLE_BYLINE,
	ROLE_DATELINE,
	ROLE_CAPTION,
	ROLE_CREDIT,		/* a photo's credit */
	ROLE_BODY,
	ROLE_HEADING,		/* headings inside the body */
	ROLE_QUOTE,
	ROLE_CODE,
	ROLE_LINK_REF,		/* [3] in the text */
	ROLE_LINK_LIST,		/* the numbered URLs at the end */
	ROLE_CREDITS,		/* (Reporting by …; Editing by …) */
	/* reader chrome */
	ROLE_TITLE_BAR,
	ROLE_STATUS_BAR,
	ROLE_SELECTED,
	ROLE_UNREAD,
	ROLE_READ,
	ROLE_FLAG,
	ROLE_DATE,
	ROLE_FEED_NAME,
	ROLE_ERROR,		/* a feed whose refresh failed, error messages */
	ROLE_HELP_KEY,
	ROLE_SEARCH_MATCH,
	ROLE_COUNT
};

/* Names used in themes and the config file, indexed by enum role. */
static const char *const role_names[ROLE_COUNT] = {
	"default", "headline", "meta", "byline", "dateline", "caption",
	"credit", "body", "heading", "quote", "code", "link-ref", "link-list",
	"credits", "title-bar", "status-bar", "selected", "unread", "read",
	"flag", "date", "feed-name", "error", "help-key", "search-match",
};

#endif
