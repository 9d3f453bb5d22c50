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
	size_t start = i, end = 0, words = 0, letters = 0, titled = 0;
	int caps = 1;

	while (i < len && words < 6) {
		if (!story_scan_word(s, len, i, &w) || w.digits > 0)
			break;
		/* "By JANE ROE Associated Press SEOUL (AP)" is a byline */
		if (words == 0 && w.end - w.start == 2 &&
		    strncasecmp(s + w.start, "by", 2) == 0)
			return 0;
		if (!w.title) {
			if (words == 0 ||
			    !story_is_particle(s + w.start, w.end - w.start))
				break;
		} else {
			caps = caps && w.upper;
			titled++;
		}
		words++;
		letters += (size_t)w.letters;
		end = w.end;
		i = w.end;
		if (i + 1 < len &&
		    (s[i] == ' ' || s[i] == '/' || s[i] == '-') &&
		    s[i + 1] != ' ' && s[i + 1] != '(' && s[i + 1] != '/')
			i++;
		else
			break;
	}
	/* a place in mixed case has a few capitalised words ("Rio de
	 * Janeiro"); more are a sentence's ("Jane Roe Told Reporters") */
	if (letters < 2 || end == 0 || end - start > 60 ||
	    (!caps && titled > 4))
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
	/* the year: "May 3, 2026", Lusa's "03 mai 2026" */
	if (end + 2 < len && (s[end] == ',' || s[end] == ' ')) {
		i = end + 1 + (s[end] == ',' && s[end + 1] == ' ');
		if (story_scan_word(s, len, i, &a) && a.digits == 4 &&
		    a.letters == 0)
			end = a.end;
	}
	return end;
}

/* Europa Press gives the day alone: "MADRID, 3 (EUROPA PRESS) -". */
static size_t
scan_day(const char *s, size_t len, size_t i)
{
	size_t j = i;

	while (j < len && j - i < 2 && s[j] >= '0' && s[j] <= '9')
		j++;
	if (j == i || j + 1 >= len || s[j] != ' ' || s[j + 1] != '(')
		return 0;
	return j;
}

/* "(Reuters)", "(AP)", "(Dateline Wire)": capitalised words, not a
 * year alone ("MIAMI VICE (1984) —"). */
static size_t
scan_agency(const char *s, size_t len, size_t i, char close, size_t *words)
{
	size_t j = i, letters = 0;
	struct story_word w;

	*words = 0;
	while (j < len && j - i < 40) {
		if (!story_scan_word(s, len, j, &w) || (!w.title && !w.digits))
			return 0;
		(*words)++;
		letters += (size_t)w.letters;
		j = w.end;
		if (j < len && s[j] == close)
			return letters > 0 ? j + 1 : 0;
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
			if (k >= place_end ||
			    toupper((unsigned char)s[i]) != s[k])
				return 0;
			k++;
		}
		at_word = s[i] == ' ';
	}
	return k == place_end;
}

/*
 * Wires and publishers that sign datelines, as they write their names
 * between brackets or after the place: some in lower case ("dpa",
 * "askanews"), some short capitals a stock ticker could have ("AP").
 * Compared without regard to ASCII case; a regional desk after a slash
 * ("dpa/lno") does not count.
 */
static const char *const known_agencies[] = {
	"AA", "AAP", "ABC", "Adnkronos", "AFP", "AFX", "Agence France-Presse",
	"Agencia Brasil", "Ag\xC3\xAAncia Brasil", "Agerpres", "AGI", "ANI",
	"Anadolu", "Anadolu Agency", "ANP", "ANSA", "Antara", "AP", "APA",
	"APS", "askanews", "Associated Press", "ATS", "BBC", "Belga", "BelTA",
	"Bernama", "Bloomberg", "Bloomberg News", "BNA", "BNS", "BTA",
	"Canadian Press", "CBS", "CNA", "CNN", "CP", "CTK", "\xC4\x8CTK",
	"DHA", "DJ", "Dow Jones", "dpa", "dpa-AFX", "dts",
	"dts Nachrichtenagentur", "EFE", "epd", "Europa Press", "Fars", "HINA",
	"IANS", "IHA", "Interfax", "Interfax-Ukraine", "INTERFAX.RU", "IRNA",
	"ISNA", "Jiji", "Jiji Press", "JTA", "Kazinform", "KCNA", "KNA",
	"KPL", "KUNA", "Kyodo", "Kyodo News", "LETA", "LUSA", "MAP", "Mehr",
	"MENA", "MNI", "MTI", "NAN", "NBC", "NNA", "Notimex", "NPR", "NTB",
	"NZPA", "PA", "PA Media", "PAP", "Petra", "PNA", "Prensa Latina",
	"Press Association", "PTI", "QNA", "Reuters", "RIA", "RIA Novosti",
	"Ritzau", "SANA", "SPA", "Sputnik", "STA", "STT", "Tanjug", "TAP",
	"Tasnim", "TASS", "T\xC3\xA9lam", "Telam", "The Canadian Press", "TT",
	"UNI", "UNIAN", "UPI", "Ukrinform", "VNA", "WAFA", "WAM", "Xinhua",
	"Yonhap", "Reuters Breakingviews", "Reuters Health", "Thomson Reuters",
	"Thomson Reuters Foundation", "Xinhua News Agency",
	"Yonhap News Agency",
	"Press Trust of India", "Indo-Asian News Service", "Antara News",
	"Deutsche Presse-Agentur", "Agencia EFE", "NHK",
	"Nikkei", "AP Exclusive", "Anadolu Ajans\xC4\xB1",
	"\xD0\x98\xD0\x9D\xD0\xA2\xD0\x95\xD0\xA0\xD0\xA4\xD0\x90"
	"\xD0\x9A\xD0\xA1",		/* ИНТЕРФАКС */
	"\xD0\x98\xD0\xBD\xD1\x82\xD0\xB5\xD1\x80\xD1\x84\xD0\xB0"
	"\xD0\xBA\xD1\x81",		/* Интерфакс */
	"\xD0\xA0\xD0\x98\xD0\x90 \xD0\x9D\xD0\xBE\xD0\xB2\xD0\xBE\xD1\x81\xD1"
	"\x82\xD0\xB8",			/* РИА Новости */
	"\xD0\xA2\xD0\x90\xD0\xA1\xD0\xA1",	/* ТАСС */
	"\xD0\x9F\xD0\xA0\xD0\x90\xD0\x99\xD0\x9C",	/* ПРАЙМ */
	"\xD0\x9F\xD1\x80\xD0\xB0\xD0\xB9\xD0\xBC",	/* Прайм */
};

int
story_is_known_agency(const char *s, size_t n)
{
	const char *slash = memchr(s, '/', n);
	size_t k;

	if (slash != NULL && slash > s)
		n = (size_t)(slash - s);
	for (k = 0; k < DL_ARRAY_LEN(known_agencies); k++)
		if (strlen(known_agencies[k]) == n &&
		    strncasecmp(known_agencies[k], s, n) == 0)
			return 1;
	return 0;
}

/*
 * "Apple (AAPL) - Shares rose": a company and its stock ticker, not a
 * place and an agency.  A ticker is one word of one to five capitals,
 * perhaps with an exchange suffix ("BRK.B", "AAPL.O"), that is no agency
 * we know (the caller asks), after a name that is not written in capitals
 * as wire places are ("LONDON"), or after the same capitals ("IBM (IBM)").
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
			if (!isupper((unsigned char)s[k]) &&
			    !isdigit((unsigned char)s[k]))
				return 0;
	}
	if (!place_caps)
		return 1;
	return place_end == a1 - a0 && memcmp(s, s + a0, place_end) == 0;
}

/* Capitals that open a story but name no place: "BREAKING — …", and the
 * days that open an events listing ("FRIDAY, MAY 3 - Doors open"). */
static const char *const kickers[] = {
	"ADVERTISEMENT", "ALERT", "ANALYSIS", "BREAKING", "BRIEF", "BRIEFS",
	"BUSINESS", "COMMENT", "CORRECTION", "CULTURE", "EDITORIAL",
	"ENTERTAINMENT", "EXCLUSIVE", "EXPLAINER", "FACTBOX", "FEATURE",
	"FLASH", "FRIDAY", "GALLERY", "HEALTH", "IN", "INTERVIEW", "LATEST",
	"LETTERS", "LIFESTYLE", "LISTEN", "LIVE", "MARKET", "MARKETS", "MONDAY",
	"MORE", "MUST", "NEWS", "NOTE", "OBITUARY", "OPINION", "PHOTOS",
	"PODCAST", "POLITICS", "PREVIEW", "PROMOTED", "READ", "RECAP", "REPORT",
	"REVIEW", "ROUNDUP", "SATURDAY", "SCIENCE", "SPONSORED", "SPORT",
	"SPORTS", "SUNDAY", "TECH", "THURSDAY", "TODAY", "TONIGHT", "TOP",
	"TRAFFIC", "TRAVEL", "TUESDAY", "UPDATE", "UPDATED", "URGENT", "VIDEO",
	"WARNING", "WATCH", "WEATHER", "WEDNESDAY", "WORLD",
};

/* The place's first word a kicker: "BREAKING NEWS", "LIVE UPDATES". */
static int
is_kicker(const char *s, size_t n)
{
	size_t k;

	for (k = 0; k < n && s[k] != ' ' && s[k] != '/' && s[k] != '-'; k++)
		;
	n = k;

	for (k = 0; k < DL_ARRAY_LEN(kickers); k++)
		if (strlen(kickers[k]) == n && memcmp(kickers[k], s, n) == 0)
			return 1;
	return 0;
}

/*
 * Cities wires date from, which some write with a single hyphen or a
 * colon and nothing else: Kyodo's "TOKYO - ", China Daily's "BEIJING - ",
 * the South Asian and Gulf papers' "NEW DELHI: ", "ISLAMABAD: ", "DUBAI: ".
 * Kept short: a capital word before a hyphen is too often no place.
 */
static const char *const wire_cities[] = {
	"ABU DHABI", "AHMEDABAD", "AMSTERDAM", "ANKARA", "ATHENS", "BAGHDAD",
	"BANGALORE", "BANGKOK", "BEIJING", "BEIRUT", "BENGALURU", "BERLIN",
	"BHOPAL", "BOGOTA", "BRASILIA", "BRUSSELS", "BUENOS AIRES", "CAIRO",
	"CANBERRA", "CHANDIGARH", "CHENNAI", "CHICAGO", "COLOMBO",
	"COPENHAGEN", "DHAKA", "DOHA", "DUBAI", "GENEVA", "GUWAHATI", "HANOI",
	"HAVANA", "HELSINKI", "HONG KONG", "HYDERABAD", "ISLAMABAD",
	"ISTANBUL", "JAIPUR", "JAKARTA", "JERUSALEM", "JOHANNESBURG", "KABUL",
	"KARACHI", "KATHMANDU", "KOLKATA", "KUALA LUMPUR", "KUWAIT CITY",
	"KYIV", "LAGOS", "LAHORE", "LIMA", "LISBON", "LONDON", "LOS ANGELES",
	"LUCKNOW", "MADRID", "MANAMA", "MANILA", "MELBOURNE", "MEXICO CITY",
	"MOSCOW", "MUMBAI", "MUSCAT", "NAIROBI", "NEW DELHI", "NEW YORK",
	"OSAKA", "OSLO", "OTTAWA", "PARIS", "PATNA", "PESHAWAR", "PHNOM PENH",
	"PUNE", "PYONGYANG", "QUETTA", "RIYADH", "ROME", "SANTIAGO",
	"SAO PAULO", "SEOUL", "SHANGHAI", "SHARJAH", "SINGAPORE", "SRINAGAR",
	"STOCKHOLM", "SYDNEY", "TAIPEI", "TEHRAN", "TOKYO", "TORONTO",
	"UNITED NATIONS", "VIENNA", "WARSAW", "WASHINGTON", "WELLINGTON",
	"YANGON",
};

static int
is_wire_city(const char *s, size_t n)
{
	size_t k;

	for (k = 0; k < DL_ARRAY_LEN(wire_cities); k++)
		if (strlen(wire_cities[k]) == n &&
		    memcmp(wire_cities[k], s, n) == 0)
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

/* The dash after a bracketed agency, EFE's ".-" too; 0 when none. */
static size_t
scan_agency_dash(const char *s, size_t len, size_t i)
{
	i = story_skip_spaces(s, len, i);
	if (i < len && s[i] == '.')
		i = story_skip_spaces(s, len, i + 1);
	return i < len ? scan_dash(s, len, i) : 0;
}

/* The story's first word follows: a capital, a digit or a quote. */
static int
starts_sentence(const char *s, size_t len, size_t i)
{
	uint32_t c;

	i = story_skip_spaces(s, len, i);
	if (i >= len)
		return 0;
	c = story_next_cp(s, len, &i);
	return story_cp_upper(c) || (c >= '0' && c <= '9') || c == '"' ||
	    c == '\'' || c == 0x201C || c == 0x2018 || c == 0xAB ||
	    c == 0x201E || c == 0xBF || c == 0xA1;	/* “ ‘ « „ ¿ ¡ */
}

/*
 * After the place: up to three ", Region" or ", Date" parts, or Interfax's
 * ". Date." ("Москва. 3 мая. INTERFAX.RU -").  *dated says whether a date
 * was among them.
 */
static size_t
scan_qualifiers(const char *s, size_t len, size_t i, int *dated)
{
	size_t end, k;
	int caps, n;

	*dated = 0;
	/* *dated: 1 a date, 2 a region in mixed case ("Ala.", "Texas") */
	/* the place's word may have taken the full stop */
	k = i < len && s[i] == '.' ? i + 1 : i > 0 && s[i - 1] == '.' ? i : 0;
	if (k != 0 && k + 2 < len && s[k] == ' ' &&
	    (end = scan_date(s, len, k + 1)) != 0 &&
	    (s[end - 1] == '.' || (end < len && s[end++] == '.'))) {
		*dated = 1;
		return end;
	}
	for (n = 0; n < 3 && i + 2 < len && s[i] == ','; n++) {
		k = i + 1 + (s[i + 1] == ' ');
		if ((end = scan_date(s, len, k)) != 0 ||
		    (end = scan_day(s, len, k)) != 0)
			*dated = 1;
		else if ((end = scan_place(s, len, k, &caps)) == 0)
			break;
		else if (!caps && *dated == 0)
			*dated = 2;
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

/*
 * A known agency named without brackets, one or two words from s[i]:
 * "TOKYO, May 3 Kyodo -", "Москва. 3 мая. INTERFAX.RU -", and after
 * RIA's dash "МОСКВА, 3 мая — РИА Новости.".  Returns its end, or 0.
 */
static size_t
scan_bare_agency(const char *s, size_t len, size_t i)
{
	struct story_word w;
	size_t start = i, end, words;

	for (words = 0; words < 2 && i < len; words++) {
		if (!story_scan_word(s, len, i, &w) || !w.title)
			break;
		end = w.end;
		if (s[end - 1] == '.')
			end--;		/* the sentence's full stop */
		if (story_is_known_agency(s + start, end - start))
			return end;
		if (w.end >= len || s[w.end] != ' ')
			break;
		i = w.end + 1;
	}
	return 0;
}

/* The closing bracket of an agency opened before s[a0], near it. */
static size_t
paren_close(const char *s, size_t len, size_t a0)
{
	size_t i;

	for (i = a0; i < len && i - a0 < 64; i++) {
		if (s[i] == ')')
			return i > a0 ? i : 0;
		if (s[i] == '(')
			return 0;
	}
	return 0;
}

/*
 * "WASHINGTON — Congress met": a place in capitals and a long dash, with
 * no agency.  A single hyphen is too common after a capitalised word,
 * unless a date or a region came first (ANSA's "ROMA, 3 MAG - ",
 * "BIRMINGHAM, Ala. - ") or the place is a wire's city (dated 3); a colon
 * needs the date or the city ("NEW DELHI, May 3: ", "DUBAI: ").
 * RIA names itself after the dash.
 */
static size_t
scan_bare_dash(const char *s, size_t len, size_t i, int dated, size_t *dlen)
{
	size_t start = i, end, a1;

	i = story_skip_spaces(s, len, i);
	if ((dated == 1 || dated == 3) && i == start && i < len && s[i] == ':')
		end = i + 1;
	else if ((end = scan_dash(s, len, i)) == 0 || (end - i == 1 && !dated))
		return 0;
	a1 = story_skip_spaces(s, len, end);
	if (dated == 1 && (a1 = scan_bare_agency(s, len, a1)) != 0 &&
	    a1 < len && s[a1] == '.' && starts_sentence(s, len, a1 + 1)) {
		*dlen = a1 + 1;
		return a1 + 1;
	}
	/* the story's first sentence follows: "NATO — the alliance" is not */
	if (!starts_sentence(s, len, end))
		return 0;
	*dlen = start;
	return end;
}

/* After the place and its qualifiers, at i: the agency and the dash.
 * Returns where the story begins, or 0. */
static size_t
match_after_place(const char *s, size_t len, size_t place_end, int caps,
    int dated, size_t i, size_t *dlen)
{
	size_t j, a0, a1, end, words;
	int known;

	if ((end = scan_slash_agency(s, len, i)) != 0) {
		*dlen = end;
		return end;
	}
	j = story_skip_spaces(s, len, i);
	if ((caps || dated) && j > i &&
	    (a1 = scan_bare_agency(s, len, j)) != 0 &&
	    (end = scan_agency_dash(s, len, a1)) != 0) {
		*dlen = a1;
		return end;
	}
	/* 3: a wire's city alone, as good as a date for a hyphen or colon */
	if (caps && place_end >= 3 && !is_kicker(s, place_end) &&
	    (end = scan_bare_dash(s, len, i, dated != 0 ? dated :
	    i == place_end && is_wire_city(s, place_end) ? 3 : 0, dlen)) != 0)
		return end;
	if (j >= len || s[j] != '(' || (a1 = paren_close(s, len, j + 1)) == 0)
		return 0;
	a0 = j + 1;
	if (!(known = story_is_known_agency(s + a0, a1 - a0))) {
		/* "Tom Roe (Acme Films) — the actor": a name, no place */
		if (!caps && dated != 1)
			return 0;
		if (scan_agency(s, len, a0, ')', &words) != a1 + 1 ||
		    agency_spells_place(s, j - (s[j - 1] == ' '), a0, a1) ||
		    (words == 1 &&
		    agency_is_ticker(s, place_end, caps, a0, a1)))
			return 0;
	}
	/* a name in mixed case and a known wire that is also a common
	 * abbreviation: "Jane Roe (PA) — the aide"; the story must start */
	if (!caps && dated != 1 && a1 - a0 == 2 &&
	    (memcmp(s + a0, "PA", 2) == 0 || memcmp(s + a0, "DJ", 2) == 0 ||
	    memcmp(s + a0, "AA", 2) == 0 || memcmp(s + a0, "TT", 2) == 0))
		return 0;
	*dlen = a1 + 1;
	if ((end = scan_agency_dash(s, len, a1 + 1)) != 0)
		return !caps && dated != 1 && !starts_sentence(s, len, end) ?
		    0 : end;
	/* PTI and IANS write no dash: "New Delhi, May 3 (PTI) The …" */
	if (known && dated == 1 && s[a1 + 1] == ' ' &&
	    starts_sentence(s, len, a1 + 1))
		return a1 + 1;
	return 0;
}

/* Yonhap and the other Korean wires: "(서울=연합뉴스) 홍길동 기자 = …",
 * place=agency in Hangul, then perhaps the reporter up to " = ". */
static size_t
match_korean(const char *s, size_t len, size_t a1, size_t *dlen)
{
	static const char *const roles[] = {
		"\xEA\xB8\xB0\xEC\x9E\x90",		/* 기자 */
		"\xED\x8A\xB9\xED\x8C\x8C\xEC\x9B\x90",	/* 특파원 */
	};
	const char *eq = memchr(s + 1, '=', a1 - 1);
	size_t i, k, r, n;

	if (eq == NULL || memchr(s, ' ', a1) != NULL ||
	    (unsigned char)s[1] < 0xEA || (unsigned char)s[1] > 0xED ||
	    (unsigned char)eq[1] < 0xEA || (unsigned char)eq[1] > 0xED)
		return 0;
	*dlen = a1 + 1;
	i = story_skip_spaces(s, len, a1 + 1);
	for (k = i; k + 2 < len && k - i < 80 && s[k] != '='; k++)
		;
	if (k + 2 >= len || s[k] != '=' || k < i + 2 || s[k - 1] != ' ')
		return a1 + 1;
	for (r = 0; r < DL_ARRAY_LEN(roles); r++) {
		n = strlen(roles[r]);
		if (k - 1 - i > n && memcmp(s + k - 1 - n, roles[r], n) == 0) {
			*dlen = k - 1;
			return k + 1;
		}
	}
	return a1 + 1;
}

/* "(Bloomberg) -- Oil rose", ANSA's "(ANSA) - ROMA, 3 MAG - Il Senato",
 * and the Korean wires' brackets. */
static size_t
match_agency_first(const char *s, size_t len, size_t *dlen)
{
	size_t a1, end, p, k, e2;
	int caps, dated;

	if ((a1 = paren_close(s, len, 1)) == 0)
		return 0;
	if (memchr(s, '=', a1) != NULL)
		return match_korean(s, len, a1, dlen);
	if (!story_is_known_agency(s + 1, a1 - 1) ||
	    (end = scan_agency_dash(s, len, a1 + 1)) == 0)
		return 0;
	*dlen = a1 + 1;
	/* ANSA: the place and date follow, with a dash of their own */
	p = story_skip_spaces(s, len, end);
	if ((k = scan_place(s, len, p, &caps)) != 0) {
		k = scan_qualifiers(s, len, k, &dated);
		e2 = scan_dash(s, len, story_skip_spaces(s, len, k));
		if ((caps || dated) && e2 != 0 && starts_sentence(s, len, e2)) {
			*dlen = k;
			return e2;
		}
	}
	return end;
}

/* UPI: "May 3 (UPI) -- The Senate". */
static size_t
match_date_first(const char *s, size_t len, size_t *dlen)
{
	size_t d, j, a1, end;

	if ((d = scan_date(s, len, 0)) == 0)
		return 0;
	j = story_skip_spaces(s, len, d);
	if (j >= len || s[j] != '(' || (a1 = paren_close(s, len, j + 1)) == 0 ||
	    !story_is_known_agency(s + j + 1, a1 - j - 1) ||
	    (end = scan_agency_dash(s, len, a1 + 1)) == 0)
		return 0;
	*dlen = a1 + 1;
	return end;
}

static size_t
match_dateline(const char *s, size_t len, size_t *dlen)
{
	size_t end = 0, place_end, i;
	int caps, dated;

	*dlen = 0;
	if (len == 0)
		return 0;
	if ((unsigned char)s[0] >= 0xE0 ||
	    ((unsigned char)s[0] >= 0xD8 && (unsigned char)s[0] <= 0xDB))
		end = story_match_dateline_scripts(s, len, dlen);
	else if (s[0] == '(')
		end = match_agency_first(s, len, dlen);
	else if ((end = match_date_first(s, len, dlen)) == 0 &&
	    (place_end = scan_place(s, len, 0, &caps)) != 0) {
		i = scan_qualifiers(s, len, place_end, &dated);
		end = match_after_place(s, len, place_end, caps, dated, i,
		    dlen);
	}
	if (end != 0)
		end = story_skip_spaces(s, len, end);
	if (end == 0 || end >= len) {
		*dlen = 0;
		return 0;	/* nothing after it: not a story's opening */
	}
	return end;
}

/*
 * Feeds put no-break spaces round a dateline's parts ("WASHINGTON
 * (AP)&nbsp;— "): the rules above see them as spaces in a copy of the
 * paragraph's start, and the offsets they find are taken back to s.
 */
#define DL_SCAN_MAX	512

size_t
story_match_dateline(const char *s, size_t len, size_t *dlen)
{
	char copy[DL_SCAN_MAX];
	size_t at[DL_SCAN_MAX + 1], i, n, end;

	n = len < DL_SCAN_MAX ? len : DL_SCAN_MAX;
	if (memmem(s, n, "\xC2\xA0", 2) == NULL)
		return match_dateline(s, len, dlen);
	for (i = n = 0; i < len && n < DL_SCAN_MAX; n++) {
		at[n] = i;
		if (len - i >= 2 && s[i] == '\xC2' && s[i + 1] == '\xA0') {
			copy[n] = ' ';
			i += 2;
		} else
			copy[n] = s[i++];
	}
	at[n] = i;
	if ((end = match_dateline(copy, n, dlen)) == 0)
		return 0;
	*dlen = at[*dlen];
	return at[end];
}
