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

/*
 * The one version rule of the public options and request structs: a struct
 * of version 1 to current is read; anything else is ADVISOR_EINVAL naming
 * the struct ("advisor_import_options: version 7 is not supported (1 to 2)").
 * Returns ADVISOR_OK or the error.
 */
int adv_check_version(advisor_error *err, const char *struct_name,
	unsigned int version, unsigned int current);

/* Clear err to ADVISOR_OK and an empty message. */
void adv_error_clear(advisor_error *err);

/*
 * Where an error lies, as data (advisor_error's path, field, line, column).
 * Call after adv_error_set(), which clears them.  With a key, the path is
 * "path.key" and the field the key; without, the field is the path's last
 * member name.
 */
void adv_error_locate(advisor_error *err, const char *path, const char *key);
void adv_error_at(advisor_error *err, size_t line, size_t column);

/* err becomes a copy of inner (message and location) with this code;
 * returns code. */
int adv_error_wrap(advisor_error *err, int code, const advisor_error *inner);

#endif
