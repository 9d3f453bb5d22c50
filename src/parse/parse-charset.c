/*
 * Charsets: the one place dateline calls iconv.  The charset is decided
 * from the first bytes (byte order mark, then the XML declaration, then
 * the HTTP Content-Type charset, then UTF-8) and every later chunk is
 * converted to UTF-8 as it arrives; a multibyte sequence cut by a chunk
 * boundary waits for the next chunk.  Bytes that are not valid in the
 * charset become U+FFFD, and characters XML forbids (C0 controls other
 * than tab, newline and return; U+FFFE, U+FFFF) are dropped, so that no
 * feed is rejected for one bad byte.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parse/parse-int.h"

struct charset {
	charset_out_fn	*out;
	void		*ctx;
	iconv_t		 cd;		/* (iconv_t)-1: the input is UTF-8 */
	char		 pending[16];	/* an incomplete sequence */
	size_t		 npending;
	struct buf	 conv;		/* iconv output */
};

struct charset *
charset_new(charset_out_fn *out, void *ctx)
{
	struct charset *cs = xcalloc(1, sizeof *cs);

	cs->out = out;
	cs->ctx = ctx;
	cs->cd = (iconv_t)-1;
	return cs;
}

void
charset_free(struct charset *cs)
{
	if (cs == NULL)
		return;
	if (cs->cd != (iconv_t)-1)
		iconv_close(cs->cd);
	buf_free(&cs->conv);
	free(cs);
}

/* The encoding="…" of an XML declaration at the start of head, or NULL. */
static char *
xml_decl_encoding(const char *head, size_t len)
{
	const char *end, *p, *q;
	char quote;

	if (len < 6 || memcmp(head, "<?xml", 5) != 0)
		return NULL;
	if ((end = memmem(head, len, "?>", 2)) == NULL)
		return NULL;
	if ((p = memmem(head, (size_t)(end - head), "encoding", 8)) == NULL)
		return NULL;
	p += 8;
	while (p < end && isspace((unsigned char)*p))
		p++;
	if (p >= end || *p++ != '=')
		return NULL;
	while (p < end && isspace((unsigned char)*p))
		p++;
	if (p >= end || (*p != '"' && *p != '\''))
		return NULL;
	quote = *p++;
	for (q = p; q < end && *q != quote; q++) {
		if (!isalnum((unsigned char)*q) && strchr("-_.:", *q) == NULL)
			return NULL;
	}
	if (q >= end || q == p || q - p > 40)
		return NULL;
	return xstrndup(p, (size_t)(q - p));
}

/* Labels that mean something else in practice (as browsers read them). */
static const char *
charset_alias(const char *name)
{
	static const struct {
		const char *label, *charset;
	} aliases[] = {
		{ "iso-8859-1", "WINDOWS-1252" },
		{ "iso8859-1", "WINDOWS-1252" },
		{ "latin1", "WINDOWS-1252" },
		{ "us-ascii", "WINDOWS-1252" },
		{ "ascii", "WINDOWS-1252" },
		{ "iso-8859-9", "WINDOWS-1254" },
		{ "tis-620", "WINDOWS-874" },
		{ "gb2312", "GB18030" },
		{ "gbk", "GB18030" },
		{ "x-sjis", "SHIFT_JIS" },
		{ "ks_c_5601-1987", "CP949" },
		{ "euc-kr", "CP949" },
		{ "utf8", "UTF-8" },
	};
	size_t i;

	for (i = 0; i < DL_ARRAY_LEN(aliases); i++) {
		if (strcasecmp(name, aliases[i].label) == 0)
			return aliases[i].charset;
	}
	return name;
}

static int
is_utf8_name(const char *name)
{
	return strcasecmp(name, "UTF-8") == 0 || strcasecmp(name, "UTF8") == 0;
}

static int
is_utf16_name(const char *name)
{
	return strncasecmp(name, "UTF-16", 6) == 0 || strncasecmp(name, "UCS-2", 5) == 0;
}

const char *
charset_detect(struct charset *cs, const char *head, size_t len,
    const char *http_charset, size_t *skip, char **warning)
{
	const unsigned char *u = (const unsigned char *)head;
	const char *name = "UTF-8";
	char *decl = NULL;

	*skip = 0;
	*warning = NULL;
	if (len >= 4 && memcmp(u, "\x00\x00\xFE\xFF", 4) == 0) {
		name = "UTF-32BE";
		*skip = 4;
	} else if (len >= 4 && memcmp(u, "\xFF\xFE\x00\x00", 4) == 0) {
		name = "UTF-32LE";
		*skip = 4;
	} else if (len >= 3 && memcmp(u, "\xEF\xBB\xBF", 3) == 0) {
		name = "UTF-8";
		*skip = 3;
	} else if (len >= 2 && memcmp(u, "\xFE\xFF", 2) == 0) {
		name = "UTF-16BE";
		*skip = 2;
	} else if (len >= 2 && memcmp(u, "\xFF\xFE", 2) == 0) {
		name = "UTF-16LE";
		*skip = 2;
	} else if (len >= 4 && memcmp(u, "<\0?\0", 4) == 0) {
		name = "UTF-16LE";
	} else if (len >= 4 && memcmp(u, "\0<\0?", 4) == 0) {
		name = "UTF-16BE";
	} else if ((decl = xml_decl_encoding(head, len)) != NULL &&
	    !is_utf16_name(decl)) {
		/* A declaration we could read in ASCII cannot be UTF-16. */
		name = charset_alias(decl);
	} else if (http_charset != NULL && *http_charset != '\0' &&
	    !is_utf16_name(http_charset)) {
		name = charset_alias(http_charset);
	}
	if (!is_utf8_name(name)) {
		cs->cd = iconv_open("UTF-8", name);
		if (cs->cd == (iconv_t)-1) {
			*warning = xasprintf(_("unknown charset \"%s\", read as UTF-8"),
			    name);
			name = "UTF-8";
		}
	}
	free(decl);
	return name;
}

static size_t
invalid_len(const char *s, size_t len)
{
	unsigned char c = (unsigned char)s[0];
	size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2, k = 1;

	if (c < 0xC2 || c > 0xF4)
		return 1;
	while (k < need && k < len && ((unsigned char)s[k] & 0xC0) == 0x80)
		k++;
	return k;
}

/* Hand valid UTF-8 from s on, in runs straight from the input, dropping
 * what XML forbids and replacing invalid sequences; returns the bytes of
 * an incomplete sequence left at the end (when !final) to keep for later. */
static size_t
filter_utf8(struct charset *cs, const char *s, size_t len, int final)
{
	size_t i = 0, start = 0;
	uint32_t cp;
	int n;

	while (i < len) {
		unsigned char c;

		i += text_ascii_run(s + i, len - i);
		if (i >= len)
			break;
		c = (unsigned char)s[i];
		if (c < 0x20) {
			if (c == '\t' || c == '\n' || c == '\r') {
				i++;
				continue;
			}
			cs->out(cs->ctx, s + start, i - start);
			start = ++i;		/* dropped */
			continue;
		}
		if ((n = utf8_decode(s + i, len - i, &cp)) > 0) {
			if (cp == 0xFFFE || cp == 0xFFFF) {
				cs->out(cs->ctx, s + start, i - start);
				start = i + (size_t)n;
			}
			i += (size_t)n;
			continue;
		}
		/* A sequence cut by the chunk end waits for more. */
		if (!final && len - i < 4) {
			size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2, k;

			for (k = 1; k < len - i; k++) {
				if (((unsigned char)s[i + k] & 0xC0) != 0x80)
					break;
			}
			if (c >= 0xC2 && c <= 0xF4 && k == len - i && k < need) {
				cs->out(cs->ctx, s + start, i - start);
				return len - i;
			}
		}
		/* One U+FFFD for a lead byte and its continuations. */
		cs->out(cs->ctx, s + start, i - start);
		cs->out(cs->ctx, "\xEF\xBF\xBD", 3);
		i += invalid_len(s + i, len - i);
		start = i;
	}
	if (len > start)
		cs->out(cs->ctx, s + start, len - start);
	return 0;
}

static void
emit(struct charset *cs, const char *s, size_t len, int final)
{
	size_t keep;

	keep = filter_utf8(cs, s, len, final);
	if (keep > 0) {
		memcpy(cs->pending, s + len - keep, keep);
		cs->npending = keep;
	}
}

/* Run iconv over in; keeps an incomplete trailing sequence pending. */
static void
convert(struct charset *cs, const char *data, size_t len, int final)
{
	char *in = (char *)data, *outp;
	size_t inleft = len, outleft;

	buf_reset(&cs->conv);
	while (inleft > 0) {
		buf_grow(&cs->conv, inleft * 2 + 64);
		outp = cs->conv.data + cs->conv.len;
		outleft = cs->conv.cap - cs->conv.len - 1;
		size_t rc = iconv(cs->cd, &in, &inleft, &outp, &outleft);
		cs->conv.len = (size_t)(outp - cs->conv.data);
		cs->conv.data[cs->conv.len] = '\0';
		if (rc != (size_t)-1)
			continue;
		if (errno == E2BIG)
			continue;
		if (errno == EINVAL && !final && inleft < sizeof cs->pending) {
			memcpy(cs->pending, in, inleft);
			cs->npending = inleft;
			break;
		}
		/* EILSEQ, or a sequence cut by the end of the input. */
		buf_add_utf8(&cs->conv, UTF8_REPLACEMENT);
		in++;
		inleft--;
	}
	if (final) {
		buf_grow(&cs->conv, 64);
		outp = cs->conv.data + cs->conv.len;
		outleft = cs->conv.cap - cs->conv.len - 1;
		if (iconv(cs->cd, NULL, NULL, &outp, &outleft) != (size_t)-1)
			cs->conv.len = (size_t)(outp - cs->conv.data);
	}
	emit(cs, cs->conv.data ? cs->conv.data : "", cs->conv.len, 1);
}

static void
push(struct charset *cs, const char *data, size_t len, int final)
{
	char joined[sizeof cs->pending + 16];
	size_t take, n;
	int last;

	/* Finish a sequence left over from the last chunk first. */
	while (cs->npending > 0 && (len > 0 || final)) {
		take = sizeof joined - cs->npending;
		if (take > len)
			take = len;
		memcpy(joined, cs->pending, cs->npending);
		memcpy(joined + cs->npending, data, take);
		n = cs->npending + take;
		cs->npending = 0;
		data += take;
		len -= take;
		last = final && len == 0;
		if (cs->cd == (iconv_t)-1)
			emit(cs, joined, n, last);
		else
			convert(cs, joined, n, last);
		if (len == 0)
			return;
	}
	if (len == 0 && !final)
		return;
	if (cs->cd == (iconv_t)-1)
		emit(cs, data, len, final);
	else
		convert(cs, data, len, final);
}

void
charset_push(struct charset *cs, const char *data, size_t len)
{
	push(cs, data, len, 0);
}

void
charset_finish(struct charset *cs)
{
	push(cs, "", 0, 1);
}

static void
add_to_buf(void *ctx, const char *utf8, size_t len)
{
	buf_add(ctx, utf8, len);
}

int
charset_to_utf8(const char *charset, const char *in, size_t len,
    struct buf *out, char **err)
{
	struct charset *cs;
	const char *name;

	if (len > CHARSET_MAX_INPUT) {
		*err = xasprintf(_("too much text to convert (%zu bytes, at most "
		    "%u)"), len, CHARSET_MAX_INPUT);
		return -1;
	}
	name = charset != NULL && *charset != '\0' ? charset_alias(charset) :
	    "UTF-8";
	cs = charset_new(add_to_buf, out);
	if (!is_utf8_name(name)) {
		cs->cd = iconv_open("UTF-8", name);
		if (cs->cd == (iconv_t)-1) {
			char *t = utf8_sanitise(name, strlen(name), 0);

			*err = xasprintf(_("unknown charset \"%s\""), t);
			free(t);
			charset_free(cs);
			return -1;
		}
	}
	/* at most 4 bytes of UTF-8 for each byte in (3 for U+FFFD) */
	buf_grow(out, len + len / 2 + 16);
	push(cs, in, len, 1);
	charset_free(cs);
	if (out->data == NULL)
		buf_adds(out, "");
	return 0;
}
