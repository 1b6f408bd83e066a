/*
 * li_date.c - LinkedIn export dates (the formats are listed in li_date.h).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "import/li_date.h"
#include "util/date.h"

static const char *const months[] = { "jan", "feb", "mar", "apr", "may",
	"jun", "jul", "aug", "sep", "oct", "nov", "dec" };

/* Digits at *p: 1..max of them; -1 if none. */
static int number(const char **p, int max)
{
	int n = 0, k = 0;
	while (k < max && isdigit((unsigned char)**p)) {
		n = n * 10 + (**p - '0');
		(*p)++;
		k++;
	}
	return k ? n : -1;
}

/* An English month name or its three-letter start; 1..12, or 0. */
static int month_name(const char **p)
{
	const char *s = *p;
	size_t len = 0;
	while (isalpha((unsigned char)s[len]))
		len++;
	if (len < 3)
		return 0;
	for (int m = 0; m < 12; m++) {
		if (strncasecmp(s, months[m], 3) != 0)
			continue;
		*p = s + len;
		return m + 1;
	}
	return 0;
}

/* After the date: nothing, or a time of day and a zone, which are read
 * past.  Returns 0 if what is left looks like one. */
static int rest_is_time(const char *p)
{
	while (*p == ',' || *p == ' ' || *p == 'T')
		p++;
	if (!*p)
		return 0;
	int h = number(&p, 2);
	if (h < 0 || h > 23 || *p++ != ':' || number(&p, 2) < 0)
		return -1;
	if (*p == ':' && (p++, number(&p, 2) < 0))
		return -1;
	while (*p == ' ')
		p++;
	if (strncasecmp(p, "AM", 2) == 0 || strncasecmp(p, "PM", 2) == 0)
		p += 2;
	while (*p == ' ')
		p++;
	if (strcmp(p, "UTC") == 0 || strcmp(p, "Z") == 0 || strcmp(p, "GMT") == 0)
		return 0;
	return *p ? -1 : 0;
}

static int emit(char out[11], int y, int m, int d)
{
	char buf[32];
	adv_date check;

	if (y < 1000 || y > 9999)
		return -1;
	if (m == 0)
		snprintf(buf, sizeof(buf), "%04d", y);
	else if (d == 0)
		snprintf(buf, sizeof(buf), "%04d-%02d", y, m);
	else
		snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, d);
	if (adv_date_parse(&check, buf) < 0)
		return -1;
	memcpy(out, buf, strlen(buf) + 1);
	return 0;
}

int adv_li_date(char out[11], const char *s)
{
	char text[64];
	size_t len;
	const char *p;
	int a, b, c, m;

	while (*s == ' ')
		s++;
	len = strlen(s);
	while (len && s[len - 1] == ' ')
		len--;
	if (len == 0 || len >= sizeof(text))
		return -1;
	memcpy(text, s, len);
	text[len] = '\0';
	p = text;

	if (isalpha((unsigned char)*p)) {             /* Aug 2022 */
		if (!(m = month_name(&p)) || *p++ != ' ')
			return -1;
		if ((a = number(&p, 4)) < 0 || *p)
			return -1;
		return emit(out, a, m, 0);
	}
	if ((a = number(&p, 4)) < 0)
		return -1;
	if (*p == '\0' && p - text == 4)              /* 2017 */
		return emit(out, a, 0, 0);
	if (*p == ' ') {                              /* 09 Sep 2022 */
		p++;
		if (!(m = month_name(&p)) || *p++ != ' ' || (c = number(&p, 4)) < 0 ||
		    rest_is_time(p) < 0)
			return -1;
		return emit(out, c, m, a);
	}
	if ((*p == '-' || *p == '/') && p - text == 4) { /* 2024-05-01, 2024/12/07 */
		char sep = *p++;
		if ((b = number(&p, 2)) < 0 || *p++ != sep || (c = number(&p, 2)) < 0 ||
		    rest_is_time(p) < 0)
			return -1;
		return emit(out, a, b, c);
	}
	if (*p == '/' && p - text <= 2) {             /* 3/14/25, 9:05 AM */
		p++;
		const char *ystart;
		if ((b = number(&p, 2)) < 0 || *p++ != '/')
			return -1;
		ystart = p;
		if ((c = number(&p, 4)) < 0 || rest_is_time(p) < 0)
			return -1;
		if (p - ystart == 2)
			c += 2000;
		else if (p - ystart != 4)
			return -1;
		return emit(out, c, a, b);
	}
	return -1;
}
