/*
 * test_text.c - dates (core/util/date.h) and UTF-8 (core/util/utf8.h).
 */
#include <criterion/criterion.h>
#include <string.h>

#include "util/date.h"
#include "util/utf8.h"

/* ------------------------------------------------------------------------
 * Dates
 * ------------------------------------------------------------------------ */

static adv_date parsed(const char *s)
{
	adv_date d = { -12345, 99 };
	cr_assert_eq(adv_date_parse(&d, s), 0, "\"%s\" should parse", s);
	return d;
}

static void rejected(const char *s)
{
	adv_date d = { 0, 0 };
	cr_assert_eq(adv_date_parse(&d, s), -1, "\"%s\" should be rejected", s);
}

Test(date, counts_days_from_1970)
{
	cr_assert_eq(adv_days_from_civil(1970, 1, 1), 0);
	cr_assert_eq(adv_days_from_civil(1970, 1, 2), 1);
	cr_assert_eq(adv_days_from_civil(1969, 12, 31), -1);
	cr_assert_eq(adv_days_from_civil(1971, 1, 1), 365);
	/* 30 years, 7 of them leap (72 76 80 84 88 92 96), plus Jan and Feb
	 * of leap 2000: 30*365 + 7 + 31 + 29 = 11017. */
	cr_assert_eq(adv_days_from_civil(2000, 3, 1), 11017);
	cr_assert_eq(adv_days_from_civil(2000, 2, 29), 11016);
	cr_assert_eq(adv_days_from_civil(2019, 1, 1), 17897);
	cr_assert_eq(adv_days_from_civil(1000, 1, 1), -354285);
	cr_assert_eq(adv_days_from_civil(9999, 12, 31), 2932896);
}

Test(date, converts_day_numbers_back_to_dates)
{
	/* Every day from 1000-01-01 to 9999-12-31 comes back to itself, and
	 * consecutive day numbers are consecutive dates. */
	int py = 999;
	unsigned pm = 12, pd = 31;
	for (int32_t z = -354285; z <= 2932896; z++) {
		int y;
		unsigned m, d;
		adv_civil_from_days(z, &y, &m, &d);
		if (d != pd + 1) {
			cr_assert_eq(d, 1, "day %d: %d-%u-%u follows %d-%u-%u", z, y, m,
				d, py, pm, pd);
			if (m != pm + 1) {
				cr_assert(m == 1 && pm == 12 && y == py + 1,
					"day %d: %d-%u-%u follows %d-%u-%u", z, y, m, d, py, pm,
					pd);
			}
		}
		if (z % 997 == 0)
			cr_assert_eq(adv_days_from_civil(y, m, d), z);
		py = y;
		pm = m;
		pd = d;
	}
	cr_assert_eq(py, 9999);
	cr_assert_eq(pm, 12);
	cr_assert_eq(pd, 31);
}

Test(date, parses_a_full_date_with_day_precision)
{
	adv_date d = parsed("1970-01-01");
	cr_assert_eq(d.day, 0);
	cr_assert_eq(d.precision, ADV_DATE_DAY);
	d = parsed("2000-03-01");
	cr_assert_eq(d.day, 11017);
	cr_assert_eq(d.precision, ADV_DATE_DAY);
	d = parsed("1969-12-31");
	cr_assert_eq(d.day, -1);
	d = parsed("2019-05-03");
	cr_assert_eq(d.day, adv_days_from_civil(2019, 5, 3));
	cr_assert_eq(parsed("1000-01-01").day, -354285);
	cr_assert_eq(parsed("9999-12-31").day, 2932896);
}

Test(date, parses_a_month_as_its_first_day)
{
	adv_date d = parsed("2019-05");
	cr_assert_eq(d.precision, ADV_DATE_MONTH);
	cr_assert_eq(d.day, adv_days_from_civil(2019, 5, 1));
	d = parsed("2000-03");
	cr_assert_eq(d.day, 11017);
	cr_assert_eq(d.precision, ADV_DATE_MONTH);
}

Test(date, parses_a_year_as_its_first_day)
{
	adv_date d = parsed("2019");
	cr_assert_eq(d.precision, ADV_DATE_YEAR);
	cr_assert_eq(d.day, 17897);
	d = parsed("1970");
	cr_assert_eq(d.day, 0);
	cr_assert_eq(d.precision, ADV_DATE_YEAR);
}

Test(date, knows_leap_years)
{
	cr_assert_eq(parsed("2024-02-29").day, adv_days_from_civil(2024, 3, 1) - 1);
	cr_assert_eq(parsed("2000-02-29").day, 11016, "2000 is divisible by 400");
	parsed("1996-02-29");
	rejected("2023-02-29");
	rejected("1900-02-29"); /* divisible by 100, not by 400 */
	rejected("2100-02-29");
	rejected("2024-02-30");
	parsed("2023-02-28");
}

Test(date, checks_that_the_day_exists)
{
	parsed("2019-01-31");
	parsed("2019-04-30");
	parsed("2019-12-31");
	rejected("2019-04-31");
	rejected("2019-06-31");
	rejected("2019-09-31");
	rejected("2019-11-31");
	rejected("2019-01-32");
	rejected("2019-02-30");
	rejected("2019-05-00");
	rejected("2019-00-10");
	rejected("2019-00");
	rejected("2019-13");
	rejected("2019-13-01");
}

Test(date, rejects_other_shapes)
{
	rejected("");
	rejected("yesterday");
	rejected("2019-5-3");
	rejected("2019-5");
	rejected("2019-05-3");
	rejected("19-05-03");
	rejected("20190503");
	rejected("2019/05/03");
	rejected("2019-05/03");
	rejected("2019.05");
	rejected("2019-");
	rejected("2019-05-");
	rejected(" 2019");
	rejected("2019 ");
	rejected("2019-05-03 ");
	rejected("2019-05-03T10:00");
	rejected("+019");
	rejected("-019");
	rejected("2O19");
	rejected("2019-0a");
	rejected("0999");    /* years 1000..9999 only */
	rejected("0000-01-01");
	rejected("10000");
	rejected("999");
	rejected(NULL);
}

Test(date, parse_day_wants_a_full_date)
{
	adv_date d = { 0, 0 };
	cr_assert_eq(adv_date_parse_day(&d, "2026-11-27"), 0);
	cr_assert_eq(d.precision, ADV_DATE_DAY);
	cr_assert_eq(d.day, adv_days_from_civil(2026, 11, 27));
	cr_assert_eq(adv_date_parse_day(&d, "2026-11"), -1);
	cr_assert_eq(adv_date_parse_day(&d, "2026"), -1);
	cr_assert_eq(adv_date_parse_day(&d, "2026-02-29"), -1);
	cr_assert_eq(adv_date_parse_day(&d, ""), -1);
	cr_assert_eq(adv_date_parse_day(&d, NULL), -1);
}

Test(date, formats_as_written)
{
	static const char *const dates[] = {
		"1970-01-01", "2000-03-01", "2024-02-29", "1969-12-31", "1000-01-01",
		"9999-12-31", "2019-05-03", "2019-05", "2019-12", "1970-01", "2019",
		"1000", "9999", "1970",
	};
	for (size_t i = 0; i < sizeof(dates) / sizeof(*dates); i++) {
		char buf[ADV_DATE_BUF];
		memset(buf, 'x', sizeof(buf));
		adv_date_format(buf, parsed(dates[i]));
		cr_assert_str_eq(buf, dates[i]);
	}
}

Test(date, formats_an_absent_date_as_empty)
{
	char buf[ADV_DATE_BUF] = "xxxxxxxxxx";
	adv_date none = { 0, ADV_DATE_NONE };
	adv_date_format(buf, none);
	cr_assert_str_eq(buf, "");
}

Test(date, gives_the_last_day_a_partial_date_covers)
{
	cr_assert_eq(adv_date_end(parsed("2018")), adv_days_from_civil(2018, 12, 31));
	cr_assert_eq(adv_date_end(parsed("2019-02")), adv_days_from_civil(2019, 2, 28));
	cr_assert_eq(adv_date_end(parsed("2024-02")), adv_days_from_civil(2024, 2, 29));
	cr_assert_eq(adv_date_end(parsed("1900-02")), adv_days_from_civil(1900, 2, 28));
	cr_assert_eq(adv_date_end(parsed("2019-12")), adv_days_from_civil(2019, 12, 31));
	cr_assert_eq(adv_date_end(parsed("2019-04")), adv_days_from_civil(2019, 4, 30));
	cr_assert_eq(adv_date_end(parsed("2019-05-03")), adv_days_from_civil(2019, 5, 3));
	cr_assert_eq(adv_date_end(parsed("1969-12")), -1);
}

Test(date, gives_today_with_day_precision)
{
	adv_date t = adv_date_today();
	cr_assert_eq(t.precision, ADV_DATE_DAY);
	cr_assert_gt(t.day, adv_days_from_civil(2024, 1, 1));
	cr_assert_lt(t.day, adv_days_from_civil(2200, 1, 1));
}

/* ------------------------------------------------------------------------
 * UTF-8
 * ------------------------------------------------------------------------ */

/* Offset of the first invalid byte of a string literal (its size - 1). */
#define INVALID_AT(lit) adv_utf8_invalid_at((lit), sizeof(lit) - 1)
#define LEN(lit) (sizeof(lit) - 1)

Test(utf8, accepts_valid_text_of_every_length)
{
	cr_assert_eq(INVALID_AT(""), 0);
	cr_assert_eq(INVALID_AT("plain ascii"), LEN("plain ascii"));
	cr_assert_eq(INVALID_AT("\x7f"), 1);
	cr_assert_eq(INVALID_AT("a\0b"), 3, "NUL is valid UTF-8 (the JSON "
		"layer rejects it separately)");
	cr_assert_eq(INVALID_AT("\xc2\x80"), 2);            /* U+0080 */
	cr_assert_eq(INVALID_AT("Zo\xc3\xab"), 4);          /* ë */
	cr_assert_eq(INVALID_AT("\xdf\xbf"), 2);            /* U+07FF */
	cr_assert_eq(INVALID_AT("\xe0\xa0\x80"), 3);        /* U+0800 */
	cr_assert_eq(INVALID_AT("\xe2\x82\xac"), 3);        /* € */
	cr_assert_eq(INVALID_AT("\xed\x9f\xbf"), 3);        /* U+D7FF */
	cr_assert_eq(INVALID_AT("\xee\x80\x80"), 3);        /* U+E000 */
	cr_assert_eq(INVALID_AT("\xef\xbf\xbf"), 3);        /* U+FFFF */
	cr_assert_eq(INVALID_AT("\xf0\x90\x80\x80"), 4);    /* U+10000 */
	cr_assert_eq(INVALID_AT("\xf0\x9f\x98\x80"), 4);    /* 😀 */
	cr_assert_eq(INVALID_AT("\xf4\x8f\xbf\xbf"), 4);    /* U+10FFFF */
	cr_assert_eq(INVALID_AT("Zo\xc3\xab M\xc3\xbcller \xe2\x82\xac \xf0\x9f\x98\x80"),
		LEN("Zo\xc3\xab M\xc3\xbcller \xe2\x82\xac \xf0\x9f\x98\x80"));
}

Test(utf8, rejects_overlong_encodings)
{
	cr_assert_eq(INVALID_AT("\xc0\xaf"), 0);            /* '/' in 2 bytes */
	cr_assert_eq(INVALID_AT("\xc1\xbf"), 0);            /* U+007F in 2 */
	cr_assert_eq(INVALID_AT("\xc0\x80"), 0);            /* "modified" NUL */
	cr_assert_eq(INVALID_AT("\xe0\x80\xaf"), 0);        /* '/' in 3 */
	cr_assert_eq(INVALID_AT("\xe0\x9f\xbf"), 0);        /* U+07FF in 3 */
	cr_assert_eq(INVALID_AT("\xf0\x80\x80\xaf"), 0);    /* '/' in 4 */
	cr_assert_eq(INVALID_AT("\xf0\x8f\xbf\xbf"), 0);    /* U+FFFF in 4 */
	cr_assert_eq(INVALID_AT("ab\xc0\xaf"), 2, "the offset of the lead byte");
}

Test(utf8, rejects_surrogates)
{
	cr_assert_eq(INVALID_AT("\xed\xa0\x80"), 0);        /* U+D800 */
	cr_assert_eq(INVALID_AT("\xed\xbf\xbf"), 0);        /* U+DFFF */
	cr_assert_eq(INVALID_AT("\xed\xb0\x80"), 0);        /* U+DC00 */
	/* A CESU-8 pair for 😀 is two surrogates, not one character. */
	cr_assert_eq(INVALID_AT("x\xed\xa0\xbd\xed\xb8\x80"), 1);
}

Test(utf8, rejects_code_points_above_u10ffff_and_impossible_bytes)
{
	cr_assert_eq(INVALID_AT("\xf4\x90\x80\x80"), 0);    /* U+110000 */
	cr_assert_eq(INVALID_AT("\xf5\x80\x80\x80"), 0);
	cr_assert_eq(INVALID_AT("\xf8\x88\x80\x80\x80"), 0); /* 5-byte form */
	cr_assert_eq(INVALID_AT("\xfc\x84\x80\x80\x80\x80"), 0);
	cr_assert_eq(INVALID_AT("a\xfe"), 1);
	cr_assert_eq(INVALID_AT("a\xff"), 1);
}

Test(utf8, rejects_stray_continuation_bytes)
{
	cr_assert_eq(INVALID_AT("\x80"), 0);
	cr_assert_eq(INVALID_AT("a\xbf"), 1);
	cr_assert_eq(INVALID_AT("\xc3\xab\xab"), 2, "one too many");
	cr_assert_eq(INVALID_AT("\xe2\x82\xac\x82"), 3);
}

Test(utf8, rejects_truncated_sequences)
{
	cr_assert_eq(INVALID_AT("\xc3"), 0);
	cr_assert_eq(INVALID_AT("ab\xc3"), 2);
	cr_assert_eq(INVALID_AT("\xe2\x82"), 0);
	cr_assert_eq(INVALID_AT("\xe2"), 0);
	cr_assert_eq(INVALID_AT("\xf0\x9f\x98"), 0);
	cr_assert_eq(INVALID_AT("\xf0\x9f"), 0);
	/* Cut short by a following character rather than the end. */
	cr_assert_eq(INVALID_AT("\xc3z"), 0);
	cr_assert_eq(INVALID_AT("\xe2\x82z"), 0);
	cr_assert_eq(INVALID_AT("\xf0\x9f\x98z"), 0);
	cr_assert_eq(INVALID_AT("ok \xf0\x9f\x98\xe2\x82\xac"), 3);
	/* The length given is what counts: a valid character cut by len. */
	cr_assert_eq(adv_utf8_invalid_at("\xe2\x82\xac", 2), 0);
	cr_assert_eq(adv_utf8_invalid_at("a\xe2\x82\xac", 1), 1);
}

Test(utf8, counts_code_points_not_bytes)
{
	static const char name[] = "Zo\xc3\xab M\xc3\xbcller";   /* Zoë Müller */
	cr_assert_eq(LEN(name), 12);
	cr_assert_eq(adv_utf8_length(name, LEN(name)), 10);
	cr_assert_eq(adv_utf8_length("", 0), 0);
	cr_assert_eq(adv_utf8_length("abc", 3), 3);
	cr_assert_eq(adv_utf8_length("\xe2\x82\xac", 3), 1);
	cr_assert_eq(adv_utf8_length("\xf0\x9f\x98\x80!", 5), 2);
	cr_assert_eq(adv_utf8_length("Jos\xc3\xa9 \xc3\x81lvarez", 14), 12);
	cr_assert_eq(adv_utf8_length("a\0b", 3), 3);
}

Test(utf8, takes_prefixes_by_code_points)
{
	static const char name[] = "Zo\xc3\xab M\xc3\xbcller";   /* Zoë Müller */
	cr_assert_eq(adv_utf8_prefix(name, LEN(name), 0), 0);
	cr_assert_eq(adv_utf8_prefix(name, LEN(name), 2), 2, "Zo");
	cr_assert_eq(adv_utf8_prefix(name, LEN(name), 3), 4, "Zoë, whole");
	cr_assert_eq(adv_utf8_prefix(name, LEN(name), 4), 5, "Zoë ");
	cr_assert_eq(adv_utf8_prefix(name, LEN(name), 6), 8, "Zoë Mü");
	cr_assert_eq(adv_utf8_prefix(name, LEN(name), 9), 11);
	cr_assert_eq(adv_utf8_prefix(name, LEN(name), 10), 12, "all of it");
	cr_assert_eq(adv_utf8_prefix(name, LEN(name), 11), 12);
	cr_assert_eq(adv_utf8_prefix(name, LEN(name), (size_t)-1), 12);

	/* Never splits a character, whatever its length. */
	static const char mixed[] = "a\xf0\x9f\x98\x80" "b\xe2\x82\xac";  /* a😀b€ */
	cr_assert_eq(adv_utf8_prefix(mixed, LEN(mixed), 1), 1);
	cr_assert_eq(adv_utf8_prefix(mixed, LEN(mixed), 2), 5);
	cr_assert_eq(adv_utf8_prefix(mixed, LEN(mixed), 3), 6);
	cr_assert_eq(adv_utf8_prefix(mixed, LEN(mixed), 4), 9);
	cr_assert_eq(adv_utf8_prefix("", 0, 5), 0);

	/* A prefix of max code points holds exactly min(max, length) of them. */
	for (size_t max = 0; max <= 12; max++) {
		size_t n = adv_utf8_prefix(name, LEN(name), max);
		size_t want = max < 10 ? max : 10;
		cr_assert_eq(adv_utf8_length(name, n), want);
		cr_assert_eq(adv_utf8_invalid_at(name, n), n,
			"the prefix of %zu is valid UTF-8 on its own", max);
	}
}

Test(utf8, trim_cut_drops_a_character_cut_in_the_middle)
{
	char euro_cut[] = "ab\xE2\x82";  /* € without its last byte */
	cr_assert_eq(adv_utf8_trim_cut(euro_cut), 2);
	cr_assert_str_eq(euro_cut, "ab");
	char lead_only[] = "x\xF0";
	cr_assert_eq(adv_utf8_trim_cut(lead_only), 1);
	char whole[] = "a\xE2\x82\xAC";    /* a whole € stays */
	cr_assert_eq(adv_utf8_trim_cut(whole), 4);
	char four[] = "\xF0\x9F\x98\x80";  /* a whole 4-byte character */
	cr_assert_eq(adv_utf8_trim_cut(four), 4);
	char ascii[] = "plain";
	cr_assert_eq(adv_utf8_trim_cut(ascii), 5);
	char empty[] = "";
	cr_assert_eq(adv_utf8_trim_cut(empty), 0);
}
