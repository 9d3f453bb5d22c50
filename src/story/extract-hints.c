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
	enum hint_kind	 kind;
	int		 whole;	/* the word must match whole, not as a prefix */
};

static const struct hint hints[] = {
	/* Where articles live. */
	{ "article", HINT_GOOD, 0 }, { "artikel", HINT_GOOD, 0 },
	{ "articolo", HINT_GOOD, 0 }, { "artigo", HINT_GOOD, 0 },
	{ "articulo", HINT_GOOD, 0 }, { "content", HINT_GOOD, 0 },
	{ "contenu", HINT_GOOD, 0 }, { "contenido", HINT_GOOD, 0 },
	{ "contenuto", HINT_GOOD, 0 }, { "conteudo", HINT_GOOD, 0 },
	{ "inhalt", HINT_GOOD, 0 }, { "story", HINT_GOOD, 0 },
	{ "stories", HINT_GOOD, 0 }, { "body", HINT_GOOD, 0 },
	{ "cuerpo", HINT_GOOD, 0 }, { "corpo", HINT_GOOD, 0 },
	{ "entry", HINT_GOOD, 0 }, { "post", HINT_GOOD, 0 },
	{ "main", HINT_GOOD, 0 }, { "text", HINT_GOOD, 0 },
	{ "texto", HINT_GOOD, 0 }, { "testo", HINT_GOOD, 0 },
	{ "txt", HINT_GOOD, 1 }, { "prose", HINT_GOOD, 0 },
	{ "news", HINT_GOOD, 0 }, { "noticia", HINT_GOOD, 0 },
	{ "nachricht", HINT_GOOD, 0 }, { "bericht", HINT_GOOD, 0 },
	{ "blog", HINT_GOOD, 0 }, { "richtext", HINT_GOOD, 0 },
	{ "copy", HINT_GOOD, 1 },

	/* Furniture that may hold text worth keeping. */
	{ "widget", HINT_BAD, 0 }, { "banner", HINT_BAD, 0 },
	{ "masthead", HINT_BAD, 0 }, { "toolbar", HINT_BAD, 0 },
	{ "hidden", HINT_BAD, 1 }, { "hide", HINT_BAD, 1 },
	{ "meta", HINT_BAD, 1 }, { "rating", HINT_BAD, 0 },
	{ "print", HINT_BAD, 1 }, { "skip", HINT_BAD, 1 },
	{ "teaser", HINT_BAD, 0 }, { "card", HINT_BAD, 1 },
	{ "header", HINT_BAD, 1 },

	/* Never article text. */
	{ "nav", HINT_BOILERPLATE, 0 }, { "menu", HINT_BOILERPLATE, 0 },
	{ "breadcrumb", HINT_BOILERPLATE, 0 }, { "footer", HINT_BOILERPLATE, 0 },
	{ "sidebar", HINT_BOILERPLATE, 0 }, { "aside", HINT_BOILERPLATE, 1 },
	{ "comment", HINT_BOILERPLATE, 0 }, { "kommentar", HINT_BOILERPLATE, 0 },
	{ "commentaire", HINT_BOILERPLATE, 0 }, { "comentario", HINT_BOILERPLATE, 0 },
	{ "commenti", HINT_BOILERPLATE, 0 }, { "commento", HINT_BOILERPLATE, 0 },
	{ "reacties", HINT_BOILERPLATE, 0 }, { "disqus", HINT_BOILERPLATE, 0 },
	{ "discussion", HINT_BOILERPLATE, 0 }, { "reply", HINT_BOILERPLATE, 0 },
	{ "share", HINT_BOILERPLATE, 0 }, { "sharing", HINT_BOILERPLATE, 0 },
	{ "teilen", HINT_BOILERPLATE, 0 }, { "partage", HINT_BOILERPLATE, 0 },
	{ "partager", HINT_BOILERPLATE, 0 }, { "compartir", HINT_BOILERPLATE, 0 },
	{ "condividi", HINT_BOILERPLATE, 0 }, { "compartilhar", HINT_BOILERPLATE, 0 },
	{ "delen", HINT_BOILERPLATE, 1 }, { "social", HINT_BOILERPLATE, 0 },
	{ "facebook", HINT_BOILERPLATE, 0 }, { "twitter", HINT_BOILERPLATE, 0 },
	{ "whatsapp", HINT_BOILERPLATE, 0 }, { "linkedin", HINT_BOILERPLATE, 0 },
	{ "related", HINT_BOILERPLATE, 0 }, { "relacionad", HINT_BOILERPLATE, 0 },
	{ "correlat", HINT_BOILERPLATE, 0 }, { "verwandt", HINT_BOILERPLATE, 0 },
	{ "weitere", HINT_BOILERPLATE, 0 }, { "recommend", HINT_BOILERPLATE, 0 },
	{ "empfehl", HINT_BOILERPLATE, 0 }, { "trending", HINT_BOILERPLATE, 0 },
	{ "popular", HINT_BOILERPLATE, 0 }, { "mostread", HINT_BOILERPLATE, 0 },
	{ "more", HINT_BOILERPLATE, 1 }, { "latest", HINT_BOILERPLATE, 0 },
	{ "promo", HINT_BOILERPLATE, 0 }, { "ad", HINT_BOILERPLATE, 1 },
	{ "ads", HINT_BOILERPLATE, 1 }, { "adv", HINT_BOILERPLATE, 1 },
	{ "advert", HINT_BOILERPLATE, 0 }, { "adslot", HINT_BOILERPLATE, 0 },
	{ "dfp", HINT_BOILERPLATE, 1 }, { "gpt", HINT_BOILERPLATE, 1 },
	{ "anzeige", HINT_BOILERPLATE, 0 }, { "werbung", HINT_BOILERPLATE, 0 },
	{ "publicidad", HINT_BOILERPLATE, 0 }, { "publicite", HINT_BOILERPLATE, 0 },
	{ "pubblicita", HINT_BOILERPLATE, 0 }, { "publicidade", HINT_BOILERPLATE, 0 },
	{ "pub", HINT_BOILERPLATE, 1 }, { "reclame", HINT_BOILERPLATE, 0 },
	{ "sponsor", HINT_BOILERPLATE, 0 }, { "outbrain", HINT_BOILERPLATE, 0 },
	{ "taboola", HINT_BOILERPLATE, 0 }, { "newsletter", HINT_BOILERPLATE, 0 },
	{ "cookie", HINT_BOILERPLATE, 0 }, { "consent", HINT_BOILERPLATE, 0 },
	{ "gdpr", HINT_BOILERPLATE, 0 }, { "subscri", HINT_BOILERPLATE, 0 },
	{ "abonn", HINT_BOILERPLATE, 0 }, { "suscri", HINT_BOILERPLATE, 0 },
	{ "assin", HINT_BOILERPLATE, 0 }, { "signup", HINT_BOILERPLATE, 0 },
	{ "login", HINT_BOILERPLATE, 0 }, { "signin", HINT_BOILERPLATE, 0 },
	{ "paywall", HINT_BOILERPLATE, 0 }, { "regwall", HINT_BOILERPLATE, 0 },
	{ "popup", HINT_BOILERPLATE, 0 }, { "modal", HINT_BOILERPLATE, 0 },
	{ "overlay", HINT_BOILERPLATE, 0 }, { "pagination", HINT_BOILERPLATE, 0 },
	{ "pager", HINT_BOILERPLATE, 1 }, { "tags", HINT_BOILERPLATE, 1 },
	{ "tag", HINT_BOILERPLATE, 1 }, { "topics", HINT_BOILERPLATE, 1 },
	{ "schlagworte", HINT_BOILERPLATE, 0 }, { "etiquetas", HINT_BOILERPLATE, 0 },
	{ "shoutbox", HINT_BOILERPLATE, 0 },
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
			size_t hl = strlen(h->word);

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
