/*
 * decision_log.c - the local log of the advice given on invitations you
 * might send, and the policy's boolean and number settings the embedder
 * reads (the command reads decision_log to know whether to keep it, `sent`
 * reads reinvite_block_days).
 *
 * One JSON object a line, appended with a single write(2) to a file
 * opened O_APPEND, so that two commands logging at once each add a whole
 * line and never interleave, with no lock to take: the log is only ever
 * appended to and read whole.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/engine.h"
#include "engine/result.h"
#include "json/buf.h"
#include "util/date.h"
#include "util/error.h"

int advisor_engine_setting_boolean(int *out, const advisor_engine *engine,
	const char *name, advisor_error *err)
{
	static const char fn[] = "advisor_engine_setting_boolean";
	const adv_setting *s;

	adv_error_clear(err);
	if (!out || !engine || !name)
		return adv_error_set(err, ADVISOR_EINVAL, "%s: out, engine and "
			"name are required", fn);
	*out = 0;
	/* Finding a setting changes nothing: the lookup takes the vm
	 * unqualified only because the Lua side holds it so. */
	if (!(s = adv_setting_find((adv_vm *)&engine->vm, name)))
		return adv_error_set(err, ADVISOR_ENOTFOUND, "%s: the policy has no "
			"setting \"%s\"", fn, name);
	if (s->kind != ADV_SETTING_BOOLEAN)
		return adv_error_set(err, ADVISOR_EINVAL, "%s: the setting \"%s\" "
			"is not true or false (set by %s)", fn, name,
			s->where ? s->where : "the policy");
	*out = s->boolean != 0;
	return ADVISOR_OK;
}

int advisor_engine_setting_number(double *out, const advisor_engine *engine,
	const char *name, advisor_error *err)
{
	static const char fn[] = "advisor_engine_setting_number";
	const adv_setting *s;

	adv_error_clear(err);
	if (!out || !engine || !name)
		return adv_error_set(err, ADVISOR_EINVAL, "%s: out, engine and "
			"name are required", fn);
	*out = 0;
	if (!(s = adv_setting_find((adv_vm *)&engine->vm, name)))
		return adv_error_set(err, ADVISOR_ENOTFOUND, "%s: the policy has no "
			"setting \"%s\"", fn, name);
	if (s->kind != ADV_SETTING_NUMBER)
		return adv_error_set(err, ADVISOR_EINVAL, "%s: the setting \"%s\" "
			"is not a number (set by %s)", fn, name,
			s->where ? s->where : "the policy");
	*out = s->number;
	return ADVISOR_OK;
}

int advisor_result_log(const advisor_result *result, const char *as_of,
	const char *path, advisor_error *err)
{
	static const char fn[] = "advisor_result_log";
	adv_buf b = { NULL, 0, 0, 0 };
	char today[ADV_DATE_BUF];
	adv_date d;
	int fd, rc = ADVISOR_OK;

	adv_error_clear(err);
	if (!result || !path || !*path)
		return adv_error_set(err, ADVISOR_EINVAL, "%s: result and path are "
			"required", fn);
	if (as_of && adv_date_parse_day(&d, as_of) < 0)
		return adv_error_set(err, ADVISOR_EINVAL, "%s: as_of: \"%.40s\" is "
			"not a day (YYYY-MM-DD)", fn, as_of);
	adv_date_format(today, adv_date_today());
	adv_buf_puts(&b, "{\"logged\":");
	adv_buf_json_string(&b, today);
	adv_buf_puts(&b, ",\"as_of\":");
	adv_buf_json_string(&b, as_of ? as_of : today);
	adv_buf_puts(&b, ",\"person\":");
	adv_buf_json_string(&b, result->person);
	adv_buf_puts(&b, ",\"direction\":");
	adv_buf_json_string(&b, result->direction == ADVISOR_INCOMING ?
		"incoming" : "outgoing");
	adv_buf_puts(&b, ",\"verdict\":");
	adv_buf_json_string(&b, advisor_verdict_name(result->verdict));
	adv_buf_puts(&b, ",\"rules\":[");
	for (size_t i = 0; i < result->reason_count; i++) {
		if (i)
			adv_buf_puts(&b, ",");
		adv_buf_json_string(&b, result->reasons[i].rule);
	}
	adv_buf_puts(&b, "],\"scores\":[");
	for (size_t i = 0; i < result->reason_count; i++) {
		if (i)
			adv_buf_puts(&b, ",");
		adv_buf_json_number(&b, result->reasons[i].score);
	}
	adv_buf_puts(&b, "],\"note\":");
	adv_buf_puts(&b, result->note ? "true" : "false");
	adv_buf_puts(&b, ",\"policy\":");
	adv_buf_json_string(&b, result->policy ? result->policy : "");
	adv_buf_puts(&b, "}\n");
	if (b.failed || !b.data) {
		free(b.data);
		return adv_error_set(err, ADVISOR_ENOMEM, "%s: out of memory", fn);
	}
	if ((fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC |
			O_NOFOLLOW, 0600)) < 0) {
		rc = adv_error_set(err, ADVISOR_EIO, "%s: cannot open the decision "
			"log: %s", path, strerror(errno));
		goto done;
	}
	ssize_t n;
	while ((n = write(fd, b.data, b.len)) < 0 && errno == EINTR)
		;
	if (n < 0 || (size_t)n != b.len)
		rc = adv_error_set(err, ADVISOR_EIO, "%s: cannot write the decision "
			"log: %s", path, n < 0 ? strerror(errno) : "short write");
	if (close(fd) < 0 && rc == ADVISOR_OK)
		rc = adv_error_set(err, ADVISOR_EIO, "%s: cannot write the decision "
			"log: %s", path, strerror(errno));
done:
	free(b.data);
	return rc;
}
