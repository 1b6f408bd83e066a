/*
 * date.c - parsing and formatting the contract's dates.
 *
 * Day numbers use Howard Hinnant's days_from_civil algorithm: exact for the
 * proleptic Gregorian calendar with no tables and no time zones.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "util/date.h"

int32_t adv_days_from_civil(int y, unsigned m, unsigned d)
{
	y -= m <= 2;
	const int era = (y >= 0 ? y : y - 399) / 400;
	const unsigned yoe = (unsigned)(y - era * 400);
	const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int32_t)doe - 719468;
}

void adv_civil_from_days(int32_t z, int *y, unsigned *m, unsigned *d)
{
	z += 719468;
	const int era = (z >= 0 ? z : z - 146096) / 146097;
	const unsigned doe = (unsigned)(z - era * 146097);
	const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	const unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)yoe + era * 400 + (*m <= 2);
}

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static unsigned month_days(int y, unsigned m)
{
	static const unsigned char days[12] =
		{ 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

static int digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int adv_date_parse(adv_date *out, const char *s)
{
	size_t len = s ? strlen(s) : 0;
	int y, m = 1, d = 1;
	uint8_t precision;

	if (len != 4 && len != 7 && len != 10)
		return -1;
	if (digits(s, 4, &y) < 0 || y < 1000)
		return -1;
	precision = ADV_DATE_YEAR;
	if (len >= 7) {
		if (s[4] != '-' || digits(s + 5, 2, &m) < 0 || m < 1 || m > 12)
			return -1;
		precision = ADV_DATE_MONTH;
	}
	if (len == 10) {
		if (s[7] != '-' || digits(s + 8, 2, &d) < 0 || d < 1 ||
		    (unsigned)d > month_days(y, (unsigned)m))
			return -1;
		precision = ADV_DATE_DAY;
	}
	out->day = adv_days_from_civil(y, (unsigned)m, (unsigned)d);
	out->precision = precision;
	return 0;
}

int adv_date_parse_day(adv_date *out, const char *s)
{
	if (!s || strlen(s) != 10)
		return -1;
	return adv_date_parse(out, s);
}

/* Digits by hand: dates are formatted for every event a rule reads, and
 * snprintf cost more than the rest of the read. */
static char *put_digits(char *p, unsigned v, int width)
{
	for (int i = width - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return p + width;
}

void adv_date_format(char buf[ADV_DATE_BUF], adv_date d)
{
	int y;
	unsigned m, day;
	char *p = buf;

	if (d.precision == ADV_DATE_NONE) {
		buf[0] = '\0';
		return;
	}
	adv_civil_from_days(d.day, &y, &m, &day);
	if (y < 0 || y > 9999) { /* not from a parsed date; still print it */
		snprintf(buf, ADV_DATE_BUF, "%d", y);
		return;
	}
	p = put_digits(p, (unsigned)y, 4);
	if (d.precision >= ADV_DATE_MONTH) {
		*p++ = '-';
		p = put_digits(p, m, 2);
	}
	if (d.precision == ADV_DATE_DAY) {
		*p++ = '-';
		p = put_digits(p, day, 2);
	}
	*p = '\0';
}

int32_t adv_date_end(adv_date d)
{
	int y;
	unsigned m, day;

	if (d.precision != ADV_DATE_YEAR && d.precision != ADV_DATE_MONTH)
		return d.day;
	adv_civil_from_days(d.day, &y, &m, &day);
	if (d.precision == ADV_DATE_YEAR)
		return adv_days_from_civil(y, 12, 31);
	return d.day + (int32_t)month_days(y, m) - 1;
}

adv_date adv_date_today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	adv_date d;

	localtime_r(&now, &tm);
	d.day = adv_days_from_civil(tm.tm_year + 1900, (unsigned)tm.tm_mon + 1,
				    (unsigned)tm.tm_mday);
	d.precision = ADV_DATE_DAY;
	return d;
}
