/*
 * fuzz_network_json.c - libFuzzer: the JSON network loader on any bytes.
 * Either the network loads or the error has a code and a message; never a
 * crash, a leak or undefined behaviour (the build adds ASan and UBSan).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "advisor.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	advisor_load_options opts = ADVISOR_LOAD_OPTIONS_INIT;
	advisor_network *net = NULL;
	advisor_error err;

	opts.format = ADVISOR_FORMAT_JSON;
	int rc = advisor_network_load_buffer(&net, (const char *)data, size,
		"fuzz.json", &opts, &err);
	if ((rc == ADVISOR_OK) != (net != NULL) || (rc < 0 && !err.message[0]))
		abort();
	advisor_network_free(net);
	return 0;
}
