/*
 * test_snapshot_layout.c - the snapshot is used in place (mapped wherever
 * the kernel puts it), and no damage to any of its sections gets through: a
 * snapshot cut short at any section, or with an offset, index or value out
 * of range under a valid checksum, is ignored with a warning, and the
 * source is parsed instead.
 */
#include <criterion/criterion.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "network/network.h"
#include "json/strict.h"
#include "snapshot/snapshot.h"

static char dir[256];
static char net_path[512];
static char snap[600];

static void setup(void)
{
	snprintf(dir, sizeof(dir), "/tmp/advisor-snap-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	/* The example, with a warning for the snapshot to keep. */
	snprintf(net_path, sizeof(net_path), "%s/network.json", dir);
	cr_assert_eq(copy_example_warning(net_path), 0);
	cr_assert_eq(adv_snapshot_path(snap, sizeof(snap), dir, net_path), 0);
}

static void teardown(void)
{
	char cmd[600];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	cr_assert_eq(system(cmd), 0);
}

/* Warnings of the last load: how many, and whether one said the snapshot
 * was ignored. */
static int warnings, ignored;
static void on_warning(void *payload, const char *message)
{
	(void)payload;
	warnings++;
	if (strstr(message, "snapshot of") && strstr(message, "ignored"))
		ignored++;
}

static advisor_network *load(int cached)
{
	advisor_load_options opts = ADVISOR_LOAD_OPTIONS_INIT;
	advisor_network *net = NULL;
	advisor_error err;
	opts.cache_dir = cached ? dir : NULL;
	opts.warning = on_warning;
	warnings = ignored = 0;
	cr_assert_eq(advisor_network_load(&net, net_path, &opts, &err), ADVISOR_OK,
		"%s", err.message);
	return net;
}

/* Every field the snapshot carries, compared with the parsed network. */
static void assert_same_person(const advisor_network *na, const adv_person *p,
	const advisor_network *nb, const adv_person *q)
{
	const char *const a[] = { adv_str(na, p->id), adv_str(na, p->name),
		adv_str(na, p->headline), adv_str(na, p->title),
		adv_str(na, p->company), adv_str(na, p->industry),
		adv_str(na, p->location) };
	const char *const b[] = { adv_str(nb, q->id), adv_str(nb, q->name),
		adv_str(nb, q->headline), adv_str(nb, q->title),
		adv_str(nb, q->company), adv_str(nb, q->industry),
		adv_str(nb, q->location) };
	for (size_t k = 0; k < sizeof(a) / sizeof(*a); k++) {
		cr_assert_eq(!a[k], !b[k], "%s: field %zu", a[0], k);
		if (a[k])
			cr_assert_str_eq(a[k], b[k]);
	}
	cr_assert_eq(p->seniority, q->seniority);
	cr_assert_eq(p->influencer, q->influencer);
	cr_assert_eq(p->connected, q->connected);
	cr_assert_eq(p->followers, q->followers);
	cr_assert_eq(p->node, q->node);
	cr_assert_eq(p->first_event, q->first_event);
	cr_assert_eq(p->event_count, q->event_count);
	cr_assert_eq(!p->extra, !q->extra);
	if (p->extra) {
		char *x = cJSON_PrintUnformatted(p->extra);
		char *y = cJSON_PrintUnformatted(q->extra);
		cr_assert_str_eq(x, y);
		cJSON_free(x);
		cJSON_free(y);
	}
}

static void assert_same(const advisor_network *a, const advisor_network *b)
{
	cr_assert_eq(a->people_count, b->people_count);
	cr_assert_eq(a->event_count, b->event_count);
	cr_assert_eq(a->node_count, b->node_count);
	assert_same_person(a, &a->me, b, &b->me);
	for (size_t i = 0; i < a->people_count; i++) {
		assert_same_person(a, &a->people[i], b, &b->people[i]);
		cr_assert_eq(adv_network_person(b, adv_str(a, a->people[i].id)),
			&b->people[i]);
	}
	for (size_t i = 0; i < a->event_count; i++) {
		const adv_event *e = &a->events[i], *f = &b->events[i];
		cr_assert_str_eq(adv_str(a, e->type_name), adv_str(b, f->type_name));
		cr_assert_eq(e->type, f->type);
		cr_assert_eq(e->date.day, f->date.day);
		cr_assert_eq(e->by, f->by);
		cr_assert_eq(!e->context.at, !f->context.at);
		if (e->context.at)
			cr_assert_str_eq(adv_str(a, e->context), adv_str(b, f->context));
		cr_assert_eq(!e->extra, !f->extra);
	}
	for (uint32_t v = 0; v < a->node_count; v++)
		cr_assert_str_eq(adv_node_id(a, v), adv_node_id(b, v));
	for (uint32_t v = 0; v <= a->node_count; v++)
		cr_assert_eq(a->graph.off[v], b->graph.off[v]);
	cr_assert_eq(memcmp(a->graph.adj, b->graph.adj,
		a->graph.off[a->node_count] * sizeof(uint32_t)), 0);
}

/* The snapshot, written by a first cached load; its sections. */
static void make_snapshot(uint64_t at[ADV_SNAP__COUNT])
{
	advisor_network_free(load(1));
	cr_assert_eq(adv_snapshot_sections(snap, at), ADV_SNAP__COUNT);
}

/* Overwrite n bytes at off in the snapshot. */
static void poke(uint64_t off, const void *bytes, size_t n)
{
	FILE *f = fopen(snap, "r+b");
	cr_assert_not_null(f);
	cr_assert_eq(fseek(f, (long)off, SEEK_SET), 0);
	cr_assert_eq(fwrite(bytes, 1, n, f), n);
	fclose(f);
}

static void peek(uint64_t off, void *bytes, size_t n)
{
	FILE *f = fopen(snap, "rb");
	cr_assert_not_null(f);
	cr_assert_eq(fseek(f, (long)off, SEEK_SET), 0);
	cr_assert_eq(fread(bytes, 1, n, f), n);
	fclose(f);
}

/* The snapshot as it is now must be refused, with a warning, and the
 * network parsed from the source instead. */
static void assert_refused(const advisor_network *parsed, const char *what)
{
	advisor_network *net = load(1);
	cr_assert_null(adv_snapshot_blob(net), "%s: the damaged snapshot was used", what);
	cr_assert_eq(ignored, 1, "%s: no warning said the snapshot was ignored", what);
	assert_same(parsed, net);
	advisor_network_free(net);
}

TestSuite(cache_layout, .init = setup, .fini = teardown);

Test(cache_layout, a_snapshot_is_used_in_place_and_equals_the_parsed_network)
{
	advisor_network *parsed = load(0);
	uint64_t at[ADV_SNAP__COUNT];
	make_snapshot(at);
	advisor_network *net = load(1);
	cr_assert_not_null(adv_snapshot_blob(net));
	cr_assert_eq(ignored, 0);
	assert_same(parsed, net);
	/* The records are the file's own bytes, not a decoded copy. */
	cr_assert_eq((char *)net->people, (const char *)adv_snapshot_blob(net) + at[ADV_SNAP_PEOPLE]);
	cr_assert_eq((char *)net->graph.adj, (const char *)adv_snapshot_blob(net) + at[ADV_SNAP_ADJ]);
	const char *strings = (const char *)adv_snapshot_blob(net) + at[ADV_SNAP_STRINGS];
	const char *name = adv_str(net, net->people[0].name);
	cr_assert(name >= strings &&
		name < (const char *)adv_snapshot_blob(net) + at[ADV_SNAP_END]);
	/* Each distinct string is stored once. */
	for (size_t i = 1; i < net->people_count; i++)
		for (size_t j = 0; j < i; j++) {
			const char *x = adv_str(net, net->people[i].industry);
			const char *y = adv_str(net, net->people[j].industry);
			if (x && y && strcmp(x, y) == 0)
				cr_assert_eq(x, y);
		}
	advisor_network_free(net);
	advisor_network_free(parsed);
}

/* Nothing in the file is an address: the same snapshot opened twice at
 * once is mapped twice, at two addresses, and both are the network. */
Test(cache_layout, a_snapshot_opened_twice_is_mapped_at_two_addresses)
{
	advisor_network *parsed = load(0);
	uint64_t at[ADV_SNAP__COUNT];
	make_snapshot(at);
	advisor_network *first = load(1), *second = load(1);
	cr_assert_eq(adv_snapshot_mapped(first), 1);
	cr_assert_eq(adv_snapshot_mapped(second), 1);
	cr_assert_neq(adv_snapshot_blob(second), adv_snapshot_blob(first));
	assert_same(parsed, first);
	assert_same(parsed, second);
	const adv_person *erik = adv_network_person(second, "erik-lindqvist");
	{
		int nomem = 0;
		char *school = adv_json_extra_string(erik->extra, "school", &nomem);
		cr_assert_str_eq(school, "KTH");
		free(school);
	}
	advisor_network_free(first);
	advisor_network_free(second);
	advisor_network_free(parsed);
}

Test(cache_layout, advice_from_the_snapshot_is_the_advice_from_the_file)
{
	advisor_network *parsed = load(0);
	uint64_t at[ADV_SNAP__COUNT];
	make_snapshot(at);
	advisor_network *holder = load(1), *second = load(1);
	cr_assert_not_null(adv_snapshot_blob(second));
	advisor_engine *engine = NULL;
	advisor_error err;
	cr_assert_eq(advisor_engine_new(&engine, NULL, &err), ADVISOR_OK);
	for (size_t i = 0; i < advisor_network_person_count(parsed); i++) {
		char req[256], *a = NULL, *b = NULL, *c = NULL;
		snprintf(req, sizeof(req),
			"{\"person\":\"%s\",\"intent\":[\"learn\"],\"as_of\":\"2026-11-27\"}",
			advisor_network_person_id(parsed, i));
		cr_assert_eq(advisor_advise_json(&a, engine, parsed, req, strlen(req), &err), ADVISOR_OK);
		cr_assert_eq(advisor_advise_json(&b, engine, holder, req, strlen(req), &err), ADVISOR_OK);
		cr_assert_eq(advisor_advise_json(&c, engine, second, req, strlen(req), &err), ADVISOR_OK);
		cr_assert_str_eq(a, b);
		cr_assert_str_eq(a, c);
		advisor_string_free(a);
		advisor_string_free(b);
		advisor_string_free(c);
	}
	advisor_engine_free(engine);
	advisor_network_free(holder);
	advisor_network_free(second);
	advisor_network_free(parsed);
}

/* Cut at the start, in the middle and one byte before the end of every
 * section: never used, always reported. */
Test(cache_layout, a_snapshot_cut_short_at_any_section_is_refused)
{
	advisor_network *parsed = load(0);
	uint64_t at[ADV_SNAP__COUNT];
	make_snapshot(at);
	char *whole = malloc(at[ADV_SNAP_END]);
	peek(0, whole, at[ADV_SNAP_END]);
	for (int s = 0; s < ADV_SNAP_END; s++) {
		uint64_t cuts[3] = { at[s], (at[s] + at[s + 1]) / 2, at[s + 1] - 1 };
		for (int k = 0; k < 3; k++) {
			if (cuts[k] >= at[ADV_SNAP_END] || (k && cuts[k] <= at[s]))
				continue; /* an empty section has no middle */
			char what[64];
			snprintf(what, sizeof(what), "cut at %llu (section %d)",
				(unsigned long long)cuts[k], s);
			FILE *f = fopen(snap, "wb");
			cr_assert_eq(fwrite(whole, 1, cuts[k], f), cuts[k]);
			fclose(f);
			assert_refused(parsed, what);
		}
	}
	/* Cut inside the header: too short to be one; ignored quietly, as if
	 * absent, and rewritten. */
	FILE *f = fopen(snap, "wb");
	cr_assert_eq(fwrite(whole, 1, 100, f), 100);
	fclose(f);
	advisor_network *net = load(1);
	cr_assert_null(adv_snapshot_blob(net));
	advisor_network_free(net);
	free(whole);
	advisor_network_free(parsed);
}

Test(cache_layout, a_flipped_byte_is_refused_by_the_checksum)
{
	advisor_network *parsed = load(0);
	uint64_t at[ADV_SNAP__COUNT];
	make_snapshot(at);
	for (int s = 0; s < ADV_SNAP_END; s++) {
		if (at[s] == at[s + 1])
			continue;
		uint64_t off = (at[s] + at[s + 1]) / 2;
		unsigned char c;
		peek(off, &c, 1);
		c ^= 0x10;
		poke(off, &c, 1);
		assert_refused(parsed, "flipped byte");
		advisor_network_free(load(1)); /* rewritten whole */
		cr_assert_eq(adv_snapshot_sections(snap, at), ADV_SNAP__COUNT);
	}
	advisor_network_free(parsed);
}

/* One damage under a valid checksum: only the structural checks can
 * catch it. */
typedef struct damage {
	const char *what;
	int section;
	size_t offset;      /* within the section */
	size_t size;        /* bytes written */
	uint64_t value;     /* written (little-endian), or: */
	int relative;       /* 1: value is added to the strings' length */
} damage;

Test(cache_layout, an_offset_index_or_value_out_of_range_is_refused)
{
	advisor_network *parsed = load(0);
	uint64_t at[ADV_SNAP__COUNT];
	make_snapshot(at);
	const size_t P = sizeof(adv_person), E = sizeof(adv_event);
	/* A string is its offset in the strings plus one: the strings' length
	 * is their last byte, length + 1 the first past them. */
	const damage cases[] = {
		{ "a name far past the strings", ADV_SNAP_PEOPLE,
		  offsetof(adv_person, name), 8, (uint64_t)-1, 0 },
		{ "a name one past the strings", ADV_SNAP_PEOPLE,
		  2 * P + offsetof(adv_person, name), 8, 1, 1 },
		{ "a missing id", ADV_SNAP_PEOPLE, offsetof(adv_person, id), 8, 0, 0 },
		{ "a missing name", ADV_SNAP_PEOPLE, offsetof(adv_person, name), 8, 0, 0 },
		{ "a headline past the strings", ADV_SNAP_PEOPLE,
		  offsetof(adv_person, headline), 8, 1u << 30, 1 },
		{ "my name past the strings", ADV_SNAP_ME,
		  offsetof(adv_person, name), 8, 1, 1 },
		{ "my node out of range", ADV_SNAP_ME, offsetof(adv_person, node), 4,
		  1u << 30, 0 },
		{ "a person's node out of range", ADV_SNAP_PEOPLE,
		  offsetof(adv_person, node), 4, 1u << 30, 0 },
		{ "a person's node someone else's", ADV_SNAP_PEOPLE,
		  offsetof(adv_person, node), 4, 0, 0 },
		{ "events past the end", ADV_SNAP_PEOPLE,
		  offsetof(adv_person, first_event), 4, 1u << 30, 0 },
		{ "a seniority past its table", ADV_SNAP_PEOPLE,
		  offsetof(adv_person, seniority), 1, 9, 0 },
		{ "an extra pointer in a record", ADV_SNAP_PEOPLE,
		  offsetof(adv_person, extra), 8, 0x1000, 0 },
		{ "an event type name past the strings", ADV_SNAP_EVENTS,
		  E + offsetof(adv_event, type_name), 8, 1, 1 },
		{ "an event type past its table", ADV_SNAP_EVENTS,
		  offsetof(adv_event, type), 1, ADV_EV__COUNT, 0 },
		{ "an introducer out of range", ADV_SNAP_EVENTS,
		  offsetof(adv_event, by), 4, 1u << 30, 0 },
		{ "a note past the strings", ADV_SNAP_EVENTS,
		  offsetof(adv_event, note), 8, 0x1234, 1 },
		{ "a node id past the strings", ADV_SNAP_IDS, 8, 8, 1, 1 },
		{ "a missing node id", ADV_SNAP_IDS, 0, 8, 0, 0 },
		{ "a warning past the strings", ADV_SNAP_WARNINGS, 0, 8, 1, 1 },
		{ "an extra of a person past the end", ADV_SNAP_EXTRAS, 4, 4, 1u << 30, 0 },
		{ "an extra of an unknown kind", ADV_SNAP_EXTRAS, 0, 4, 7, 0 },
		{ "an extra's text past the strings", ADV_SNAP_EXTRAS, 8, 8, 1, 1 },
		{ "a node's person out of range", ADV_SNAP_NODE_PERSON, 4, 4, 1u << 30, 0 },
		{ "a slot naming no node", ADV_SNAP_SLOTS, 0, 8, 0x00000001fffffff0ULL, 0 },
		{ "a row ending before it starts", ADV_SNAP_OFF, 8, 4, 0, 0 },
		{ "a row past the links", ADV_SNAP_OFF, 4, 4, 1u << 30, 0 },
		{ "a link to a node out of range", ADV_SNAP_ADJ, 0, 4, 1u << 30, 0 },
		{ "the strings not ending with a NUL", ADV_SNAP_STRINGS, 0, 0, 0, 0 },
	};
	for (size_t c = 0; c < sizeof(cases) / sizeof(*cases); c++) {
		const damage *d = &cases[c];
		uint64_t off = at[d->section] + d->offset;
		uint64_t strings = at[ADV_SNAP_END] - at[ADV_SNAP_STRINGS];
		cr_assert_lt(off, at[d->section + 1], "%s: outside its section", d->what);
		if (d->section == ADV_SNAP_STRINGS) {
			unsigned char x = 'x';
			for (uint64_t o = at[ADV_SNAP_END] - 8; o < at[ADV_SNAP_END]; o++)
				poke(o, &x, 1);
		} else {
			uint64_t v = d->relative ? strings + d->value : d->value;
			poke(off, &v, d->size);
		}
		cr_assert_eq(adv_snapshot_reseal(snap), 0);
		assert_refused(parsed, d->what);
		advisor_network_free(load(1)); /* rewritten whole */
		cr_assert_eq(adv_snapshot_sections(snap, at), ADV_SNAP__COUNT);
	}
	advisor_network_free(parsed);
}

/* The same extra named twice would be parsed twice into one record: one
 * tree lost, or freed twice.  Refused, and nothing leaks (valgrind, ASan). */
Test(cache_layout, an_extra_named_twice_is_refused)
{
	static const char text[] = "{\"format\":\"advisor-network/1\","
		"\"me\":{\"id\":\"me\",\"name\":\"Me\"},\"people\":["
		"{\"id\":\"a\",\"name\":\"A\",\"school\":\"KTH\"},"
		"{\"id\":\"b\",\"name\":\"B\",\"hobby\":\"chess\"}]}";
	FILE *f = fopen(net_path, "wb");
	cr_assert_eq(fwrite(text, 1, sizeof(text) - 1, f), sizeof(text) - 1);
	fclose(f);
	advisor_network *parsed = load(0);
	uint64_t at[ADV_SNAP__COUNT];
	make_snapshot(at);
	size_t n = (size_t)(at[ADV_SNAP_NODE_PERSON] - at[ADV_SNAP_EXTRAS]) / 16;
	cr_assert_eq(n, 2, "a's extra and b's");
	unsigned char ref[16];
	peek(at[ADV_SNAP_EXTRAS], ref, 16);
	poke(at[ADV_SNAP_EXTRAS] + 16 * (n - 1), ref, 16);
	cr_assert_eq(adv_snapshot_reseal(snap), 0);
	assert_refused(parsed, "an extra named twice");
	advisor_network_free(parsed);
}
