/*
 * story datelines in scripts without capitals, where no place scan can
 * work: Xinhua's "新华社北京5月3日电（记者李新）" (agency, place and date up
 * to 电, "cabled", then the reporters in brackets), the Japanese wires'
 * "【ワシントン共同】" (place and agency in lenticular brackets), and the
 * Arabic services' "القاهرة (رويترز) - " (a place and a wire we know).
 */
#include "config.h"

#include <string.h>

#include "story/story.h"
#include "story/story-private.h"

#define IDEO_SPACE	"\xE3\x80\x80"	/* U+3000 */

/* What Japanese datelines end with: Kyodo, Jiji, Reuters, AFP, Xinhua,
 * Yonhap, Bloomberg, in the forms Japanese papers write them. */
static const char *const ja_agencies[] = {
	"\xE5\x85\xB1\xE5\x90\x8C",				/* 共同 */
	"\xE6\x99\x82\xE4\xBA\x8B",				/* 時事 */
	"\xE3\x83\xAD\xE3\x82\xA4\xE3\x82\xBF\xE3\x83\xBC",	/* ロイター */
	"\xEF\xBC\xA1\xEF\xBC\xA6\xEF\xBC\xB0",			/* ＡＦＰ */
	"AFP",
	"\xE6\x96\xB0\xE8\x8F\xAF\xE7\xA4\xBE",			/* 新華社 */
	"\xE8\x81\xAF\xE5\x90\x88",				/* 聯合 */
	"\xE3\x83\x96\xE3\x83\xAB\xE3\x83\xBC\xE3\x83\xA0\xE3\x83\x90"
	"\xE3\x83\xBC\xE3\x82\xB0",			/* ブルームバーグ */
};

/* Chinese wires that open with their name, the place and the date. */
static const char *const zh_agencies[] = {
	"\xE6\x96\xB0\xE5\x8D\x8E\xE7\xA4\xBE",	/* 新华社 */
	"\xE6\x96\xB0\xE8\x8F\xAF\xE7\xA4\xBE",	/* 新華社 */
	"\xE6\x96\xB0\xE5\x8D\x8E\xE7\xBD\x91",	/* 新华网 */
	"\xE4\xB8\xAD\xE6\x96\xB0\xE7\xA4\xBE",	/* 中新社 */
	"\xE4\xB8\xAD\xE6\x96\xB0\xE7\xBD\x91",	/* 中新网 */
	"\xE4\xBA\xBA\xE6\xB0\x91\xE7\xBD\x91",	/* 人民网 */
	"\xE5\xA4\xAE\xE8\xA7\x86\xE7\xBD\x91",	/* 央视网 */
};

#define ZH_DAY_CABLED	"\xE6\x97\xA5\xE7\x94\xB5"	/* 日电 */
#define ZH_REPORTER	"\xE8\xAE\xB0\xE8\x80\x85"	/* 记者 */
#define ZH_REPORTER_T	"\xE8\xA8\x98\xE8\x80\x85"	/* 記者 */

static size_t
skip_blanks(const char *s, size_t len, size_t i)
{
	for (;;) {
		if (i < len && s[i] == ' ')
			i++;
		else if (len - i >= 3 && memcmp(s + i, IDEO_SPACE, 3) == 0)
			i += 3;
		else
			return i;
	}
}

static size_t
find(const char *s, size_t from, size_t limit, const char *what)
{
	const char *p = memmem(s + from, limit, what, strlen(what));

	return p != NULL ? (size_t)(p - s) : 0;
}

/* "【ワシントン共同】": a place before the agency, at most 20 characters. */
static size_t
match_lenticular(const char *s, size_t len, size_t *dlen)
{
	size_t close, k, n;

	if (len < 9 || memcmp(s, "\xE3\x80\x90", 3) != 0)
		return 0;
	if ((close = find(s, 3, len - 3 < 64 ? len - 3 : 64,
	    "\xE3\x80\x91")) == 0)
		return 0;
	for (k = 0; k < DL_ARRAY_LEN(ja_agencies); k++) {
		n = strlen(ja_agencies[k]);
		if (close - 3 > n &&
		    memcmp(s + close - n, ja_agencies[k], n) == 0) {
			*dlen = close + 3;
			return close + 3;
		}
	}
	return 0;
}

/* "新华社北京5月3日电（记者李新）", the reporters' brackets optional. */
static size_t
match_cabled(const char *s, size_t len, size_t *dlen)
{
	size_t k, n, at, end, close;

	for (k = 0; k < DL_ARRAY_LEN(zh_agencies); k++) {
		n = strlen(zh_agencies[k]);
		if (len > n && memcmp(s, zh_agencies[k], n) == 0)
			break;
	}
	if (k == DL_ARRAY_LEN(zh_agencies))
		return 0;
	if ((at = find(s, n, len - n < 60 ? len - n : 60, ZH_DAY_CABLED)) == 0)
		return 0;
	end = at + strlen(ZH_DAY_CABLED);
	*dlen = end;
	k = skip_blanks(s, len, end);
	if (len - k > 3 && memcmp(s + k, "\xEF\xBC\x88", 3) == 0)
		close = find(s, k, len - k < 90 ? len - k : 90, "\xEF\xBC\x89");
	else if (k < len && s[k] == '(')
		close = find(s, k, len - k < 90 ? len - k : 90, ")");
	else
		return end;
	if (close == 0 || (find(s, k, close - k, ZH_REPORTER) == 0 &&
	    find(s, k, close - k, ZH_REPORTER_T) == 0))
		return end;
	close += s[close] == ')' ? 1 : 3;
	*dlen = close;
	return close;
}

/* The Arabic services' names for the wires: Reuters, AFP, dpa, AP,
 * Xinhua, Anadolu, and the Gulf and Levant agencies (SPA, WAM, QNA, KUNA,
 * SANA, Petra, MENA). */
static const char *const ar_agencies[] = {
	"\xD8\xB1\xD9\x88\xD9\x8A\xD8\xAA\xD8\xB1\xD8\xB2",	/* رويترز */
	"\xD8\xA3 \xD9\x81 \xD8\xA8",				/* أ ف ب */
	"\xD8\xA7 \xD9\x81 \xD8\xA8",				/* ا ف ب */
	"\xD8\xAF \xD8\xA8 \xD8\xA3",				/* د ب أ */
	"\xD8\xA3 \xD8\xA8",					/* أ ب */
	"\xD8\xB4\xD9\x8A\xD9\x86\xD8\xAE\xD9\x88\xD8\xA7",	/* شينخوا */
	"\xD8\xA7\xD9\x84\xD8\xA3\xD9\x86\xD8\xA7\xD8\xB6\xD9\x88\xD9\x84",
								/* الأناضول */
	"\xD9\x88\xD8\xA7\xD8\xB3",				/* واس */
	"\xD9\x88\xD8\xA7\xD9\x85",				/* وام */
	"\xD9\x82\xD9\x86\xD8\xA7",				/* قنا */
	"\xD9\x83\xD9\x88\xD9\x86\xD8\xA7",			/* كونا */
	"\xD8\xB3\xD8\xA7\xD9\x86\xD8\xA7",			/* سانا */
	"\xD8\xA8\xD8\xAA\xD8\xB1\xD8\xA7",			/* بترا */
	"\xD8\xA3 \xD8\xB4 \xD8\xA3",				/* أ ش أ */
};

/* Arabic letters, digits, spaces and the Arabic comma up to s[end]: a
 * place of one to three words, perhaps a date after the comma. */
static int
arabic_words(const char *s, size_t start, size_t end)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i, letters = 0, words = 1;

	for (i = start; i < end; i++) {
		if (p[i] == 0xD8 && i + 1 < end && p[i + 1] == 0x8C)
			words = 0;	/* "،": the date follows */
		if (p[i] >= 0xD8 && p[i] <= 0xDB && i + 1 < end) {
			i++;
			letters++;
		} else if (p[i] == ' ') {
			if (words > 0 && ++words > 3)
				return 0;
		} else if (!(p[i] >= '0' && p[i] <= '9'))
			return 0;
	}
	return letters >= 2;
}

/* The verbs an Arabic sentence opens with ("said", "announced",
 * "stated", "reported"): "قال الوزير (رويترز) -" names no place. */
static const char *const ar_verbs[] = {
	"\xD9\x82\xD8\xA7\xD9\x84 ", "\xD9\x82\xD8\xA7\xD9\x84\xD8\xAA ",
	"\xD8\xA3\xD8\xB9\xD9\x84\xD9\x86 ",
	"\xD8\xA3\xD8\xB9\xD9\x84\xD9\x86\xD8\xAA ",
	"\xD8\xA3\xD9\x83\xD8\xAF ", "\xD8\xA3\xD9\x83\xD8\xAF\xD8\xAA ",
	"\xD8\xB0\xD9\x83\xD8\xB1 ", "\xD8\xB0\xD9\x83\xD8\xB1\xD8\xAA ",
	"\xD8\xA3\xD9\x81\xD8\xA7\xD8\xAF ",
	"\xD8\xA3\xD9\x81\xD8\xA7\xD8\xAF\xD8\xAA ",
};

/* "القاهرة (رويترز) - ", "دبي، 3 مايو (أ ف ب) - ". */
static size_t
match_arabic(const char *s, size_t len, size_t *dlen)
{
	const char *open = memchr(s, '(', len < 60 ? len : 60), *close;
	size_t o, c, k, n, end;

	if (open == NULL || open == s || open[-1] != ' ')
		return 0;
	o = (size_t)(open - s);
	for (k = 0; k < DL_ARRAY_LEN(ar_verbs); k++)
		if (strncmp(s, ar_verbs[k], strlen(ar_verbs[k])) == 0)
			return 0;
	if (!arabic_words(s, 0, o - 1) ||
	    (close = memchr(open, ')', len - o < 32 ? len - o : 32)) == NULL)
		return 0;
	c = (size_t)(close - s);
	for (k = 0; k < DL_ARRAY_LEN(ar_agencies); k++) {
		n = strlen(ar_agencies[k]);
		if (c - o - 1 == n && memcmp(s + o + 1, ar_agencies[k], n) == 0)
			break;
	}
	if (k == DL_ARRAY_LEN(ar_agencies))
		return 0;
	end = skip_blanks(s, len, c + 1);
	if (len - end >= 3 && (memcmp(s + end, "\xE2\x80\x94", 3) == 0 ||
	    memcmp(s + end, "\xE2\x80\x93", 3) == 0))
		end += 3;
	else if (end < len && s[end] == '-')
		end++;
	else
		return 0;
	*dlen = c + 1;
	return end;
}

size_t
story_match_dateline_scripts(const char *s, size_t len, size_t *dlen)
{
	size_t end;

	if ((unsigned char)s[0] >= 0xD8 && (unsigned char)s[0] <= 0xDB)
		end = match_arabic(s, len, dlen);
	else if ((end = match_lenticular(s, len, dlen)) == 0)
		end = match_cabled(s, len, dlen);
	return end != 0 ? skip_blanks(s, len, end) : 0;
}
