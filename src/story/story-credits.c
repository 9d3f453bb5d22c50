/*
 * story credits: the tail wires end a story with.  Reuters' "(Reporting
 * by …; Editing by …)", AP's "… contributed to this report.", Bloomberg's
 * "--With assistance from …", The Canadian Press's "This report … was
 * first published …", copyright lines, the end marks ("Enditem", "(END)",
 * "==Kyodo", "--IANS", "(ANSA).") and the desks' slugs ("bur-abc/xyz",
 * "PTI ABC XYZ"), and a reporter's e-mail address alone.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "story/story.h"
#include "story/story-private.h"

static const char *const credit_roles[] = {
	"reporting", "additional reporting", "writing", "editing",
	"compiled", "research", "reporting and writing", "writing and editing",
	"editing and writing", "graphics", "additional writing", "produced",
	"additional writing and reporting", "fact-checking", "edited",
	"written", "reported", "translated", "translation", "photos", "video",
};

/* "Reporting by Jane Doe in Seoul; Editing by John Roe". */
static int
credit_part(const char *s, size_t len)
{
	const char *by = NULL;
	size_t i, rl;

	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '.'))
		len--;
	for (i = 0; i + 4 <= len; i++)
		if (strncasecmp(s + i, " by ", 4) == 0) {
			by = s + i;
			break;
		}
	if (by == NULL)
		return 0;
	rl = (size_t)(by - s);
	for (i = 0; i < DL_ARRAY_LEN(credit_roles); i++)
		if (strlen(credit_roles[i]) == rl &&
		    strncasecmp(s, credit_roles[i], rl) == 0)
			break;
	if (i == DL_ARRAY_LEN(credit_roles))
		return 0;
	return story_are_names(by + 4, len - rl - 4, 1);
}

/* ", editing by" inside a list that uses commas for semicolons. */
static int
role_after_comma(const char *s, size_t len, size_t i)
{
	size_t k, n;

	if (s[i] != ',' || i + 2 >= len || s[i + 1] != ' ')
		return 0;
	for (k = 0; k < DL_ARRAY_LEN(credit_roles); k++) {
		n = strlen(credit_roles[k]);
		if (len - i - 2 > n + 4 &&
		    strncasecmp(s + i + 2, credit_roles[k], n) == 0 &&
		    strncasecmp(s + i + 2 + n, " by ", 4) == 0)
			return 1;
	}
	return 0;
}

static int
credit_list(const char *s, size_t len)
{
	size_t i, start = 0;

	if (len == 0 || len > 400)
		return 0;
	for (i = 0; i <= len; i++)
		if (i == len || s[i] == ';' || role_after_comma(s, len, i)) {
			size_t a = story_skip_spaces(s, len, start);

			if (!credit_part(s + a, i - a))
				return 0;
			start = i + 1;
		}
	return 1;
}

static int
contributed_line(const char *s, size_t len)
{
	static const char *const ends[] = {
		"contributed to this report.", "contributed to this story.",
		"contributed reporting.",
	};
	size_t i, n;

	if (len > 300)
		return 0;
	for (i = 0; i < DL_ARRAY_LEN(ends); i++) {
		n = strlen(ends[i]);
		if (len > n && strncasecmp(s + len - n, ends[i], n) == 0)
			return 1;
	}
	return 0;
}

/* Bloomberg: "--With assistance from Jane Roe and Li Xin." */
static int
assistance_line(const char *s, size_t len)
{
	static const char prefix[] = "with assistance from ";
	size_t n = sizeof prefix - 1;

	while (len > 0 && (*s == '-' || *s == ' '))
		s++, len--;
	if (len > 3 && memcmp(s, "\xE2\x80\x94", 3) == 0)
		s += 3, len -= 3;
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '.'))
		len--;
	return len > n && strncasecmp(s, prefix, n) == 0 &&
	    story_are_names(s + n, len - n, 0);
}

/* A desk's slug alone: "bur-abc/xyz", "kms/gb", "/gb", or PTI's
 * "PTI ABC XYZ". */
static int
slug_line(const char *s, size_t len)
{
	size_t i, token = 0, slashes = 0, words = 0;

	if (len > 32)
		return 0;
	if (len > 4 && memcmp(s, "PTI ", 4) == 0) {
		for (i = 4; i <= len; i++) {
			if (i == len || s[i] == ' ') {
				if (token == 0 || token > 4 || ++words > 5)
					return 0;
				token = 0;
			} else if (isupper((unsigned char)s[i]) ||
			    isdigit((unsigned char)s[i]))
				token++;
			else
				return 0;
		}
		return 1;
	}
	for (i = 0; i < len; i++) {
		if (s[i] == '/')
			slashes++;
		if (s[i] == '/' || s[i] == '-' || s[i] == ' ')
			token = 0;
		else if (!islower((unsigned char)s[i]) || ++token > 8)
			return 0;
	}
	return slashes > 0;
}

/* A reporter's e-mail address alone, as Korean wires end. */
static int
address_line(const char *s, size_t len)
{
	const char *at = memchr(s, '@', len);

	while (len > 0 && s[len - 1] == ' ')
		len--;
	return at != NULL && at > s && len <= 64 &&
	    memchr(s, ' ', len) == NULL &&
	    memchr(at, '.', len - (size_t)(at - s)) != NULL;
}

/* After a copyright mark: names, years, a wire up to the first full
 * stop ("© 2026 The Associated Press. All rights reserved."), not a
 * sentence ("(c) the third point"). */
static int
copyright_names(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] == '.' && (i + 1 == len || s[i + 1] == ' '))
			return 1;
		if ((i == 0 || s[i - 1] == ' ') &&
		    islower((unsigned char)s[i]) &&
		    strncmp(s + i, "dpa", 3) != 0)	/* "© dpa-infocom" */
			return 0;
	}
	return 1;
}

static int
copyright_line(const char *s, size_t len)
{
	static const char *const marks[] = {
		"\xC2\xA9", "(c)", "(C)", "Copyright \xC2\xA9", "Copyright (c)",
		"Copyright ",
	};
	size_t k, n;

	if (len > 240)
		return 0;
	if (strncmp(s, "<\xEC\xA0\x80\xEC\x9E\x91\xEA\xB6\x8C"
	    "\xEC\x9E\x90", 10) == 0)
		return 1;		/* <저작권자(c) …>, Korean */
	for (k = 0; k < DL_ARRAY_LEN(marks); k++) {
		n = strlen(marks[k]);
		if (len <= n || strncmp(s, marks[k], n) != 0)
			continue;
		/* "Copyright law changed": a year or a mark must follow */
		if (k == DL_ARRAY_LEN(marks) - 1 &&
		    !isdigit((unsigned char)s[n]))
			return 0;
		n = story_skip_spaces(s, len, n);
		return copyright_names(s + n, len - n);
	}
	return 0;
}

/* "Source: Xinhua", "Quelle: dpa", "Fuente: EFE", "(With inputs from
 * PTI)", "With agency inputs": where the story came from. */
static int
source_line(const char *s, size_t len)
{
	static const char *const labels[] = {
		"source: ", "sources: ", "quelle: ", "fuente: ", "fonte: ",
		"with inputs from ", "(with inputs from ", "with agency inputs",
		"(with agency inputs",
	};
	size_t k, n;

	if (len > 80)
		return 0;
	for (k = 0; k < DL_ARRAY_LEN(labels); k++) {
		n = strlen(labels[k]);
		if (len < n || strncasecmp(s, labels[k], n) != 0)
			continue;
		while (len > n && strchr(" .)", s[len - 1]) != NULL)
			len--;
		/* names or wires only: "Source: officials said" is not */
		return copyright_names(s + n, len - n);
	}
	return 0;
}

/* Australian and British papers: "— with AAP", "With Reuters",
 * "with agencies". */
static int
with_line(const char *s, size_t len)
{
	const char *and;

	while (len > 0 && (*s == '-' || *s == ' '))
		s++, len--;
	if (len > 3 && (memcmp(s, "\xE2\x80\x94", 3) == 0 ||
	    memcmp(s, "\xE2\x80\x93", 3) == 0)) {
		s += 3;
		len -= 3;
		while (len > 0 && *s == ' ')
			s++, len--;
	}
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '.'))
		len--;
	if (len < 6 || len > 40 || strncasecmp(s, "with ", 5) != 0)
		return 0;
	s += 5;
	len -= 5;
	if (story_is_known_agency(s, len) || (len == 8 &&
	    strncasecmp(s, "agencies", 8) == 0) || (len == 5 &&
	    strncasecmp(s, "wires", 5) == 0))
		return 1;
	/* "with AAP and Reuters" */
	and = memmem(s, len, " and ", 5);
	return and != NULL && story_is_known_agency(s, (size_t)(and - s));
}

/* Indian papers: "(This story has not been edited by … staff and is
 * auto-generated from a syndicated feed.)", "Edited By: Jane Roe". */
static int
syndication_line(const char *s, size_t len)
{
	static const char *const labels[] = { "edited by: ", "published by: " };
	size_t k, n;

	if (len < 200 && memmem(s, len, "syndicated feed", 15) != NULL)
		return 1;
	for (k = 0; k < DL_ARRAY_LEN(labels); k++) {
		n = strlen(labels[k]);
		if (len <= n || len > 60 || strncasecmp(s, labels[k], n) != 0)
			continue;
		while (len > n && (s[len - 1] == ' ' || s[len - 1] == '.'))
			len--;
		return len > n && story_are_names(s + n, len - n, 0);
	}
	return 0;
}

/* Whole paragraphs that wires close with, other than credit lists. */
static int
tail_line(const char *s, size_t len)
{
	if (len > 240)
		return 0;
	if (copyright_line(s, len))
		return 1;
	/* The Canadian Press: "This report by The Canadian Press was first
	 * published …", and in French */
	if (story_starts_with_ci(s, "this report by ") && len > 15 &&
	    isupper((unsigned char)s[15]) &&
	    memmem(s, len, " was first published", 20) != NULL)
		return 1;
	if (story_starts_with_ci(s, "ce texte de la presse canadienne "))
		return 1;
	/* Chinese papers: the editor in charge, "（责任编辑：…）" */
	if (memmem(s, len < 18 ? len : 18, "\xE8\xB4\xA3\xE4\xBB\xBB\xE7\xBC"
	    "\x96\xE8\xBE\x91", 12) != NULL)
		return 1;
	/* AP */
	if (memmem(s, len, "may not be published, broadcast, rewritten",
	    42) != NULL)
		return 1;
	/* Bloomberg */
	if (story_starts_with_ci(s, "to contact the ") &&
	    memmem(s, len, " this story", 11) != NULL)
		return 1;
	/* Reuters' contact line: "((jane.roe@example.com; +44 20 …))" */
	if (len > 6 && memcmp(s, "((", 2) == 0 &&
	    memcmp(s + len - 2, "))", 2) == 0)
		return 1;
	return assistance_line(s, len) || slug_line(s, len) ||
	    address_line(s, len) || source_line(s, len) ||
	    syndication_line(s, len) || with_line(s, len);
}

/* Where a closing "(ANSA)" after the last sentence begins, or -1. */
static long
closing_agency(const char *s, size_t end)
{
	size_t open;

	if (end < 3 || s[end - 1] != ')')
		return -1;
	for (open = end - 1; open > 0 && s[open - 1] != '('; open--)
		if (end - open > 40)
			return -1;
	if (open == 0 || !story_is_known_agency(s + open, end - 1 - open))
		return -1;
	open--;
	if (open == 0)
		return 0;
	if (open < 2 || s[open - 1] != ' ' ||
	    strchr(".!?\"\x9D\xBB", s[open - 2]) == NULL)
		return -1;
	return (long)open;
}

/* An end mark at the end of the last paragraph: where it begins, or -1. */
static long
end_mark(const char *s, size_t end)
{
	static const char *const marks[] = {
		"Enditem", "ENDITEM", "(END)", "==Kyodo", "== Kyodo", "(ends)",
	};
	static const char *const cjk_marks[] = {
		"\xEF\xBC\x88\xE5\xAE\x8C\xEF\xBC\x89",		/* （完） */
		"\xEF\xBC\x88\xE5\x85\xB1\xE5\x90\x8C"
		"\xEF\xBC\x89",				/* （共同） */
		"\xEF\xBC\x88\xE6\x99\x82\xE4\xBA\x8B"
		"\xEF\xBC\x89",				/* （時事） */
	};
	size_t k, n, i;
	long at;

	for (k = 0; k < DL_ARRAY_LEN(marks); k++) {
		n = strlen(marks[k]);
		if (end >= n && memcmp(s + end - n, marks[k], n) == 0 &&
		    (end == n || s[end - n - 1] == ' ' ||
		    s[end - n - 1] == '.'))
			return (long)(end - n);
	}
	/* Chinese and Japanese: no space before the mark */
	for (k = 0; k < DL_ARRAY_LEN(cjk_marks); k++) {
		n = strlen(cjk_marks[k]);
		if (end >= n && memcmp(s + end - n, cjk_marks[k], n) == 0)
			return (long)(end - n);
	}
	if ((at = closing_agency(s, end)) >= 0)
		return at;
	/* "--IANS", "-- BERNAMA", "— Xinhua" */
	for (i = end; i > 0 && end - i < 24; i--) {
		if ((s[i - 1] == '-' && i > 1 && s[i - 2] == '-') ||
		    (i >= 3 && memcmp(s + i - 3, "\xE2\x80\x94", 3) == 0)) {
			k = story_skip_spaces(s, end, i);
			n = i - (s[i - 1] == '-' ? 2 : 3);
			/* after a sentence, not "was reported -- Reuters" */
			if (k < end && story_is_known_agency(s + k, end - k) &&
			    (n == 0 || s[n - 1] == '.' || (n >= 2 &&
			    s[n - 1] == ' ' &&
			    strchr(".!?\"", s[n - 2]) != NULL)))
				return (long)n;
			break;
		}
	}
	return -1;
}

long
story_match_credits(const char *s, size_t len)
{
	size_t end = len, open;
	long at;

	while (end > 0 && (s[end - 1] == ' ' || s[end - 1] == '.'))
		end--;
	if (end == 0)
		return -1;
	if (tail_line(s, len))
		return 0;
	if ((at = end_mark(s, end)) >= 0)
		return at;
	if (s[end - 1] == ')') {
		/* The last parenthesised group, up to its opening. */
		for (open = end - 1; open > 0 && s[open - 1] != '(' &&
		    s[open - 1] != ')'; open--)
			;
		if (open > 0 && s[open - 1] == '(' &&
		    credit_list(s + open, end - 1 - open))
			return (long)open - 1;
		return -1;
	}
	if (credit_list(s, end) || contributed_line(s, len))
		return 0;
	return -1;
}
