/*
 * utf8.h - the little UTF-8 the core needs: validation and counting code
 * points (invitation notes are limited in characters, not bytes).
 */
#ifndef ADV_UTF8_H
#define ADV_UTF8_H

#include <stddef.h>

/* Return the offset of the first invalid byte, or len if s is valid UTF-8
 * (no overlongs, no surrogates, nothing above U+10FFFF). */
size_t adv_utf8_invalid_at(const char *s, size_t len);

/* Number of code points in valid UTF-8. */
size_t adv_utf8_length(const char *s, size_t len);

/* Byte length of the longest prefix of s holding at most max code points. */
size_t adv_utf8_prefix(const char *s, size_t len, size_t max);

/* Text shortened to at most limit code points, at a word boundary if one
 * is in the second half, ending in an ellipsis if it was cut; written to
 * out (out_size >= len + 4) and NUL-terminated.  Returns its byte length. */
size_t adv_text_fit(const char *s, size_t len, size_t limit, char *out,
	size_t out_size);

/* Cut s (NUL-terminated, valid UTF-8 but perhaps cut short by snprintf)
 * back to the end of its last whole character: a character cut in the
 * middle is dropped.  Returns the new length. */
size_t adv_utf8_trim_cut(char *s);

#endif
