/*
 * url.c - a profile URL as a key (the rules are in url.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/url.h"
#include "util/utf8.h"

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The path of a URL into out, ASCII lower-cased, its %XX escapes decoded
 * when decode is set; its length, or SIZE_MAX for an escape of a control
 * character (which is not decoded). */
static size_t copy_key(char *out, const char *s, size_t len, int decode)
{
	char *o = out;

	for (size_t i = 0; i < len; i++) {
		int hi, lo;
		if (decode && s[i] == '%' && i + 2 < len + 1 &&
		    (hi = hexval(s[i + 1])) >= 0 && (lo = hexval(s[i + 2])) >= 0) {
			int c = hi * 16 + lo;
			if (c < 0x20 || c == 0x7F)
				return SIZE_MAX;
			*o++ = (char)c;
			i += 2;
		} else if (s[i] >= 'A' && s[i] <= 'Z') {
			*o++ = (char)(s[i] - 'A' + 'a');
		} else {
			*o++ = s[i];
		}
	}
	return (size_t)(o - out);
}

char *adv_url_key(const char *s, int *nomem)
{
	size_t len;
	char *out, *o;

	while (*s == ' ')
		s++;
	if (!*s)
		return NULL;
	if (strncasecmp(s, "https://", 8) == 0)
		s += 8;
	else if (strncasecmp(s, "http://", 7) == 0)
		s += 7;
	if (strncasecmp(s, "www.", 4) == 0)
		s += 4;
	len = strcspn(s, "?#");
	if (!(out = malloc(len + 1))) {
		*nomem = 1;
		return NULL;
	}
	out[0] = '\0';
	size_t n = copy_key(out, s, len, 1);
	if (n == SIZE_MAX || adv_utf8_invalid_at(out, n) < n)
		n = copy_key(out, s, len, 0);
	o = out + n;
	while (o > out && (o[-1] == '/' || o[-1] == ' '))
		o--;
	*o = '\0';
	/* Decoded bytes may be upper case too (%41 is 'A'). */
	for (char *p = out; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	if (!*out) {
		free(out);
		return NULL;
	}
	return out;
}
