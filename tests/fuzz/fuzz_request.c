/*
 * fuzz_request.c - libFuzzer: a request line of `advisor batch`
 * (advisor_advise_json) on any bytes, against a small network and the
 * shipped policy.  A request either gets a JSON answer or an error with a
 * message; the engine is made once and must keep answering.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "advisor.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char NETWORK[] =
	"{\"format\":\"advisor-network/1\",\"me\":{\"id\":\"me\",\"name\":\"Me\"},"
	"\"people\":["
	"{\"id\":\"ann\",\"name\":\"Ann Lee\",\"company\":\"Foo\",\"connections\":[\"bob\"],"
	"\"events\":[{\"type\":\"met\",\"date\":\"2025-05-03\",\"context\":\"PyCon\",\"tone\":\"cordial\"}]},"
	"{\"id\":\"bob\",\"name\":\"Bob\",\"connected\":true,\"connections\":[\"me\",\"ann\"]}]}";

/* Made on the first input and kept: a fuzzer's process is one test. */
static advisor_network *net;
static advisor_engine *engine;

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
	advisor_string_free(out);
	return 0;
}
