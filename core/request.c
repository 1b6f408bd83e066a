/*
 * request.c - requests and results as JSON, for batch processing and for
 * embedders that speak JSON (a browser extension's native host, say).
 */
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "engine.h"
#include "error.h"
#include "json_check.h"

#define MAX_INTENTS 64

static const char *const request_fields[] = { "person", "direction",
	"intent", "as_of", NULL };

/* Fill req from a parsed request object; strings point into the tree. */
static int read_request(const cJSON *root, advisor_request *req,
	const char **intents, advisor_error *err)
{
	const cJSON *v;

	if (!cJSON_IsObject(root))
		return adv_error_set(err, ADVISOR_EINVAL,
			"request: expected an object with person, direction, intent, as_of");
	for (const cJSON *c = root->child; c; c = c->next) {
		int known = 0;
		for (int i = 0; request_fields[i] && !known; i++)
			known = strcmp(c->string, request_fields[i]) == 0;
		if (!known)
			return adv_error_set(err, ADVISOR_EINVAL,
				"request: %s: unknown field; expected person, direction, intent or as_of",
				c->string);
	}
	v = cJSON_GetObjectItemCaseSensitive(root, "person");
	if (!cJSON_IsString(v) || !*v->valuestring)
		return adv_error_set(err, ADVISOR_EINVAL,
			"request: person: %s; expected a person id",
			!v ? "missing" : cJSON_IsString(v) ? "empty" : "not a string");
	req->person = v->valuestring;

	v = cJSON_GetObjectItemCaseSensitive(root, "direction");
	if (v) {
		if (cJSON_IsString(v) && strcmp(v->valuestring, "outgoing") == 0)
			req->direction = ADVISOR_OUTGOING;
		else if (cJSON_IsString(v) && strcmp(v->valuestring, "incoming") == 0)
			req->direction = ADVISOR_INCOMING;
		else
			return adv_error_set(err, ADVISOR_EINVAL,
				"request: direction: expected \"outgoing\" or \"incoming\"");
	}

	v = cJSON_GetObjectItemCaseSensitive(root, "intent");
	if (cJSON_IsString(v)) {
		intents[req->intent_count++] = v->valuestring;
	} else if (cJSON_IsArray(v)) {
		const cJSON *w;
		int i = 0;
		cJSON_ArrayForEach(w, v) {
			if (!cJSON_IsString(w))
				return adv_error_set(err, ADVISOR_EINVAL,
					"request: intent[%d]: expected a word", i);
			if (req->intent_count == MAX_INTENTS)
				return adv_error_set(err, ADVISOR_EINVAL,
					"request: intent: more than %d intents", MAX_INTENTS);
			intents[req->intent_count++] = w->valuestring;
			i++;
		}
	} else if (v && !cJSON_IsNull(v)) {
		return adv_error_set(err, ADVISOR_EINVAL,
			"request: intent: expected a list of words");
	}
	req->intents = intents;

	v = cJSON_GetObjectItemCaseSensitive(root, "as_of");
	if (v && !cJSON_IsNull(v)) {
		if (!cJSON_IsString(v))
			return adv_error_set(err, ADVISOR_EINVAL,
				"request: as_of: expected a date YYYY-MM-DD");
		req->as_of = v->valuestring;
	}
	return ADVISOR_OK;
}

static int advise_json(char **out, advisor_engine *engine,
	const advisor_network *net, const char *request, size_t len,
	advisor_error *err)
{
	advisor_request req = ADVISOR_REQUEST_INIT;
	const char *intents[MAX_INTENTS];
	advisor_result *result = NULL;
	cJSON *root = NULL;
	char *copy;
	int rc;

	adv_error_clear(err);
	if (!out)
		return adv_error_set(err, ADVISOR_EINVAL, "advisor_advise_json: out is NULL");
	*out = NULL;
	if (!request)
		return adv_error_set(err, ADVISOR_EINVAL, "advisor_advise_json: request is NULL");
	/* The strict parser wants a terminating NUL after the text. */
	if (!(copy = malloc(len + 1)))
		return adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
	memcpy(copy, request, len);
	copy[len] = '\0';
	rc = adv_json_parse(&root, copy, len, "request", 0, err);
	free(copy);
	if (rc < 0) {
		/* Bad JSON in a request is a bad request, not bad network data. */
		if (err)
			err->code = ADVISOR_EINVAL;
		return ADVISOR_EINVAL;
	}
	if ((rc = read_request(root, &req, intents, err)) == ADVISOR_OK &&
	    (rc = advisor_advise(&result, engine, net, &req, err)) == ADVISOR_OK)
		rc = advisor_result_to_json(out, result, err);
	advisor_result_free(result);
	cJSON_Delete(root);
	return rc;
}

int advisor_advise_json(char **out, advisor_engine *engine,
	const advisor_network *net, const char *request, size_t len,
	advisor_error *err)
{
	advisor_error mine;
	advisor_error *use = err ? err : &mine;

	return adv_engine_failed(engine,
		advise_json(out, engine, net, request, len, use), use);
}
