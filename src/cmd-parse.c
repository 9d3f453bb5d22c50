/*
 * dateline --parse FILE|-: a feed as one JSON object on stdout, written
 * as the parser goes so that memory stays flat on any size of feed.
 *
 * The object's keys: "format", the feed's fields, "items".  Items are
 * printed the moment each is complete, so the feed's fields are printed
 * when the first item arrives.  A field the feed gives only after its
 * first item (RSS allows that; it is rare) is not known then: such a key
 * is printed after "items" instead, with its final value.  Every key
 * appears exactly once and holds the value the parser ends with (a
 * parser field never changes once set); JSON does not order keys.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <json-c/json.h>
#include <json-c/printbuf.h>

#include "cli.h"
#include "parse/parse.h"
#include "story/story.h"
#include "util/i18n.h"
#include "util/util.h"

#define JSON_FLAGS (JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE)

enum feed_key {
	KEY_FORMAT,
	KEY_TITLE,
	KEY_LINK,
	KEY_DESCRIPTION,
	KEY_LANGUAGE,
	KEY_AUTHOR,
	KEY_UPDATED,
	KEY_COUNT,
};

static const char *key_names[KEY_COUNT] = {
	"format", "title", "link", "description", "language", "author", "updated",
};

struct out {
	FILE		*fp;
	int		 started;
	int		 printed[KEY_COUNT];
	size_t		 nitems;
	struct printbuf	*pb;		/* items not written yet */
	json_object	*holder;	/* for emit_story */
	int		 no_story;	/* --no-story: the parser's fields only */
	int		 write_error;
};

static json_object *new_string(const char *);

static json_object *
time_value(int64_t t)
{
	char iso[21];

	if (t == DL_TIME_NONE)
		return NULL;
	time_format_iso(t, iso);
	return json_object_new_string(iso);
}

static json_object *
feed_value(const struct feed *feed, enum feed_key k, int *known)
{
	const char *s = NULL;

	switch (k) {
	case KEY_FORMAT:
		*known = 1;
		return json_object_new_string(feed_format_name(feed->format));
	case KEY_TITLE:
		s = feed->title;
		break;
	case KEY_LINK:
		s = feed->link;
		break;
	case KEY_DESCRIPTION:
		s = feed->description;
		break;
	case KEY_LANGUAGE:
		s = feed->language;
		break;
	case KEY_AUTHOR:
		s = feed->author;
		break;
	case KEY_UPDATED:
		*known = feed->updated != DL_TIME_NONE;
		return time_value(feed->updated);
	case KEY_COUNT:
		break;
	}
	*known = s != NULL && *s != '\0';
	return new_string(s);
}

/* Print the keys that are known (or all, when all is set) and not yet
 * printed; sep is what goes before the first one. */
static void
print_keys(struct out *o, const struct feed *feed, int all, const char *sep)
{
	json_object *v;
	int k, known;

	for (k = 0; k < KEY_COUNT; k++) {
		if (o->printed[k])
			continue;
		v = feed_value(feed, (enum feed_key)k, &known);
		if (known || all) {
			fprintf(o->fp, "%s\"%s\":%s", sep, key_names[k],
			    v ? json_object_to_json_string_ext(v, JSON_FLAGS) : "null");
			o->printed[k] = 1;
			sep = ",";
		}
		json_object_put(v);
	}
}

static void
start(struct out *o, const struct feed *feed, int all)
{
	fputc('{', o->fp);
	print_keys(o, feed, all, "");
	fputs(o->printed[KEY_FORMAT] ? ",\"items\":[" : "\"items\":[", o->fp);
	o->started = 1;
}

/* Whether any of the eight bytes in w needs escaping in a JSON string:
 * a control character, '"' or '\\'. */
static int
needs_escape(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
	uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\');

	return (((w - ones * 0x20) | (q - ones) | (b - ones)) & ~w & high) != 0;
}

/*
 * json-c writes the output; this serializer of its string objects does
 * what json-c's own does (minus escaping '/'), but copies the runs that
 * need no escaping eight bytes at a time: story text is most of the
 * bytes --parse writes.  The strings are valid UTF-8 already (the parser
 * sanitises every field).  Items are written straight from struct item
 * into one json-c printbuf (write_item), so that an item costs no
 * allocation but its story object, and leave in blocks of 64 KB.
 */
static void
append_string(struct printbuf *pb, const char *s, size_t len)
{
	size_t i = 0, start = 0;
	char esc[8];
	uint64_t w;

	printbuf_memappend(pb, "\"", 1);
	while (i < len) {
		if (i + 8 <= len) {
			memcpy(&w, s + i, 8);
			if (!needs_escape(w)) {
				i += 8;
				continue;
			}
		}
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x20 && c != '"' && c != '\\') {
			i++;
			continue;
		}
		printbuf_memappend(pb, s + start, (int)(i - start));
		if (c == '"' || c == '\\')
			snprintf(esc, sizeof esc, "\\%c", c);
		else if (c == '\n')
			strcpy(esc, "\\n");
		else if (c == '\t')
			strcpy(esc, "\\t");
		else
			snprintf(esc, sizeof esc, "\\u%04x", c);
		printbuf_memappend(pb, esc, (int)strlen(esc));
		start = ++i;
	}
	printbuf_memappend(pb, s + start, (int)(len - start));
	printbuf_memappend(pb, "\"", 1);
}

static int
string_to_json(json_object *jso, struct printbuf *pb, int level, int flags)
{
	(void)level;
	(void)flags;
	append_string(pb, json_object_get_string(jso),
	    (size_t)json_object_get_string_len(jso));
	return 0;
}

static json_object *
new_string(const char *s)
{
	json_object *v = json_object_new_string_len(s ? s : "", s ? (int)strlen(s) : 0);

	json_object_set_serializer(v, string_to_json, NULL, NULL);
	return v;
}

/*
 * STORY HOOK.  The "story" object of each item: dateline, byline, photo
 * captions and credits.  The story module fills it by replacing the body
 * of this one function: build the object and add it to obj under the key
 * "story", e.g. json_object_object_add(obj, "story", story); strings
 * made with new_string() are written by the fast serializer.  When no
 * "story" key is added, the item gets the empty one, STORY_EMPTY.
 */
#define STORY_EMPTY "{\"dateline\":\"\",\"byline\":\"\",\"captions\":[],\"credits\":\"\"}"

static void
emit_story(json_object *obj, const struct feed *feed, const struct item *item)
{
	struct story *st = story_from_item(item, feed != NULL ? feed->title : NULL);
	json_object *story = json_object_new_object(), *captions, *c;
	size_t i;

	json_object_object_add(story, "dateline", new_string(st->dateline));
	json_object_object_add(story, "byline", new_string(st->byline));
	captions = json_object_new_array();
	for (i = 0; i < st->ncaptions; i++) {
		c = json_object_new_object();
		json_object_object_add(c, "text", new_string(st->captions[i].text));
		json_object_object_add(c, "credit", new_string(st->captions[i].credit));
		json_object_array_add(captions, c);
	}
	json_object_object_add(story, "captions", captions);
	json_object_object_add(story, "credits", new_string(st->credits));
	json_object_object_add(obj, "story", story);
	story_free(st);
}

struct item_ref {
	const struct feed	*feed;
	const struct item	*item;
	json_object		*holder;	/* emit_story adds "story" here */
	int			 no_story;
};

static void
append_key(struct printbuf *pb, const char *key, const char *s)
{
	printbuf_memappend(pb, ",\"", 2);
	printbuf_memappend(pb, key, (int)strlen(key));
	printbuf_memappend(pb, "\":", 2);
	append_string(pb, s, strlen(s));
}

static void
append_time(struct printbuf *pb, const char *key, int64_t t)
{
	char iso[21], text[48];

	if (t == DL_TIME_NONE)
		snprintf(text, sizeof text, ",\"%s\":null", key);
	else {
		time_format_iso(t, iso);
		snprintf(text, sizeof text, ",\"%s\":\"%s\"", key, iso);
	}
	printbuf_memappend(pb, text, (int)strlen(text));
}

static void
append_number(struct printbuf *pb, const char *key, int64_t n, int known)
{
	char text[64];

	if (known)
		snprintf(text, sizeof text, ",\"%s\":%lld", key, (long long)n);
	else
		snprintf(text, sizeof text, ",\"%s\":null", key);
	printbuf_memappend(pb, text, (int)strlen(text));
}

static void
append_lists(struct printbuf *pb, const struct item *it)
{
	size_t i;

	printbuf_memappend(pb, ",\"categories\":[", 15);
	for (i = 0; i < it->ncategories; i++) {
		if (i > 0)
			printbuf_memappend(pb, ",", 1);
		append_string(pb, it->categories[i], strlen(it->categories[i]));
	}
	printbuf_memappend(pb, "],\"enclosures\":[", 16);
	for (i = 0; i < it->nenclosures; i++) {
		printbuf_memappend(pb, i > 0 ? ",{\"url\":" : "{\"url\":", i > 0 ? 8 : 7);
		append_string(pb, it->enclosures[i].url, strlen(it->enclosures[i].url));
		append_key(pb, "type", it->enclosures[i].type);
		append_number(pb, "length", it->enclosures[i].length,
		    it->enclosures[i].length >= 0);
		printbuf_memappend(pb, "}", 1);
	}
	printbuf_memappend(pb, "],\"media\":[", 11);
	for (i = 0; i < it->nmedia; i++) {
		printbuf_memappend(pb, i > 0 ? ",{\"url\":" : "{\"url\":", i > 0 ? 8 : 7);
		append_string(pb, it->media[i].url, strlen(it->media[i].url));
		append_key(pb, "type", it->media[i].type);
		append_key(pb, "caption", it->media[i].caption);
		append_key(pb, "credit", it->media[i].credit);
		append_number(pb, "width", it->media[i].width, it->media[i].width > 0);
		append_number(pb, "height", it->media[i].height, it->media[i].height > 0);
		printbuf_memappend(pb, "}", 1);
	}
	printbuf_memappend(pb, "]", 1);
}

/* An item as JSON, into json-c's printbuf: the fields straight from
 * struct item, the story object through json-c. */
static void
write_item(struct printbuf *pb, const struct item_ref *ref)
{
	const struct item *it = ref->item;
	json_object *story;

	printbuf_memappend(pb, "{\"guid\":", 8);
	append_string(pb, it->guid, strlen(it->guid));
	append_key(pb, "title", it->title);
	append_key(pb, "link", it->link);
	append_key(pb, "author", it->author);
	append_time(pb, "published", it->published);
	append_time(pb, "updated", it->updated);
	append_key(pb, "summary", it->summary);
	append_key(pb, "content", it->content);
	append_lists(pb, it);
	/* The story costs an HTML parse per item (gumbo: about ten times
	 * the XML parse); --no-story leaves it out and writes the empty one. */
	if (!ref->no_story)
		emit_story(ref->holder, ref->feed, it);
	printbuf_memappend(pb, ",\"story\":", 9);
	if (json_object_object_get_ex(ref->holder, "story", &story)) {
		const char *text = json_object_to_json_string_ext(story, JSON_FLAGS);

		printbuf_memappend(pb, text, (int)strlen(text));
		json_object_object_del(ref->holder, "story");
	} else
		printbuf_memappend(pb, STORY_EMPTY, (int)strlen(STORY_EMPTY));
	printbuf_memappend(pb, "}", 1);
}

/* Items go out in blocks of 64 KB, straight from the printbuf. */
static void
flush_items(struct out *o)
{
	const char *p = o->pb != NULL ? o->pb->buf : NULL;
	size_t left = o->pb != NULL ? (size_t)o->pb->bpos : 0;
	ssize_t n;

	if (left == 0)
		return;
	if (fflush(o->fp) != 0)
		o->write_error = 1;
	while (left > 0 && !o->write_error) {
		n = write(fileno(o->fp), p, left);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			o->write_error = 1;
			break;
		}
		p += n;
		left -= (size_t)n;
	}
	printbuf_reset(o->pb);
}

static int
on_item(void *ctx, const struct feed *feed, const struct item *it)
{
	struct out *o = ctx;
	struct item_ref ref = { feed, it, NULL, o->no_story };

	if (!o->started)
		start(o, feed, 0);
	if (o->pb == NULL) {
		o->pb = printbuf_new();
		o->holder = json_object_new_object();
	}
	ref.holder = o->holder;
	if (o->nitems++ > 0)
		printbuf_memappend(o->pb, ",\n", 2);
	else
		printbuf_memappend(o->pb, "\n", 1);
	write_item(o->pb, &ref);
	if (o->pb->bpos >= 1 << 16)
		flush_items(o);
	return o->write_error ? -1 : 0;
}

static void
finish(struct out *o, const struct feed *feed)
{
	if (!o->started)
		start(o, feed, 1);
	flush_items(o);
	fputs(o->nitems > 0 ? "\n]" : "]", o->fp);
	print_keys(o, feed, 1, ",");
	fputs("}\n", o->fp);
}

/* Feed the file to the parser in chunks; -1 with errno on a read error. */
static int
read_into(int fd, struct parser *p)
{
	static char chunk[1 << 16];
	ssize_t n;

	for (;;) {
		n = read(fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0 || parser_push(p, chunk, (size_t)n) != 0)
			return 0;
	}
}

static void
print_warnings(const char *name, const char *warnings)
{
	const char *line = warnings, *nl;

	while (line != NULL && *line != '\0') {
		nl = strchr(line, '\n');
		log_warn("%s: %.*s", name, nl ? (int)(nl - line) : (int)strlen(line), line);
		line = nl ? nl + 1 : NULL;
	}
}

int
cmd_parse(const struct cli *cli)
{
	const char *path = cli->arg, *name;
	struct parse_opts opts;
	struct parser *p = NULL;
	struct out o;
	int fd, rc = EXIT_FAIL;

	name = strcmp(path, "-") == 0 ? "stdin" : path;
	fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		log_error("%s: %s", name, strerror(errno));
		return EXIT_FAIL;
	}
	memset(&o, 0, sizeof o);
	o.no_story = cli->no_story;
	o.fp = stdout;
	setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	memset(&opts, 0, sizeof opts);
	opts.url = cli->base_url;
	opts.on_item = on_item;
	opts.ctx = &o;
	p = parser_new(&opts);
	if (read_into(fd, p) != 0) {
		log_error("%s: %s", name, strerror(errno));
		goto out;
	}
	if (parser_finish(p) != 0 && !o.started) {
		log_error("%s: %s", name, parser_error(p));
		goto out;
	}
	if (parser_error(p) != NULL)	/* items were printed already */
		log_warn("%s: %s", name, parser_error(p));
	print_warnings(name, parser_warnings(p));
	finish(&o, parser_feed(p));
	if (fflush(stdout) != 0 || ferror(stdout) || o.write_error) {
		log_error(_("writing the output: %s"), strerror(errno));
		goto out;
	}
	rc = EXIT_OK;
out:
	if (o.pb != NULL)
		printbuf_free(o.pb);
	json_object_put(o.holder);
	parser_free(p);
	if (fd != STDIN_FILENO)
		close(fd);
	return rc;
}
