/*
 * config: the option table -- every option dateline has is one row here.
 * `dateline --help-options`, the option list of dateline(5) and the
 * parser of `set` lines all read this table.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config/conf-private.h"
#include "util/i18n.h"
#include "util/util.h"

static const char *const feed_sort_words[] = {
	"none", "title", "unread", "updated", NULL
};
static const char *const search_order_words[] = {
	"newest", "relevance", NULL
};

#define DAY	(24LL * 3600)
#define BIG	(1LL << 40)

/* Rows are indexed by id, so the enum and the table cannot drift apart. */
static const struct conf_option options[CONF_COUNT] = {
	[CONF_CACHE_FILE] = { CONF_CACHE_FILE, "cache-file", CONF_T_STRING, "",
	    0, 0, 0, NULL,
	    N_("The article store; empty means $XDG_DATA_HOME/dateline/cache.db.") },
	[CONF_URLS_FILE] = { CONF_URLS_FILE, "urls-file", CONF_T_STRING, "",
	    0, 0, 0, NULL,
	    N_("The subscriptions file; empty means $XDG_CONFIG_HOME/dateline/urls.") },

	[CONF_MAX_PARALLEL] = { CONF_MAX_PARALLEL, "max-parallel", CONF_T_INT,
	    "16", 1, 256, 0, NULL,
	    N_("Feeds downloaded at the same time.") },
	[CONF_MAX_PER_HOST] = { CONF_MAX_PER_HOST, "max-per-host", CONF_T_INT,
	    "2", 1, 64, 0, NULL,
	    N_("Downloads at the same time from one host.") },
	[CONF_TIMEOUT_CONNECT] = { CONF_TIMEOUT_CONNECT, "timeout-connect",
	    CONF_T_DURATION, "15s", 1, 600, 1, NULL,
	    N_("Give up connecting to a server after this long.") },
	[CONF_TIMEOUT_TOTAL] = { CONF_TIMEOUT_TOTAL, "timeout-total",
	    CONF_T_DURATION, "2m", 1, DAY, 1, NULL,
	    N_("Give up on one download after this long in all.") },
	[CONF_LOW_SPEED_LIMIT] = { CONF_LOW_SPEED_LIMIT, "low-speed-limit",
	    CONF_T_SIZE, "64", 0, BIG, 0, NULL,
	    N_("Bytes per second below which a download counts as stalled (0: never).") },
	[CONF_LOW_SPEED_TIME] = { CONF_LOW_SPEED_TIME, "low-speed-time",
	    CONF_T_DURATION, "30s", 1, 3600, 1, NULL,
	    N_("Give up on a download stalled for this long.") },
	[CONF_MAX_FEED_SIZE] = { CONF_MAX_FEED_SIZE, "max-feed-size",
	    CONF_T_SIZE, "50M", 1024, 1LL << 32, 0, NULL,
	    N_("Largest feed or page accepted, compressed or decompressed.") },
	[CONF_MAX_REDIRECTS] = { CONF_MAX_REDIRECTS, "max-redirects", CONF_T_INT,
	    "10", 0, 50, 0, NULL,
	    N_("Redirects followed for one download.") },
	[CONF_USER_AGENT] = { CONF_USER_AGENT, "user-agent", CONF_T_STRING, "",
	    0, 0, 0, NULL,
	    N_("User-Agent header sent to servers; empty means dateline/VERSION.") },
	[CONF_CA_FILE] = { CONF_CA_FILE, "ca-file", CONF_T_STRING, "",
	    0, 0, 0, NULL,
	    N_("A file of CA certificates (PEM) to check https:// servers with "
	    "instead of the system's bundle, for a server with a private CA "
	    "(empty: the system's); certificates are always checked.") },
	[CONF_MIN_INTERVAL] = { CONF_MIN_INTERVAL, "min-interval",
	    CONF_T_DURATION, "0", 0, 30 * DAY, 60, NULL,
	    N_("Least time between two downloads of one feed (a bare number is minutes).") },
	[CONF_IGNORE_TTL] = { CONF_IGNORE_TTL, "ignore-ttl", CONF_T_BOOL, "no",
	    0, 1, 0, NULL,
	    N_("Download even when a feed's ttl, max-age or Retry-After asks to wait.") },
	[CONF_UPDATE_MOVED_URLS] = { CONF_UPDATE_MOVED_URLS, "update-moved-urls",
	    CONF_T_BOOL, "yes", 0, 1, 0, NULL,
	    N_("After a permanent redirect (301, 308) to a working feed, write "
	    "the new address into the urls file (only that line's URL changes) "
	    "and keep the feed's stories under it.") },
	[CONF_REFRESH_ON_START] = { CONF_REFRESH_ON_START, "refresh-on-start",
	    CONF_T_BOOL, "no", 0, 1, 0, NULL,
	    N_("Refresh every feed when the reader opens.") },
	[CONF_AUTO_REFRESH] = { CONF_AUTO_REFRESH, "auto-refresh",
	    CONF_T_DURATION, "0", 0, 30 * DAY, 60, NULL,
	    N_("Refresh every feed this often while the reader is open (a bare number is minutes; 0: never).") },

	[CONF_KEEP_DAYS] = { CONF_KEEP_DAYS, "keep-days", CONF_T_INT, "0",
	    0, 100000, 0, NULL,
	    N_("Delete unflagged items older than this many days, after every refresh and with --cleanup (0: keep them).") },
	[CONF_KEEP_ITEMS] = { CONF_KEEP_ITEMS, "keep-items", CONF_T_INT, "0",
	    0, 10000000, 0, NULL,
	    N_("Keep at most this many items per feed, flagged ones aside, after every refresh and with --cleanup (0: all).") },

	[CONF_FULLTEXT] = { CONF_FULLTEXT, "fulltext", CONF_T_BOOL, "no",
	    0, 1, 0, NULL,
	    N_("Fetch the full article for new items of every feed (per feed: the fulltext tag).") },
	[CONF_FULLTEXT_MAX_PARALLEL] = { CONF_FULLTEXT_MAX_PARALLEL,
	    "fulltext-max-parallel", CONF_T_INT, "4", 1, 64, 0, NULL,
	    N_("Article pages downloaded at the same time.") },

	[CONF_THEME] = { CONF_THEME, "theme", CONF_T_STRING, "default",
	    0, 0, 0, NULL,
	    N_("Colour theme: a theme name or the path of a theme file.") },
	[CONF_SHOW_READ_FEEDS] = { CONF_SHOW_READ_FEEDS, "show-read-feeds",
	    CONF_T_BOOL, "yes", 0, 1, 0, NULL,
	    N_("List feeds that have no unread items.") },
	[CONF_SHOW_READ_ITEMS] = { CONF_SHOW_READ_ITEMS, "show-read-items",
	    CONF_T_BOOL, "yes", 0, 1, 0, NULL,
	    N_("List headlines that have been read.") },
	[CONF_SHOW_RIVER] = { CONF_SHOW_RIVER, "show-river", CONF_T_BOOL, "yes",
	    0, 1, 0, NULL,
	    N_("Show the river (every headline, newest first) atop the feed list.") },
	[CONF_FEED_SORT] = { CONF_FEED_SORT, "feed-sort", CONF_T_ENUM, "none",
	    0, 0, 0, feed_sort_words,
	    N_("Order of the feed list: none (as in the urls file), title, unread (most first) or updated (newest story first).") },
	[CONF_SEARCH_ORDER] = { CONF_SEARCH_ORDER, "search-order", CONF_T_ENUM,
	    "newest", 0, 0, 0, search_order_words,
	    N_("Order of search results: newest or relevance.") },
	[CONF_DATE_FORMAT] = { CONF_DATE_FORMAT, "date-format", CONF_T_STRING,
	    "%d %b %H:%M", 0, 0, 0, NULL,
	    N_("strftime(3) format of dates in the headline list.") },
	[CONF_STORY_DATE_FORMAT] = { CONF_STORY_DATE_FORMAT, "story-date-format",
	    CONF_T_STRING, "%c", 0, 0, 0, NULL,
	    N_("strftime(3) format of the date above a story.") },
	[CONF_TEXT_WIDTH] = { CONF_TEXT_WIDTH, "text-width", CONF_T_INT, "0",
	    0, 1000, 0, NULL,
	    N_("Widest line of story text in columns (0: the window's width).") },
	[CONF_BROWSER] = { CONF_BROWSER, "browser", CONF_T_STRING, "",
	    0, 0, 0, NULL,
	    N_("Program that opens links, given the link as its only argument (no shell); empty means $BROWSER, else xdg-open.") },
	[CONF_MOUSE] = { CONF_MOUSE, "mouse", CONF_T_BOOL, "yes", 0, 1, 0, NULL,
	    N_("Use the mouse wheel and clicks.") },
	[CONF_CONFIRM_QUIT] = { CONF_CONFIRM_QUIT, "confirm-quit", CONF_T_BOOL,
	    "no", 0, 1, 0, NULL,
	    N_("Ask before q or Q quits the reader.") },
	[CONF_MARK_READ_ON_OPEN] = { CONF_MARK_READ_ON_OPEN, "mark-read-on-open",
	    CONF_T_BOOL, "yes", 0, 1, 0, NULL,
	    N_("Opening a story marks it read.") },
};

const struct conf_option *
conf_option(enum conf_id id)
{
	if ((unsigned)id >= CONF_COUNT)
		return NULL;
	return &options[id];
}

const struct conf_option *
conf_option_find(const char *name)
{
	size_t i;

	for (i = 0; i < CONF_COUNT; i++)
		if (strcmp(options[i].name, name) == 0)
			return &options[i];
	return NULL;
}

/* Levenshtein distance, capped: names are short and so is the table. */
size_t
conf_edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t row[64], prev, tmp;

	if (la > 63 || lb > 63)
		return SIZE_MAX;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t best = prev + (a[i - 1] != b[j - 1]);

			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			tmp = row[j];
			row[j] = best;
			prev = tmp;
		}
	}
	return row[lb];
}

const char *
conf_option_suggest(const char *name)
{
	const char *best = NULL;
	size_t i, d, bestd = SIZE_MAX, limit;

	for (i = 0; i < CONF_COUNT; i++) {
		d = conf_edit_distance(name, options[i].name);
		if (d < bestd) {
			bestd = d;
			best = options[i].name;
		}
	}
	/* A third of the name, at least two edits: "max-paralel" yes, "foo" no. */
	limit = strlen(name) / 3;
	if (limit < 2)
		limit = 2;
	if (best == NULL || bestd > limit)
		return NULL;
	return best;
}

const char *
conf_type_name(enum conf_type t)
{
	switch (t) {
	case CONF_T_BOOL:
		return "bool";
	case CONF_T_INT:
		return "int";
	case CONF_T_STRING:
		return "string";
	case CONF_T_ENUM:
		return "enum";
	case CONF_T_DURATION:
		return "duration";
	case CONF_T_SIZE:
		return "size";
	}
	return "?";
}

static int
parse_bool(const char *s, long long *out)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };
	size_t i;

	for (i = 0; i < DL_ARRAY_LEN(yes); i++) {
		if (strcasecmp(s, yes[i]) == 0) {
			*out = 1;
			return 0;
		}
		if (strcasecmp(s, no[i]) == 0) {
			*out = 0;
			return 0;
		}
	}
	return -1;
}

/* A number with an optional unit suffix from units[]; -1 if malformed. */
struct unit {
	const char	*suffix;
	long long	 mult;
};

static int
parse_scaled(const char *s, const struct unit *units, size_t nunits,
    long long bare, long long *out)
{
	char *end;
	long long v, mult = bare;
	size_t i;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0)
		return -1;
	if (*end != '\0') {
		for (i = 0; i < nunits; i++)
			if (strcasecmp(end, units[i].suffix) == 0)
				break;
		if (i == nunits)
			return -1;
		mult = units[i].mult;
	}
	if (mult != 0 && v > LLONG_MAX / mult)
		return -1;
	*out = v * mult;
	return 0;
}

static const struct unit duration_units[] = {
	{ "s", 1 }, { "sec", 1 }, { "m", 60 }, { "min", 60 }, { "h", 3600 },
	{ "d", DAY },
};
static const struct unit size_units[] = {
	{ "b", 1 }, { "k", 1LL << 10 }, { "kb", 1LL << 10 }, { "kib", 1LL << 10 },
	{ "m", 1LL << 20 }, { "mb", 1LL << 20 }, { "mib", 1LL << 20 },
	{ "g", 1LL << 30 }, { "gb", 1LL << 30 }, { "gib", 1LL << 30 },
};

/* Explain what a type accepts, for error messages. */
static char *
expected(const struct conf_option *o)
{
	struct buf b = BUF_INIT;
	size_t i;

	switch (o->type) {
	case CONF_T_BOOL:
		return xstrdup(_("yes or no"));
	case CONF_T_INT:
		return xasprintf(_("a whole number from %lld to %lld"), o->min, o->max);
	case CONF_T_DURATION:
		return xasprintf(_("a duration from %llds to %llds (such as 30s, 15m, 2h, 1d)"),
		    o->min, o->max);
	case CONF_T_SIZE:
		return xasprintf(_("a size from %lld to %lld bytes (such as 512k, 50M)"),
		    o->min, o->max);
	case CONF_T_ENUM:
		for (i = 0; o->words[i] != NULL; i++) {
			if (i > 0)
				buf_adds(&b, ", ");
			buf_adds(&b, o->words[i]);
		}
		{
			char *s = xasprintf(_("one of: %s"), buf_str(&b));
			buf_free(&b);
			return s;
		}
	case CONF_T_STRING:
		break;
	}
	return xstrdup(_("a string"));
}

int
conf_value_parse(const struct conf_option *o, const char *text,
    struct conf_value *out, char **err)
{
	long long v = 0;
	int bad = 0;
	size_t i;

	out->num = 0;
	out->str = NULL;
	switch (o->type) {
	case CONF_T_STRING:
		out->str = xstrdup(text);
		return 0;
	case CONF_T_BOOL:
		bad = parse_bool(text, &v) != 0;
		break;
	case CONF_T_INT:
		bad = parse_scaled(text, NULL, 0, 1, &v) != 0;
		break;
	case CONF_T_DURATION:
		bad = parse_scaled(text, duration_units,
		    DL_ARRAY_LEN(duration_units), o->unit, &v) != 0;
		break;
	case CONF_T_SIZE:
		bad = parse_scaled(text, size_units, DL_ARRAY_LEN(size_units),
		    1, &v) != 0;
		break;
	case CONF_T_ENUM:
		bad = 1;
		for (i = 0; o->words[i] != NULL; i++)
			if (strcasecmp(text, o->words[i]) == 0) {
				v = (long long)i;
				out->str = xstrdup(o->words[i]);
				bad = 0;
				break;
			}
		break;
	}
	if (!bad && o->type != CONF_T_ENUM && o->type != CONF_T_BOOL &&
	    (v < o->min || v > o->max))
		bad = 1;
	if (bad) {
		char *want = expected(o);

		*err = xasprintf(_("option '%s' needs %s, not '%s'"), o->name,
		    want, text);
		free(want);
		return -1;
	}
	out->num = v;
	return 0;
}

void
conf_values_init(struct conf *conf)
{
	char *err = NULL;
	size_t i;

	for (i = 0; i < CONF_COUNT; i++) {
		/* The defaults are ours; a bad one is a bug caught by the tests. */
		if (conf_value_parse(&options[i], options[i].def,
		    &conf->values[i], &err) != 0) {
			log_error("bad default: %s", err);
			abort();
		}
	}
}

void
conf_values_free(struct conf *conf)
{
	size_t i;

	for (i = 0; i < CONF_COUNT; i++) {
		free(conf->values[i].str);
		conf->values[i].str = NULL;
	}
}

void
conf_format_value(const struct conf_option *o, long long v, char *out, size_t len)
{
	if (o->type == CONF_T_DURATION && v != 0 && v % 86400 == 0)
		snprintf(out, len, "%lldd", v / 86400);
	else if (o->type == CONF_T_DURATION && v != 0 && v % 3600 == 0)
		snprintf(out, len, "%lldh", v / 3600);
	else if (o->type == CONF_T_DURATION && v != 0 && v % 60 == 0)
		snprintf(out, len, "%lldm", v / 60);
	else if (o->type == CONF_T_DURATION)
		snprintf(out, len, "%llds", v);
	else if (o->type == CONF_T_SIZE && v != 0 && v % (1LL << 30) == 0)
		snprintf(out, len, "%lldG", v >> 30);
	else if (o->type == CONF_T_SIZE && v != 0 && v % (1LL << 20) == 0)
		snprintf(out, len, "%lldM", v >> 20);
	else if (o->type == CONF_T_SIZE && v != 0 && v % 1024 == 0)
		snprintf(out, len, "%lldk", v >> 10);
	else
		snprintf(out, len, "%lld", v);
}
