/*
 * result.h - what a result holds, and the growing text buffer and JSON
 * writing that results (and explanations) are written with.
 */
#ifndef ADV_RESULT_H
#define ADV_RESULT_H

#include <stddef.h>

#include "advisor.h"

/* The opaque advisor_result of advisor.h.  Every string is owned. */
struct advisor_result {
	char *person;
	advisor_verdict verdict;
	double score;
	advisor_reason *reasons; /* the deciding one first */
	size_t reason_count;
	char *note;              /* NULL unless connect_with_note */
	char *policy;
};

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
