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
	}
	skip_space(&s);
	if (*s != '\0')
		return DL_TIME_NONE;
	return to_utc(&t);
}

static int
month_number(const char *w, size_t n)
{
	static const char *months[] = { "jan", "feb", "mar", "apr", "may", "jun",
	    "jul", "aug", "sep", "oct", "nov", "dec" };
	static const char *full[] = { "january", "february", "march", "april",
	    "may", "june", "july", "august", "september", "october", "november",
	    "december" };
	int i;

	for (i = 0; i < 12; i++) {
		if (n == 3 && strncasecmp(w, months[i], 3) == 0)
			return i + 1;
		if (n == strlen(full[i]) && strncasecmp(w, full[i], n) == 0)
			return i + 1;
		if (n == 4 && i == 8 && strncasecmp(w, "sept", 4) == 0)
			return 9;
	}
	return 0;
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

static size_t
word(const char *s)
{
	size_t n = 0;

	while (isalpha((unsigned char)s[n]))
		n++;
	return n;
}

static int64_t
parse_rfc822(const char *s)
{
	struct tmparts t = { 0, 0, 0, 0, 0, 0, 0 };
	size_t n;
	int ylen;
	const char *y;

	skip_space(&s);
	if ((n = word(s)) > 0) {	/* the weekday is not checked */
		s += n;
		if (*s == '.')
			s++;
		if (*s == ',')
			s++;
		skip_space(&s);
	}
	if ((t.day = digits(&s, 1, 2)) < 0)
		return DL_TIME_NONE;
	if (*s == ' ' || *s == '-')
		s++;
	skip_space(&s);
	if ((n = word(s)) == 0 || (t.mon = month_number(s, n)) == 0)
		return DL_TIME_NONE;
	s += n;
	if (*s == '.')
		s++;
	if (*s == '-')
		s++;
	skip_space(&s);
	y = s;
	if ((t.year = digits(&s, 2, 4)) < 0)
		return DL_TIME_NONE;
	ylen = (int)(s - y);
	if (ylen == 3)
		return DL_TIME_NONE;
	if (ylen == 2)		/* RFC 2822 4.3 */
		t.year += t.year < 50 ? 2000 : 1900;
	skip_space(&s);
	if (*s == '\0')
		return to_utc(&t);	/* a date alone */
	if ((t.hour = digits(&s, 1, 2)) < 0 || *s++ != ':' ||
	    (t.min = digits(&s, 1, 2)) < 0)
		return DL_TIME_NONE;
	if (*s == ':') {
		s++;
		if ((t.sec = digits(&s, 1, 2)) < 0)
			return DL_TIME_NONE;
	}
	skip_space(&s);
	if (*s == '+' || *s == '-') {
		if (numeric_offset(&s, &t.offset) != 0)
			return DL_TIME_NONE;
	} else if ((n = word(s)) > 0) {
		if (zone_offset(s, n, &t.offset) != 0)
			return DL_TIME_NONE;
		s += n;
		/* "GMT+0100" */
		if ((*s == '+' || *s == '-') && numeric_offset(&s, &t.offset) != 0)
			return DL_TIME_NONE;
	}
	skip_space(&s);
	if (*s == '(') {	/* a comment: "+0000 (UTC)" */
		while (*s != '\0' && *s != ')')
			s++;
		if (*s == ')')
			s++;
		skip_space(&s);
	}
	if (*s != '\0')
		return DL_TIME_NONE;
	return to_utc(&t);
}

int64_t
parse_date(const char *s)
{
	char copy[MAX_DATE_LEN];
	size_t len;

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
		return parse_iso(copy);
	return parse_rfc822(copy);
}
