/*
 * fuzz_network_ndjson.c - libFuzzer: the NDJSON network loader on any bytes.
 * Either the network loads or the error has a code and a message; never a
 * crash, a leak or undefined behaviour (the build adds ASan and UBSan).
 * The bytes are also parsed as one document with and without lifting
 * "connections" (json_check.c): the two must agree on the result and on
 * the message.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#include "advisor.h"
#include "json/strict.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* adv_json_parse_lifting against adv_json_parse on the same text. */
static void lifting_agrees(const uint8_t *data, size_t size)
{
	adv_json_lift lift = { .key = "connections" };
	advisor_error e1, e2;
	cJSON *plain = NULL, *lifted = NULL;
	char *text = malloc(size + 1);

	if (!text)
		return;
	memcpy(text, data, size);
	text[size] = '\0';
	int rc1 = adv_json_parse(&plain, text, size, "f", 3, &e1);
	int rc2 = adv_json_parse_lifting(&lifted, text, size, "f", 3, &lift, &e2);
	if (rc1 != rc2 || (rc1 < 0 && strcmp(e1.message, e2.message) != 0)) {
		fprintf(stderr, "plain and lifted parses disagree: %d \"%s\" / %d \"%s\"\n", rc1, rc1 < 0 ? e1.message : "", rc2, rc2 < 0 ? e2.message : "");
		abort();
	}
	if (rc1 == 0 && lift.lifted) {
		cJSON *back = cJSON_CreateArray();
		for (size_t i = 0; back && i < lift.count; i++)
			cJSON_AddItemToArray(back,
				cJSON_CreateString(lift.text + lift.items[i].at));
		if (!back || !cJSON_ReplaceItemInObjectCaseSensitive(lifted,
				"connections", back))
			abort();
	}
	if (rc1 == 0 && !cJSON_Compare(plain, lifted, 1))
		abort();
	cJSON_Delete(plain);
	adv_json_lift_delete(&lift, lifted);
	adv_json_lift_free(&lift);
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	advisor_load_options opts = ADVISOR_LOAD_OPTIONS_INIT;
	advisor_network *net = NULL;
	advisor_error err;

	opts.format = ADVISOR_FORMAT_NDJSON;
	int rc = advisor_network_load_buffer(&net, (const char *)data, size,
		"fuzz.ndjson", &opts, &err);
	if ((rc == ADVISOR_OK) != (net != NULL) || (rc < 0 && !err.message[0]))
		abort();
	advisor_network_free(net);
	lifting_agrees(data, size);
	return 0;
}
