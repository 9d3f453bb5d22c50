/*
 * extract: the scorer's word lists and text measures.  Class and id values
 * are split into words; each word is matched against the hints below.  The
 * lists carry the words CMSs use in English and in a few other languages
 * (German, French, Spanish, Italian, Portuguese, Dutch).
 */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "story/extract-int.h"
#include "util/util.h"

#define HINT_WEIGHT	25
#define HINT_MAX_WORDS	32
#define HINT_MAX_WORD	32

enum hint_kind {
	HINT_GOOD,		/* the article lives here */
	HINT_BAD,		/* page furniture */
	HINT_BOILERPLATE,	/* never article text, whatever else it says */
};

struct hint {
	const char	*word;
	size_t		 len;
	enum hint_kind	 kind;
	int		 whole;	/* the word must match whole, not as a prefix */
};

static const struct hint hints[] = {
	/* Where articles live. */
	{ "article", 7, HINT_GOOD, 0 }, { "artikel", 7, HINT_GOOD, 0 },
	{ "articolo", 8, HINT_GOOD, 0 }, { "artigo", 6, HINT_GOOD, 0 },
	{ "articulo", 8, HINT_GOOD, 0 }, { "content", 7, HINT_GOOD, 0 },
	{ "contenu", 7, HINT_GOOD, 0 }, { "contenido", 9, HINT_GOOD, 0 },
	{ "contenuto", 9, HINT_GOOD, 0 }, { "conteudo", 8, HINT_GOOD, 0 },
	{ "inhalt", 6, HINT_GOOD, 0 }, { "story", 5, HINT_GOOD, 0 },
	{ "stories", 7, HINT_GOOD, 0 }, { "body", 4, HINT_GOOD, 0 },
	{ "cuerpo", 6, HINT_GOOD, 0 }, { "corpo", 5, HINT_GOOD, 0 },
	{ "entry", 5, HINT_GOOD, 0 }, { "post", 4, HINT_GOOD, 0 },
	{ "main", 4, HINT_GOOD, 0 }, { "text", 4, HINT_GOOD, 0 },
	{ "texto", 5, HINT_GOOD, 0 }, { "testo", 5, HINT_GOOD, 0 },
	{ "txt", 3, HINT_GOOD, 1 }, { "prose", 5, HINT_GOOD, 0 },
	{ "news", 4, HINT_GOOD, 0 }, { "noticia", 7, HINT_GOOD, 0 },
	{ "nachricht", 9, HINT_GOOD, 0 }, { "bericht", 7, HINT_GOOD, 0 },
	{ "blog", 4, HINT_GOOD, 0 }, { "richtext", 8, HINT_GOOD, 0 },
	{ "copy", 4, HINT_GOOD, 1 },

	/* Furniture that may hold text worth keeping. */
	{ "widget", 6, HINT_BAD, 0 }, { "banner", 6, HINT_BAD, 0 },
	{ "masthead", 8, HINT_BAD, 0 }, { "toolbar", 7, HINT_BAD, 0 },
	{ "hidden", 6, HINT_BAD, 1 }, { "hide", 4, HINT_BAD, 1 },
	{ "meta", 4, HINT_BAD, 1 }, { "rating", 6, HINT_BAD, 0 },
	{ "print", 5, HINT_BAD, 1 }, { "skip", 4, HINT_BAD, 1 },
	{ "teaser", 6, HINT_BAD, 0 }, { "card", 4, HINT_BAD, 1 },
	{ "header", 6, HINT_BAD, 1 },

	/* Never article text. */
	{ "nav", 3, HINT_BOILERPLATE, 0 }, { "menu", 4, HINT_BOILERPLATE, 0 },
	{ "breadcrumb", 10, HINT_BOILERPLATE, 0 },
	{ "footer", 6, HINT_BOILERPLATE, 0 },
	{ "sidebar", 7, HINT_BOILERPLATE, 0 },
	{ "aside", 5, HINT_BOILERPLATE, 1 },
	{ "comment", 7, HINT_BOILERPLATE, 0 },
	{ "kommentar", 9, HINT_BOILERPLATE, 0 },
	{ "commentaire", 11, HINT_BOILERPLATE, 0 },
	{ "comentario", 10, HINT_BOILERPLATE, 0 },
	{ "commenti", 8, HINT_BOILERPLATE, 0 },
	{ "commento", 8, HINT_BOILERPLATE, 0 },
	{ "reacties", 8, HINT_BOILERPLATE, 0 },
	{ "disqus", 6, HINT_BOILERPLATE, 0 },
	{ "discussion", 10, HINT_BOILERPLATE, 0 },
	{ "reply", 5, HINT_BOILERPLATE, 0 },
	{ "share", 5, HINT_BOILERPLATE, 0 },
	{ "sharing", 7, HINT_BOILERPLATE, 0 },
	{ "teilen", 6, HINT_BOILERPLATE, 0 },
	{ "partage", 7, HINT_BOILERPLATE, 0 },
	{ "partager", 8, HINT_BOILERPLATE, 0 },
	{ "compartir", 9, HINT_BOILERPLATE, 0 },
	{ "condividi", 9, HINT_BOILERPLATE, 0 },
	{ "compartilhar", 12, HINT_BOILERPLATE, 0 },
	{ "delen", 5, HINT_BOILERPLATE, 1 },
	{ "social", 6, HINT_BOILERPLATE, 0 },
	{ "facebook", 8, HINT_BOILERPLATE, 0 },
	{ "twitter", 7, HINT_BOILERPLATE, 0 },
	{ "whatsapp", 8, HINT_BOILERPLATE, 0 },
	{ "linkedin", 8, HINT_BOILERPLATE, 0 },
	{ "related", 7, HINT_BOILERPLATE, 0 },
	{ "relacionad", 10, HINT_BOILERPLATE, 0 },
	{ "correlat", 8, HINT_BOILERPLATE, 0 },
	{ "verwandt", 8, HINT_BOILERPLATE, 0 },
	{ "weitere", 7, HINT_BOILERPLATE, 0 },
	{ "recommend", 9, HINT_BOILERPLATE, 0 },
	{ "empfehl", 7, HINT_BOILERPLATE, 0 },
	{ "trending", 8, HINT_BOILERPLATE, 0 },
	{ "popular", 7, HINT_BOILERPLATE, 0 },
	{ "mostread", 8, HINT_BOILERPLATE, 0 },
	{ "more", 4, HINT_BOILERPLATE, 1 },
	{ "latest", 6, HINT_BOILERPLATE, 0 },
	{ "promo", 5, HINT_BOILERPLATE, 0 }, { "ad", 2, HINT_BOILERPLATE, 1 },
	{ "ads", 3, HINT_BOILERPLATE, 1 }, { "adv", 3, HINT_BOILERPLATE, 1 },
	{ "advert", 6, HINT_BOILERPLATE, 0 },
	{ "adslot", 6, HINT_BOILERPLATE, 0 },
	{ "dfp", 3, HINT_BOILERPLATE, 1 }, { "gpt", 3, HINT_BOILERPLATE, 1 },
	{ "anzeige", 7, HINT_BOILERPLATE, 0 },
	{ "werbung", 7, HINT_BOILERPLATE, 0 },
	{ "publicidad", 10, HINT_BOILERPLATE, 0 },
	{ "publicite", 9, HINT_BOILERPLATE, 0 },
	{ "pubblicita", 10, HINT_BOILERPLATE, 0 },
	{ "publicidade", 11, HINT_BOILERPLATE, 0 },
	{ "pub", 3, HINT_BOILERPLATE, 1 },
	{ "reclame", 7, HINT_BOILERPLATE, 0 },
	{ "sponsor", 7, HINT_BOILERPLATE, 0 },
	{ "outbrain", 8, HINT_BOILERPLATE, 0 },
	{ "taboola", 7, HINT_BOILERPLATE, 0 },
	{ "newsletter", 10, HINT_BOILERPLATE, 0 },
	{ "cookie", 6, HINT_BOILERPLATE, 0 },
	{ "consent", 7, HINT_BOILERPLATE, 0 },
	{ "gdpr", 4, HINT_BOILERPLATE, 0 },
	{ "subscri", 7, HINT_BOILERPLATE, 0 },
	{ "abonn", 5, HINT_BOILERPLATE, 0 },
	{ "suscri", 6, HINT_BOILERPLATE, 0 },
	{ "assin", 5, HINT_BOILERPLATE, 0 },
	{ "signup", 6, HINT_BOILERPLATE, 0 },
	{ "login", 5, HINT_BOILERPLATE, 0 },
	{ "signin", 6, HINT_BOILERPLATE, 0 },
	{ "paywall", 7, HINT_BOILERPLATE, 0 },
	{ "regwall", 7, HINT_BOILERPLATE, 0 },
	{ "popup", 5, HINT_BOILERPLATE, 0 },
	{ "modal", 5, HINT_BOILERPLATE, 0 },
	{ "overlay", 7, HINT_BOILERPLATE, 0 },
	{ "pagination", 10, HINT_BOILERPLATE, 0 },
	{ "pager", 5, HINT_BOILERPLATE, 1 }, { "tags", 4, HINT_BOILERPLATE, 1 },
	{ "tag", 3, HINT_BOILERPLATE, 1 }, { "topics", 6, HINT_BOILERPLATE, 1 },
	{ "schlagworte", 11, HINT_BOILERPLATE, 0 },
	{ "etiquetas", 9, HINT_BOILERPLATE, 0 },
	{ "shoutbox", 8, HINT_BOILERPLATE, 0 },
};

/* Split s into lower-case ASCII words at non-alphanumerics and at
 * camelCase humps ("shareBar" is "share" "bar"). */
static size_t
hint_words(const char *s, char words[][HINT_MAX_WORD])
{
	size_t n = 0, len = 0;
	unsigned char c, prev = 0;

	for (;; s++) {
		c = (unsigned char)*s;
		int alnum = c != '\0' && c < 0x80 && isalnum(c);
		int hump = alnum && isupper(c) && prev != 0 && islower(prev);

		if ((!alnum || hump) && len > 0) {
			words[n][len] = '\0';
			if (++n == HINT_MAX_WORDS)
				return n;
			len = 0;
		}
		if (c == '\0')
			break;
		if (alnum && len < HINT_MAX_WORD - 1)
			words[n][len++] = (char)tolower(c);
		prev = alnum ? c : 0;
	}
	return n;
}

static void
hint_match(const char *s, int *good, int *bad, int *boilerplate)
{
	char words[HINT_MAX_WORDS][HINT_MAX_WORD];
	size_t n, i, j;

	*good = *bad = *boilerplate = 0;
	if (s == NULL)
		return;
	n = hint_words(s, words);
	for (i = 0; i < n; i++) {
		size_t wl = strlen(words[i]);

		for (j = 0; j < DL_ARRAY_LEN(hints); j++) {
			const struct hint *h = &hints[j];
			size_t hl = h->len;

			/* cheap refusals first: most words are no hint */
			if (wl < hl || ((h->whole || hl < 6) &&
			    words[i][0] != h->word[0]))
				continue;
			/* Long words also match inside run-together class
			 * names ("readercomments", "maincontent"). */
			if (h->whole ? strcmp(words[i], h->word) != 0 :
			    hl >= 6 ? strstr(words[i], h->word) == NULL :
			    strncmp(words[i], h->word, hl) != 0)
				continue;
			if (h->kind == HINT_GOOD)
				*good = 1;
			else {
				*bad = 1;
				if (h->kind == HINT_BOILERPLATE)
					*boilerplate = 1;
			}
		}
	}
}

int
extract_hint_weight(const char *s)
{
	int good, bad, boilerplate;

	hint_match(s, &good, &bad, &boilerplate);
	return (good ? HINT_WEIGHT : 0) - (bad ? HINT_WEIGHT : 0);
}

/* Pages repeat the same class on element after element ("para",
 * "menu-item"): remember the last answer. */
void
extract_hint_classify(const char *s, int *weight, int *boilerplate)
{
	static _Thread_local char last[128];
	static _Thread_local int last_weight, last_boilerplate;
	int good, bad;

	if (strlen(s) < sizeof last && strcmp(s, last) == 0) {
		*weight = last_weight;
		*boilerplate = last_boilerplate;
		return;
	}
	hint_match(s, &good, &bad, boilerplate);
	*weight = (good ? HINT_WEIGHT : 0) - (bad ? HINT_WEIGHT : 0);
	if (strlen(s) < sizeof last) {
		memcpy(last, s, strlen(s) + 1);
		last_weight = *weight;
		last_boilerplate = *boilerplate;
	}
}

int
extract_hint_is_boilerplate(const char *s)
{
	int good, bad, boilerplate;

	hint_match(s, &good, &bad, &boilerplate);
	return boilerplate;
}

size_t
extract_text_length(const char *s, size_t len)
{
	/* 1: white space; 2: a UTF-8 continuation byte; 0: a character */
	static const unsigned char kind[256] = {
		[' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1, ['\f'] = 1,
#define C4(x) [x] = 2, [x + 1] = 2, [x + 2] = 2, [x + 3] = 2
#define C16(x) C4(x), C4(x + 4), C4(x + 8), C4(x + 12)
		C16(0x80), C16(0x90), C16(0xA0), C16(0xB0),
#undef C16
#undef C4
	};
	const unsigned char *p = (const unsigned char *)s;
	size_t i, n = 0;
	unsigned space = 1, k;

	for (i = 0; i < len; i++) {
		k = kind[p[i]];
		/* a character counts, and the first space after one */
		n += k == 0 || (k == 1 && !space);
		space = k == 1;
	}
	if (n > 0 && space && len > 0)
		n--;	/* the trailing run was counted as a space */
	return n;
}

size_t
extract_count_commas(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == ',')
			n++;
		else if ((unsigned char)s[i] < 0xE3)
			continue;
		else if (i + 2 < len && memcmp(s + i, "\xEF\xBC\x8C", 3) == 0)
			n++;	/* FULLWIDTH COMMA */
		else if (i + 2 < len && memcmp(s + i, "\xE3\x80\x81", 3) == 0)
			n++;	/* IDEOGRAPHIC COMMA */
	}
	return n;
}

double
extract_score_of(size_t chars, size_t commas)
{
	if (chars < 25)
		return 0;
	return 1 + (double)commas + (chars / 100 < 3 ? (double)(chars / 100) : 3);
}

double
extract_text_score(const char *s, size_t len)
{
	return extract_score_of(extract_text_length(s, len),
	    extract_count_commas(s, len));
}

static const char *const read_more[] = {
	"read more", "read also", "also read", "related:", "related stories",
	"related articles", "see also", "more on this", "more:", "watch:",
	"listen:", "recommended:", "sign up", "subscribe", "click here",
	"lesen sie auch", "mehr zum thema", "auch interessant", "lire aussi",
	"a lire aussi", "\xC3\xA0 lire aussi", "voir aussi", "lea tambi\xC3\xA9n",
	"lee tambi\xC3\xA9n", "leer m\xC3\xA1s", "te puede interesar",
	"leggi anche", "leia tamb\xC3\xA9m", "leia mais", "lees ook", "lees meer",
	"powered by", "sponsored by",
};

int
extract_is_read_more(const char *s)
{
	size_t i, n;

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' ||
	    *s == '>' || *s == '-' || *s == '*')
		s++;
	/* "» Read more", "► Lire aussi" */
	if (strncmp(s, "\xC2\xBB", 2) == 0)
		s += 2;
	else if (strncmp(s, "\xE2\x96\xBA", 3) == 0)
		s += 3;
	while (*s == ' ')
		s++;
	for (i = 0; i < DL_ARRAY_LEN(read_more); i++) {
		n = strlen(read_more[i]);
		if (strncasecmp(s, read_more[i], n) == 0)
			return 1;
	}
	return 0;
}
