/*
 * fuzz_policy.c - libFuzzer: a policy layer made of any bytes.  The input
 * is cut at its first line "@@@" into a Lua file (rules.lua) and the
 * layer's settings.json; an engine is made over the shipped policy with
 * them, with small limits, and asked once.  Loading either succeeds or
 * fails with a code and a message, never a crash, a leak or a hang; a
 * loaded engine answers a request or fails it the same way.
 */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "advisor.h"
#include "small_network.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);


/* Made on the first input and kept: a fuzzer's process is one test. */
static advisor_network *net;
static char dir[64];

static void write_file(const char *name, const uint8_t *data, size_t size)
{
	char path[128];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (!data) {
		unlink(path);
		return;
	}
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	advisor_error err;

	if (!net) {
		strcpy(dir, "/tmp/advisor-fuzz-policy-XXXXXX");
		if (!mkdtemp(dir) ||
		    advisor_network_load_buffer(&net, NETWORK, strlen(NETWORK),
			    "fuzz.json", NULL, &err) != ADVISOR_OK)
			abort();
	}
	const uint8_t *cut = NULL;
	for (size_t i = 0; i + 4 <= size; i++)
		if ((i == 0 || data[i - 1] == '\n') && memcmp(data + i, "@@@\n", 4) == 0) {
			cut = data + i;
			break;
		}
	write_file("rules.lua", data, cut ? (size_t)(cut - data) : size);
	if (cut)
		write_file("settings.json", cut + 4, size - (size_t)(cut + 4 - data));
	else
		write_file("settings.json", NULL, 0);

	advisor_engine_options o = ADVISOR_ENGINE_OPTIONS_INIT;
	const char *layers[1] = { dir };
	advisor_engine *engine = NULL;
	o.policy_layers = layers;
	o.policy_layer_count = 1;
	o.instruction_limit = 200000;
	o.memory_limit = 16u << 20;
	o.time_limit_ms = 2000;
	int rc = advisor_engine_new(&engine, &o, &err);
	if ((rc == ADVISOR_OK) != (engine != NULL) || (rc < 0 && !err.message[0]))
		abort();
	if (engine) {
		advisor_request req = ADVISOR_REQUEST_INIT;
		advisor_result *r = NULL;
		req.person = "ann";
		req.as_of = "2026-06-01";
		rc = advisor_advise(&r, engine, net, &req, &err);
		if ((rc == ADVISOR_OK) != (r != NULL) || (rc < 0 && !err.message[0]))
			abort();
		advisor_result_free(r);
	}
	advisor_engine_free(engine);
	return 0;
}
