/*
 * fuzz_snapshot.c - libFuzzer: the snapshot opener (adv_snapshot_open) on
 * any bytes.  Each input is opened twice, as it is and with its checksum
 * made right (when its header and size allow one), so that the mutations
 * reach the structural checks behind the checksum.  An open either fails
 * with a message or gives a network that every person of (up to 16) can
 * be advised on and found by id, without reading outside the input; then
 * it is freed (ASan and UBSan watch).  The seeds are valid
 * snapshots, of docs/examples/network.json and of small_network.h's
 * network, as `advisor advise` leaves them in its cache folder: after a
 * change of the format, make them again (an older seed is only refused).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "advisor.h"
#include "snapshot/snapshot.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Made on the first input and kept: a fuzzer's process is one test. */
static advisor_engine *engine;

static void use(const advisor_network *net)
{
	static const char *const intents[] = { "learn", "job" };
	size_t n = advisor_network_person_count(net);

	for (size_t i = 0; i < n && i < 16; i++) {
		advisor_request req = ADVISOR_REQUEST_INIT;
		advisor_result *r = NULL;
		advisor_error err;
		req.person = advisor_network_person_id(net, i);
		req.intents = intents;
		req.intent_count = 2;
		req.as_of = "2026-11-27";
		int rc = advisor_advise(&r, engine, net, &req, &err);
		if ((rc == ADVISOR_OK) != (r != NULL) || (rc < 0 && !err.message[0]))
			abort();
		char *json = NULL;
		if (r && advisor_result_to_json(&json, r, &err) == ADVISOR_OK)
			advisor_string_free(json);
		advisor_result_free(r);
	}
	for (size_t i = 0; i < n && i < 16; i++) /* lookups by id */
		if (!advisor_network_person_name(net, advisor_network_person_id(net, i)))
			abort();
}

static void open_once(const uint8_t *data, size_t size, int reseal)
{
	/* 8-byte aligned, as a mapping is. */
	uint64_t *mem = malloc(size / 8 * 8 + 8);
	advisor_network *net = NULL;
	advisor_error err;

	if (!mem)
		return;
	memcpy(mem, data, size);
	if (reseal && adv_snapshot_reseal_buffer(mem, size) < 0) {
		free(mem);
		return; /* no layout to seal: the first open saw it refused */
	}
	int rc = adv_snapshot_open(&net, mem, size, "fuzz.bin", &err);
	if ((rc == ADVISOR_OK) != (net != NULL) || (rc < 0 && !err.message[0]))
		abort();
	if (net)
		use(net);
	advisor_network_free(net);
	free(mem);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	advisor_error err;

	if (!engine && advisor_engine_new(&engine, NULL, &err) != ADVISOR_OK)
		abort();
	open_once(data, size, 0);
	open_once(data, size, 1);
	return 0;
}
