/*
 * story datelines: the place, date and agency that open a wire story, in
 * the forms wires use, and the look-alikes that are no dateline (a company
 * and its stock ticker, an acronym explained, a kicker such as BREAKING).
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "story/story.h"
#include "story/story-private.h"

/*
 * A place: words separated by one space, '/' or '-', all capitals
 * ("SEOUL/MOSCOW", "RIO DE JANEIRO") or each capitalised ("New Delhi",
 * "Rio de Janeiro").  Returns the end offset, or 0.
 */
static size_t
scan_place(const char *s, size_t len, size_t i, int *allcaps)
{
	struct story_word w;
	size_t start = i, end = 0, words = 0, letters = 0;
	int caps = 1;

	while (i < len && words < 6) {
		if (!story_scan_word(s, len, i, &w) || w.digits > 0)
			break;
		if (!w.title) {
			if (words == 0 || !story_is_particle(s + w.start, w.end - w.start))
				break;
		} else {
			caps = caps && w.upper;
		}
		words++;
		letters += (size_t)w.letters;
		end = w.end;
		i = w.end;
		if (i + 1 < len && (s[i] == ' ' || s[i] == '/' || s[i] == '-') &&
		    s[i + 1] != ' ' && s[i + 1] != '(' && s[i + 1] != '/')
			i++;
		else
			break;
	}
	if (letters < 2 || end == 0 || end - start > 60)
		return 0;
	*allcaps = caps;
	return end;
}

static const char *const months[] = {
	"Jan", "January", "Feb", "February", "Mar", "March", "Apr", "April",
	"May", "Jun", "June", "Jul", "July", "Aug", "August", "Sep", "Sept",
	"September", "Oct", "October", "Nov", "November", "Dec", "December",
};

static int
is_month(const char *w, size_t n)
{
	size_t i;

	if (n > 0 && w[n - 1] == '.')
		n--;
	for (i = 0; i < DL_ARRAY_LEN(months); i++)
		if (strlen(months[i]) == n && strncasecmp(w, months[i], n) == 0)
			return 1;
	return 0;
}

/* "Sept 11", "Nov. 27", "12 September", "12 сентября", optionally with
 * ", 2026" after it.  Returns the end offset, or 0. */
static size_t
scan_date(const char *s, size_t len, size_t i)
{
	struct story_word a, b;
	size_t end;

	if (!story_scan_word(s, len, i, &a) || a.end >= len || s[a.end] != ' ')
		return 0;
	if (!story_scan_word(s, len, a.end + 1, &b))
		return 0;
	if (a.letters && !a.digits && is_month(s + a.start, a.end - a.start) &&
	    b.digits > 0 && b.digits <= 2 && b.letters == 0)
		end = b.end;
	else if (a.digits > 0 && a.digits <= 2 && a.letters == 0 &&
	    b.letters >= 3 && b.digits == 0)
		end = b.end;
	else
		return 0;
	if (end + 2 < len && s[end] == ',' && s[end + 1] == ' ' &&
	    story_scan_word(s, len, end + 2, &a) && a.digits == 4 && a.letters == 0)
		end = a.end;
	return end;
}

/* "(Reuters)", "(AP)", "(Dateline Wire)": capitalised words. */
static size_t
scan_agency(const char *s, size_t len, size_t i, char close, size_t *words)
{
	size_t j = i;
	struct story_word w;

	*words = 0;
	while (j < len && j - i < 40) {
		if (!story_scan_word(s, len, j, &w) || (!w.title && !w.digits))
			return 0;
		(*words)++;
		j = w.end;
		if (j < len && s[j] == close)
			return j + 1;
		if (j < len && (s[j] == ' ' || s[j] == '/' || s[j] == '&'))
			j++;
		else
			return 0;
		while (j < len && s[j] == ' ')
			j++;
	}
	return 0;
}

/* "NATO (North Atlantic Treaty Organization) -" is an acronym explained,
 * not a dateline. */
static int
agency_spells_place(const char *s, size_t place_end, size_t a0, size_t a1)
{
	size_t i, k = 0;
	int at_word = 1;

	for (i = 0; i < place_end; i++)
		if (!isupper((unsigned char)s[i]))
			return 0;
	for (i = a0; i < a1; i++) {
		if (at_word && isalpha((unsigned char)s[i])) {
			if (k >= place_end || toupper((unsigned char)s[i]) != s[k])
				return 0;
			k++;
		}
		at_word = s[i] == ' ';
	}
	return k == place_end;
}

/* Agencies whose name is a short acronym, like a stock ticker's. */
static const char *const acronym_agencies[] = {
	"AA", "AAP", "ABC", "AFP", "AFX", "ANI", "ANSA", "AP", "APA", "APS",
	"ATS", "BBC", "BNA", "BNS", "BTA", "CBS", "CNA", "CNN", "CP", "CTK",
	"DHA", "DJ", "DPA", "EFE", "HINA", "IANS", "IHA", "IRNA", "JTA", "KNA",
	"KPL", "KUNA", "LETA", "LUSA", "MAP", "MENA", "MNI", "MTI", "NAN",
	"NBC", "NNA", "NPR", "NTB", "PA", "PAP", "PNA", "PTI", "QNA", "RIA",
	"SPA", "STA", "TAP", "TASS", "TT", "UNIAN", "UPI", "VNA", "WAFA", "WAM",
};

/*
 * "Apple (AAPL) - Shares rose": a company and its stock ticker, not a
 * place and an agency.  A ticker is one word of one to five capitals,
 * perhaps with an exchange suffix ("BRK.B", "AAPL.O"), that is no agency
 * we know, after a name that is not written in capitals as wire places
 * are ("LONDON"), or after the same capitals ("IBM (IBM)").
 */
static int
agency_is_ticker(const char *s, size_t place_end, int place_caps, size_t a0,
    size_t a1)
{
	size_t i = a0, n, k;

	while (i < a1 && s[i] >= 'A' && s[i] <= 'Z')
		i++;
	n = i - a0;
	if (n == 0 || n > 5)
		return 0;
	if (i < a1) {
		if (s[i] != '.' || a1 - i < 2 || a1 - i > 3)
			return 0;
		for (k = i + 1; k < a1; k++)
			if (!isupper((unsigned char)s[k]) && !isdigit((unsigned char)s[k]))
				return 0;
	} else {
		for (k = 0; k < DL_ARRAY_LEN(acronym_agencies); k++)
			if (strlen(acronym_agencies[k]) == n &&
			    memcmp(acronym_agencies[k], s + a0, n) == 0)
				return 0;
	}
	if (!place_caps)
		return 1;
	return place_end == a1 - a0 && memcmp(s, s + a0, place_end) == 0;
}

/* Capitals that open a story but name no place: "BREAKING — …". */
static const char *const kickers[] = {
	"ALERT", "ANALYSIS", "BREAKING", "COMMENT", "CORRECTION", "EDITORIAL",
	"EXCLUSIVE", "FACTBOX", "FLASH", "INTERVIEW", "LIVE", "NOTE", "OPINION",
	"PREVIEW", "REPORT", "REVIEW", "UPDATE", "UPDATED", "URGENT", "VIDEO",
	"WARNING", "WATCH",
};

static int
is_kicker(const char *s, size_t n)
{
	size_t k;

	for (k = 0; k < DL_ARRAY_LEN(kickers); k++)
		if (strlen(kickers[k]) == n && memcmp(kickers[k], s, n) == 0)
			return 1;
	return 0;
}

/* A dash after the agency: - -- – — &mdash; &ndash;. */
static size_t
scan_dash(const char *s, size_t len, size_t i)
{
	static const char *const dashes[] = {
		"--", "-", "\xE2\x80\x93", "\xE2\x80\x94", "\xE2\x80\x95",
		"&mdash;", "&ndash;", "&#8212;", "&#8211;",
	};
	size_t k, n;

	for (k = 0; k < DL_ARRAY_LEN(dashes); k++) {
		n = strlen(dashes[k]);
		if (len - i >= n && memcmp(s + i, dashes[k], n) == 0)
			return i + n;
	}
	return 0;
}

/* After the place: up to three ", Region" or ", Date" parts. */
static size_t
scan_qualifiers(const char *s, size_t len, size_t i)
{
	size_t end, k;
	int caps, n;

	for (n = 0; n < 3 && i + 2 < len && s[i] == ','; n++) {
		k = i + 1 + (s[i + 1] == ' ');
		if ((end = scan_date(s, len, k)) == 0 &&
		    (end = scan_place(s, len, k, &caps)) == 0)
			break;
		i = end;
	}
	return i;
}

/* "MOSCOW, September 12. /TASS/." */
static size_t
scan_slash_agency(const char *s, size_t len, size_t i)
{
	size_t j = i, words;

	if (j < len && s[j] == '.')
		j++;
	j = story_skip_spaces(s, len, j);
	if (j >= len || s[j] != '/')
		return 0;
	if ((j = scan_agency(s, len, j + 1, '/', &words)) == 0)
		return 0;
	if (j < len && s[j] == '.')
		j++;
	return j;
}

/* "WASHINGTON — Congress met": a place in capitals and a long dash, with
 * no agency (a single hyphen is too common after a capitalised word). */
static size_t
scan_bare_dash(const char *s, size_t len, size_t place_end, size_t i)
{
	size_t end, k;
	uint32_t c;

	if (is_kicker(s, place_end) || place_end < 3)
		return 0;
	i = story_skip_spaces(s, len, i);
	if ((end = scan_dash(s, len, i)) == 0 || end - i == 1)
		return 0;
	/* the story's first sentence follows: "NATO — the alliance" is not */
	k = story_skip_spaces(s, len, end);
	c = story_next_cp(s, len, &k);
	if (!story_cp_upper(c) && !(c >= '0' && c <= '9') && c != '"' && c != 0x201C)
		return 0;
	return end;
}

size_t
story_match_dateline(const char *s, size_t len, size_t *dlen)
{
	size_t i, a0, words, end, place_end;
	int caps;

	*dlen = 0;
	if ((place_end = scan_place(s, len, 0, &caps)) == 0)
		return 0;
	i = scan_qualifiers(s, len, place_end);
	if ((end = scan_slash_agency(s, len, i)) != 0) {
		*dlen = end;
		goto rest;
	}
	if (caps && (end = scan_bare_dash(s, len, place_end, i)) != 0) {
		*dlen = i;
		goto rest;
	}
	i = story_skip_spaces(s, len, i);
	if (i >= len || s[i] != '(')
		return 0;
	a0 = i + 1;
	if ((i = scan_agency(s, len, a0, ')', &words)) == 0)
		return 0;
	if (agency_spells_place(s, a0 - 1 - (s[a0 - 2] == ' '), a0, i - 1))
		return 0;
	if (words == 1 && agency_is_ticker(s, place_end, caps, a0, i - 1))
		return 0;
	*dlen = i;
	i = story_skip_spaces(s, len, i);
	if ((end = scan_dash(s, len, i)) == 0)
		return 0;
rest:
	end = story_skip_spaces(s, len, end);
	if (end >= len) {
		*dlen = 0;
		return 0;	/* nothing after it: not a story's opening */
	}
	return end;
}
