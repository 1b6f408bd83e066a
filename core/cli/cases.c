/*
 * cases.c - policy case files for `advisor test` and `advisor diff`: the
 * library reads and checks them (advisor_cases_load()); this opens their
 * network, or the one --network names.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cli_case_file_open(cli_case_file *cf, const char *path,
	const cli_options *o)
{
	advisor_load_options lo;
	advisor_error err;
	char cache[4096];
	int rc;

	memset(cf, 0, sizeof(*cf));
	cf->path = path;
	if ((rc = advisor_cases_load(&cf->cases, path, &err)) < 0) {
		cli_report(&err);
		return cli_exit_code(rc);
	}
	cli_load_options(o, &lo, cache, sizeof(cache));
	if ((rc = advisor_cases_network(&cf->net, cf->cases, &lo, &err)) < 0) {
		cli_report(&err);
		return cli_exit_code(rc);
	}
	if (cf->net)
		return EXIT_OK;
	if (o->network)
		return cli_load_network(o, &cf->net);
	cli_error("%s: network: the case file names none; give a network "
		"file's path (relative to the case file) or a network object in it, "
		"or --network FILE", path);
	return EXIT_DATA;
}

void cli_case_file_close(cli_case_file *cf)
{
	advisor_network_free(cf->net);
	advisor_cases_free(cf->cases);
	memset(cf, 0, sizeof(*cf));
}

cJSON *cli_request_json(const advisor_request *req)
{
	cJSON *o = cJSON_CreateObject(), *in;

	if (!o || !cJSON_AddStringToObject(o, "person", req->person) ||
	    !cJSON_AddStringToObject(o, "direction",
		    req->direction == ADVISOR_INCOMING ? "incoming" : "outgoing") ||
	    !(in = cJSON_AddArrayToObject(o, "intent")) ||
	    (req->as_of && !cJSON_AddStringToObject(o, "as_of", req->as_of))) {
		cJSON_Delete(o);
		return NULL;
	}
	for (size_t i = 0; i < req->intent_count; i++) {
		cJSON *w = cJSON_CreateString(req->intents[i]);
		if (!w || !cJSON_AddItemToArray(in, w)) {
			cJSON_Delete(w);
			cJSON_Delete(o);
			return NULL;
		}
	}
	return o;
}
