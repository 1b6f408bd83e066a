/*
 * buf.c - a growing text buffer, and JSON written into it.
 *
 * Results are written straight into one buffer rather than through a cJSON
 * tree: a batch writes one per request, and building and printing a tree
 * (printf for every number) cost more than the advice itself.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json/buf.h"
#include "json/strict.h"

int adv_buf_reserve(adv_buf *b, size_t more)
{
	if (b->failed)
		return -1;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + more + 1)
		cap *= 2;
	char *p = realloc(b->data, cap);
	if (!p) {
		b->failed = 1;
		return -1;
	}
	b->data = p;
	b->cap = cap;
	return 0;
}

/* A JSON string (RFC 8259): quotes, backslashes and control characters
 * escaped; UTF-8 passes through (everything the library holds is valid). */
void adv_buf_json_string(adv_buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	size_t len = strlen(s), i = 0;

	adv_buf_add(b, "\"", 1);
	for (;;) {
		/* Plain runs are copied whole. */
		size_t run = i;
		i = adv_json_plain_run(s, i, len);
		adv_buf_add(b, s + run, i - run);
		if (i == len)
			break;
		const unsigned char *p = (const unsigned char *)s + i;
		char esc[6] = { '\\', 0, 0, 0, 0, 0 };
		size_t n = 2;
		switch (*p) {
		case '"': esc[1] = '"'; break;
		case '\\': esc[1] = '\\'; break;
		case '\n': esc[1] = 'n'; break;
		case '\r': esc[1] = 'r'; break;
		case '\t': esc[1] = 't'; break;
		case '\b': esc[1] = 'b'; break;
		case '\f': esc[1] = 'f'; break;
		default:
			memcpy(esc, "\\u00", 4);
			esc[4] = hex[*p >> 4];
			esc[5] = hex[*p & 15];
			n = 6;
		}
		adv_buf_add(b, esc, n);
		i++;
	}
	adv_buf_add(b, "\"", 1);
}

/* A number as JSON, shortest form.  Scores are sums of a policy's weights,
 * nearly always exact at a few decimals: those are written by hand; the
 * rest go through printf with enough digits to read back the same. */
void adv_buf_json_number(adv_buf *b, double x)
{
	char tmp[40];
	double scale = 1;

	if (!isfinite(x)) {
		adv_buf_add(b, "null", 4);
		return;
	}
	for (int k = 0; k <= 6; k++, scale *= 10) {
		double m = nearbyint(x * scale);
		if (fabs(m) >= 1e15 || m / scale != x)
			continue;
		long long v = (long long)m;
		int neg = v < 0;
		unsigned long long u = neg ? 0ULL - (unsigned long long)v
			: (unsigned long long)v;
		char *end = tmp + sizeof(tmp), *q = end;
		for (int d = 0; d < k || u || d == k; d++) {
			if (d == k && k > 0)
				*--q = '.';
			*--q = (char)('0' + u % 10);
			u /= 10;
			if (d >= k && !u)
				break;
		}
		if (neg)
			*--q = '-';
		adv_buf_add(b, q, (size_t)(end - q));
		return;
	}
	snprintf(tmp, sizeof(tmp), "%.15g", x);
	if (strtod(tmp, NULL) != x)
		snprintf(tmp, sizeof(tmp), "%.17g", x);
	adv_buf_puts(b, tmp);
}
