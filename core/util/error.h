/*
 * error.h - filling a caller's advisor_error.
 */
#ifndef ADV_ERROR_H
#define ADV_ERROR_H

#include "advisor.h"

#if defined(__GNUC__)
#define ADV_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define ADV_PRINTF(f, a)
#endif

/* Set err (if not NULL) to code and the formatted message; return code. */
int adv_error_set(advisor_error *err, int code, const char *fmt, ...)
	ADV_PRINTF(3, 4);

/* Clear err to ADVISOR_OK and an empty message. */
void adv_error_clear(advisor_error *err);

#endif
