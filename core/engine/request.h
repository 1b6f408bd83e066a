/*
 * request.h - reading requests written as JSON, shared by
 * advisor_advise_json(), advisor_request_parse() and the case-file reader.
 */
#ifndef ADV_REQUEST_H
#define ADV_REQUEST_H

#include <cjson/cJSON.h>

#include "advisor.h"

/* A request names at most this many intents; more is ADVISOR_EINVAL. */
#define ADV_MAX_INTENTS 64

/*
 * Fill req (set to ADVISOR_REQUEST_INIT first) from a parsed request
 * object; its strings point into the tree, its intents into `intents`
 * (room for ADV_MAX_INTENTS), and a person given inline (an object) into
 * *inline_person, which req->inline_person then points to.  A bad field is
 * ADVISOR_EINVAL, located (path "intent[2]", field "intent").
 */
int adv_request_read(const cJSON *root, advisor_request *req,
	const char **intents, advisor_inline_person *inline_person,
	advisor_error *err);

#endif
