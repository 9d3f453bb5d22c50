/*
 * UTF-8: strict decoding, encoding, terminal display width and sanitising.
 * Display width: our own tables for East Asian wide/fullwidth characters,
 * emoji and combining marks come first, so widths are the same in every
 * locale (a C locale's wcwidth() knows nothing beyond ASCII) and newer emoji
 * are wide even with an older libc; everything the tables do not list is
 * asked of wcwidth(), which is also what ncursesw places characters by.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "util/util.h"

int
utf8_decode(const char *str, size_t len, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t c, min;
	size_t n, i;

	if (len == 0)
		return -1;
	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2; c &= 0x1F; min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3; c &= 0x0F; min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4; c &= 0x07; min = 0x10000;
	} else
		return -1;
	if (len < n)
		return -1;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return -1;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return -1;
	*cp = c;
	return (int)n;
}

int
utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp >= 0xD800 && cp <= 0xDFFF)
		return 0;
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	if (cp <= 0x10FFFF) {
		out[0] = (char)(0xF0 | (cp >> 18));
		out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[3] = (char)(0x80 | (cp & 0x3F));
		return 4;
	}
	return 0;
}

void
buf_add_utf8(struct buf *b, uint32_t cp)
{
	char tmp[4];
	int n = utf8_encode(cp, tmp);

	if (n == 0)
		n = utf8_encode(UTF8_REPLACEMENT, tmp);
	buf_add(b, tmp, (size_t)n);
}

int
utf8_valid(const char *s, size_t len)
{
	uint32_t cp;
	size_t i = 0;
	int n;

	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		if ((n = utf8_decode(s + i, len - i, &cp)) < 0)
			return 0;
		i += (size_t)n;
	}
	return 1;
}

struct range {
	uint32_t first, last;
};

/* Zero-width: combining marks, joiners, variation selectors, format
 * characters and Hangul medial/final jamo. */
static const struct range zero_width[] = {
	{ 0x0300, 0x036F }, { 0x0483, 0x0489 }, { 0x0591, 0x05BD },
	{ 0x05BF, 0x05BF }, { 0x05C1, 0x05C2 }, { 0x05C4, 0x05C5 },
	{ 0x05C7, 0x05C7 }, { 0x0610, 0x061A }, { 0x061C, 0x061C },
	{ 0x064B, 0x065F }, { 0x0670, 0x0670 }, { 0x06D6, 0x06DC },
	{ 0x06DF, 0x06E4 }, { 0x06E7, 0x06E8 }, { 0x06EA, 0x06ED },
	{ 0x0711, 0x0711 }, { 0x0730, 0x074A }, { 0x07A6, 0x07B0 },
	{ 0x07EB, 0x07F3 }, { 0x0816, 0x0819 }, { 0x081B, 0x0823 },
	{ 0x0825, 0x0827 }, { 0x0829, 0x082D }, { 0x0859, 0x085B },
	{ 0x08D3, 0x08E1 }, { 0x08E3, 0x0902 }, { 0x093A, 0x093A }, { 0x093C, 0x093C },
	{ 0x0941, 0x0948 }, { 0x094D, 0x094D }, { 0x0951, 0x0957 },
	{ 0x0962, 0x0963 }, { 0x0981, 0x0981 }, { 0x09BC, 0x09BC },
	{ 0x09C1, 0x09C4 }, { 0x09CD, 0x09CD }, { 0x09E2, 0x09E3 },
	{ 0x0A01, 0x0A02 }, { 0x0A3C, 0x0A3C }, { 0x0A41, 0x0A51 }, { 0x0A70, 0x0A71 },
	{ 0x0A81, 0x0A82 }, { 0x0ABC, 0x0ABC }, { 0x0AC1, 0x0AC8 },
	{ 0x0ACD, 0x0ACD }, { 0x0B01, 0x0B01 }, { 0x0B3C, 0x0B3C },
	{ 0x0B3F, 0x0B3F }, { 0x0B41, 0x0B44 }, { 0x0B4D, 0x0B4D },
	{ 0x0BC0, 0x0BC0 }, { 0x0BCD, 0x0BCD }, { 0x0C3E, 0x0C40 },
	{ 0x0C46, 0x0C56 }, { 0x0CBC, 0x0CBC }, { 0x0CCC, 0x0CCD },
	{ 0x0D41, 0x0D44 }, { 0x0D4D, 0x0D4D }, { 0x0DCA, 0x0DCA },
	{ 0x0DD2, 0x0DD6 }, { 0x0E31, 0x0E31 }, { 0x0E34, 0x0E3A },
	{ 0x0E47, 0x0E4E }, { 0x0EB1, 0x0EB1 }, { 0x0EB4, 0x0EBC },
	{ 0x0EC8, 0x0ECD }, { 0x0F18, 0x0F19 }, { 0x0F35, 0x0F35 },
	{ 0x0F37, 0x0F37 }, { 0x0F39, 0x0F39 }, { 0x0F71, 0x0F7E },
	{ 0x0F80, 0x0F84 }, { 0x0F86, 0x0F87 }, { 0x0F8D, 0x0FBC },
	{ 0x102D, 0x1030 }, { 0x1032, 0x1037 }, { 0x1039, 0x103A },
	{ 0x1160, 0x11FF }, { 0x135D, 0x135F }, { 0x1712, 0x1714 },
	{ 0x17B4, 0x17B5 }, { 0x17B7, 0x17BD }, { 0x17C6, 0x17C6 },
	{ 0x17C9, 0x17D3 }, { 0x180B, 0x180F }, { 0x1AB0, 0x1AFF },
	{ 0x1DC0, 0x1DFF }, { 0x200B, 0x200F }, { 0x202A, 0x202E },
	{ 0x2060, 0x2064 }, { 0x2066, 0x206F }, { 0x20D0, 0x20FF },
	{ 0x2CEF, 0x2CF1 }, { 0x2DE0, 0x2DFF }, { 0x302A, 0x302D },
	{ 0x3099, 0x309A }, { 0xA66F, 0xA672 }, { 0xA674, 0xA67D },
	{ 0xA69E, 0xA69F }, { 0xA6F0, 0xA6F1 }, { 0xD7B0, 0xD7FF },
	{ 0xFE00, 0xFE0F }, { 0xFE20, 0xFE2F }, { 0xFEFF, 0xFEFF },
	{ 0xFFF9, 0xFFFB }, { 0x1D167, 0x1D169 }, { 0x1D173, 0x1D182 },
	{ 0x1F3FB, 0x1F3FF }, { 0xE0001, 0xE0001 }, { 0xE0020, 0xE007F },
	{ 0xE0100, 0xE01EF },
};

/* Two columns: East Asian Wide and Fullwidth, and emoji shown as emoji by
 * default (Emoji_Presentation). */
static const struct range wide[] = {
	{ 0x1100, 0x115F }, { 0x231A, 0x231B }, { 0x2329, 0x232A },
	{ 0x23E9, 0x23EC }, { 0x23F0, 0x23F0 }, { 0x23F3, 0x23F3 },
	{ 0x25FD, 0x25FE }, { 0x2614, 0x2615 }, { 0x2648, 0x2653 },
	{ 0x267F, 0x267F }, { 0x2693, 0x2693 }, { 0x26A1, 0x26A1 },
	{ 0x26AA, 0x26AB }, { 0x26BD, 0x26BE }, { 0x26C4, 0x26C5 },
	{ 0x26CE, 0x26CE }, { 0x26D4, 0x26D4 }, { 0x26EA, 0x26EA },
	{ 0x26F2, 0x26F3 }, { 0x26F5, 0x26F5 }, { 0x26FA, 0x26FA },
	{ 0x26FD, 0x26FD }, { 0x2705, 0x2705 }, { 0x270A, 0x270B },
	{ 0x2728, 0x2728 }, { 0x274C, 0x274C }, { 0x274E, 0x274E },
	{ 0x2753, 0x2755 }, { 0x2757, 0x2757 }, { 0x2795, 0x2797 },
	{ 0x27B0, 0x27B0 }, { 0x27BF, 0x27BF }, { 0x2B1B, 0x2B1C },
	{ 0x2B50, 0x2B50 }, { 0x2B55, 0x2B55 }, { 0x2E80, 0x303E },
	{ 0x3041, 0x3247 }, { 0x3250, 0x4DBF }, { 0x4E00, 0xA4CF },
	{ 0xA960, 0xA97F }, { 0xAC00, 0xD7A3 }, { 0xF900, 0xFAFF },
	{ 0xFE10, 0xFE19 }, { 0xFE30, 0xFE6F }, { 0xFF00, 0xFF60 },
	{ 0xFFE0, 0xFFE6 }, { 0x16FE0, 0x16FE3 }, { 0x16FF0, 0x16FF1 },
	{ 0x17000, 0x18CD5 }, { 0x18D00, 0x18D08 }, { 0x1AFF0, 0x1B2FF },
	{ 0x1F004, 0x1F004 }, { 0x1F0CF, 0x1F0CF }, { 0x1F18E, 0x1F18E },
	{ 0x1F191, 0x1F19A }, { 0x1F200, 0x1F202 }, { 0x1F210, 0x1F23B },
	{ 0x1F240, 0x1F248 }, { 0x1F250, 0x1F251 }, { 0x1F260, 0x1F265 },
	{ 0x1F300, 0x1F320 }, { 0x1F32D, 0x1F335 }, { 0x1F337, 0x1F37C },
	{ 0x1F37E, 0x1F393 }, { 0x1F3A0, 0x1F3CA }, { 0x1F3CF, 0x1F3D3 },
	{ 0x1F3E0, 0x1F3F0 }, { 0x1F3F4, 0x1F3F4 }, { 0x1F3F8, 0x1F3FA },
	{ 0x1F400, 0x1F43E }, { 0x1F440, 0x1F440 }, { 0x1F442, 0x1F4FC },
	{ 0x1F4FF, 0x1F53D }, { 0x1F54B, 0x1F54E }, { 0x1F550, 0x1F567 },
	{ 0x1F57A, 0x1F57A }, { 0x1F595, 0x1F596 }, { 0x1F5A4, 0x1F5A4 },
	{ 0x1F5FB, 0x1F64F }, { 0x1F680, 0x1F6C5 }, { 0x1F6CC, 0x1F6CC },
	{ 0x1F6D0, 0x1F6D2 }, { 0x1F6D5, 0x1F6D7 }, { 0x1F6DC, 0x1F6DF },
	{ 0x1F6EB, 0x1F6EC }, { 0x1F6F4, 0x1F6FC }, { 0x1F7E0, 0x1F7EB },
	{ 0x1F7F0, 0x1F7F0 }, { 0x1F90C, 0x1F93A }, { 0x1F93C, 0x1F945 },
	{ 0x1F947, 0x1F9FF }, { 0x1FA70, 0x1FAFF }, { 0x20000, 0x2FFFD },
	{ 0x30000, 0x3FFFD },
};

static int
in_table(uint32_t cp, const struct range *t, size_t n)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (cp < t[mid].first)
			hi = mid;
		else if (cp > t[mid].last)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

int
utf8_cp_width(uint32_t cp)
{
	int w;

	if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
		return -1;
	if (cp < 0x7F)
		return 1;
	/* Our tables are the authority for what they list: an older libc
	 * may still call a newer emoji narrow.  Zero width first: a few
	 * marks inside the CJK block (U+302A) combine. */
	if (in_table(cp, zero_width, DL_ARRAY_LEN(zero_width)))
		return 0;
	if (in_table(cp, wide, DL_ARRAY_LEN(wide)))
		return 2;
#ifdef HAVE_WCWIDTH
	if ((w = wcwidth((wchar_t)cp)) >= 0)
		return w > 2 ? 2 : w;
#else
	(void)w;
#endif
	return 1;
}

size_t
utf8_prefix_for_width(const char *s, size_t len, size_t max_cols, size_t *cols)
{
	size_t i = 0, used = 0;
	uint32_t cp;
	int n, w;

	while (i < len) {
		if ((n = utf8_decode(s + i, len - i, &cp)) < 0) {
			n = 1;
			w = 1;
		} else if ((w = utf8_cp_width(cp)) < 0)
			w = 1;
		if (used + (size_t)w > max_cols)
			break;
		used += (size_t)w;
		i += (size_t)n;
	}
	if (cols != NULL)
		*cols = used;
	return i;
}

size_t
utf8_width(const char *s, size_t len)
{
	size_t cols;

	utf8_prefix_for_width(s, len, SIZE_MAX, &cols);
	return cols;
}

/*
 * East Asian "ambiguous" characters (│ • · — …) are one column to the C
 * library and so to curses, but two on many terminals set up for Chinese,
 * Japanese or Korean, where a line holding them overruns.  Feed text is
 * what it is; our own decoration avoids them there: in a zh, ja or ko
 * locale, or when DATELINE_AMBIGUOUS=wide (=narrow keeps them anywhere).
 */
int
utf8_ambiguous_wide(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_CTYPE", "LANG" };
	static int amb = -1;
	const char *v;
	size_t k;

	if (amb >= 0)
		return amb;
	amb = 0;
	if ((v = getenv("DATELINE_AMBIGUOUS")) != NULL && *v != '\0') {
		amb = strcmp(v, "wide") == 0;
		return amb;
	}
	for (k = 0; k < DL_ARRAY_LEN(vars); k++)
		if ((v = getenv(vars[k])) != NULL && *v != '\0') {
			amb = strncmp(v, "ja", 2) == 0 || strncmp(v, "ko", 2) == 0 ||
			    strncmp(v, "zh", 2) == 0;
			break;
		}
	return amb;
}

const char *
utf8_decor(const char *unicode, const char *ascii)
{
	return utf8_ambiguous_wide() ? ascii : unicode;
}

char *
utf8_truncate(const char *s, size_t max_cols)
{
	const char *dots = utf8_decor("\xE2\x80\xA6", "...");	/* … */
	size_t len = strlen(s), cut, dw = utf8_width(dots, strlen(dots));
	struct buf b = BUF_INIT;

	if (utf8_width(s, len) <= max_cols)
		return xstrdup(s);
	if (max_cols < dw) {
		cut = utf8_prefix_for_width(s, len, max_cols, NULL);
		return xstrndup(s, cut);
	}
	cut = utf8_prefix_for_width(s, len, max_cols - dw, NULL);
	buf_add(&b, s, cut);
	buf_adds(&b, dots);
	return buf_detach(&b);
}

/* Bidirectional embeddings, overrides and isolates: they reorder the text
 * that follows them on a terminal that does bidi (and in what a log or a
 * JSON consumer shows), so text from outside never carries them. */
static int
bidi_control(uint32_t cp)
{
	return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* What terminals disagree about or show as nothing: marks and other
 * invisible format characters, the emoji joiner (one glyph of two columns
 * on some terminals, three glyphs of six on others), variation selectors
 * (VS16 widens a narrow symbol on some terminals only), skin-tone modifiers
 * and tag characters.  Dropped from text meant for a terminal's columns. */
static int
display_drop(uint32_t cp)
{
	return (cp >= 0x200B && cp <= 0x200F) || cp == 0x061C || cp == 0x180E ||
	    (cp >= 0x2060 && cp <= 0x206F) || cp == 0xFEFF ||
	    (cp >= 0xFFF9 && cp <= 0xFFFB) || (cp >= 0xFE00 && cp <= 0xFE0F) ||
	    (cp >= 0x1F3FB && cp <= 0x1F3FF) || cp == 0xE0001 ||
	    (cp >= 0xE0020 && cp <= 0xE007F) || (cp >= 0xE0100 && cp <= 0xE01EF);
}

/* A character the locale cannot print (unassigned in its tables, a
 * noncharacter): curses would draw a blank of its own width. */
static int
display_unprintable(uint32_t cp)
{
#ifdef HAVE_WCWIDTH
	return MB_CUR_MAX > 1 && wcwidth((wchar_t)cp) < 0;
#else
	(void)cp;
	return 0;
#endif
}

void
buf_add_sanitised(struct buf *b, const char *s, size_t len, int flags)
{
	size_t i = 0, run = 0;
	uint32_t cp;
	int n, w, base = 0, display = flags & SANITISE_DISPLAY;

	buf_grow(b, len);
	while (i < len) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x20 && c < 0x7F) {	/* fast path for ASCII runs */
			run++;
			i++;
			base = 1;
			continue;
		}
		buf_add(b, s + i - run, run);
		run = 0;
		if (c < 0x80) {
			if (c == '\n' && (flags & SANITISE_KEEP_NEWLINE)) {
				buf_addc(b, '\n');
				base = 0;
			} else if (c == '\t' && (flags & SANITISE_KEEP_TAB))
				buf_addc(b, '\t');
			else if ((c == '\t' || c == '\r') && (flags & SANITISE_TAB_TO_SPACE)) {
				buf_addc(b, ' ');
				base = 1;
			}
			i++;
			continue;
		}
		if ((n = utf8_decode(s + i, len - i, &cp)) < 0) {
			buf_add_utf8(b, UTF8_REPLACEMENT);
			i++;
			base = 1;
			continue;
		}
		i += (size_t)n;
		if ((cp >= 0x80 && cp < 0xA0) || bidi_control(cp))
			continue;	/* C1 control (CSI is U+009B): dropped */
		if (cp == 0x2028 || cp == 0x2029) {
			buf_addc(b, (flags & SANITISE_KEEP_NEWLINE) ? '\n' : ' ');
			base = !(flags & SANITISE_KEEP_NEWLINE);
			continue;
		}
		if (display) {
			if (display_drop(cp))
				continue;
			if (display_unprintable(cp)) {
				buf_add_utf8(b, UTF8_REPLACEMENT);
				base = 1;
				continue;
			}
			/* a mark with no character before it would be drawn
			 * on whatever the terminal shows there */
			if ((w = utf8_cp_width(cp)) == 0 && !base)
				continue;
			if (w > 0)
				base = 1;
		}
		buf_add(b, s + i - (size_t)n, (size_t)n);
	}
	buf_add(b, s + i - run, run);
}

char *
utf8_sanitise(const char *s, size_t len, int flags)
{
	struct buf b = BUF_INIT;

	buf_add_sanitised(&b, s, len, flags);
	return buf_detach(&b);
}
