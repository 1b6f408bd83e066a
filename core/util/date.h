/*
 * date.h - calendar dates as day numbers.
 *
 * The data contract allows YYYY-MM-DD, YYYY-MM and YYYY.  A partial date
 * means the first day of its month or year; its precision is kept so that it
 * prints back as written.
 */
#ifndef ADV_DATE_H
#define ADV_DATE_H

#include <stdint.h>

typedef enum adv_date_precision {
	ADV_DATE_NONE = 0, /* absent */
	ADV_DATE_YEAR,
	ADV_DATE_MONTH,
	ADV_DATE_DAY
} adv_date_precision;

typedef struct adv_date {
	int32_t day;        /* days since 1970-01-01 */
	uint8_t precision;  /* adv_date_precision */
} adv_date;

/* Parse "YYYY-MM-DD", "YYYY-MM" or "YYYY" (years 1000..9999), checking that
 * the day exists.  Returns 0 on success, -1 if s is not such a date. */
int adv_date_parse(adv_date *out, const char *s);

/* Parse only a full "YYYY-MM-DD". */
int adv_date_parse_day(adv_date *out, const char *s);

/* Room for a formatted date, with margin the compiler can prove. */
#define ADV_DATE_BUF 24

/* Write the date as it was given (10 bytes + NUL for years 1000..9999). */
void adv_date_format(char buf[ADV_DATE_BUF], adv_date d);

/* The last day of the period a (partial) date names: 2018 -> 2018-12-31. */
int32_t adv_date_end(adv_date d);

/* Today's date in local time. */
adv_date adv_date_today(void);

/* Days from 1970-01-01 for a civil date, and back. */
int32_t adv_days_from_civil(int y, unsigned m, unsigned d);
void adv_civil_from_days(int32_t z, int *y, unsigned *m, unsigned *d);

#endif
