/*
 * buf.h - a growing text buffer, and JSON written into it: results,
 * explanations and snapshot warnings are written with it.
 */
#ifndef ADV_BUF_H
#define ADV_BUF_H

#include <stddef.h>
#include <string.h>

typedef struct adv_buf {
	char *data;   /* NUL-terminated once anything was added */
	size_t len, cap;
	int failed;   /* an allocation failed; data is incomplete */
} adv_buf;

/* Make room for more bytes and a NUL (the slow path of adv_buf_grow). */
int adv_buf_reserve(adv_buf *b, size_t more);

/* Room for more bytes and a NUL; 0, or -1 (and b->failed) out of memory.
 * Inline: a result is written with dozens of small additions. */
static inline int adv_buf_grow(adv_buf *b, size_t more)
{
	if (!b->failed && b->len + more + 1 <= b->cap)
		return 0;
	return adv_buf_reserve(b, more);
}

static inline void adv_buf_add(adv_buf *b, const char *s, size_t n)
{
	if (adv_buf_grow(b, n) < 0)
		return;
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

static inline void adv_buf_puts(adv_buf *b, const char *s)
{
	adv_buf_add(b, s, strlen(s));
}
void adv_buf_json_string(adv_buf *b, const char *s);
void adv_buf_json_number(adv_buf *b, double x);

#endif
