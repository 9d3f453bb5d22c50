/*
 * story captions: caption lines that stand before the body ("FILE PHOTO:
 * …") and the credit a caption ends with, in the forms wires and papers
 * write it: "REUTERS/Jane Roe", "(AP Photo/Jane Roe)", "(Xinhua/Li Xin)",
 * "Foto: Jane Roe/dpa", "Photo: Jane Roe/Reuters", "© AFP", "PTI Photo".
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "story/story.h"
#include "story/story-private.h"

int
story_match_caption_line(const char *s)
{
	static const char *const labels[] = {
		"FILE PHOTO", "FILE PICTURE", "FILE IMAGE", "FILE", "PHOTO",
		"PICTURE", "IMAGE", "Photo", "Picture", "Image",
		/* AP in Spanish, dpa, AFP in French: longer words first */
		"ARCHIVBILD", "ARCHIVO", "ARCHIVES", "ARCHIV", "Archivbild",
		"FOTO", "Foto",
	};
	size_t i, n;

	for (i = 0; i < DL_ARRAY_LEN(labels); i++) {
		n = strlen(labels[i]);
		if (strncmp(s, labels[i], n) != 0)
			continue;
		s += n;
		while (*s == ' ')
			s++;
		if (*s == ':' || strncmp(s, "- ", 2) == 0 ||
		    strncmp(s, "\xE2\x80\x94", 3) == 0)
			return strlen(s) > 4;
		return 0;
	}
	return 0;
}

/* Where a credit begins, given as the label before it and whether the
 * label stays in the credit ("REUTERS/…" does, "Photo: " does not). */
static const struct {
	const char	*label;
	int		 keep;
} credit_labels[] = {
	{ "REUTERS/", 1 }, { "Reuters/", 1 }, { "AP Photo/", 1 },
	{ "AFP PHOTO", 1 }, { "AFP/", 1 }, { "Photo: ", 0 }, { "Photo : ", 0 },
	{ "Photo by ", 0 }, { "Photos: ", 0 }, { "Photograph: ", 0 },
	{ "Photograph by ", 0 }, { "Picture: ", 0 }, { "Credit: ", 0 },
	{ "Image: ", 0 }, { "Photo credit: ", 0 }, { "Image credit: ", 0 },
	{ "Foto: ", 0 }, { "Fotos: ", 0 }, { "Foto/Quelle: ", 0 },
	{ "Bildrechte: ", 0 }, { "Bildquelle: ", 0 }, { "Fotoquelle: ", 0 },
	{ "Cr\xC3\xA9" "dit photo : ", 0 }, { "Cr\xC3\xA9" "dits photo : ", 0 },
	{ "Foto di ", 0 }, { "Fotograf\xC3\xAD" "a: ", 0 }, { "Imagen: ", 0 },
	{ "Bild: ", 0 },
	{ "\xD0\xA4\xD0\xBE\xD1\x82\xD0\xBE: ", 0 },		/* Фото: */
	{ "\xC2\xA9", 2 },	/* ©, kept, before names only */
};

/* After "©": names, a year, a wire ("© 2026 Jane Roe/AFP"), not a
 * sentence ("© is the sign"). */
static int
names_only(const char *s)
{
	const char *p;

	for (p = s; *p != '\0'; p++)
		if ((p == s || p[-1] == ' ' || p[-1] == '/') &&
		    islower((unsigned char)*p) && strncmp(p, "dpa", 3) != 0)
			return 0;
	return 1;
}

/* s[i] starts the caption, a sentence, a bracket or a part after "|". */
static int
after_break(const char *s, size_t i)
{
	if (i == 0 || s[i - 1] == '(')
		return 1;
	return i >= 2 && s[i - 1] == ' ' && strchr(".!?|", s[i - 2]) != NULL;
}

/* Labels a bracketed credit may begin with, dropped from it. */
static const char *const bracket_labels[] = {
	"Photo by ", "Photo: ", "Photos: ", "Foto: ", "Picture by ",
};

static char *
trim_dup(const char *s, size_t len)
{
	while (len > 0 && (*s == ' ' || *s == '(' || *s == '['))
		s++, len--;
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == ')' ||
	    s[len - 1] == ']'))
		len--;
	return xstrndup(s, len);
}

/* Where the sentence before s[end] begins (0: the caption's start). */
static size_t
sentence_before(const char *s, size_t end)
{
	size_t i;

	for (i = end; i > 1; i--)
		if (s[i - 2] == '.' && s[i - 1] == ' ')
			return i;
	return 0;
}

/* A wire we know, then " / Name", " Photo" or " Photo/Name", to the end. */
static int
known_agency_credit(const char *s, size_t len, size_t start)
{
	size_t word;

	for (word = start; word < len && s[word] != ' ' && s[word] != '/';
	    word++)
		;
	if (word == start || !story_is_known_agency(s + start, word - start))
		return 0;
	return (len - word > 3 && memcmp(s + word, " / ", 3) == 0 &&
	    isupper((unsigned char)s[word + 3])) ||
	    (len - word == 6 && memcmp(s + word, " Photo", 6) == 0) ||
	    (len - word > 7 && memcmp(s + word, " Photo/", 7) == 0);
}

/* "Jane Roe/Reuters", "Jane Roe/AFP via Getty Images": names, a slash
 * and a wire we know, from s[start] to the end. */
static int
names_slash_agency(const char *s, size_t len, size_t start)
{
	const char *slash = memrchr(s + start, '/', len - start), *w;
	size_t i, n;

	/* a label ("Foto: …") or a bracket is for the rules below */
	if (slash == NULL || slash == s + start ||
	    strpbrk(s + start, ":()[]") != NULL)
		return 0;
	w = slash + 1;
	for (n = 0; w + n < s + len && w[n] != ' '; n++)
		;
	if (!story_is_known_agency(w, n) && ((size_t)(s + len - w) < 12 ||
	    memcmp(w, "Getty Images", 12) != 0))
		return 0;
	for (i = start; i < len; i++)
		if ((i == start || s[i - 1] == ' ') &&
		    islower((unsigned char)s[i]) &&
		    strncmp(s + i, "via ", 4) != 0 &&
		    strncmp(s + i, "for ", 4) != 0 &&
		    strncmp(s + i, "dpa", 3) != 0)
			return 0;
	return 1;
}

/*
 * "AGENCY/Name…" as the caption's last sentence: the way wires credit
 * their own photographers (REUTERS/…, DATELINE/…, EPA/…); a wire we know
 * may put spaces round the slash and end with an initial's full stop
 * ("EFE / J. P. Gandul."), or name its photo service ("PTI Photo").
 */
static size_t
agency_slash_credit(const char *s, size_t len)
{
	size_t i, start = sentence_before(s, len);
	int k;

	for (i = start; i < len && (isupper((unsigned char)s[i]) ||
	    s[i] == ' ' || s[i] == '-' || s[i] == '.'); i++)
		;
	if (len - start <= 100 && i - start >= 2 && i < len && s[i] == '/' &&
	    i + 1 < len && isupper((unsigned char)s[i + 1]) &&
	    s[len - 1] != '.')
		return start;
	/* the initials' full stops look like sentences' */
	for (k = 0; k < 4 && len - start <= 100; k++) {
		if (known_agency_credit(s, len, start) ||
		    (start > 0 && names_slash_agency(s, len, start)))
			return start;
		if (start < 2)
			break;
		start = sentence_before(s, start - 2);
	}
	return len;
}

/* Inside a closing bracket: a photo credit, not a remark. */
static int
is_bracket_credit(const char *s, size_t n)
{
	static const char *const marks[] = {
		"Photo/", "Photo:", "Photo by", "Foto:", "Foto/",
		"Getty Images",
	};
	const char *slash = memchr(s, '/', n), *via;
	size_t k;

	for (k = 0; k < DL_ARRAY_LEN(marks); k++)
		if (memmem(s, n, marks[k], strlen(marks[k])) != NULL)
			return 1;
	if (n > 6 && memcmp(s + n - 6, " Photo", 6) == 0)
		return 1;	/* "(AP Photo)" */
	/* "(Jane Roe via AP)", "(Courtesy of Acme via Reuters)" */
	if (n > 5 && (via = memmem(s, n, " via ", 5)) != NULL &&
	    story_is_known_agency(via + 5, n - (size_t)(via + 5 - s)))
		return 1;
	return slash != NULL && slash > s &&
	    story_is_known_agency(s, (size_t)(slash - s));
}

/* A closing "(Test Wire Photo/Fay Ito)", "(Xinhua/Li Xin)" or
 * "[Photo by Fay Ito/Test Wire]": the offset of its bracket; *cstart is
 * where the credit begins inside it. */
static size_t
bracketed_credit(const char *s, size_t len, size_t *cstart)
{
	const char *open;
	size_t i, in, k, n;

	if (len < 4 || (s[len - 1] != ')' && s[len - 1] != ']'))
		return len;
	open = memrchr(s, s[len - 1] == ')' ? '(' : '[', len);
	if (open == NULL || len - (size_t)(open - s) > 80)
		return len;
	i = (size_t)(open - s);
	in = i + 1;
	if ((i > 0 && s[i - 1] != ' ') ||
	    !is_bracket_credit(s + in, len - 1 - in))
		return len;
	for (k = 0; k < DL_ARRAY_LEN(bracket_labels); k++) {
		n = strlen(bracket_labels[k]);
		if (len - 1 - in > n &&
		    memcmp(s + in, bracket_labels[k], n) == 0) {
			in += n;
			break;
		}
	}
	*cstart = in;
	return i;
}

/* A label ("Photo: ", "REUTERS/") in the last sentence: the earliest. */
static size_t
labelled_credit(const char *s, size_t len, size_t *cstart)
{
	size_t best = len, i, k, n;
	const char *p;

	for (k = 0; k < DL_ARRAY_LEN(credit_labels); k++) {
		n = strlen(credit_labels[k].label);
		for (p = s; (p = strstr(p, credit_labels[k].label)) != NULL;
		    p++) {
			i = (size_t)(p - s);
			/* A label starts the caption or follows a sentence or
			 * an opening bracket. */
			if (i > 0 && s[i - 1] != ' ' && s[i - 1] != '(')
				continue;
			if (strstr(p + n, ". ") != NULL || len - i > 120)
				continue;
			/* "© is the sign", "Ein seltenes Bild: Der Kanzler
			 * lacht", "Foto: Ein Zug.": inside a sentence or
			 * opening the caption, only names follow */
			if ((credit_labels[k].keep == 2 || i == 0 ||
			    !after_break(s, i)) && !names_only(p + n))
				continue;
			if (i < best) {
				best = i;
				*cstart = credit_labels[k].keep ? i : i + n;
			}
			break;
		}
	}
	if (best < len && best > 0 && s[best - 1] == '(')
		best--;
	return best;
}

void
story_split_credit(const char *s, char **text, char **credit)
{
	size_t len = strlen(s), n, best, cstart = 0;

	if ((best = agency_slash_credit(s, len)) < len)
		cstart = best;
	else if ((best = bracketed_credit(s, len, &cstart)) == len)
		best = labelled_credit(s, len, &cstart);
	if (best == len) {
		while (len > 0 && s[len - 1] == ' ')
			len--;
		*text = xstrndup(s, len);
		*credit = xstrdup("");
		return;
	}
	*credit = trim_dup(s + cstart, len - cstart);
	*text = xstrndup(s, best);
	for (n = strlen(*text); n > 0 && ((*text)[n - 1] == ' ' ||
	    (*text)[n - 1] == '|'); n--)
		(*text)[n - 1] = '\0';
}
