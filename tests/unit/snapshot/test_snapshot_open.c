/*
 * test_snapshot_open.c - the opener of a snapshot in memory: nothing in a
 * snapshot is an address, so a copy anywhere opens to the same network;
 * and every flaw (cut short, an offset outside, strings without their NUL,
 * an id table that disagrees) is refused with ADVISOR_EDATA and a message
 * saying what is wrong, before anything is read through it.
 */
#include <criterion/criterion.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "network/network.h"
#include "json/strict.h"
#include "snapshot/snapshot.h"

static advisor_network *parsed;
static void *image;     /* the snapshot of parsed, as encoded */
static size_t image_size;
static uint64_t at[ADV_SNAP__COUNT];

static void setup(void)
{
	advisor_error err;
	cr_assert_eq(advisor_network_load(&parsed,
		source_path("docs/examples/network.json"), NULL, &err), ADVISOR_OK,
		"%s", err.message);
	cr_assert_eq(adv_snapshot_encode(parsed, &image, &image_size), 0);
	cr_assert_eq(adv_snapshot_buffer_sections(image, image_size, at),
		ADV_SNAP__COUNT);
}

static void teardown(void)
{
	free(image);
	advisor_network_free(parsed);
}

TestSuite(snapshot_open, .init = setup, .fini = teardown);

/* A copy of the image, n bytes of it, in a fresh block (8-aligned). */
static char *copy_of(size_t n)
{
	char *b = malloc(n ? n : 1);
	cr_assert_not_null(b);
	memcpy(b, image, n);
	return b;
}

/* Every answer of the two networks is the same. */
static void assert_same_advice(const advisor_network *a, const advisor_network *b)
{
	advisor_engine *engine = NULL;
	advisor_error err;
	cr_assert_eq(advisor_engine_new(&engine, NULL, &err), ADVISOR_OK);
	cr_assert_eq(advisor_network_person_count(a), advisor_network_person_count(b));
	for (size_t i = 0; i < advisor_network_person_count(a); i++) {
		char req[256], *x = NULL, *y = NULL;
		cr_assert_str_eq(advisor_network_person_id(a, i),
			advisor_network_person_id(b, i));
		snprintf(req, sizeof(req),
			"{\"person\":\"%s\",\"intent\":[\"learn\",\"job\"],\"as_of\":\"2026-11-27\"}",
			advisor_network_person_id(a, i));
		cr_assert_eq(advisor_advise_json(&x, engine, a, req, strlen(req), &err),
			ADVISOR_OK, "%s", err.message);
		cr_assert_eq(advisor_advise_json(&y, engine, b, req, strlen(req), &err),
			ADVISOR_OK, "%s", err.message);
		cr_assert_str_eq(x, y);
		advisor_string_free(x);
		advisor_string_free(y);
	}
	advisor_engine_free(engine);
}

/* Opening the block must fail with ADVISOR_EDATA and a message that says
 * the snapshot was refused and contains `want`. */
static void assert_refused(char *b, size_t n, const char *want, const char *what)
{
	advisor_network *net = (advisor_network *)1;
	advisor_error err;
	int rc = adv_snapshot_open(&net, b, n, "net.bin", &err);
	cr_assert_eq(rc, ADVISOR_EDATA, "%s: opened (rc %d)", what, rc);
	cr_assert_null(net, "%s: a network came back", what);
	cr_assert(strstr(err.message, "net.bin: snapshot refused: ") == err.message,
		"%s: message \"%s\"", what, err.message);
	cr_assert(strstr(err.message, want), "%s: \"%s\" does not say \"%s\"", what,
		err.message, want);
}

static void poke(char *b, uint64_t off, const void *bytes, size_t n)
{
	memcpy(b + off, bytes, n);
}

Test(snapshot_open, a_copy_anywhere_is_the_same_network)
{
	/* Two copies at two addresses, the first freed before the second is
	 * opened: nothing refers to where the image was written. */
	char *first = copy_of(image_size);
	advisor_network *a = NULL, *b = NULL;
	advisor_error err;
	cr_assert_eq(adv_snapshot_open(&a, first, image_size, "a.bin", &err),
		ADVISOR_OK, "%s", err.message);
	assert_same_advice(parsed, a);
	advisor_network_free(a);
	char *pad = malloc(4096); /* so the next block lands elsewhere */
	char *second = malloc(image_size + 64);
	cr_assert_not_null(second);
	memcpy(second + 64, first, image_size);
	free(first);
	cr_assert_eq(adv_snapshot_open(&b, second + 64, image_size, "b.bin", &err),
		ADVISOR_OK, "%s", err.message);
	assert_same_advice(parsed, b);
	cr_assert_eq(adv_snapshot_blob(b), second + 64, "used in place");
	cr_assert_eq((char *)b->people, second + 64 + at[ADV_SNAP_PEOPLE]);
	cr_assert_eq(adv_network_find(b, "erik-lindqvist"),
		adv_network_find(parsed, "erik-lindqvist"));
	const adv_person *erik = adv_network_person(b, "erik-lindqvist");
	{
		int nomem = 0;
		char *school = adv_json_extra_string(erik->extra, "school", &nomem);
		cr_assert_str_eq(school, "KTH");
		free(school);
	}

	/* And the snapshot of the opened network is the image, byte for byte:
	 * no address went into it. */
	void *again;
	size_t again_size;
	cr_assert_eq(adv_snapshot_encode(b, &again, &again_size), 0);
	cr_assert_eq(again_size, image_size);
	cr_assert_eq(memcmp(again, image, image_size), 0);
	free(again);
	advisor_network_free(b);
	/* Freed, the network leaves the block as it was lent. */
	cr_assert_eq(memcmp(second + 64, image, image_size), 0);
	free(second);
	free(pad);
}

Test(snapshot_open, a_snapshot_cut_short_anywhere_is_refused)
{
	for (int s = 0; s <= ADV_SNAP_END; s++) {
		uint64_t ends[3] = { at[s], s < ADV_SNAP_END ? (at[s] + at[s + 1]) / 2 : 0,
			at[s] > 0 ? at[s] - 1 : 0 };
		for (int k = 0; k < 3; k++) {
			if (ends[k] >= image_size)
				continue;
			char what[64];
			snprintf(what, sizeof(what), "cut at %llu (section %d)",
				(unsigned long long)ends[k], s);
			char *b = copy_of((size_t)ends[k]);
			assert_refused(b, (size_t)ends[k], ends[k] < at[ADV_SNAP_ME]
				? "too short to be a snapshot" : "its size does not match its header",
				what);
			free(b);
		}
	}
}

/* Damage, then the checksum made right again, so that only the structural
 * check can catch it. */
static void assert_damage_refused(uint64_t off, const void *bytes, size_t n,
	const char *want, const char *what)
{
	char *b = copy_of(image_size);
	poke(b, off, bytes, n);
	cr_assert_eq(adv_snapshot_reseal_buffer(b, image_size), 0);
	assert_refused(b, image_size, want, what);
	free(b);
}

Test(snapshot_open, an_offset_outside_is_refused_and_named)
{
	const uint64_t strings = at[ADV_SNAP_END] - at[ADV_SNAP_STRINGS];
	const size_t P = sizeof(adv_person), E = sizeof(adv_event);
	uint64_t past = strings + 1, far = UINT64_MAX, none = 0;
	uint32_t big = 1u << 30;

	assert_damage_refused(at[ADV_SNAP_PEOPLE] + P + offsetof(adv_person, company),
		&past, 8, "people[1].company starts past the strings", "a company");
	assert_damage_refused(at[ADV_SNAP_PEOPLE] + offsetof(adv_person, name),
		&far, 8, "people[0].name starts past the strings", "a name");
	assert_damage_refused(at[ADV_SNAP_PEOPLE] + 2 * P + offsetof(adv_person, name),
		&none, 8, "people[2].name missing", "no name");
	assert_damage_refused(at[ADV_SNAP_ME] + offsetof(adv_person, id),
		&past, 8, "me.id starts past the strings", "my id");
	assert_damage_refused(at[ADV_SNAP_EVENTS] + 3 * E + offsetof(adv_event, note),
		&past, 8, "events[3].note starts past the strings", "a note");
	assert_damage_refused(at[ADV_SNAP_EVENTS] + offsetof(adv_event, by),
		&big, 4, "events[0].by names no node", "an introducer");
	assert_damage_refused(at[ADV_SNAP_PEOPLE] + P + offsetof(adv_person, node),
		&big, 4, "people[1].node 1073741824 is past the", "a node");
	assert_damage_refused(at[ADV_SNAP_PEOPLE] + offsetof(adv_person, first_event),
		&big, 4, "people[0]'s events 1073741824..", "events");
	/* The id of a node that is no one's (a person's would first be found
	 * not to match its person's). */
	const int32_t *np = (const int32_t *)((const char *)image + at[ADV_SNAP_NODE_PERSON]);
	uint32_t bare = 0;
	while (np[bare] != ADV_NODE_BARE)
		bare++;
	char want[64];
	snprintf(want, sizeof(want), "node %u's id starts past the strings", bare);
	assert_damage_refused(at[ADV_SNAP_IDS] + 8 * bare, &past, 8, want, "an id");
	assert_damage_refused(at[ADV_SNAP_OFF] + 4, &big, 4,
		"node 0's links", "a row");
	/* The last byte of the strings is a string too: the empty one. */
	char *b = copy_of(image_size);
	advisor_network *net = NULL;
	advisor_error err;
	poke(b, at[ADV_SNAP_PEOPLE] + offsetof(adv_person, headline), &strings, 8);
	cr_assert_eq(adv_snapshot_reseal_buffer(b, image_size), 0);
	cr_assert_eq(adv_snapshot_open(&net, b, image_size, "net.bin", &err),
		ADVISOR_OK, "%s", err.message);
	cr_assert_str_eq(adv_str(net, net->people[0].headline), "");
	advisor_network_free(net);
	free(b);
}

Test(snapshot_open, strings_without_their_nul_are_refused)
{
	char x[8];
	memset(x, 'x', sizeof(x));
	assert_damage_refused(at[ADV_SNAP_END] - 8, x, 8,
		"its strings do not end with a NUL", "no NUL");
}

Test(snapshot_open, an_id_table_that_disagrees_is_refused)
{
	const uint64_t *slots = (const uint64_t *)((const char *)image + at[ADV_SNAP_SLOTS]);
	size_t n = (size_t)(at[ADV_SNAP_OFF] - at[ADV_SNAP_SLOTS]) / 8, taken = 0;
	/* A taken slot at the end of its run: emptying it moves no other
	 * node out of reach; the free slot after it is the one a copy of it
	 * can take and still be reached. */
	while (taken + 1 < n && (slots[taken] == UINT64_MAX || slots[taken + 1] != UINT64_MAX))
		taken++;
	cr_assert_lt(taken + 1, n);
	size_t free_slot = taken + 1;
	uint64_t empty = UINT64_MAX, past = (uint64_t)1 << 32 | 0x7ffffff0u;

	assert_damage_refused(at[ADV_SNAP_SLOTS] + 8 * free_slot, &slots[taken], 8,
		"twice", "a node in two slots");
	assert_damage_refused(at[ADV_SNAP_SLOTS] + 8 * taken, &empty, 8,
		"the id table holds", "a node in no slot");
	assert_damage_refused(at[ADV_SNAP_SLOTS] + 8 * taken, &past, 8,
		"past the", "a slot naming no node");
	/* A slot whose hash is not its node's id's: a lookup of that id would
	 * not find it. */
	uint64_t wrong = slots[taken] ^ ((uint64_t)1 << 40);
	assert_damage_refused(at[ADV_SNAP_SLOTS] + 8 * taken, &wrong, 8,
		"does not hold the hash of node", "a wrong hash");
	/* A node whose slot a lookup cannot reach: its hash's slot moved to a
	 * free slot that a free slot separates from where lookups start. */
	size_t home = (size_t)(slots[taken] >> 32) & (n - 1), far = home;
	while (slots[far] != UINT64_MAX)
		far = (far + 1) % n;
	far = (far + 1) % n;
	while (slots[far] != UINT64_MAX)
		far = (far + 1) % n;
	char *b = copy_of(image_size);
	poke(b, at[ADV_SNAP_SLOTS] + 8 * far, &slots[taken], 8);
	poke(b, at[ADV_SNAP_SLOTS] + 8 * taken, &empty, 8);
	cr_assert_eq(adv_snapshot_reseal_buffer(b, image_size), 0);
	assert_refused(b, image_size, "cannot be reached", "a slot out of reach");
	free(b);

	/* The id table full: a lookup of an absent id would never end. */
	b = copy_of(image_size);
	for (size_t i = 0; i < n; i++)
		if (slots[i] == UINT64_MAX)
			poke(b, at[ADV_SNAP_SLOTS] + 8 * i, &slots[taken], 8);
	cr_assert_eq(adv_snapshot_reseal_buffer(b, image_size), 0);
	assert_refused(b, image_size, "the id table has no free slot", "a full table");
	free(b);
}

Test(snapshot_open, people_and_nodes_that_disagree_are_refused)
{
	const adv_person *people = (const adv_person *)((const char *)image + at[ADV_SNAP_PEOPLE]);
	const size_t P = sizeof(adv_person);
	/* Two people swap ids: each id is another node's. */
	char *b = copy_of(image_size);
	poke(b, at[ADV_SNAP_PEOPLE] + offsetof(adv_person, id), &people[1].id, 8);
	poke(b, at[ADV_SNAP_PEOPLE] + P + offsetof(adv_person, id), &people[0].id, 8);
	cr_assert_eq(adv_snapshot_reseal_buffer(b, image_size), 0);
	assert_refused(b, image_size, "people[0].id is not the id of its node", "swapped ids");
	free(b);
	/* A person on my node. */
	uint32_t mine = ((const adv_person *)((const char *)image + at[ADV_SNAP_ME]))->node;
	assert_damage_refused(at[ADV_SNAP_PEOPLE] + P + offsetof(adv_person, node),
		&mine, 4, "people[1].node 0 belongs to someone else", "my node");
	/* A second node claiming person 0. */
	int32_t zero = 0;
	uint64_t nodes = (at[ADV_SNAP_NODE_PERSON + 1] - at[ADV_SNAP_NODE_PERSON]) / 4;
	const int32_t *np = (const int32_t *)((const char *)image + at[ADV_SNAP_NODE_PERSON]);
	uint64_t bare = 0;
	while (bare < nodes && np[bare] != ADV_NODE_BARE)
		bare++;
	cr_assert_lt(bare, nodes, "the example has a node that is no one's");
	assert_damage_refused(at[ADV_SNAP_NODE_PERSON] + 4 * bare, &zero, 4,
			"nodes claim one of the", "a node claiming a person");
}

Test(snapshot_open, a_file_of_another_kind_or_a_changed_byte_is_refused)
{
	char *b = copy_of(image_size);
	b[0] = 'X';
	assert_refused(b, image_size, "it is not a snapshot", "magic");
	free(b);
	b = copy_of(image_size);
	uint32_t version = 8;
	poke(b, 8, &version, 4);
	assert_refused(b, image_size, "another format version", "version");
	free(b);
	b = copy_of(image_size);
	b[at[ADV_SNAP_STRINGS] + 3] ^= 0x20;
	assert_refused(b, image_size, "its checksum does not match", "one byte");
	free(b);
	/* Not on an 8-byte boundary: its records could not be read. */
	char *odd = malloc(image_size + 8);
	memcpy(odd + 4, image, image_size);
	assert_refused(odd + 4, image_size, "not aligned", "alignment");
	free(odd);
}
