/*
 * result.c - results: freeing them and writing them as JSON.
 */
#include <stdlib.h>
#include <cjson/cJSON.h>

#include "error.h"

static const char *const verdict_names[] = { "connect", "connect_with_note",
	"wait", "dont_connect", "already_connected" };

const char *advisor_verdict_name(advisor_verdict verdict)
{
	if ((unsigned)verdict >= sizeof(verdict_names) / sizeof(*verdict_names))
		return "unknown";
	return verdict_names[verdict];
}

void advisor_result_free(advisor_result *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->reason_count; i++) {
		free((char *)r->reasons[i].rule);
		free((char *)r->reasons[i].detail);
	}
	free((advisor_reason *)r->reasons);
	free((char *)r->person);
	free((char *)r->note);
	free((char *)r->policy);
	free(r);
}

void advisor_string_free(char *s)
{
	cJSON_free(s); /* every string handed out comes from cJSON */
}

int advisor_result_to_json(char **out, const advisor_result *r,
	advisor_error *err)
{
	cJSON *root = NULL, *reasons, *item;
	adv_error_clear(err);

	if (!out || !r)
		return adv_error_set(err, ADVISOR_EINVAL,
			"advisor_result_to_json: out and result are required");
	*out = NULL;
	if (!(root = cJSON_CreateObject()) ||
	    !cJSON_AddStringToObject(root, "person", r->person) ||
	    !cJSON_AddStringToObject(root, "verdict", advisor_verdict_name(r->verdict)) ||
	    !cJSON_AddNumberToObject(root, "score", r->score) ||
	    !(reasons = cJSON_AddArrayToObject(root, "reasons")))
		goto nomem;
	for (size_t i = 0; i < r->reason_count; i++) {
		const advisor_reason *why = &r->reasons[i];
		if (!(item = cJSON_CreateObject()) ||
		    !cJSON_AddItemToArray(reasons, item) ||
		    !cJSON_AddStringToObject(item, "rule", why->rule) ||
		    !cJSON_AddNumberToObject(item, "score", why->score) ||
		    !cJSON_AddStringToObject(item, "detail", why->detail) ||
		    (why->vetoed && !cJSON_AddTrueToObject(item, "veto")))
			goto nomem;
	}
	if (r->note && !cJSON_AddStringToObject(root, "note", r->note))
		goto nomem;
	if (!cJSON_AddStringToObject(root, "policy", r->policy))
		goto nomem;
	if (!(*out = cJSON_PrintUnformatted(root)))
		goto nomem;
	cJSON_Delete(root);
	return ADVISOR_OK;
nomem:
	cJSON_Delete(root);
	return adv_error_set(err, ADVISOR_ENOMEM, "out of memory writing the result");
}
