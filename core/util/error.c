/*
 * error.c - error codes and messages.
 *
 * Messages live in the caller's advisor_error, never in a global, so that
 * threads sharing a network never see each other's failures.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/error.h"

int adv_error_set(advisor_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	err->code = code;
	err->path[0] = '\0';
	err->field[0] = '\0';
	err->line = 0;
	err->column = 0;
	va_start(ap, fmt);
	int n = vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof(err->message)) {
		/* Cut: end on a whole UTF-8 character, never half of one. */
		size_t end = sizeof(err->message) - 1;
		while (end > 0 && ((unsigned char)err->message[end] & 0xC0) == 0x80)
			end--;
		err->message[end] = '\0';
	}
	return code;
}

int adv_check_version(advisor_error *err, const char *struct_name,
	unsigned int version, unsigned int current)
{
	if (version >= 1 && version <= current)
		return ADVISOR_OK;
	return adv_error_set(err, ADVISOR_EINVAL,
		"%s: version %u is not supported (1 to %u)", struct_name, version,
		current);
}

void adv_error_clear(advisor_error *err)
{
	if (!err)
		return;
	err->code = ADVISOR_OK;
	err->message[0] = '\0';
	err->path[0] = '\0';
	err->field[0] = '\0';
	err->line = 0;
	err->column = 0;
}

/* Copy at most size - 1 bytes, ending on a whole UTF-8 character. */
static void copy_cut(char *dst, size_t size, const char *src, size_t n)
{
	if (n >= size) {
		n = size - 1;
		while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
}

void adv_error_locate(advisor_error *err, const char *path, const char *key)
{
	if (!err)
		return;
	path = path ? path : "";
	if (key && *key) {
		size_t n = strlen(path);
		copy_cut(err->path, sizeof(err->path), path, n);
		n = strlen(err->path);
		if (n && n + 1 < sizeof(err->path))
			err->path[n++] = '.';
		copy_cut(err->path + n, sizeof(err->path) - n, key, strlen(key));
		copy_cut(err->field, sizeof(err->field), key, strlen(key));
		return;
	}
	copy_cut(err->path, sizeof(err->path), path, strlen(path));
	/* The field is the path's last member name: "tone" of
	 * "people[3].events[1].tone", "intent" of "intent[2]". */
	const char *end = path + strlen(path), *start;
	while (end > path && end[-1] == ']') {
		const char *open = end - 1;
		while (open > path && *open != '[')
			open--;
		end = open;
	}
	start = end;
	while (start > path && start[-1] != '.' && start[-1] != ']')
		start--;
	copy_cut(err->field, sizeof(err->field), start, (size_t)(end - start));
}

void adv_error_at(advisor_error *err, size_t line, size_t column)
{
	if (!err)
		return;
	err->line = line;
	err->column = column;
}

int adv_error_wrap(advisor_error *err, int code, const advisor_error *inner)
{
	if (!err || err == inner)
		return err ? (err->code = code) : code;
	*err = *inner;
	err->code = code;
	return code;
}

const char *advisor_error_code_name(int code)
{
	switch (code) {
	case ADVISOR_OK: return "ok";
	case ADVISOR_EINVAL: return "invalid argument";
	case ADVISOR_EIO: return "input/output error";
	case ADVISOR_EDATA: return "bad data";
	case ADVISOR_EPOLICY: return "policy failure";
	case ADVISOR_ELIMIT: return "policy limit exceeded";
	case ADVISOR_ENOTFOUND: return "unknown person";
	case ADVISOR_EINTENT: return "unknown intent";
	case ADVISOR_ENOMEM: return "out of memory";
	case ADVISOR_EAMBIGUOUS: return "ambiguous name";
	case ADVISOR_ECANCELED: return "canceled";
	}
	return "unknown error";
}
