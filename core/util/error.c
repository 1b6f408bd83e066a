/*
 * error.c - error codes and messages.
 *
 * Messages live in the caller's advisor_error, never in a global, so that
 * threads sharing a network never see each other's failures.
 */
#include <stdarg.h>
#include <stdio.h>

#include "util/error.h"

int adv_error_set(advisor_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	err->code = code;
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
	}
	return "unknown error";
}
