/*
 * fuzz_request.c - libFuzzer: a request line of `advisor batch`
 * (advisor_advise_json) on any bytes, against a small network and the
 * shipped policy.  A request either gets a JSON answer or an error with a
 * message; the engine is made once and must keep answering.
 *
 * And a differential check of the two request readers: a plain request (a
 * flat object of ASCII strings) is scanned in place, anything else goes
 * through the strict parser.  When the input is a JSON object, it is
 * written back plainly and again with its first key's first letter
 * escaped (\u00XX), which only the strict parser reads: both spellings must
 * get the same answer, byte for byte, or fail with the same code.
 *
 * And advisor_request_parse() on the same bytes, with advisor_advise():
 * the same answer as advisor_advise_json(), or the same code and message;
 * the bytes are freed before the parsed request is used, so that a string
 * it failed to copy is a use after free.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <stdio.h>

#include "advisor.h"
#include "small_network.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);


/* Made on the first input and kept: a fuzzer's process is one test. */
static advisor_network *net;
static advisor_engine *engine;

/* The same request spelled two ways, through both readers. */
static void differential(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	if (!text)
		return;
	memcpy(text, data, size);
	text[size] = '\0';
	cJSON *root = cJSON_Parse(text);
	free(text);
	if (!cJSON_IsObject(root) || !root->child || !root->child->string ||
	    !root->child->string[0] || (unsigned char)root->child->string[0] >= 0x80) {
		cJSON_Delete(root);
		return;
	}
	char *plain = cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	if (!plain)
		return;
	/* {"k...": -> {"\u00XXk...": , the first key's first letter escaped. */
	size_t len = strlen(plain);
	char *escaped = malloc(len + 6);
	if (!escaped || plain[0] != '{' || plain[1] != '"') {
		free(escaped);
		cJSON_free(plain);
		return;
	}
	unsigned char first = (unsigned char)plain[2];
	if (first == '\\' || first == '"' || first < 0x20) {
		free(escaped);
		cJSON_free(plain);
		return;
	}
	snprintf(escaped, len + 6, "{\"\\u%04x%s", first, plain + 3);

	char *a = NULL, *b = NULL;
	advisor_error ea, eb;
	int ra = advisor_advise_json(&a, engine, net, plain, strlen(plain), &ea);
	int rb = advisor_advise_json(&b, engine, net, escaped, strlen(escaped), &eb);
	if (ra != rb || (ra == ADVISOR_OK && strcmp(a, b) != 0))
		abort(); /* the two readers disagree on the same request */
	advisor_string_free(a);
	advisor_string_free(b);
	free(escaped);
	cJSON_free(plain);
}

/* advisor_request_parse() + advisor_advise() against advisor_advise_json(). */
static void parsed(const uint8_t *data, size_t size, int rc, const char *out,
	const advisor_error *err)
{
	advisor_parsed_request *p = NULL;
	advisor_result *r = NULL;
	advisor_error e;
	char *copy = malloc(size ? size : 1), *json = NULL;

	if (!copy)
		return;
	memcpy(copy, data, size);
	int rp = advisor_request_parse(&p, copy, size, &e);
	free(copy);
	if ((rp == ADVISOR_OK) != (p != NULL))
		abort();
	if (rp == ADVISOR_OK)
		rp = advisor_advise(&r, engine, net, advisor_parsed_request_get(p), &e);
	if (rp == ADVISOR_OK)
		rp = advisor_result_to_json(&json, r, &e);
	if (rp == ADVISOR_ENOMEM || rc == ADVISOR_ENOMEM)
		goto done;
	if (rp != rc || (rc == ADVISOR_OK && strcmp(json, out) != 0) ||
	    (rc < 0 && strcmp(e.message, err->message) != 0))
		abort(); /* the parser and advisor_advise_json disagree */
done:
	advisor_string_free(json);
	advisor_result_free(r);
	advisor_parsed_request_free(p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	advisor_error err;
	char *out = NULL;

	if (!engine) {
		if (advisor_network_load_buffer(&net, NETWORK, strlen(NETWORK),
			    "fuzz.json", NULL, &err) != ADVISOR_OK ||
		    advisor_engine_new(&engine, NULL, &err) != ADVISOR_OK)
			abort();
	}
	int rc = advisor_advise_json(&out, engine, net, (const char *)data, size, &err);
	if ((rc == ADVISOR_OK) != (out != NULL) || (rc < 0 && !err.message[0]))
		abort();
	parsed(data, size, rc, out, &err);
	advisor_string_free(out);
	differential(data, size);
	return 0;
}
