/*
 * floor.h - the default policy's decision in plain C, for benchmarks.
 *
 * A hand-written twin of the Lua files in scripts/policy/ (with lib/facts.lua and
 * lib/notes.lua) and of the decision in core/engine/engine.c: the six rules, the
 * mutuals signal and the stranger fallback, with the same scores (3 for
 * known, introduced, learn and bad_ending, at most 1 for mutuals), the same
 * threshold (3), the same vetoes (romance 30 > bad_ending 20, outgoing only >
 * job_pending 10, outgoing only), already_connected, and as_of handling
 * (only events on or before as_of; "from the past" is a last contact more
 * than 365 days back).  It reads the same in-memory records the engine
 * reads and writes the same kind of text (details and the note), so that
 * its cost is a fair floor for what the Lua policy costs.
 *
 * It is not a second implementation of the product: only the benchmarks
 * use it, to measure the Lua path against it and to cross-check verdicts.
 */
#ifndef BENCH_FLOOR_H
#define BENCH_FLOOR_H

#include <stddef.h>
#include <stdint.h>

#include "advisor.h"
#include "network/network.h"

/* Intents of the default policy, as bits. */
enum {
	FLOOR_RECONNECT = 1u << 0,
	FLOOR_LEARN = 1u << 1,
	FLOOR_JOB = 1u << 2,
	FLOOR_DATE = 1u << 3,
	FLOOR_NETWORK = 1u << 4
};

/* The bit of an intent word, or 0 if the default policy does not know it. */
unsigned floor_intent_bit(const char *word);

typedef struct floor_request {
	const adv_person *person;
	int incoming;      /* 1, 0, or -1: not said (the pending invitation's) */
	unsigned intents;  /* FLOOR_* bits */
	int32_t as_of;     /* day number (core/util/date.h) */
} floor_request;

#define FLOOR_MAX_REASONS 8
#define FLOOR_DETAIL_MAX 1024
#define FLOOR_PART_MAX 512
#define FLOOR_NOTE_MAX 2048

typedef struct floor_reason {
	const char *rule;
	int order;        /* declaration order of the rule (file name order) */
	double score;
	int vetoed;       /* the rule's veto applies */
	int veto_priority;
	int fallback;
	int has_note;
	char detail[FLOOR_DETAIL_MAX];
	char note[FLOOR_PART_MAX];
} floor_reason;

typedef struct floor_result {
	advisor_verdict verdict;
	double score;
	floor_reason reasons[FLOOR_MAX_REASONS];
	size_t reason_count;
	int has_note;
	char note[FLOOR_NOTE_MAX];
	int incoming;      /* the direction answered */
	char invited_on[24]; /* ADV_DATE_BUF: the pending invitation's day that way, or "" */
	int withdraw;
} floor_result;

/* Decide on one request.  net is the network the person belongs to. */
void floor_advise(const advisor_network *net, const floor_request *req,
	floor_result *out);

/*
 * Write the result as one line of JSON, in the shape of
 * advisor_result_to_json() (docs/data-format.md, "Result").  Returns the
 * length written (truncated to cap - 1 if the buffer is too small).
 */
size_t floor_result_json(char *buf, size_t cap, const char *person_id,
	const floor_result *r);

#endif
