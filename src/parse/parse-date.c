/*
 * Dates as feeds write them: RFC 822/1123/2822 (with or without the
 * weekday and seconds, 2- or 4-digit years, numeric offsets, named and
 * military zones) and RFC 3339/ISO 8601/W3CDTF (fractions, offsets,
 * reduced precision).  Out comes UTC seconds, or DL_TIME_NONE: a date we
 * cannot read exactly is unknown, never guessed.  A date without any zone
 * is read as UTC, as RFC 3339 readers and most feed readers do.
 */
#include "config.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "parse/parse-int.h"

#define MAX_DATE_LEN 128

struct tmparts {
	int64_t	year;
	int	mon, day, hour, min, sec;
	int	offset;		/* seconds east of UTC */
};

static int
days_in_month(int64_t y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

static int64_t
to_utc(const struct tmparts *t)
{
	int sec = t->sec;

	if (t->year < 1 || t->year > 9999 || t->mon < 1 || t->mon > 12 ||
	    t->day < 1 || t->day > days_in_month(t->year, t->mon) ||
	    t->hour < 0 || t->hour > 24 || t->min < 0 || t->min > 59 ||
	    sec < 0 || sec > 60)
		return DL_TIME_NONE;
	if (t->hour == 24 && (t->min != 0 || sec != 0))
		return DL_TIME_NONE;
	if (sec == 60)
		sec = 59;	/* a leap second: the closest time we can say */
	return time_days_from_civil(t->year, (unsigned)t->mon, (unsigned)t->day) *
	    86400 + t->hour * 3600 + t->min * 60 + sec - t->offset;
}

/* Up to max digits at *s, at least min; -1 when there are fewer. */
static int
digits(const char **s, int min, int max)
{
	int n = 0, v = 0;

	while (n < max && isdigit((unsigned char)**s)) {
		v = v * 10 + (**s - '0');
		(*s)++;
		n++;
	}
	return n < min ? -1 : v;
}

static void
skip_space(const char **s)
{
	while (**s == ' ' || **s == '\t' || **s == '\n' || **s == '\r')
		(*s)++;
}

/* "+HH:MM", "+HHMM", "+HH", "Z"; 0 or -1. */
static int
numeric_offset(const char **s, int *offset)
{
	int sign, h, m = 0;

	if (**s == 'Z' || **s == 'z') {
		(*s)++;
		*offset = 0;
		return 0;
	}
	if (**s != '+' && **s != '-')
		return -1;
	sign = **s == '-' ? -1 : 1;
	(*s)++;
	if ((h = digits(s, 2, 2)) < 0)
		return -1;
	if (**s == ':')
		(*s)++;
	if (isdigit((unsigned char)**s) && (m = digits(s, 2, 2)) < 0)
		return -1;
	if (h > 23 || m > 59)
		return -1;
	*offset = sign * (h * 3600 + m * 60);
	return 0;
}

static int64_t
parse_iso(const char *s)
{
	struct tmparts t = { 0, 1, 1, 0, 0, 0, 0 };

	if ((t.year = digits(&s, 4, 4)) < 0)
		return DL_TIME_NONE;
	if (*s == '-') {
		s++;
		if (s[0] == '0' && isdigit((unsigned char)s[1]) &&
		    isdigit((unsigned char)s[2]))
			s++;	/* "2003-012-31" */
		if ((t.mon = digits(&s, 2, 2)) < 0)
			return DL_TIME_NONE;
		if (*s == '-') {
			s++;
			if ((t.day = digits(&s, 2, 2)) < 0)
				return DL_TIME_NONE;
		}
	}
	if (*s == 'T' || *s == 't' || (*s == ' ' && isdigit((unsigned char)s[1]))) {
		s++;
		if ((t.hour = digits(&s, 2, 2)) < 0 || *s++ != ':' ||
		    (t.min = digits(&s, 2, 2)) < 0)
			return DL_TIME_NONE;
		if (*s == ':') {
			s++;
			if ((t.sec = digits(&s, 2, 2)) < 0)
				return DL_TIME_NONE;
			if (*s == '.' || *s == ',') {
				s++;
				if (digits(&s, 1, 1) < 0)
					return DL_TIME_NONE;
				while (isdigit((unsigned char)*s))
					s++;
			}
		}
		skip_space(&s);
		if (*s != '\0' && numeric_offset(&s, &t.offset) != 0)
			return DL_TIME_NONE;
		if (*s == 'Z' && s[-1] != 'Z')
			s++;	/* "-05:00Z" */
	}
	skip_space(&s);
	if (*s != '\0')
		return DL_TIME_NONE;
	return to_utc(&t);
}

/* Named zones of RFC 822 and the military letters.  RFC 822 gave the
 * letters the wrong sign (RFC 1123 5.2.14); we read them as the military
 * does: A is UTC+1, N is UTC-1, Z is UTC. */
static int
zone_offset(const char *w, size_t n, int *offset)
{
	static const struct {
		const char *name;
		int hours;
	} zones[] = {
		{ "GMT", 0 }, { "UT", 0 }, { "UTC", 0 }, { "Z", 0 },
		{ "EST", -5 }, { "EDT", -4 }, { "CST", -6 }, { "CDT", -5 },
		{ "MST", -7 }, { "MDT", -6 }, { "PST", -8 }, { "PDT", -7 },
	};
	size_t i;
	char c;

	for (i = 0; i < DL_ARRAY_LEN(zones); i++) {
		if (strlen(zones[i].name) == n && strncasecmp(w, zones[i].name, n) == 0) {
			*offset = zones[i].hours * 3600;
			return 0;
		}
	}
	if (n != 1)
		return -1;
	c = (char)toupper((unsigned char)*w);
	if (c >= 'A' && c <= 'I')
		*offset = (c - 'A' + 1) * 3600;
	else if (c >= 'K' && c <= 'M')
		*offset = (c - 'K' + 10) * 3600;
	else if (c >= 'N' && c <= 'Y')
		*offset = -(c - 'N' + 1) * 3600;
	else
		return -1;
	return 0;
}

/*
 * The dates that are not ISO: RFC 822 and what feeds make of it.  The
 * text is read as tokens in any order (weekday, day, month name, year,
 * time, AM/PM, zone), so "Tue, Feb 16 2016 23:16:00 EDT", asctime's
 * "Sun Jan  4 16:29:06 2004", "Jan. 4, 2016, 12:37 p.m." and German,
 * French or Spanish names read too.  Every part must be known: an
 * unknown word, a zone we cannot place (America/Chicago), a numeric date
 * that could be read two ways (03/04/2020) or a missing day give
 * DL_TIME_NONE.
 */
struct name {
	const char	*name;
	int		 value;
};

/* Month names and abbreviations, lower case (en, de, fr, es, nl, it, pt).
 * "mar" is also French for Tuesday: it is a month only when no other
 * month name is there (month_number returns 13 + month for it). */
static const struct name months[] = {
	{ "jan", 1 }, { "january", 1 }, { "januar", 1 }, { "janv", 1 },
	{ "janvier", 1 }, { "ene", 1 }, { "enero", 1 }, { "januari", 1 },
	{ "gen", 1 }, { "gennaio", 1 }, { "janeiro", 1 },
	{ "feb", 2 }, { "february", 2 }, { "februar", 2 }, { "févr", 2 },
	{ "fév", 2 }, { "février", 2 }, { "fevrier", 2 }, { "febrero", 2 },
	{ "februari", 2 }, { "febbraio", 2 }, { "fev", 2 }, { "fevereiro", 2 },
	{ "mar", 13 + 3 }, { "march", 3 }, { "mär", 3 }, { "märz", 3 },
	{ "mrz", 3 }, { "mars", 3 }, { "marzo", 3 }, { "maart", 3 },
	{ "mrt", 3 }, { "março", 3 },
	{ "apr", 4 }, { "april", 4 }, { "avr", 4 }, { "avril", 4 },
	{ "abr", 4 }, { "abril", 4 }, { "aprile", 4 },
	{ "may", 5 }, { "mai", 5 }, { "mayo", 5 }, { "mei", 5 },
	{ "mag", 5 }, { "maggio", 5 }, { "maio", 5 },
	{ "jun", 6 }, { "june", 6 }, { "juni", 6 }, { "juin", 6 },
	{ "junio", 6 }, { "giu", 6 }, { "giugno", 6 }, { "junho", 6 },
	{ "jul", 7 }, { "july", 7 }, { "juli", 7 }, { "juil", 7 },
	{ "juillet", 7 }, { "julio", 7 }, { "lug", 7 }, { "luglio", 7 },
	{ "julho", 7 },
	{ "aug", 8 }, { "august", 8 }, { "août", 8 }, { "aout", 8 },
	{ "ago", 8 }, { "agosto", 8 }, { "augustus", 8 },
	{ "sep", 9 }, { "sept", 9 }, { "september", 9 }, { "septembre", 9 },
	{ "septiembre", 9 }, { "set", 9 }, { "settembre", 9 }, { "setembro", 9 },
	{ "oct", 10 }, { "october", 10 }, { "okt", 10 }, { "oktober", 10 },
	{ "octobre", 10 }, { "octubre", 10 }, { "ott", 10 }, { "ottobre", 10 },
	{ "out", 10 }, { "outubro", 10 },
	{ "nov", 11 }, { "november", 11 }, { "novembre", 11 },
	{ "noviembre", 11 }, { "novembro", 11 },
	{ "dec", 12 }, { "december", 12 }, { "dez", 12 }, { "dezember", 12 },
	{ "déc", 12 }, { "décembre", 12 }, { "decembre", 12 }, { "dic", 12 },
	{ "diciembre", 12 }, { "dicembre", 12 }, { "dezembro", 12 },
};

/* Weekdays, which are skipped (en, de, fr, es, nl, it, pt). */
static const char *const weekdays[] = {
	"mon", "monday", "tue", "tues", "tuesday", "wed", "weds", "wednesday",
	"thu", "thur", "thurs", "thursday", "fri", "friday", "sat", "saturday",
	"sun", "sunday",
	"mo", "montag", "di", "dienstag", "mi", "mittwoch", "do", "donnerstag",
	"fr", "freitag", "sa", "samstag", "so", "sonntag",
	"lun", "lundi", "mardi", "mer", "mercredi", "jeu", "jeudi", "ven",
	"vendredi", "sam", "samedi", "dim", "dimanche",
	"lunes", "martes", "mié", "miércoles", "jue", "jueves", "vie",
	"viernes", "sáb", "sábado", "dom", "domingo",
	"ma", "maandag", "dinsdag", "wo", "woensdag", "donderdag", "vr",
	"vrijdag", "za", "zaterdag", "zo", "zondag",
	"lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato",
	"domenica", "gio", "sab",
	"seg", "segunda", "feira", "ter", "terça", "qua", "quarta",
	"qui", "quinta", "sex", "sexta",
};

/* Zones by name, in minutes east of UTC.  Names that mean several zones
 * (IST, BST in some places) are left out, except BST as British. */
static const struct name zones[] = {
	{ "gmt", 0 }, { "ut", 0 }, { "utc", 0 }, { "z", 0 }, { "etc/gmt", 0 },
	{ "etc/utc", 0 }, { "etc/uct", 0 }, { "wet", 0 }, { "west", 60 },
	{ "bst", 60 }, { "cet", 60 }, { "cest", 120 }, { "met", 60 },
	{ "mest", 120 }, { "mez", 60 }, { "mesz", 120 }, { "eet", 120 },
	{ "eest", 180 }, { "msk", 180 }, { "jst", 540 }, { "kst", 540 },
	{ "hkt", 480 }, { "sgt", 480 }, { "awst", 480 }, { "acst", 570 },
	{ "acdt", 630 }, { "aest", 600 }, { "aedt", 660 }, { "nzst", 720 },
	{ "nzdt", 780 },
	{ "est", -300 }, { "edt", -240 }, { "cst", -360 }, { "cdt", -300 },
	{ "mst", -420 }, { "mdt", -360 }, { "pst", -480 }, { "pdt", -420 },
	{ "akst", -540 }, { "akdt", -480 }, { "hst", -600 }, { "ast", -240 },
	{ "adt", -180 }, { "nst", -210 }, { "ndt", -150 },
	{ "at", -240 }, { "et", -300 }, { "ct", -360 }, { "mt", -420 },
	{ "pt", -480 },
};

struct loose {
	struct tmparts	 t;
	int		 have_day, have_mon, have_year, have_time, have_zone;
	int		 mar;		/* "mar" seen, not yet placed */
	int		 numeric_zone;	/* "+0100" just read: a name may follow */
	int		 ampm;		/* 0, 'a' or 'p' */
	int		 ylen;		/* digits of the year */
};

/* The lower-case copy of a word, or "" when it is too long. */
static void
lower_word(char *dst, size_t size, const char *w, size_t n)
{
	size_t i;

	if (n >= size)
		n = 0;
	for (i = 0; i < n; i++)
		dst[i] = (char)tolower((unsigned char)w[i]);
	dst[n] = '\0';
}

static int
lookup(const struct name *tab, size_t n, const char *w)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (tab[i].name[0] == w[0] && strcmp(tab[i].name, w) == 0)
			return (int)i;
	}
	return -1;
}

static int
is_weekday(const char *w)
{
	size_t i;

	for (i = 0; i < DL_ARRAY_LEN(weekdays); i++) {
		if (weekdays[i][0] == w[0] && strcmp(weekdays[i], w) == 0)
			return 1;
	}
	return 0;
}

/* A word: letters, non-ASCII bytes, and a '/' inside a zone name. */
static size_t
word(const char *s)
{
	size_t n = 0;

	while (isalpha((unsigned char)s[n]) || (unsigned char)s[n] >= 0x80 ||
	    (n > 0 && s[n] == '/' && isalpha((unsigned char)s[n + 1])))
		n++;
	return n;
}

/* "am", "pm", "a.m.", "p.m." at s: its length, 0 when not there. */
static size_t
ampm(const char *s, int *which)
{
	char c = (char)tolower((unsigned char)s[0]);
	size_t n;

	if (c != 'a' && c != 'p')
		return 0;
	n = 1;
	if (s[n] == '.')
		n++;
	if (tolower((unsigned char)s[n]) != 'm')
		return 0;
	n++;
	if (s[n] == '.')
		n++;
	if (isalpha((unsigned char)s[n]))
		return 0;
	*which = c;
	return n;
}

/* A zone offset after "+" or "-": "H", "HH", "HHMM", "HH:MM", "H:MM". */
static int
loose_offset(const char **s, int *offset)
{
	int sign = **s == '-' ? -1 : 1, h, m = 0, n;
	const char *p = *s + 1, *start = p;

	while (isdigit((unsigned char)*p))
		p++;
	n = (int)(p - start);
	p = start;
	if (n == 4) {
		h = digits(&p, 2, 2);
		m = digits(&p, 2, 2);
	} else if (n == 1 || n == 2) {
		h = digits(&p, n, n);
		if (*p == ':' && (m = (p++, digits(&p, 2, 2))) < 0)
			return -1;
	} else
		return -1;
	if (h > 23 || m > 59)
		return -1;
	*offset = sign * (h * 3600 + m * 60);
	*s = p;
	return 0;
}

/* "HH:MM[:SS[.frac]]" with an AM/PM that may follow at once. */
static int
loose_time(struct loose *l, const char **s)
{
	if (l->have_time || (l->t.hour = digits(s, 1, 2)) < 0 || *(*s)++ != ':' ||
	    (l->t.min = digits(s, 2, 2)) < 0)
		return -1;
	if (**s == ':') {
		(*s)++;
		if ((l->t.sec = digits(s, 2, 2)) < 0)
			return -1;
		if (**s == '.' && isdigit((unsigned char)(*s)[1]))
			while (isdigit((unsigned char)*++*s))
				;
	}
	if (**s == ':' || isdigit((unsigned char)**s))
		return -1;
	l->have_time = 1;
	*s += ampm(*s, &l->ampm);
	return 0;
}

/* "2006/09/15", "26/06/2020", "03/30/2020", "30.10.23": year first, or
 * day and month in the one order that is a valid date.  A date both
 * orders allow is not read. */
static int
loose_numeric(struct loose *l, const char **s)
{
	int a, b, c, alen, clen;
	char sep;
	const char *p = *s, *q;

	q = p;
	if ((a = digits(&p, 1, 4)) < 0)
		return -1;
	alen = (int)(p - q);
	sep = *p;
	if ((sep != '/' && sep != '.' && sep != '-') || l->have_day || l->have_mon)
		return -1;
	p++;
	if ((b = digits(&p, 1, 2)) < 0 || *p++ != sep)
		return -1;
	q = p;
	if ((c = digits(&p, 2, 4)) < 0)
		return -1;
	clen = (int)(p - q);
	if (alen == 4) {		/* y/m/d */
		if (clen > 2)
			return -1;
		l->t.year = a;
		l->t.mon = b;
		l->t.day = c;
		l->ylen = 4;
	} else if (alen <= 2 && clen != 3) {
		if (sep == '.' || (a > 12 && b <= 12) || a == b)
			l->t.day = a, l->t.mon = b;	/* d.m.y, d/m/y */
		else if (b > 12 && a <= 12)
			l->t.day = b, l->t.mon = a;	/* m/d/y */
		else
			return -1;
		l->t.year = c;
		l->ylen = clen;
	} else
		return -1;
	l->have_day = l->have_mon = l->have_year = 1;
	*s = p;
	return 0;
}

/* A number that is not a time: a day, a year, or a numeric date. */
static int
loose_number(struct loose *l, const char **s)
{
	const char *start = *s, *p = *s;
	int v, n;

	while (isdigit((unsigned char)*p))
		p++;
	n = (int)(p - start);
	if ((*p == '/' || *p == '-' || (*p == '.' && isdigit((unsigned char)p[1]))) &&
	    isdigit((unsigned char)p[1]))
		return loose_numeric(l, s);
	if (*p == ':')
		return loose_time(l, s);
	v = digits(s, n, n);
	if (n == 4) {
		if (l->have_year)
			return -1;
		l->t.year = v;
		l->ylen = 4;
		l->have_year = 1;
		return 0;
	}
	if (n > 2)
		return -1;
	/* "16th", "2nd", "16." */
	if (strncasecmp(*s, "st", 2) == 0 || strncasecmp(*s, "nd", 2) == 0 ||
	    strncasecmp(*s, "rd", 2) == 0 || strncasecmp(*s, "th", 2) == 0) {
		if (isalpha((unsigned char)(*s)[2]) || l->have_day)
			return -1;
		*s += 2;
	} else if (**s == '.' && !l->have_day) {
		(*s)++;		/* German "16. November" */
	} else if (l->have_day) {
		/* a 2-digit year after the day and the month: "01 Jan 04" */
		if (!l->have_mon || l->have_year || n != 2)
			return -1;
		l->t.year = v;
		l->ylen = 2;
		l->have_year = 1;
		return 0;
	}
	l->t.day = v;
	l->have_day = 1;
	return 0;
}

static int
loose_word(struct loose *l, const char **s)
{
	char w[32];
	size_t n = word(*s);
	int i, which = 0;

	if (ampm(*s, &which) > 0) {
		if (!l->have_time || l->ampm != 0)
			return -1;
		l->ampm = which;
		*s += ampm(*s, &which);
		return 0;
	}
	lower_word(w, sizeof w, *s, n);
	*s += n;
	if (**s == '.')
		(*s)++;
	/* zones first: the word after a time is most often one */
	i = lookup(zones, DL_ARRAY_LEN(zones), w);
	/* "-0700 MST", Go's way: the numbers say it */
	if (i >= 0 && l->numeric_zone) {
		l->numeric_zone = 0;
		return 0;
	}
	if (i >= 0 && !l->have_zone && (l->have_time || (l->have_year &&
	    strcmp(w, "at") != 0))) {
		l->t.offset = zones[i].value * 60;
		l->have_zone = 1;
		/* "GMT+0100", "GMT-07:00" */
		if ((**s == '+' || **s == '-') && zones[i].value == 0 &&
		    loose_offset(s, &l->t.offset) != 0)
			return -1;
		return 0;
	}
	if ((i = lookup(months, DL_ARRAY_LEN(months), w)) >= 0) {
		if (months[i].value > 13)
			l->mar = 1;
		else if (l->have_mon)
			return -1;
		else {
			l->t.mon = months[i].value;
			l->have_mon = 1;
		}
		return 0;
	}
	if (is_weekday(w) || (strcmp(w, "at") == 0 && !l->have_time))
		return 0;
	if (n == 1 && l->have_time && !l->have_zone &&
	    zone_offset(w, 1, &l->t.offset) == 0) {
		l->have_zone = 1;
		return 0;
	}
	return -1;
}

static int64_t
parse_loose(const char *s)
{
	struct loose l;
	int rc;

	memset(&l, 0, sizeof l);
	while (*s != '\0') {
		if (isdigit((unsigned char)*s))
			rc = loose_number(&l, &s);
		else if (isalpha((unsigned char)*s) || (unsigned char)*s >= 0x80)
			rc = loose_word(&l, &s);
		else if ((*s == '+' || *s == '-') && isdigit((unsigned char)s[1]) &&
		    l.have_time && !l.have_zone) {
			rc = loose_offset(&s, &l.t.offset);
			l.have_zone = l.numeric_zone = 1;
		} else if (*s == '(') {		/* a comment: "+0000 (UTC)" */
			while (*s != '\0' && *s != ')')
				s++;
			rc = *s == ')' ? (s++, 0) : -1;
		} else if (strchr(" \t\r\n,-", *s) != NULL) {
			s++;
			rc = 0;
		} else
			rc = -1;
		if (rc != 0)
			return DL_TIME_NONE;
	}
	if (l.mar) {
		if (l.have_mon)		/* French "mar." (Tuesday) */
			l.mar = 0;
		else
			l.t.mon = 3, l.have_mon = 1;
	}
	if (!l.have_day || !l.have_mon || !l.have_year)
		return DL_TIME_NONE;
	if (l.ylen == 2)	/* RFC 2822 4.3 */
		l.t.year += l.t.year < 50 ? 2000 : 1900;
	else if (l.ylen == 3)
		return DL_TIME_NONE;
	if (l.ampm != 0) {
		if (l.t.hour < 1 || l.t.hour > 12)
			return DL_TIME_NONE;
		l.t.hour = l.t.hour % 12 + (l.ampm == 'p' ? 12 : 0);
	}
	return to_utc(&l.t);
}

int64_t
parse_date(const char *s)
{
	char copy[MAX_DATE_LEN];
	size_t len;
	int64_t t = DL_TIME_NONE;

	if (s == NULL)
		return DL_TIME_NONE;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	len = strnlen(s, MAX_DATE_LEN);
	if (len == 0 || len >= MAX_DATE_LEN)
		return DL_TIME_NONE;
	memcpy(copy, s, len + 1);
	if (len >= 4 && isdigit((unsigned char)copy[0]) &&
	    isdigit((unsigned char)copy[1]) && isdigit((unsigned char)copy[2]) &&
	    isdigit((unsigned char)copy[3]))
		t = parse_iso(copy);
	if (t == DL_TIME_NONE)
		t = parse_loose(copy);
	return t;
}
