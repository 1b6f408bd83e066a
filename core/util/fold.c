/*
 * fold.c - case and accent folding for name lookup.  A table covers
 * Latin-1 Supplement and Latin Extended-A (U+00C0-U+017F), where nearly
 * every accented letter of a European name lives; it was generated from
 * Unicode's canonical decompositions, plus the letters that have none
 * (ß, æ, ø, ł, đ, þ, œ).
 */
#include <stdint.h>
#include <string.h>

#include "util/fold.h"

static const char *const latin[0x180 - 0xC0] = {
	/* U+00C0 */ "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	/* U+00D0 */ "d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", "th", "ss",
	/* U+00E0 */ "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	/* U+00F0 */ "d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", "th", "y",
	/* U+0100 */ "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
	/* U+0110 */ "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
	/* U+0120 */ "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
	/* U+0130 */ "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
	/* U+0140 */ "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
	/* U+0150 */ "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
	/* U+0160 */ "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
	/* U+0170 */ "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
};

/* Decode one well-formed two-byte sequence (all the table needs, and the
 * combining marks); 0 for anything else. */
static uint32_t two_byte(const unsigned char *s)
{
	if (s[0] >= 0xC2 && s[0] <= 0xDF && (s[1] & 0xC0) == 0x80)
		return ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
	return 0;
}

size_t adv_fold(char *out, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n = 0;
	int gap = 0; /* a separator is owed before the next letter */

	while (*s) {
		const char *put = NULL;
		size_t put_len = 0, used = 1;
		unsigned char c = *s;

		if (c < 0x80) {
			if (c == '\'')
				goto next;
			if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
			    (c >= 'A' && c <= 'Z')) {
				char low = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
				if (gap && n)
					out[n++] = ' ';
				gap = 0;
				out[n++] = low;
			} else {
				gap = 1;
			}
			goto next;
		}
		uint32_t cp = two_byte(s);
		if (cp) {
			used = 2;
			if (cp >= 0x300 && cp <= 0x36F)
				goto next; /* a combining accent */
			if (cp >= 0xC0 && cp < 0x180 && latin[cp - 0xC0]) {
				put = latin[cp - 0xC0];
				put_len = strlen(put);
			} else if (cp == 0xA0 || cp == 0xD7 || cp == 0xF7 ||
				   cp < 0xC0) {
				gap = 1; /* no-break space, signs, punctuation */
				goto next;
			}
		} else if (c == 0xE2 && s[1] == 0x80 && s[2] == 0x99) {
			used = 3; /* a typographic apostrophe (U+2019) */
			goto next;
		}
		if (!put) {
			/* Anything else: copy the sequence as it is. */
			put = (const char *)s;
			put_len = 1;
			while (s[put_len] && (s[put_len] & 0xC0) == 0x80 && put_len < 4)
				put_len++;
			used = put_len;
		}
		if (gap && n)
			out[n++] = ' ';
		gap = 0;
		memcpy(out + n, put, put_len);
		n += put_len;
next:
		s += used;
	}
	out[n] = '\0';
	return n;
}
