/*
 * test_schema.c - the fields declared in network/schema.h are the fields
 * of everything that follows from it: each loads from JSON and from NDJSON
 * to the same value, survives a snapshot, and is read by its name from Lua.
 *
 * The documents are written from the schema itself (a sample value of each
 * kind), so a field added to the schema is tested here without a line of
 * this file changing -- except an event field, which needs an event of a
 * type that defines it in EVENTS below; the test says which field lacks one.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"
#include "network/network.h"
#include "network/schema.h"
#include "snapshot/snapshot.h"

static const char *const person_schema_keys[] = {
	ADV_PERSON_SCHEMA(ADV_SCHEMA_KEY) NULL };
static const char *const event_schema_keys[] = {
	ADV_EVENT_SCHEMA(ADV_SCHEMA_KEY) NULL };

/* Events that together give every event field of the schema a value. */
static const char EVENTS[] =
	"[{\"type\":\"met\",\"date\":\"2019-05-03\",\"context\":\"PyCon\",\"tone\":\"cordial\"},"
	"{\"type\":\"worked_together\",\"org\":\"Acme\",\"relation\":\"boss\","
	"\"from\":\"2015-01\",\"to\":\"2017-06\",\"ending\":\"bad\",\"reason\":\"fired\"},"
	"{\"type\":\"introduced\",\"by\":\"bob\",\"date\":\"2020-01-10\",\"note\":\"hi\"},"
	"{\"type\":\"interview\",\"date\":\"2021-02-01\",\"role\":\"recruiter\",\"status\":\"done\"},"
	"{\"type\":\"invitation\",\"date\":\"2022-03-01\",\"direction\":\"in\",\"message\":\"hello\"},"
	"{\"type\":\"recommendation\",\"date\":\"2022-03-02\",\"direction\":\"in\","
	"\"message\":\"a great PM\"},"
	"{\"type\":\"endorsement\",\"date\":\"2024-12-07\",\"direction\":\"out\","
	"\"skill\":\"SQL\"}]";

/* A sample JSON value of a kind: never the kind's absent value. */
#define ENUM_SAMPLE(kind, member, names) \
	if (strcmp(#kind, "ENUM") == 0 && strcmp(#member, m) == 0) \
		return enum_table_first((const void *)names);
static const char *enum_table_first(const void *names)
{
	return names ? ((const char *const *)names)[1] : "";
}
static const char *enum_sample(const char *m)
{
	ADV_PERSON_SCHEMA(ENUM_SAMPLE)
	return "";
}

static const char *sample_of(const char *kind, const char *member)
{
	static char buf[128];
	if (!strcmp(kind, "REQSTR") || !strcmp(kind, "STR")) {
		snprintf(buf, sizeof(buf), "\"v-%s\"", member);
		return buf;
	}
	if (!strcmp(kind, "TRIBOOL") || !strcmp(kind, "BOOL"))
		return "true";
	if (!strcmp(kind, "COUNT"))
		return "7";
	if (!strcmp(kind, "DATE"))
		return "\"2020-01-02\"";
	cr_assert_fail("the test has no sample of a person field of kind %s (%s)",
		kind, member);
	return "";
}

/* The person "ann" with every field of the schema, as one JSON object. */
static void person_json(char *buf, size_t size)
{
	size_t at = (size_t)snprintf(buf, size, "{\"id\":\"ann\"");
#define SAMPLE(kind, member, names) \
	at += (size_t)snprintf(buf + at, size - at, ",\"%s\":", #member); \
	if (strcmp(#kind, "ENUM") == 0) \
		at += (size_t)snprintf(buf + at, size - at, "\"%s\"", \
			enum_sample(#member)); \
	else \
		at += (size_t)snprintf(buf + at, size - at, "%s", \
			sample_of(#kind, #member));
	ADV_PERSON_SCHEMA(SAMPLE)
#undef SAMPLE
	snprintf(buf + at, size - at,
		",\"connections\":[\"bob\",\"me\"],\"events\":%s}", EVENTS);
}

static const char ME[] = "{\"id\":\"me\",\"name\":\"Me\"}";
/* Bob, not connected, so that a rule runs for him: his introducer is ann. */
static const char BOB[] = "{\"id\":\"bob\",\"name\":\"Bob\",\"events\":"
	"[{\"type\":\"introduced\",\"by\":\"ann\",\"date\":\"2020-01-01\"}]}";

static advisor_network *load_path(const char *path, const char *cache_dir)
{
	advisor_load_options opts = ADVISOR_LOAD_OPTIONS_INIT;
	advisor_network *net = NULL;
	advisor_error err;

	opts.cache_dir = cache_dir;
	cr_assert_eq(advisor_network_load(&net, path, &opts, &err), ADVISOR_OK,
		"%s: %s", path, err.message);
	return net;
}

static advisor_network *load(const char *text, const char *name)
{
	return load_path(write_temp(name, text, strlen(text)), NULL);
}

static char ann[8192], json_doc[16384], ndjson_doc[16384];

static void documents(void)
{
	person_json(ann, sizeof(ann));
	snprintf(json_doc, sizeof(json_doc),
		"{\"format\":\"advisor-network/1\",\"me\":%s,\"people\":[%s,%s]}",
		ME, ann, BOB);
	snprintf(ndjson_doc, sizeof(ndjson_doc),
		"{\"format\":\"advisor-network/1\",\"me\":%s}\n%s\n%s\n", ME, ann, BOB);
}

/* Is a member of each kind present (not its absent value)? */
#define PRESENT_REQSTR(v) ((v).at != 0)
#define PRESENT_STR(v) ((v).at != 0)
#define PRESENT_ENUM(v) ((v) != 0)
#define PRESENT_TRIBOOL(v) ((v) == 1)
#define PRESENT_BOOL(v) ((v) == 1)
#define PRESENT_COUNT(v) ((v) >= 0)
#define PRESENT_DATE(v) ((v).precision != 0)
#define PRESENT_RELATION(v) ((v) != 0)
#define PRESENT_NODE(v) ((v) != ADV_NO_NODE)

/* Are two values of a kind, a of network na and b of nb, the same? */
static int same_string(const char *a, const char *b)
{
	return (a == NULL) == (b == NULL) && (!a || !strcmp(a, b));
}
#define SAME_REQSTR(na, a, nb, b) same_string(adv_str(na, a), adv_str(nb, b))
#define SAME_STR SAME_REQSTR
#define SAME_ENUM(na, a, nb, b) ((a) == (b))
#define SAME_TRIBOOL SAME_ENUM
#define SAME_BOOL SAME_ENUM
#define SAME_COUNT SAME_ENUM
#define SAME_RELATION SAME_ENUM
#define SAME_NODE SAME_ENUM
#define SAME_DATE(na, a, nb, b) ((a).day == (b).day && (a).precision == (b).precision)

static const adv_person *ann_of(const advisor_network *net)
{
	const adv_person *p = adv_network_person(net, "ann");
	cr_assert_not_null(p);
	return p;
}

/* Every field of ann, and every event field in some event of hers, is
 * present in net, and the same as in ref (when given). */
static void expect_fields(const advisor_network *net,
	const advisor_network *ref, const char *what)
{
	const adv_person *p = ann_of(net), *q = ref ? ann_of(ref) : NULL;

#define CHECK_PERSON(kind, member, names) \
	cr_expect(PRESENT_##kind(p->member), "%s: person.%s did not load", what, \
		#member); \
	if (q) \
		cr_expect(SAME_##kind(net, p->member, ref, q->member), \
			"%s: person.%s differs", what, #member);
	ADV_PERSON_SCHEMA(CHECK_PERSON)
#undef CHECK_PERSON

	cr_assert_eq(p->event_count, 7, "%s: ann's events", what);
	const adv_event *e = &net->events[p->first_event];
	const adv_event *f = q ? &ref->events[q->first_event] : NULL;
#define CHECK_EVENT(kind, member, names) { \
		int seen = 0; \
		for (uint32_t i = 0; i < p->event_count; i++) { \
			seen |= PRESENT_##kind(e[i].member); \
			if (f) \
				cr_expect(SAME_##kind(net, e[i].member, ref, f[i].member), \
					"%s: events[%u].%s differs", what, i, #member); \
		} \
		cr_expect(seen, "%s: no event of EVENTS in test_schema.c has " \
			"event.%s: add one with it", what, #member); \
	}
	ADV_EVENT_SCHEMA(CHECK_EVENT)
#undef CHECK_EVENT
}

Test(schema, person_keys_are_distinct_and_fit_the_loaders_index)
{
	adv_key_index ix;

	cr_assert_eq(adv_key_index_init(&ix, adv_person_keys, ADV_PK__COUNT), 0,
		"a person key does not start with a-z, or more than %d share a "
		"first letter: raise ADV_KEYS_PER_LETTER", ADV_KEYS_PER_LETTER);
	for (int i = 0; i < ADV_PK__COUNT; i++) {
		cr_expect_eq(adv_key_find(&ix, adv_person_keys, adv_person_keys[i]), i,
			"%s", adv_person_keys[i]);
		for (int j = 0; j < i; j++)
			cr_expect_str_neq(adv_person_keys[i], adv_person_keys[j]);
	}
	cr_expect_eq(adv_key_find(&ix, adv_person_keys, "zz-not-a-field"), -1);
	cr_expect_eq(adv_key_find(&ix, adv_person_keys, "Name"), -1);
	cr_expect_null(adv_person_keys[ADV_PK__COUNT]);
}

Test(schema, every_field_loads_from_json_and_ndjson_to_the_same_value)
{
	documents();
	advisor_network *a = load(json_doc, "schema.json");
	advisor_network *b = load(ndjson_doc, "schema.ndjson");
	expect_fields(a, NULL, "json");
	expect_fields(b, a, "ndjson");
	advisor_network_free(a);
	advisor_network_free(b);
}

Test(schema, every_field_survives_a_snapshot)
{
	char dir[] = "/tmp/advisor-schema-XXXXXX", cmd[128];

	cr_assert_not_null(mkdtemp(dir));
	documents();
	const char *path = write_temp("schema-snap.json", json_doc, strlen(json_doc));
	advisor_network *a = load_path(path, NULL);
	advisor_network_free(load_path(path, dir));    /* writes the snapshot */
	advisor_network *b = load_path(path, dir);     /* reads it */
	cr_expect_not_null(adv_snapshot_blob(b), "the second load was from the snapshot");
	expect_fields(b, a, "snapshot");
	advisor_network_free(a);
	advisor_network_free(b);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	cr_assert_eq(system(cmd), 0);
}

/* A Lua list of the keys: { "name", "headline", ... }. */
static void lua_list(char *buf, size_t size, const char *const *keys)
{
	size_t at = (size_t)snprintf(buf, size, "{");
	for (int i = 0; keys[i]; i++)
		at += (size_t)snprintf(buf + at, size - at, "%s\"%s\"", i ? "," : "",
			keys[i]);
	snprintf(buf + at, size - at, "}");
}

Test(schema, every_field_is_read_by_its_name_from_lua)
{
	char root[] = "/tmp/advisor-schema-lua-XXXXXX", layer[128], file[160];
	char pkeys[2048], ekeys[2048], src[8192];
	advisor_engine_options o = ADVISOR_ENGINE_OPTIONS_INIT;
	advisor_request req = ADVISOR_REQUEST_INIT;
	advisor_engine *engine = NULL;
	advisor_result *r = NULL;
	advisor_error err;

	cr_assert_not_null(mkdtemp(root));
	snprintf(layer, sizeof(layer), "%s/mine", root);
	cr_assert_eq(mkdir(layer, 0700), 0);
	snprintf(file, sizeof(file), "%s/probe.lua", layer);
	lua_list(pkeys, sizeof(pkeys), person_schema_keys);
	lua_list(ekeys, sizeof(ekeys), event_schema_keys);
	snprintf(src, sizeof(src),
		"advisor.rule {\n"
		"  name = \"probe\",\n"
		"  description = \"the schema's fields as Lua sees them\",\n"
		"  check = function(bob, request)\n"
		"    local person\n"
		"    for e in bob:events('introduced') do person = e.by end\n"
		"    local missing = {}\n"
		"    for _, k in ipairs(%s) do\n"
		"      if person[k] == nil then missing[#missing + 1] = 'person.' .. k end\n"
		"    end\n"
		"    for _, k in ipairs(%s) do\n"
		"      local seen = false\n"
		"      for e in person:events() do seen = seen or e[k] ~= nil end\n"
		"      if not seen then missing[#missing + 1] = 'event.' .. k end\n"
		"    end\n"
		"    return 'missing:' .. table.concat(missing, ',')\n"
		"  end,\n"
		"}\n", pkeys, ekeys);
	FILE *f = fopen(file, "wb");
	cr_assert_not_null(f);
	fputs(src, f);
	fclose(f);

	documents();
	advisor_network *net = load(json_doc, "schema-lua.json");
	const char *layers[1] = { layer };
	o.policy_layers = layers;
	o.policy_layer_count = 1;
	cr_assert_eq(advisor_engine_new(&engine, &o, &err), ADVISOR_OK, "%s",
		err.message);
	req.person = "bob";
	req.as_of = "2026-06-01";
	cr_assert_eq(advisor_advise(&r, engine, net, &req, &err), ADVISOR_OK, "%s",
		err.message);
	const char *detail = NULL;
	for (size_t i = 0; i < advisor_result_reason_count(r); i++)
		if (!strcmp(advisor_result_reason(r, i)->rule, "probe"))
			detail = advisor_result_reason(r, i)->detail;
	cr_assert_not_null(detail, "rule probe did not fire");
	cr_expect_str_eq(detail, "missing:", "fields Lua cannot read: %s", detail);
	advisor_result_free(r);
	advisor_engine_free(engine);
	advisor_network_free(net);
	unlink(file);
	rmdir(layer);
	rmdir(root);
}
