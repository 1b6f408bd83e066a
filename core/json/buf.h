/*
 * buf.h - a growing text buffer, and JSON written into it: results,
 * explanations and snapshot warnings are written with it.
 */
#ifndef ADV_BUF_H
#define ADV_BUF_H

#include <stddef.h>

typedef struct adv_buf {
	char *data;   /* NUL-terminated once anything was added */
	size_t len, cap;
	int failed;   /* an allocation failed; data is incomplete */
} adv_buf;

int adv_buf_grow(adv_buf *b, size_t more);
void adv_buf_add(adv_buf *b, const char *s, size_t n);
void adv_buf_puts(adv_buf *b, const char *s);
void adv_buf_json_string(adv_buf *b, const char *s);
void adv_buf_json_number(adv_buf *b, double x);

#endif
