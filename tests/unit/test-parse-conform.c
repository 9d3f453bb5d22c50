/* Unit tests for src/parse: shapes that other feed readers' test suites
 * and real feeds use and that dateline read differently before (dates
 * as feeds write them, and the item fields of tests further down).  The
 * values are ours; each test names the shape it stands for. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "parse/parse.h"
#include "util/util.h"

static void
check_date(const char *in, const char *want)
{
	char got[21] = "null";
	int64_t t = parse_date(in);

	if (t != DL_TIME_NONE)
		time_format_iso(t, got);
	if (strcmp(got, want != NULL ? want : "null") != 0)
		fail_msg("parse_date(\"%s\") = %s, want %s", in, got, want ? want : "null");
}

/* RFC 822 the way feeds bend it: parts in another order, names in other
 * languages, 12-hour clocks, ordinals, more zone names. */
static void
test_dates_loose(void **state)
{
	(void)state;
	/* month before day (asctime, JavaScript's Date.toString) */
	check_date("Wed Mar  6 08:15:42 2019", "2019-03-06T08:15:42Z");
	check_date("Wed Mar 06 08:15:42 +0000 2019", "2019-03-06T08:15:42Z");
	check_date("Sat Aug 17 2019 21:40:00 GMT+0200 (Central European Summer Time)",
	    "2019-08-17T19:40:00Z");
	check_date("Sat, Aug 17 2019 21:40:00 EDT", "2019-08-18T01:40:00Z");
	check_date("August 17, 2019 09:40:00 PM", "2019-08-17T21:40:00Z");
	check_date("Aug. 17, 2019, 9:40 p.m.", "2019-08-17T21:40:00Z");
	check_date("Aug. 17, 2019, 12:05 a.m.", "2019-08-17T00:05:00Z");
	check_date("Sat, August 17, 2019 at 11:05 AM CDT", "2019-08-17T16:05:00Z");
	check_date("Saturday, August 17, 2019 - 9:40pm", "2019-08-17T21:40:00Z");
	/* ordinals, a comma after the month or the year */
	check_date("Sat, 17th Aug 2019 06:00:00 GMT", "2019-08-17T06:00:00Z");
	check_date("Thu, 1st Aug 2019 06:00:00 GMT", "2019-08-01T06:00:00Z");
	check_date("Sat, 17 Aug, 2019 06:00:00 UTC", "2019-08-17T06:00:00Z");
	check_date("Sat, 17 Aug 2019, 06:00", "2019-08-17T06:00:00Z");
	check_date("17 August, 2019", "2019-08-17T00:00:00Z");
	check_date("17 Aug 2019 UTC", "2019-08-17T00:00:00Z");
	/* weekday spellings */
	check_date("Thurs, 15 Aug 2019 06:00:00 +0000", "2019-08-15T06:00:00Z");
	check_date("Tues, 13 Aug 2019 06:00:00 +0000", "2019-08-13T06:00:00Z");
	/* German, French, Spanish names */
	check_date("Mi, 14 Aug 2019 10:00:00 +0200", "2019-08-14T08:00:00Z");
	check_date("Do, 28 Mär 2019 10:00:00 +0100", "2019-03-28T09:00:00Z");
	check_date("Montag, 16. Dezember 2019 - 07:30", "2019-12-16T07:30:00Z");
	check_date("jeu., 05 déc. 2019 18:00:00 +0100", "2019-12-05T17:00:00Z");
	check_date("mar., 10 déc. 2019 18:00:00 +0000", "2019-12-10T18:00:00Z");
	check_date("mar., 10 mars 2020 18:00:00 +0000", "2020-03-10T18:00:00Z");
	check_date("ven., 12 juil. 2019 08:00:00 +0000", "2019-07-12T08:00:00Z");
	check_date("mié, 14 ago 2019 12:00:00 +0000", "2019-08-14T12:00:00Z");
	check_date("Tue, 12 Mar 2019 12:00:00 GMT", "2019-03-12T12:00:00Z");
	/* zones: European and US names, GMT with an offset, Etc/GMT */
	check_date("Sat, 17 Aug 2019 10:00:00 CEST", "2019-08-17T08:00:00Z");
	check_date("Sat, 16 Nov 2019 10:00:00 MET", "2019-11-16T09:00:00Z");
	check_date("Sat, 17 Aug 2019 10:00:00 BST", "2019-08-17T09:00:00Z");
	check_date("Sat, 17 Aug 2019 10:00:00 JST", "2019-08-17T01:00:00Z");
	check_date("Sat, 17 Aug 2019 10:00:00 PT", "2019-08-17T18:00:00Z");
	check_date("Sat, 17 Aug 2019 10:00:00 ET", "2019-08-17T15:00:00Z");
	check_date("Sat, 17 Aug 2019 10:00:00 GMT-04:30", "2019-08-17T14:30:00Z");
	check_date("Sat, 17 Aug 2019 10:00:00 GMT+1", "2019-08-17T09:00:00Z");
	check_date("Sat, 17 Aug 2019 10:00:00 Etc/GMT", "2019-08-17T10:00:00Z");
	check_date("Sat, 17 Aug 2019 10:00:00 -02:15", "2019-08-17T12:15:00Z");
	/* numeric dates that can be read one way only */
	check_date("Sat, 2019/08/17 10:00:00 EDT", "2019-08-17T14:00:00Z");
	check_date("Sat, 17/08/2019", "2019-08-17T00:00:00Z");
	check_date("08/17/2019 10:00 pm", "2019-08-17T22:00:00Z");
	check_date("17.08.19", "2019-08-17T00:00:00Z");
	/* ISO slips */
	check_date("2019-008-17T10:00:00+00:00", "2019-08-17T10:00:00Z");
	check_date("2019-08-17T10:00:00-04:00Z", "2019-08-17T14:00:00Z");
	check_date("2019-08-17T10:00", "2019-08-17T10:00:00Z");

	/* still not dates: ambiguous, incomplete, unknown or broken parts */
	check_date("05/06/2019", NULL);
	check_date("Sat, 05 06 2019 10:00:00 +0000", NULL);
	check_date("Aug. 2019", NULL);
	check_date("Sat, 17 Aug 2019 10:00:00 America/Denver", NULL);
	check_date("Sat, 17 Aug 2019 10:00:00 IST", NULL);
	check_date("Sat, 17 Aug 2019 1:2:3:4 GMT", NULL);
	check_date("Sat, 17 Aug 2019 13:00 PM", NULL);
	check_date("Sat, 17 Aug 2019 10:00 AM PM", NULL);
	check_date("Sat, 17 Aug Jul 2019", NULL);
	check_date("Sat, 17 18 Aug 2019", NULL);
	check_date("Sat, 17 Aug 2019 2020", NULL);
	check_date("Sat, 17th 18th Aug 2019", NULL);
	check_date("Sat, 17 Aug 2019 10:00:00 +zz:00", NULL);
	check_date("Sat, 17 Aug 2019 10:00:00 (UTC", NULL);
	check_date("Sat, 17 Aug 2019 10:00:00 GMT @", NULL);
	check_date("2019-08-17T10:00:00+02:00Textra", NULL);
	check_date("12019", NULL);
	check_date("tomorrow at 5", NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dates_loose),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
