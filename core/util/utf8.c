/*
 * utf8.c - UTF-8 validation, counting and fitting (RFC 3629).
 */
#include <stdint.h>
#include <string.h>

#include "util/utf8.h"

/* Most text is ASCII: skip it eight bytes at a time. */
static size_t ascii_run(const unsigned char *s, size_t len)
{
	size_t i = 0;
	uint64_t w;

	while (i + 8 <= len) {
		memcpy(&w, s + i, 8);
		if (w & 0x8080808080808080ULL)
			break;
		i += 8;
	}
	while (i < len && s[i] < 0x80)
		i++;
	return i;
}

size_t adv_utf8_invalid_at(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		size_t n;
		unsigned long cp;

		if (c < 0x80) {
			i += ascii_run(s + i, len - i);
			continue;
		} else if (c >= 0xC2 && c <= 0xDF) {
			n = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3;
			cp = c & 0x07;
		} else {
			return i;
		}
		if (len - i <= n)
			return i;
		for (size_t k = 1; k <= n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += n + 1;
	}
	return len;
}

size_t adv_utf8_length(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = 0, i = 0;

	while (i < len) {
		size_t run = ascii_run(u + i, len - i);
		n += run;
		i += run;
		for (; i < len && u[i] >= 0x80; i++)
			n += (u[i] & 0xC0) != 0x80;
	}
	return n;
}

size_t adv_utf8_prefix(const char *s, size_t len, size_t max)
{
	size_t n = 0, i = 0;

	for (; i < len; i++) {
		if (((unsigned char)s[i] & 0xC0) != 0x80) {
			if (n == max)
				break;
			n++;
		}
	}
	return i;
}

size_t adv_text_fit(const char *s, size_t len, size_t limit, char *out,
	size_t out_size)
{
	static const char ellipsis[] = "\xE2\x80\xA6"; /* U+2026 */
	size_t n;

	if (adv_utf8_length(s, len) <= limit) {
		n = len < out_size - 1 ? len : out_size - 1;
		memcpy(out, s, n);
		out[n] = '\0';
		return n;
	}
	/* Keep limit - 1 characters, back up to a word boundary if there is
	 * one in the second half, and end with an ellipsis. */
	n = limit ? adv_utf8_prefix(s, len, limit - 1) : 0;
	size_t cut = n;
	while (cut > 0 && s[cut] != ' ' && s[cut - 1] != ' ')
		cut--;
	if (cut > 0 && adv_utf8_length(s, cut) >= (limit - 1) / 2)
		n = cut;
	while (n > 0 && strchr(" ,;:-", s[n - 1]))
		n--;
	if (n + sizeof(ellipsis) > out_size)
		n = out_size - sizeof(ellipsis);
	memcpy(out, s, n);
	memcpy(out + n, ellipsis, sizeof(ellipsis));
	return n + sizeof(ellipsis) - 1;
}

size_t adv_utf8_trim_cut(char *s)
{
	size_t n = strlen(s), i = n;

	while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80 && n - i < 3)
		i--;
	if (i == 0)
		return n;
	unsigned char lead = (unsigned char)s[i - 1];
	size_t want = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
	if (n - (i - 1) < want) {
		s[i - 1] = '\0';
		return i - 1;
	}
	return n;
}
