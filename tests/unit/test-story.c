/* Unit tests for src/story: each detector (with the text it must leave
 * alone), the HTML walk and a story built from a hand-made item. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "story/story.h"

/* The dateline of s, or NULL; *rest gets the text after it. */
static char *
dateline_of(const char *s, const char **rest)
{
	size_t dlen, n = story_match_dateline(s, strlen(s), &dlen);

	if (n == 0)
		return NULL;
	*rest = s + n;
	return xstrndup(s, dlen);
}

static void
check_dateline(const char *s, const char *dateline, const char *rest)
{
	const char *r = NULL;
	char *d = dateline_of(s, &r);

	if (d == NULL)
		fail_msg("no dateline found in: %s", s);
	assert_string_equal(d, dateline);
	assert_string_equal(r, rest);
	free(d);
}

static void
check_no_dateline(const char *s)
{
	const char *r;
	char *d = dateline_of(s, &r);

	if (d != NULL)
		fail_msg("'%s' taken as a dateline in: %s", d, s);
}

static void
test_dateline_wire_forms(void **state)
{
	(void)state;
	/* Reuters, with no space after the dash. */
	check_dateline("SEOUL/MOSCOW (Reuters) -North Korean leader spoke.",
	    "SEOUL/MOSCOW (Reuters)", "North Korean leader spoke.");
	check_dateline("SEOUL, Sept 11 (Reuters) - The talks ended.",
	    "SEOUL, Sept 11 (Reuters)", "The talks ended.");
	/* AP, em dash. */
	check_dateline("WASHINGTON (AP) \xE2\x80\x94 Congress met.",
	    "WASHINGTON (AP)", "Congress met.");
	check_dateline("PARIS, Jan 1 (AFP) - Fireworks lit the sky.",
	    "PARIS, Jan 1 (AFP)", "Fireworks lit the sky.");
	check_dateline("New Delhi (AFP) - Monsoon rains arrived.",
	    "New Delhi (AFP)", "Monsoon rains arrived.");
	check_dateline("KHASAN, Russia (Agency) \xE2\x80\x94 A train crossed.",
	    "KHASAN, Russia (Agency)", "A train crossed.");
	/* An escaped entity left in the text by a double-encoding feed. */
	check_dateline("TOKYO (Wire) &mdash; Markets rose.",
	    "TOKYO (Wire)", "Markets rose.");
	check_dateline("PORT ELLEN, Nov. 27 (Dateline Wire) \xE2\x80\x93 Ferries ran.",
	    "PORT ELLEN, Nov. 27 (Dateline Wire)", "Ferries ran.");
	check_dateline("RIO DE JANEIRO, Brazil, Feb 3, 2026 (Reuters) -- Samba.",
	    "RIO DE JANEIRO, Brazil, Feb 3, 2026 (Reuters)", "Samba.");
	/* TASS: no dash, the agency between slashes. */
	check_dateline("MOSCOW, September 12. /TASS/. The Kremlin said.",
	    "MOSCOW, September 12. /TASS/.", "The Kremlin said.");
	check_dateline("\xD0\x9C\xD0\x9E\xD0\xA1\xD0\x9A\xD0\x92\xD0\x90, 12 "
	    "\xD1\x81\xD0\xB5\xD0\xBD\xD1\x82\xD1\x8F\xD0\xB1\xD1\x80\xD1\x8F. "
	    "/\xD0\xA2\xD0\x90\xD0\xA1\xD0\xA1/. \xD0\x92 text",
	    "\xD0\x9C\xD0\x9E\xD0\xA1\xD0\x9A\xD0\x92\xD0\x90, 12 "
	    "\xD1\x81\xD0\xB5\xD0\xBD\xD1\x82\xD1\x8F\xD0\xB1\xD1\x80\xD1\x8F. "
	    "/\xD0\xA2\xD0\x90\xD0\xA1\xD0\xA1/.", "\xD0\x92 text");
}

/* The forms wires use, with and without an agency. */
static void
test_dateline_agencies_and_none(void **state)
{
	(void)state;
	check_dateline("KYIV, Ukraine (AP) \xE2\x80\x94 Air raid sirens sounded.",
	    "KYIV, Ukraine (AP)", "Air raid sirens sounded.");
	check_dateline("LONDON (Reuters) - Prices rose.", "LONDON (Reuters)",
	    "Prices rose.");
	check_dateline("WASHINGTON \xE2\x80\x94 Congress met on Friday.", "WASHINGTON",
	    "Congress met on Friday.");
	check_dateline("PARIS, March 3 (AFP) - Fireworks lit the sky.",
	    "PARIS, March 3 (AFP)", "Fireworks lit the sky.");
	check_dateline("SAN FRANCISCO, Calif. -- Fog rolled in.", "SAN FRANCISCO, Calif.",
	    "Fog rolled in.");
	check_dateline("KYIV, Ukraine \xE2\x80\x93 Sirens sounded.", "KYIV, Ukraine",
	    "Sirens sounded.");
	check_dateline("WASHINGTON \xE2\x80\x94 \xE2\x80\x9CWe won,\xE2\x80\x9D she said.",
	    "WASHINGTON", "\xE2\x80\x9CWe won,\xE2\x80\x9D she said.");
	/* short agencies that look like tickers */
	check_dateline("New Delhi (PTI) - Monsoon rains arrived.", "New Delhi (PTI)",
	    "Monsoon rains arrived.");
	check_dateline("New York (CNN) - Snow fell.", "New York (CNN)", "Snow fell.");
	check_dateline("ROME (ANSA) - The Senate voted.", "ROME (ANSA)", "The Senate voted.");
	check_dateline("OSLO (XYZ) - A wire we do not know.", "OSLO (XYZ)",
	    "A wire we do not know.");
}

/* A company and its stock ticker read like a place and an agency. */
static void
test_dateline_not_a_ticker(void **state)
{
	(void)state;
	check_no_dateline("Apple (AAPL) - Shares rose 3% after the results.");
	check_no_dateline("Tesla Inc (TSLA) - Shares fell in early trading.");
	check_no_dateline("Alphabet Inc. (GOOGL) -- The company said.");
	check_no_dateline("Berkshire Hathaway (BRK.B) - Up 2%.");
	check_no_dateline("Apple Inc. (AAPL.O) \xE2\x80\x94 Shares rose.");
	check_no_dateline("IBM (IBM) - Shares rose.");
	check_no_dateline("Apple Inc (NASDAQ: AAPL) - Shares rose.");
	/* capitals and a dash that are no place */
	check_no_dateline("BREAKING \xE2\x80\x94 The bridge has reopened.");
	check_no_dateline("UPDATE -- The figures were revised.");
	check_no_dateline("NATO \xE2\x80\x94 the alliance met.");
	check_no_dateline("NASA - The agency said.");	/* one hyphen */
	check_no_dateline("ACME - The company said.");
	check_no_dateline("LONDON: a guide for visitors.");
	check_no_dateline("WASHINGTON \xE2\x80\x94");
	check_no_dateline("Washington \xE2\x80\x94 Congress met.");	/* not capitals */
}

static void
test_dateline_false_positives(void **state)
{
	(void)state;
	/* "(AP)" mid-sentence. */
	check_no_dateline("Officials told reporters (AP) - that nothing changed.");
	check_no_dateline("The minister said on Tuesday, as (AP) reported, "
	    "that talks would go on.");
	/* An all-caps first word that is not a place before an agency. */
	check_no_dateline("NATO leaders met on Tuesday in Brussels.");
	check_no_dateline("BREAKING: The bridge has reopened.");
	/* An acronym explained in brackets. */
	check_no_dateline("NATO (North Atlantic Treaty Organization) - the "
	    "alliance - met.");
	/* No dash after the agency. */
	check_no_dateline("LONDON (Reuters) said in a statement that prices rose.");
	/* Nothing after the dash. */
	check_no_dateline("LONDON (Reuters) -");
	check_no_dateline("");
	check_no_dateline("A");
	check_no_dateline("In 2026 (a leap year?) - no.");
}

/* The forms of the world's wires, each with its agency where it sits. */
static void
test_dateline_world(void **state)
{
	(void)state;
	/* dpa: lower case, a regional desk after a slash */
	check_dateline("BERLIN (dpa) - Trains ran late.", "BERLIN (dpa)",
	    "Trains ran late.");
	check_dateline("Hamburg (dpa/lno) - Im Hafen lagen Schiffe.",
	    "Hamburg (dpa/lno)", "Im Hafen lagen Schiffe.");
	check_dateline("M\xC3\x9CNCHEN (dpa/lby) - Der Schnee kam.",
	    "M\xC3\x9CNCHEN (dpa/lby)", "Der Schnee kam.");
	check_dateline("Hannover (dts Nachrichtenagentur) \xE2\x80\x93 Der Landtag tagte.",
	    "Hannover (dts Nachrichtenagentur)", "Der Landtag tagte.");
	/* EFE's ".-" */
	check_dateline("Madrid, 3 may (EFE).- El Gobierno aprob\xC3\xB3.",
	    "Madrid, 3 may (EFE)", "El Gobierno aprob\xC3\xB3.");
	check_dateline("Madrid (EFE).- El Gobierno aprob\xC3\xB3.", "Madrid (EFE)",
	    "El Gobierno aprob\xC3\xB3.");
	check_dateline("Madrid (EFE).- \xC2\xBF" "Llueve?", "Madrid (EFE)",
	    "\xC2\xBF" "Llueve?");
	/* ANSA: the agency first, or the place and date with a hyphen */
	check_dateline("(ANSA) - ROMA, 3 MAG - Il Senato ha votato.",
	    "(ANSA) - ROMA, 3 MAG", "Il Senato ha votato.");
	check_dateline("ROMA, 03 MAG - Il Senato ha votato.", "ROMA, 03 MAG",
	    "Il Senato ha votato.");
	check_dateline("Roma, 6 set. (askanews) \xE2\x80\x93 Il consiglio ha votato.",
	    "Roma, 6 set. (askanews)", "Il consiglio ha votato.");
	/* Bloomberg and UPI: no place */
	check_dateline("(Bloomberg) -- Oil rose.", "(Bloomberg)", "Oil rose.");
	check_dateline("May 3 (UPI) -- The Senate voted.", "May 3 (UPI)",
	    "The Senate voted.");
	/* PTI and IANS: no dash, but a date */
	check_dateline("New Delhi, May 3 (PTI) The monsoon arrived.",
	    "New Delhi, May 3 (PTI)", "The monsoon arrived.");
	check_dateline("New Delhi, July 15(PTI) India counted.",
	    "New Delhi, July 15(PTI)", "India counted.");
	check_dateline("NEW DELHI, May 3: The monsoon arrived.", "NEW DELHI, May 3",
	    "The monsoon arrived.");
	/* Kyodo, Interfax and RIA name themselves without brackets */
	check_dateline("TOKYO, May 3 Kyodo - Exports rose.", "TOKYO, May 3 Kyodo",
	    "Exports rose.");
	check_dateline("\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0. 3 "
	    "\xD0\xBC\xD0\xB0\xD1\x8F. INTERFAX.RU - \xD0\xA3 text",
	    "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0. 3 "
	    "\xD0\xBC\xD0\xB0\xD1\x8F. INTERFAX.RU", "\xD0\xA3 text");
	check_dateline("\xD0\x9C\xD0\x9E\xD0\xA1\xD0\x9A\xD0\x92\xD0\x90, 3 "
	    "\xD0\xBC\xD0\xB0\xD1\x8F \xE2\x80\x94 \xD0\xA0\xD0\x98\xD0\x90 "
	    "\xD0\x9D\xD0\xBE\xD0\xB2\xD0\xBE\xD1\x81\xD1\x82\xD0\xB8. "
	    "\xD0\xA3 text",	/* МОСКВА, 3 мая — РИА Новости. У text */
	    "\xD0\x9C\xD0\x9E\xD0\xA1\xD0\x9A\xD0\x92\xD0\x90, 3 "
	    "\xD0\xBC\xD0\xB0\xD1\x8F \xE2\x80\x94 \xD0\xA0\xD0\x98\xD0\x90 "
	    "\xD0\x9D\xD0\xBE\xD0\xB2\xD0\xBE\xD1\x81\xD1\x82\xD0\xB8.",
	    "\xD0\xA3 text");
	/* Europa Press's day alone, Lusa's year without a comma */
	check_dateline("MADRID, 3 (EUROPA PRESS) - El Gobierno aprob\xC3\xB3.",
	    "MADRID, 3 (EUROPA PRESS)", "El Gobierno aprob\xC3\xB3.");
	check_dateline("Lisboa, 03 mai 2026 (Lusa) - O Governo aprovou.",
	    "Lisboa, 03 mai 2026 (Lusa)", "O Governo aprovou.");
	/* a city wires date from allows a single hyphen or a colon */
	check_dateline("TOKYO - Japan's exports rose.", "TOKYO", "Japan's exports rose.");
	check_dateline("WASHINGTON - Congress met.", "WASHINGTON", "Congress met.");
	check_dateline("NEW DELHI: The city opened shelters.", "NEW DELHI",
	    "The city opened shelters.");
	check_dateline("ISLAMABAD: The cabinet met.", "ISLAMABAD", "The cabinet met.");
	/* a region allows a single hyphen, as a date does */
	check_dateline("BIRMINGHAM, Ala. - Workers walked out.", "BIRMINGHAM, Ala.",
	    "Workers walked out.");
	check_dateline("CHARLESTON, South Carolina - At 10 p.m. they left.",
	    "CHARLESTON, South Carolina", "At 10 p.m. they left.");
	/* no-break spaces round the parts */
	check_dateline("WASHINGTON (AP)\xC2\xA0\xE2\x80\x94 The Senate voted.",
	    "WASHINGTON (AP)", "The Senate voted.");
	check_dateline("LONDON,\xC2\xA0May 3 (Reuters) -\xC2\xA0Prices rose.",
	    "LONDON,\xC2\xA0May 3 (Reuters)", "Prices rose.");
	/* Chinese, Japanese, Korean */
	check_dateline("\xE6\x96\xB0\xE5\x8D\x8E\xE7\xA4\xBE\xE5\x8C\x97\xE4\xBA"
	    "\xAC" "5\xE6\x9C\x88" "3\xE6\x97\xA5\xE7\x94\xB5\xEF\xBC\x88\xE8\xAE"
	    "\xB0\xE8\x80\x85\xE6\x9D\x8E\xE6\x96\xB0\xEF\xBC\x89\xE5\x9B\xBD",
	    "\xE6\x96\xB0\xE5\x8D\x8E\xE7\xA4\xBE\xE5\x8C\x97\xE4\xBA"
	    "\xAC" "5\xE6\x9C\x88" "3\xE6\x97\xA5\xE7\x94\xB5\xEF\xBC\x88\xE8\xAE"
	    "\xB0\xE8\x80\x85\xE6\x9D\x8E\xE6\x96\xB0\xEF\xBC\x89", "\xE5\x9B\xBD");
	    /* 新华社北京5月3日电（记者李新）国 */
	check_dateline("\xE3\x80\x90\xE3\x83\xAF\xE3\x82\xB7\xE3\x83\xB3\xE3\x83"
	    "\x88\xE3\x83\xB3\xE5\x85\xB1\xE5\x90\x8C\xE3\x80\x91\xE7\xB1\xB3",
	    "\xE3\x80\x90\xE3\x83\xAF\xE3\x82\xB7\xE3\x83\xB3\xE3\x83"
	    "\x88\xE3\x83\xB3\xE5\x85\xB1\xE5\x90\x8C\xE3\x80\x91", "\xE7\xB1\xB3");
	    /* 【ワシントン共同】米 */
	check_dateline("(\xEC\x84\x9C\xEC\x9A\xB8=\xEC\x97\xB0\xED\x95\xA9\xEB\x89"
	    "\xB4\xEC\x8A\xA4) \xED\x99\x8D\xEA\xB8\xB8\xEB\x8F\x99 \xEA\xB8\xB0"
	    "\xEC\x9E\x90 = \xEC\x88\x98",
	    "(\xEC\x84\x9C\xEC\x9A\xB8=\xEC\x97\xB0\xED\x95\xA9\xEB\x89"
	    "\xB4\xEC\x8A\xA4) \xED\x99\x8D\xEA\xB8\xB8\xEB\x8F\x99 \xEA\xB8\xB0"
	    "\xEC\x9E\x90", "\xEC\x88\x98");
	    /* (서울=연합뉴스) 홍길동 기자 = 수 */
}

/* Arabic services: a place without capitals, a wire we know. */
static void
test_dateline_arabic(void **state)
{
	(void)state;
	/* القاهرة (رويترز) - قالت */
	check_dateline("\xD8\xA7\xD9\x84\xD9\x82\xD8\xA7\xD9\x87\xD8\xB1\xD8"
	    "\xA9 (\xD8\xB1\xD9\x88\xD9\x8A\xD8\xAA\xD8\xB1\xD8\xB2) - \xD9"
	    "\x82\xD8\xA7\xD9\x84\xD8\xAA",
	    "\xD8\xA7\xD9\x84\xD9\x82\xD8\xA7\xD9\x87\xD8\xB1\xD8"
	    "\xA9 (\xD8\xB1\xD9\x88\xD9\x8A\xD8\xAA\xD8\xB1\xD8\xB2)",
	    "\xD9\x82\xD8\xA7\xD9\x84\xD8\xAA");
	/* دبي، 3 مايو (أ ف ب) - نص */
	check_dateline("\xD8\xAF\xD8\xA8\xD9\x8A\xD8\x8C 3 \xD9\x85\xD8\xA7"
	    "\xD9\x8A\xD9\x88 (\xD8\xA3 \xD9\x81 \xD8\xA8) - \xD9\x86\xD8\xB5",
	    "\xD8\xAF\xD8\xA8\xD9\x8A\xD8\x8C 3 \xD9\x85\xD8\xA7"
	    "\xD9\x8A\xD9\x88 (\xD8\xA3 \xD9\x81 \xD8\xA8)", "\xD9\x86\xD8\xB5");
	/* a bracket that names no wire we know: القاهرة (المدينة) - نص */
	check_no_dateline("\xD8\xA7\xD9\x84\xD9\x82\xD8\xA7\xD9\x87\xD8\xB1"
	    "\xD8\xA9 (\xD8\xA7\xD9\x84\xD9\x85\xD8\xAF\xD9\x8A\xD9\x86\xD8"
	    "\xA9) - \xD9\x86\xD8\xB5");
	/* a sentence that opens with "said": قال الوزير (رويترز) - نص */
	check_no_dateline("\xD9\x82\xD8\xA7\xD9\x84 \xD8\xA7\xD9\x84\xD9\x88"
	    "\xD8\xB2\xD9\x8A\xD8\xB1 (\xD8\xB1\xD9\x88\xD9\x8A\xD8\xAA\xD8"
	    "\xB1\xD8\xB2) - \xD9\x86\xD8\xB5");
	/* more words than a place has */
	check_no_dateline("\xD9\x81\xD9\x8A \xD9\x87\xD8\xB0\xD8\xA7 \xD8\xA7"
	    "\xD9\x84\xD9\x8A\xD9\x88\xD9\x85 \xD9\x82\xD8\xA7\xD9\x84 (\xD8"
	    "\xB1\xD9\x88\xD9\x8A\xD8\xAA\xD8\xB1\xD8\xB2) - \xD9\x86\xD8\xB5");
}

/* What the wider forms must still leave alone. */
static void
test_dateline_world_false_positives(void **state)
{
	(void)state;
	/* a name and a bracket: no place, no agency we know, no date */
	check_no_dateline("Tom Roe (Acme Films) \xE2\x80\x94 the actor said no.");
	check_no_dateline("Jane Roe (D-Ohio) \xE2\x80\x94 The senator said no.");
	check_no_dateline("Jane Roe (PA) \xE2\x80\x94 The aide said no.");
	check_no_dateline("Jane Roe (AFP) \xE2\x80\x94 who was there \xE2\x80\x94 left.");
	/* brackets that open a story but name no wire */
	check_no_dateline("(Updated) - The figures were revised.");
	check_no_dateline("(x=1) is the answer.");
	check_no_dateline("(\xEC\x84\x9C\xEC\x9A\xB8) text");	/* (서울) */
	check_no_dateline("May 3 (Tuesday) - The council met.");
	/* an events listing, a note, a colon without a date */
	check_no_dateline("FRIDAY, MAY 3 - Doors open at seven.");
	check_no_dateline("BREAKING NEWS \xE2\x80\x94 The bridge has reopened.");
	check_no_dateline("LIVE UPDATES, May 3: The count goes on.");
	/* section rubrics and a year in brackets */
	check_no_dateline("IN BRIEF \xE2\x80\x94 Council news.");
	check_no_dateline("WORLD NEWS \xE2\x80\x94 The league ended.");
	check_no_dateline("MARKETS, May 3 - Stocks rose on Monday.");
	check_no_dateline("MIAMI VICE (1984) \xE2\x80\x94 The series returns.");
	check_no_dateline("NOTE: The office is closed.");
	check_no_dateline("ACME: The company is large.");
	check_no_dateline("Paris, May 3: a diary entry begins.");
	/* a region in capitals, a region before an unknown bracket */
	check_no_dateline("NATO, EU - The two blocs met.");
	check_no_dateline("Jane Roe, Ohio (Acme) \xE2\x80\x94 The senator spoke.");
	/* a byline is no place; nor are five capitalised words */
	check_no_dateline("By Jane Roe Associated Press DENVER (AP) - Snow fell.");
	check_no_dateline("Jane Roe Told Reporters Yesterday (AP) - Snow fell.");
	/* the dashless form needs a date and a wire we know */
	check_no_dateline("The Senate (AP) The vote.");
	check_no_dateline("New Delhi (PTI) said nothing.");
	check_no_dateline("TOKYO, May 3 Kyodo stores opened.");
	check_no_dateline("Shares rose (Bloomberg) -- and fell.");
	/* 【速報】 (breaking) and a sentence about Xinhua */
	check_no_dateline("\xE3\x80\x90\xE9\x80\x9F\xE5\xA0\xB1\xE3\x80\x91\xE5\x9C\xB0");
	check_no_dateline("\xE6\x96\xB0\xE5\x8D\x8E\xE7\xA4\xBE\xE7\x9A\x84\xE8\xAE"
	    "\xB0\xE8\x80\x85\xE8\xAF\xB4");	/* 新华社的记者说 */
}

static void
test_byline(void **state)
{
	char *names;

	(void)state;
	assert_true(story_match_byline("By Ailsa Mackay and Tomas Lindqvist", &names));
	assert_string_equal(names, "Ailsa Mackay and Tomas Lindqvist");
	free(names);
	assert_true(story_match_byline("By A. Roe, Bea de la Cruz and Chen Wei", &names));
	assert_string_equal(names, "A. Roe, Bea de la Cruz and Chen Wei");
	free(names);
	assert_true(story_match_byline("BY JANE ROE", &names));
	assert_string_equal(names, "JANE ROE");
	free(names);
	/* Sentences that begin with "By" stay in the body. */
	assert_false(story_match_byline("By the time the rain stopped, the road "
	    "was closed.", &names));
	assert_null(names);
	assert_false(story_match_byline("By Tuesday, the river had risen.", &names));
	assert_false(story_match_byline("By 2030 the port will double.", &names));
	assert_false(story_match_byline("Bystanders said the ferry was late.", &names));
	assert_false(story_match_byline("By", &names));
	/* Russian bylines. */
	assert_true(story_match_byline("\xD0\x90\xD0\xB2\xD1\x82\xD0\xBE"
	    "\xD1\x80\xD1\x8B: \xD0\x90\xD0\xBD\xD0\xBD\xD0\xB0 \xD0\x91"
	    "\xD0\xB5\xD0\xBB\xD0\xBE\xD0\xB2\xD0\xB0 \xD0\xB8 \xD0\x9E"
	    "\xD0\xBB\xD0\xB5\xD0\xB3 \xD0\x92\xD0\xB5\xD1\x82\xD1\x80"
	    "\xD0\xBE\xD0\xB2", &names));	/* Авторы: Анна Белова и Олег Ветров */
	assert_string_equal(names, "\xD0\x90\xD0\xBD\xD0\xBD\xD0\xB0 \xD0\x91"
	    "\xD0\xB5\xD0\xBB\xD0\xBE\xD0\xB2\xD0\xB0 \xD0\xB8 \xD0\x9E"
	    "\xD0\xBB\xD0\xB5\xD0\xB3 \xD0\x92\xD0\xB5\xD1\x82\xD1\x80"
	    "\xD0\xBE\xD0\xB2");
	free(names);
}

static void
check_byline(const char *s, const char *want)
{
	char *names;

	if (want == NULL) {
		if (story_match_byline(s, &names))
			fail_msg("'%s' taken as a byline in: %s", names, s);
		assert_null(names);
		return;
	}
	if (!story_match_byline(s, &names))
		fail_msg("no byline found in: %s", s);
	assert_string_equal(names, want);
	free(names);
}

/* Bylines in the wires' languages, with the role or wire after a name. */
static void
test_byline_world(void **state)
{
	(void)state;
	check_byline("Von Anna Berg, dpa", "Anna Berg");
	check_byline("Von Anna Berg und Karl Hahn", "Anna Berg und Karl Hahn");
	check_byline("Por Juan Gil y Ana Ruiz", "Juan Gil y Ana Ruiz");
	check_byline("Par Jean Roux", "Jean Roux");
	check_byline("Text: Ana Vale", "Ana Vale");
	check_byline("By ANA VALE, Associated Press", "ANA VALE");
	check_byline("By Ana Vale, PA Political Correspondent", "Ana Vale");
	check_byline("By Xinhua writers Li Xin and Wang Fang", "Li Xin and Wang Fang");
	check_byline("Ana Vale, Staff Writer", "Ana Vale");
	check_byline("Ana Vale and Bo Kask, Associated Press", "Ana Vale and Bo Kask");
	check_byline("By Ana Vale | Reuters", "Ana Vale");
	check_byline("By\xC2\xA0" "Ana Vale", "Ana Vale");
	check_byline("Written by Ana Vale", "Ana Vale");
	check_byline("Autor: Jan Nowak", "Jan Nowak");
	check_byline("Story by Ana Vale and Bo Kask", "Ana Vale and Bo Kask");
	/* look-alikes */
	check_byline("Von Braun's rocket flew in 1958.", NULL);
	check_byline("Por favor, no.", NULL);
	check_byline("Par for the course, the council waited.", NULL);
	check_byline("Text: see below.", NULL);
	check_byline("Berlin, dpa", NULL);
	check_byline("London, Reuters", NULL);
	check_byline("Good Morning, Editor", NULL);
	check_byline("Paris, France", NULL);
	check_byline("Ana Vale, the writer", NULL);
}

static long
credits_at(const char *s)
{
	return story_match_credits(s, strlen(s));
}

static void
test_credits(void **state)
{
	const char *tail = "The ferry sails at noon. (Reporting by Ailsa Mackay; "
	    "Editing by Ruth Pike)";

	(void)state;
	assert_int_equal(credits_at("(Reporting by Ailsa Mackay in Port Ellen; "
	    "Editing by Ruth Pike)"), 0);
	assert_int_equal(credits_at("Additional reporting by Chen Wei in Taipei."), 0);
	assert_int_equal(credits_at("Reporting by Jane Roe and Ola Nordmann; "
	    "Writing by Sam Poe; Editing by Ruth Pike"), 0);
	assert_int_equal(credits_at("Associated Press writer Jane Roe in Oslo "
	    "contributed to this report."), 0);
	assert_int_equal(credits_at(tail), (long)(strchr(tail, '(') - tail));
	/* Ordinary closing sentences. */
	assert_int_equal(credits_at("Reporting by local media suggested the "
	    "fire spread."), -1);
	assert_int_equal(credits_at("The council met (as it does every week)."), -1);
	assert_int_equal(credits_at("Editing by hand took the clerks a week."), -1);
	assert_int_equal(credits_at(""), -1);
	assert_int_equal(credits_at("(by the way)"), -1);
}

/* The tails of the world's wires, whole or closing a paragraph. */
static void
test_credits_world(void **state)
{
	const char *ansa = "Il Senato ha votato. (ANSA).";
	const char *ians = "The talks ended. --IANS";
	const char *yonhap = "Exports rose 3 percent. (END)";
	const char *xinhua = "Trains ran on time. Enditem";

	(void)state;
	assert_int_equal(credits_at("Enditem"), 0);
	assert_int_equal(credits_at("(END)"), 0);
	assert_int_equal(credits_at("==Kyodo"), 0);
	assert_int_equal(credits_at("-- BERNAMA"), 0);
	assert_int_equal(credits_at("bur-abc/xyz"), 0);
	assert_int_equal(credits_at("/gb"), 0);
	assert_int_equal(credits_at("PTI ABC XYZ"), 0);
	assert_int_equal(credits_at("reporter@test.example"), 0);
	assert_int_equal(credits_at("(c) Agencia EFE"), 0);
	assert_int_equal(credits_at("\xC2\xA9 dpa-infocom, dpa:260503-99-123456/2"), 0);
	assert_int_equal(credits_at("\xC2\xA9" "2026 Bloomberg L.P."), 0);
	assert_int_equal(credits_at("\xC2\xA9 2026 The Associated Press. All rights "
	    "reserved. This material may not be published, broadcast, rewritten "
	    "or redistributed."), 0);
	assert_int_equal(credits_at("This report by The Canadian Press was first "
	    "published May 3, 2026."), 0);
	assert_int_equal(credits_at("--With assistance from Ana Vale and Bo Kask."), 0);
	assert_int_equal(credits_at("To contact the reporter on this story: Ana Vale "
	    "in Oslo at avale@test.example"), 0);
	assert_int_equal(credits_at("(Reporting by Ana Vale, editing by Bo Kask)"), 0);
	assert_int_equal(credits_at("((ana.vale@test.example; +44 20 7946 0000))"), 0);
	assert_int_equal(credits_at("Source: Xinhua"), 0);
	assert_int_equal(credits_at("Quelle: dpa"), 0);
	assert_int_equal(credits_at("(With inputs from PTI)"), 0);
	assert_int_equal(credits_at("With agency inputs"), 0);
	assert_int_equal(credits_at("Edited By: Ana Vale"), 0);
	assert_int_equal(credits_at("\xE2\x80\x94 with AAP"), 0);
	assert_int_equal(credits_at("With Reuters"), 0);
	assert_int_equal(credits_at("- with agencies"), 0);
	assert_int_equal(credits_at("with AAP and Reuters"), 0);
	assert_int_equal(credits_at("Translated by Ana Vale; Edited by Bo Kask"), 0);
	assert_int_equal(credits_at("(This story has not been edited by Test staff "
	    "and is auto-generated from a syndicated feed.)"), 0);
	assert_int_equal(credits_at(ansa), (long)(strchr(ansa, '(') - ansa));
	assert_int_equal(credits_at(ians), (long)(strstr(ians, "--") - ians));
	assert_int_equal(credits_at(yonhap), (long)(strchr(yonhap, '(') - yonhap));
	assert_int_equal(credits_at(xinhua), (long)(strstr(xinhua, "End") - xinhua));
	/* Chinese and Japanese: （完）, （共同）, the editor in charge */
	assert_int_equal(credits_at("\xE4\xB9\x98\xE5\xAE\xA2\xE3\x80\x82"
	    "\xEF\xBC\x88\xE5\xAE\x8C\xEF\xBC\x89"), 9);
	assert_int_equal(credits_at("\xE7\xB6\x9A\xE3\x81\x8D\xE3\x80\x82"
	    "\xEF\xBC\x88\xE5\x85\xB1\xE5\x90\x8C\xEF\xBC\x89"), 9);
	assert_int_equal(credits_at("\xEF\xBC\x88\xE8\xB4\xA3\xE4\xBB\xBB"
	    "\xE7\xBC\x96\xE8\xBE\x91\xEF\xBC\x9A\xE6\x9D\x8E\xE6\x96"
	    "\xB0\xEF\xBC\x89"), 0);
	/* look-alikes */
	assert_int_equal(credits_at("Copyright law was changed in 2020."), -1);
	assert_int_equal(credits_at("(c) the third point is due."), -1);
	assert_int_equal(credits_at("(c) Payment is due on Monday."), -1);
	assert_int_equal(credits_at("This report by the council was first "
	    "published in 2019."), -1);
	assert_int_equal(credits_at("With assistance from friends, the town "
	    "rebuilt its pier."), -1);
	assert_int_equal(credits_at("Shares closed up (Reuters data showed)."), -1);
	assert_int_equal(credits_at("He was cast in 2020 (AFP) as a lead."), -1);
	assert_int_equal(credits_at("The deal was first reported -- Reuters"), -1);
	assert_int_equal(credits_at("Write to news@test.example for tickets."), -1);
	assert_int_equal(credits_at("PTI said the talks failed."), -1);
	assert_int_equal(credits_at("The list goes on: a/b, c/d."), -1);
	assert_int_equal(credits_at("Source: officials said the plan was final."), -1);
	assert_int_equal(credits_at("Edited by: the council, in a hurry."), -1);
	assert_int_equal(credits_at("With friends and family."), -1);
	assert_int_equal(credits_at("With AAP gone, the bureau closed."), -1);
	assert_int_equal(credits_at("((a remark in double brackets) and more)"), -1);
}

static void
test_caption_line(void **state)
{
	(void)state;
	assert_true(story_match_caption_line("FILE PHOTO: A ferry leaves Port Ellen."));
	assert_true(story_match_caption_line("FILE - A ferry leaves Port Ellen."));
	assert_true(story_match_caption_line("Photo: The pier at dawn."));
	assert_true(story_match_caption_line("ARCHIVO - Un ferry sale de Vigo."));
	assert_true(story_match_caption_line("ARCHIV - Ein Zug im Bahnhof."));
	assert_true(story_match_caption_line("Foto: Ein Zug im Bahnhof."));
	assert_false(story_match_caption_line("ARCHIVED records show a rise."));
	assert_false(story_match_caption_line("Fotografen warteten am Hafen."));
	assert_false(story_match_caption_line("FILED under news."));
	assert_false(story_match_caption_line("Photographers gathered at the pier."));
	assert_false(story_match_caption_line("The FILE PHOTO: was shown."));
}

static void
check_credit(const char *caption, const char *text, const char *credit)
{
	char *t, *c;

	story_split_credit(caption, &t, &c);
	assert_string_equal(t, text);
	assert_string_equal(c, credit);
	free(t);
	free(c);
}

static void
test_caption_credit(void **state)
{
	(void)state;
	check_credit("A ferry leaves Port Ellen, Nov 27, 2026. REUTERS/Jane Roe/File Photo",
	    "A ferry leaves Port Ellen, Nov 27, 2026.", "REUTERS/Jane Roe/File Photo");
	check_credit("Ducks cross a road in Oslo. (AP Photo/Ola Nordmann)",
	    "Ducks cross a road in Oslo.", "AP Photo/Ola Nordmann");
	check_credit("The pier at dawn. Photo: Jane Roe/Dateline Wire",
	    "The pier at dawn.", "Jane Roe/Dateline Wire");
	/* No credit: the caption stays whole. */
	check_credit("Photo day at the school. Parents came.",
	    "Photo day at the school. Parents came.", "");
	check_credit("A plain caption.", "A plain caption.", "");
	/* A wire crediting its own photographer, and a bracketed credit. */
	check_credit("The pier at dawn, March 3. DATELINE/Jane Roe/File Photo",
	    "The pier at dawn, March 3.", "DATELINE/Jane Roe/File Photo");
	check_credit("The bakery, closed since October. (Test Wire Photo/Fay Ito)",
	    "The bakery, closed since October.", "Test Wire Photo/Fay Ito");
	/* A slash in the last sentence is not a credit on its own. */
	check_credit("Fans cheer. AC/DC played.", "Fans cheer. AC/DC played.", "");
	check_credit("The band (AC/DC) on stage", "The band (AC/DC) on stage", "");
}

/* Caption credits as the world's wires and papers write them. */
static void
test_caption_credit_world(void **state)
{
	(void)state;
	check_credit("Ein Zug im Bahnhof. Foto: Karl Hahn/dpa", "Ein Zug im Bahnhof.",
	    "Karl Hahn/dpa");
	check_credit("Ein Zug im Bahnhof. Foto: dpa", "Ein Zug im Bahnhof.", "dpa");
	check_credit("Ein Zug im Bahnhof. Bild: Karl Hahn/dpa", "Ein Zug im Bahnhof.",
	    "Karl Hahn/dpa");
	check_credit("Protesters march in Lyon. \xC2\xA9 AFP", "Protesters march in Lyon.",
	    "\xC2\xA9 AFP");
	check_credit("Workers check a train. (Xinhua/Li Xin)", "Workers check a train.",
	    "Xinhua/Li Xin");
	check_credit("Fans wave flags. (Photo by Ana Vale/Getty Images)",
	    "Fans wave flags.", "Ana Vale/Getty Images");
	check_credit("Nurses pose. [Photo by Li Xin/test.example]", "Nurses pose.",
	    "Li Xin/test.example");
	check_credit("Ministers meet in Delhi. PTI Photo", "Ministers meet in Delhi.",
	    "PTI Photo");
	check_credit("La Puerta de Alcal\xC3\xA1. EFE / J. P. Gil.",
	    "La Puerta de Alcal\xC3\xA1.", "EFE / J. P. Gil.");
	check_credit("Il Senato a Roma. ANSA/ANGELO ROSSI", "Il Senato a Roma.",
	    "ANSA/ANGELO ROSSI");
	check_credit("El puerto de Vigo. Foto: EFE/Juan Gil", "El puerto de Vigo.",
	    "EFE/Juan Gil");
	check_credit("Fans in Lyon. Ana Vale/AFP via Getty Images", "Fans in Lyon.",
	    "Ana Vale/AFP via Getty Images");
	check_credit("Fans in Lyon. Ana Vale/Reuters", "Fans in Lyon.", "Ana Vale/Reuters");
	check_credit("A seal on the pier. (Ana Vale via AP)", "A seal on the pier.",
	    "Ana Vale via AP");
	/* look-alikes */
	check_credit("Ferries run on the route. Oslo/Bergen",
	    "Ferries run on the route. Oslo/Bergen", "");
	check_credit("The sign \xC2\xA9 marks a copyright.",
	    "The sign \xC2\xA9 marks a copyright.", "");
	check_credit("Fans cheer the band (AC/DC)", "Fans cheer the band (AC/DC)", "");
	check_credit("A rare chance (Photo opportunity)",
	    "A rare chance (Photo opportunity)", "");
	check_credit("Fans at the PTI Photo desk.", "Fans at the PTI Photo desk.", "");
	check_credit("Eine Sch\xC3\xBClerin lernt. Bildrechte: Colourbox.de",
	    "Eine Sch\xC3\xBClerin lernt.", "Colourbox.de");
	check_credit("Une salle. Cr\xC3\xA9" "dit photo : Jean Roux", "Une salle.",
	    "Jean Roux");
	/* a label inside a sentence: only names may follow it */
	check_credit("Foto: Ein Zug im Bahnhof.", "Foto: Ein Zug im Bahnhof.", "");
	check_credit("Photo: Jane Roe/Test Wire", "", "Jane Roe/Test Wire");
	check_credit("Ein seltenes Bild: Der Kanzler lacht.",
	    "Ein seltenes Bild: Der Kanzler lacht.", "");
	check_credit("Protesters in Lyon Photo: Ana Vale/AFP", "Protesters in Lyon",
	    "Ana Vale/AFP");
	check_credit("Das Rathaus. | Foto: Karl Hahn/dpa-Zentralbild/dpa",
	    "Das Rathaus.", "Karl Hahn/dpa-Zentralbild/dpa");
}

static void
test_noise(void **state)
{
	(void)state;
	assert_true(story_match_noise("Share this article"));
	assert_true(story_match_noise("Subscribe to our newsletter"));
	assert_true(story_match_noise("Continue reading..."));
	assert_true(story_match_noise("The post Ferry news appeared first on "
	    "Island Times."));
	assert_true(story_match_noise("Advertisement"));
	assert_true(story_match_noise("___"));
	assert_false(story_match_noise("_"));
	assert_false(story_match_noise("Shareholders voted to keep the ferry."));
	assert_false(story_match_noise("Subscribers to the ferry pass pay less."));
	assert_false(story_match_noise("The post office will close on Friday."));
	assert_false(story_match_noise(""));
}

static char *
block_text(const struct story_block *b)
{
	struct buf t = BUF_INIT;
	size_t i;

	for (i = 0; i < b->nruns; i++)
		buf_adds(&t, b->runs[i].text);
	return t.data != NULL ? buf_detach(&t) : xstrdup("");
}

static void
assert_block(const struct story *st, size_t i, enum story_block_kind kind,
    const char *text)
{
	char *t;

	assert_true(i < st->nblocks);
	assert_int_equal(st->blocks[i].kind, kind);
	t = block_text(&st->blocks[i]);
	assert_string_equal(t, text);
	free(t);
}

static void
test_story_from_item(void **state)
{
	struct media media = { "https://img.example/harbour.jpg", "image/jpeg",
	    "The harbour at dusk.", "Jane Roe/Dateline Wire", 0, 0 };
	struct item item;
	struct story *st;
	struct buf json = BUF_INIT;
	char *plain;

	(void)state;
	memset(&item, 0, sizeof item);
	item.title = "Ferries double";
	item.link = "https://wire.example/news/ferries.html";
	item.author = "desk@wire.example";
	item.published = 1795769640;	/* 2026-11-27 08:54 UTC */
	item.content =
	    "<p>FILE PHOTO: A ferry leaves. REUTERS/Jane Roe/File Photo</p>"
	    "<p>By Ailsa Mackay and Tomas Lindqvist</p>"
	    "<p><strong>PORT ELLEN</strong>, Nov 27 (Dateline Wire) -The "
	    "<a href=\"/ops\">operator</a> said so.</p>"
	    "<p>  </p><p><img src=\"https://t.example/p.gif\" width=\"1\" height=\"1\"></p>"
	    "<p>It will <a href=\"https://x.example/\">help</a>, "
	    "<a href=\"/ops\">again</a>.</p>"
	    "<p>Share this article</p>"
	    "<p>(Reporting by Ailsa Mackay; Editing by Ruth Pike)</p>";
	item.media = &media;
	item.nmedia = 1;
	st = story_from_item(&item, "Dateline Wire");
	assert_string_equal(st->headline, "Ferries double");
	assert_string_equal(st->feed, "Dateline Wire");
	assert_string_equal(st->byline, "Ailsa Mackay and Tomas Lindqvist");
	assert_string_equal(st->dateline, "PORT ELLEN, Nov 27 (Dateline Wire)");
	assert_string_equal(st->credits,
	    "(Reporting by Ailsa Mackay; Editing by Ruth Pike)");
	assert_int_equal(st->nblocks, 2);
	assert_block(st, 0, BLOCK_PARAGRAPH, "The operator[1] said so.");
	assert_block(st, 1, BLOCK_PARAGRAPH, "It will help[2], again[1].");
	assert_int_equal(st->nlinks, 2);
	assert_string_equal(st->links[0], "https://wire.example/ops");
	assert_string_equal(st->links[1], "https://x.example/");
	assert_int_equal(st->ncaptions, 2);
	assert_string_equal(st->captions[0].text, "FILE PHOTO: A ferry leaves.");
	assert_string_equal(st->captions[0].credit, "REUTERS/Jane Roe/File Photo");
	assert_string_equal(st->captions[1].text, "The harbour at dusk.");
	assert_string_equal(st->captions[1].credit, "Jane Roe/Dateline Wire");

	story_fields_json(st, &json);
	assert_string_equal(json.data,
	    "{\"dateline\":\"PORT ELLEN, Nov 27 (Dateline Wire)\","
	    "\"byline\":\"Ailsa Mackay and Tomas Lindqvist\",\"captions\":["
	    "{\"text\":\"FILE PHOTO: A ferry leaves.\",\"credit\":\"REUTERS/Jane Roe/File Photo\"},"
	    "{\"text\":\"The harbour at dusk.\",\"credit\":\"Jane Roe/Dateline Wire\"}],"
	    "\"credits\":\"(Reporting by Ailsa Mackay; Editing by Ruth Pike)\"}");
	buf_free(&json);
	plain = story_plain_text(st);
	assert_non_null(strstr(plain, "Ferries double\n"));
	assert_non_null(strstr(plain, "PORT ELLEN, Nov 27 (Dateline Wire) The operator said so.\n"));
	assert_null(strstr(plain, "[1]"));
	free(plain);
	story_free(st);
}

/* Detection leaves ordinary stories alone. */
static void
test_story_no_wire_structure(void **state)
{
	const char *html = "<p>NATO leaders met (AP) - said a man.</p>"
	    "<p>By the time they left, it was dark.</p>"
	    "<p>Reporting by local media suggested the fire spread.</p>";
	struct story *st;
	struct item item;

	(void)state;
	st = story_from_html(html, strlen(html), NULL, "t");
	assert_string_equal(st->dateline, "");
	assert_string_equal(st->byline, "");
	assert_string_equal(st->credits, "");
	assert_int_equal(st->nblocks, 3);
	story_free(st);
	/* The author element is the byline when no "By" paragraph is. */
	memset(&item, 0, sizeof item);
	item.title = item.link = item.summary = item.content = "";
	item.author = "Jane Roe";
	item.published = DL_TIME_NONE;
	item.updated = DL_TIME_NONE;
	st = story_from_item(&item, NULL);
	assert_string_equal(st->byline, "Jane Roe");
	assert_int_equal(st->nblocks, 0);
	story_free(st);
}

/* AP's feeds run the byline into the first paragraph. */
static void
test_story_byline_in_dateline(void **state)
{
	static const char *const html[] = {
		"<p>By JANE ROE and LI XIN Associated Press SEOUL (AP) \xE2\x80\x94 "
		"Snow fell.</p><p>More.</p>",
		"<p>By Jane Roe, Associated Press SEOUL (AP) - Snow fell.</p>"
		"<p>More.</p>",
		"<p>By the time SEOUL (AP) - woke, snow fell.</p><p>More.</p>",
		"<p>By Jane Roe<br>SEOUL (Reuters) - Snow fell.</p><p>More.</p>",
		"<p>By Jane Roe<br>Staff Writer<br>SEOUL \xE2\x80\x94 Snow fell.</p>"
		"<p>More.</p>",
		"<p>By the sea<br>SEOUL (Reuters) - Snow fell.</p><p>More.</p>",
	};
	static const char *const want[][3] = {
		{ "JANE ROE and LI XIN", "SEOUL (AP)", "Snow fell." },
		{ "Jane Roe", "SEOUL (AP)", "Snow fell." },
		{ "", "", "By the time SEOUL (AP) - woke, snow fell." },
		{ "Jane Roe", "SEOUL (Reuters)", "Snow fell." },
		{ "Jane Roe", "SEOUL", "Snow fell." },
		{ "", "", "By the sea\nSEOUL (Reuters) - Snow fell." },
	};
	struct story *st;
	char *text;
	size_t i;

	(void)state;
	for (i = 0; i < DL_ARRAY_LEN(html); i++) {
		st = story_from_html(html[i], strlen(html[i]), NULL, "T");
		assert_string_equal(st->byline, want[i][0]);
		assert_string_equal(st->dateline, want[i][1]);
		text = block_text(&st->blocks[0]);
		assert_string_equal(text, want[i][2]);
		free(text);
		story_free(st);
	}
	/* the headline repeated as the first paragraph is no byline */
	st = story_from_html("<p>By Land and Sea</p><p>More.</p>", 34, NULL,
	    "By Land and Sea");
	assert_string_equal(st->byline, "");
	assert_int_equal(st->nblocks, 2);
	story_free(st);
}

/* Reuters' updates: bullet points and an advisory above the byline and
 * the dateline; the advisory stays, the dateline opens its paragraph. */
static void
test_story_reuters_update(void **state)
{
	const char *html = "<ul><li>Fares to rise</li><li>Unions to vote</li></ul>"
	    "<p>(Adds union reaction in paragraph 3)</p><p>By Ada Lind</p>"
	    "<p>VALLEN, May 3 (Reuters) - Fares will rise.</p><p>More.</p>";
	struct story *st;
	char *text;

	(void)state;
	assert_true(story_match_advisory("(Adds union reaction in paragraph 3)"));
	assert_true(story_match_advisory("(Corrects name in paragraph 2)."));
	assert_false(story_match_advisory("(Adds up to a lot) and more."));
	assert_false(story_match_advisory("(adds nothing)"));
	assert_false(story_match_advisory("Adds union reaction"));
	st = story_from_html(html, strlen(html), NULL, "T");
	assert_string_equal(st->byline, "Ada Lind");
	assert_string_equal(st->dateline, "VALLEN, May 3 (Reuters)");
	assert_int_equal(st->nblocks, 5);
	text = block_text(&st->blocks[2]);
	assert_string_equal(text, "(Adds union reaction in paragraph 3)");
	free(text);
	assert_false(st->blocks[2].dateline);
	assert_true(st->blocks[3].dateline);
	text = block_text(&st->blocks[3]);
	assert_string_equal(text, "Fares will rise.");
	free(text);
	text = story_plain_text(st);
	assert_non_null(strstr(text, "VALLEN, May 3 (Reuters) Fares will rise."));
	free(text);
	story_free(st);
}

static void
test_html_blocks(void **state)
{
	struct story *st;
	const char *html =
	    "<h2>Routes</h2><ul><li>One<ul><li>Inner</li></ul></li><li>Two</li></ul>"
	    "<ol start=\"3\"><li>Three</li></ol>"
	    "<blockquote><p>Said\x01 so.\x1b[31m</p></blockquote>"
	    "<pre>a\n\tb</pre>"
	    "<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>"
	    "<figure><img src=\"p.jpg\"><figcaption>Pier. <cite>J. Roe</cite>"
	    "</figcaption></figure>"
	    "<p>An <img src=\"/i.png\" alt=\"icon\"> and <a href=\"javascript:x()\">js</a>"
	    "<script>evil()</script><span style=\"display: none\">hidden</span></p>"
	    "<p>line<br>break</p><p>&nbsp;</p><p> \xE2\x80\x8B </p>";
	struct story_block *b;

	(void)state;
	st = story_from_html(html, strlen(html), "https://e.example/a/b.html", "t");
	assert_block(st, 0, BLOCK_HEADING, "Routes");
	assert_int_equal(st->blocks[0].level, 2);
	assert_block(st, 1, BLOCK_LIST_ITEM, "One");
	assert_int_equal(st->blocks[1].level, 1);
	assert_int_equal(st->blocks[1].ordinal, 0);
	assert_block(st, 2, BLOCK_LIST_ITEM, "Inner");
	assert_int_equal(st->blocks[2].level, 2);
	assert_block(st, 3, BLOCK_LIST_ITEM, "Two");
	assert_block(st, 4, BLOCK_LIST_ITEM, "Three");
	assert_int_equal(st->blocks[4].ordinal, 3);
	/* Controls and ESC never survive (the HTML parser makes them
	 * U+FFFD). */
	assert_block(st, 5, BLOCK_QUOTE, "Said\xEF\xBF\xBD so.\xEF\xBF\xBD[31m");
	assert_block(st, 6, BLOCK_PRE, "a\n\tb");
	b = &st->blocks[7];
	assert_int_equal(b->kind, BLOCK_TABLE_ROW);
	assert_true(b->header);
	assert_int_equal(b->ncells, 2);
	assert_string_equal(b->cells[1], "B");
	assert_int_equal(st->blocks[8].kind, BLOCK_TABLE_ROW);
	assert_false(st->blocks[8].header);
	assert_int_equal(st->blocks[9].kind, BLOCK_FIGURE);
	assert_string_equal(st->captions[st->blocks[9].caption].text, "Pier.");
	assert_string_equal(st->captions[st->blocks[9].caption].credit, "J. Roe");
	assert_string_equal(st->captions[st->blocks[9].caption].url,
	    "https://e.example/a/p.jpg");
	assert_block(st, 10, BLOCK_PARAGRAPH, "An [image: icon] and js");
	assert_block(st, 11, BLOCK_PARAGRAPH, "line\nbreak");
	assert_int_equal(st->nblocks, 12);
	assert_int_equal(st->nlinks, 0);
	story_free(st);
}

static void
test_html_hostile(void **state)
{
	struct buf html = BUF_INIT;
	struct story *st;
	int i;

	(void)state;
	for (i = 0; i < 5000; i++)
		buf_adds(&html, "<div><blockquote><ul><li>");
	buf_adds(&html, "deep");
	st = story_from_html(html.data, html.len, NULL, NULL);
	assert_string_equal(st->headline, "");
	story_free(st);
	/* gumbo is quadratic in depth: 100,000 nested elements are cut at
	 * STORY_MAX_NESTING (this took minutes before); what came before
	 * the cut stays, and a script's "<b" is not counted. */
	buf_reset(&html);
	buf_adds(&html, "<p>before</p><script>if (a<b) x();</script>");
	for (i = 0; i < 100000; i++)
		buf_adds(&html, i % 2 ? "<b>" : "<div>");
	st = story_from_html(html.data, html.len, NULL, NULL);
	assert_true(st->nblocks >= 1);
	assert_block(st, 0, BLOCK_PARAGRAPH, "before");
	story_free(st);
	buf_reset(&html);
	buf_add(&html, "<p>\xff\xfe\xc3</p>", 9);
	st = story_from_html(html.data, html.len, NULL, "\x1b]0;x\x07title");
	assert_string_equal(st->headline, "]0;xtitle");
	assert_true(utf8_valid(st->blocks[0].runs[0].text,
	    strlen(st->blocks[0].runs[0].text)));
	story_free(st);
	buf_free(&html);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dateline_wire_forms),
		cmocka_unit_test(test_dateline_false_positives),
		cmocka_unit_test(test_dateline_agencies_and_none),
		cmocka_unit_test(test_dateline_not_a_ticker),
		cmocka_unit_test(test_dateline_world),
		cmocka_unit_test(test_dateline_world_false_positives),
		cmocka_unit_test(test_dateline_arabic),
		cmocka_unit_test(test_byline),
		cmocka_unit_test(test_byline_world),
		cmocka_unit_test(test_credits),
		cmocka_unit_test(test_credits_world),
		cmocka_unit_test(test_caption_line),
		cmocka_unit_test(test_caption_credit),
		cmocka_unit_test(test_caption_credit_world),
		cmocka_unit_test(test_noise),
		cmocka_unit_test(test_story_from_item),
		cmocka_unit_test(test_story_no_wire_structure),
		cmocka_unit_test(test_story_byline_in_dateline),
		cmocka_unit_test(test_story_reuters_update),
		cmocka_unit_test(test_html_blocks),
		cmocka_unit_test(test_html_hostile),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
