/*
 * cases.c - policy case files, shared by `advisor test` and `advisor diff`.
 *
 *   { "network": "../../docs/examples/network.json",   (or an inline
 *                                                        network object)
 *     "cases": [ { "name": "...",
 *                  "request": { "person": ..., "direction": ...,
 *                               "intent": [...], "as_of": ... },
 *                  "expect": { "verdict": ..., ... } } ] }
 *
 * A network path is relative to the case file.  Each case's request is
 * handed to advisor_advise_json() as written, so a case file speaks the
 * same request format as `advisor batch`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define CASE_FILE_MAX (64u * 1024 * 1024)

static int bad(const char *file, const char *path, const char *what)
{
	cli_error("%s: %s: %s", file, path, what);
	return EXIT_DATA;
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0;

	if (!f)
		return NULL;
	for (;;) {
		if (cap - n < 65536) {
			cap = cap ? cap * 2 : 65536;
			char *p = cap <= CASE_FILE_MAX ? realloc(buf, cap + 1) : NULL;
			if (!p) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = p;
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	int failed = ferror(f);
	fclose(f);
	if (failed) {
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* The network path relative to the case file's folder. */
static char *relative_to(const char *file, const char *path)
{
	const char *slash = strrchr(file, '/');
	size_t dir = path[0] == '/' || !slash ? 0 : (size_t)(slash - file) + 1;
	char *out = malloc(dir + strlen(path) + 1);

	if (out) {
		memcpy(out, file, dir);
		strcpy(out + dir, path);
	}
	return out;
}

/* Check the shape of every case before running any, so that a typo in the
 * last case is not found after the first ran. */
static int check_cases(const char *file, const cJSON *cases)
{
	static const char *const case_keys[] = { "name", "request", "expect", NULL };
	static const char *const expect_keys[] = { "verdict", "first_rule",
		"rules", "not_rules", "note_contains", "no_note", "error", "what_if",
		NULL };
	char path[128];
	int i = 0;
	const cJSON *c;

	if (!cJSON_IsArray(cases) || !cJSON_GetArraySize(cases))
		return bad(file, "cases", "expected a non-empty list of cases");
	cJSON_ArrayForEach(c, cases) {
		snprintf(path, sizeof(path), "cases[%d]", i);
		if (!cJSON_IsObject(c))
			return bad(file, path, "expected an object { name, request, expect }");
		for (const cJSON *k = c->child; k; k = k->next) {
			int ok = 0;
			for (int j = 0; case_keys[j] && !ok; j++)
				ok = strcmp(k->string, case_keys[j]) == 0;
			if (!ok) {
				snprintf(path, sizeof(path), "cases[%d].%s", i, k->string);
				return bad(file, path, "unknown field; expected name, request or expect");
			}
		}
		if (!cJSON_IsString(cJSON_GetObjectItemCaseSensitive(c, "name")))
			return bad(file, strcat(path, ".name"), "expected a string");
		snprintf(path, sizeof(path), "cases[%d]", i);
		if (!cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(c, "request")))
			return bad(file, strcat(path, ".request"),
				"expected a request object { person, direction, intent, as_of }");
		snprintf(path, sizeof(path), "cases[%d]", i);
		const cJSON *ex = cJSON_GetObjectItemCaseSensitive(c, "expect");
		if (ex && !cJSON_IsObject(ex))
			return bad(file, strcat(path, ".expect"), "expected an object");
		for (const cJSON *k = ex ? ex->child : NULL; k; k = k->next) {
			int ok = 0;
			for (int j = 0; expect_keys[j] && !ok; j++)
				ok = strcmp(k->string, expect_keys[j]) == 0;
			snprintf(path, sizeof(path), "cases[%d].expect.%s", i, k->string);
			if (!ok)
				return bad(file, path, "unknown field; expected verdict, first_rule, "
					"rules, not_rules, note_contains, no_note, error or what_if");
			int list = strcmp(k->string, "rules") == 0 ||
				strcmp(k->string, "not_rules") == 0 ||
				strcmp(k->string, "note_contains") == 0 ||
				strcmp(k->string, "what_if") == 0;
			if (list) {
				const cJSON *w;
				int strings = cJSON_IsArray(k);
				cJSON_ArrayForEach(w, k)
					strings &= cJSON_IsString(w);
				if (!strings)
					return bad(file, path, "expected a list of strings");
			} else if (strcmp(k->string, "no_note") == 0) {
				if (!cJSON_IsBool(k))
					return bad(file, path, "expected true or false");
			} else if (!cJSON_IsString(k)) {
				return bad(file, path, "expected a string");
			}
		}
		i++;
	}
	return EXIT_OK;
}

int cli_case_file_open(cli_case_file *cf, const char *path,
	const cli_options *o)
{
	size_t len;
	char *text;
	const char *end = NULL;
	int status;

	memset(cf, 0, sizeof(*cf));
	cf->path = path;
	if (!(text = read_all(path, &len))) {
		cli_error("%s: cannot read the case file", path);
		return EXIT_DATA;
	}
	cf->doc = cJSON_ParseWithOpts(text, &end, 1);
	if (!cf->doc) {
		size_t at = end ? (size_t)(end - text) : 0, line = 1;
		for (size_t i = 0; i < at && i < len; i++)
			line += text[i] == '\n';
		free(text);
		cli_error("%s:%zu: not valid JSON", path, line);
		return EXIT_DATA;
	}
	free(text);
	if (!cJSON_IsObject(cf->doc))
		return bad(path, "the top level", "expected an object { network, cases }");
	cf->cases = cJSON_GetObjectItemCaseSensitive(cf->doc, "cases");
	if ((status = check_cases(path, cf->cases)) != EXIT_OK)
		return status;

	const cJSON *n = cJSON_GetObjectItemCaseSensitive(cf->doc, "network");
	cli_options no = *o;
	if (cJSON_IsString(n)) {
		char *net_path = relative_to(path, n->valuestring);
		if (!net_path) {
			cli_error("out of memory");
			return EXIT_INTERNAL;
		}
		no.network = net_path;
		status = cli_load_network(&no, &cf->net);
		free(net_path);
		return status;
	}
	if (cJSON_IsObject(n)) {
		advisor_load_options lo = ADVISOR_LOAD_OPTIONS_INIT;
		advisor_error err;
		char name[512];
		char *json = cJSON_PrintUnformatted(n);
		int rc;
		if (!json) {
			cli_error("out of memory");
			return EXIT_INTERNAL;
		}
		snprintf(name, sizeof(name), "%s: network", path);
		lo.format = ADVISOR_FORMAT_JSON;
		rc = advisor_network_load_buffer(&cf->net, json, strlen(json), name,
			&lo, &err);
		cJSON_free(json);
		if (rc < 0) {
			cli_error("%s", err.message);
			return cli_exit_code(rc);
		}
		return EXIT_OK;
	}
	if (o->network)
		return cli_load_network(o, &cf->net);
	return bad(path, "network", "expected a network file's path (relative to the case file) or a network object; or give --network");
}

void cli_case_file_close(cli_case_file *cf)
{
	advisor_network_free(cf->net);
	cJSON_Delete(cf->doc);
	memset(cf, 0, sizeof(*cf));
}

int cli_case_explain(advisor_explanation **out, advisor_engine *engine,
	const advisor_network *net, const cJSON *request, advisor_error *err)
{
	advisor_request req = ADVISOR_REQUEST_INIT;
	const char *intents[64];
	const cJSON *in = cJSON_GetObjectItemCaseSensitive(request, "intent"), *w;
	const char *dir = cJSON_GetStringValue(
		cJSON_GetObjectItemCaseSensitive(request, "direction"));

	/* The request was already checked by advisor_advise_json(): read it
	 * plainly. */
	req.person = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(request, "person"));
	req.as_of = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(request, "as_of"));
	req.direction = dir && strcmp(dir, "incoming") == 0 ? ADVISOR_INCOMING
		: ADVISOR_OUTGOING;
	req.intents = intents;
	if (cJSON_IsString(in))
		intents[req.intent_count++] = in->valuestring;
	else if (cJSON_IsArray(in))
		cJSON_ArrayForEach(w, in)
			if (cJSON_IsString(w) && req.intent_count < 64)
				intents[req.intent_count++] = w->valuestring;
	return advisor_explain(out, engine, net, &req, err);
}

int cli_case_advise(cJSON **result, advisor_engine *engine,
	const advisor_network *net, const cJSON *request, advisor_error *err)
{
	char *req = cJSON_PrintUnformatted(request), *out = NULL;
	int rc;

	*result = NULL;
	if (!req) {
		err->code = ADVISOR_ENOMEM;
		strcpy(err->message, "out of memory");
		return ADVISOR_ENOMEM;
	}
	rc = advisor_advise_json(&out, engine, net, req, strlen(req), err);
	cJSON_free(req);
	if (rc == ADVISOR_OK && !(*result = cJSON_Parse(out))) {
		err->code = rc = ADVISOR_ENOMEM;
		strcpy(err->message, "out of memory");
	}
	advisor_string_free(out);
	return rc;
}
