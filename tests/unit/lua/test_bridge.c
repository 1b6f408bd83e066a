/*
 * test_bridge.c - the Lua bridge seen through the public API: what a policy
 * layer can read of people and events, what the primitives answer on a
 * small hand-made network, what the sandbox hides, and how failures of a
 * policy come back (file and line, limits, and the engine still usable).
 *
 * Each test writes a policy layer (a folder "mine" under a fresh mkdtemp
 * directory) from C strings, builds an engine over the shipped policy plus
 * that layer, and reads what the layer's rule saw from the detail string it
 * returns.  The fixture removes the folder afterwards.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"

/* ------------------------------------------------------------------------
 * The network: me, ann (every field, many events, extra fields), two of
 * my connections (bob, carl), and a chain ann - dave - eve - zed (bare).
 *
 *   me: bob, carl          ann: bob, carl, dave     bob: me, ann, carl
 *   carl: me, ann, bob     dave: ann, eve           eve: dave, zed
 * ------------------------------------------------------------------------ */

static const char NETWORK[] =
	"{ \"format\": \"advisor-network/1\",\n"
	"  \"me\": { \"id\": \"me\", \"name\": \"Alex Kim\", \"industry\": \"Software\" },\n"
	"  \"people\": [\n"
	"    { \"id\": \"ann\", \"name\": \"Ann Marie Lee\", \"headline\": \"CTO at Foo\",\n"
	"      \"title\": \"CTO\", \"company\": \"Foo\", \"industry\": \"Software\",\n"
	"      \"location\": \"Oslo\", \"seniority\": \"executive\", \"followers\": 12000,\n"
	"      \"influencer\": true, \"connected\": false, \"connected_on\": \"2020-02\",\n"
	"      \"school\": \"MIT\", \"tags\": [\"rust\", \"go\"],\n"
	"      \"meta\": { \"rank\": 2, \"ratio\": 0.5, \"ok\": true, \"list\": [1, { \"k\": \"v\" }] },\n"
	"      \"connections\": [\"bob\", \"carl\", \"dave\"],\n"
	"      \"events\": [\n"
	"        { \"type\": \"met\", \"date\": \"2019-05-03\", \"context\": \"PyCon 2019\",\n"
	"          \"tone\": \"cordial\", \"venue\": { \"city\": \"Cleveland\", \"hall\": \"B\" } },\n"
	"        { \"type\": \"worked_together\", \"org\": \"Acme\", \"relation\": \"boss\",\n"
	"          \"from\": \"2015-01\", \"to\": \"2017-06\", \"ending\": \"bad\", \"reason\": \"fired\" },\n"
	"        { \"type\": \"introduced\", \"by\": \"bob\", \"date\": \"2026-01-10\",\n"
	"          \"note\": \"Ann wants to talk Rust.\" },\n"
	"        { \"type\": \"interview\", \"date\": \"2026-02-01\", \"role\": \"recruiter\",\n"
	"          \"status\": \"scheduled\" },\n"
	"        { \"type\": \"message\", \"date\": \"2026-03-01\", \"direction\": \"in\" },\n"
	"        { \"type\": \"met\", \"date\": \"2024-06\", \"context\": \"Meetup\", \"tone\": \"neutral\" },\n"
	"        { \"type\": \"met\", \"date\": \"2027-01-01\", \"context\": \"Future\", \"tone\": \"cordial\" }\n"
	"      ] },\n"
	"    { \"id\": \"bob\", \"name\": \"Bob Stone\", \"connected\": true,\n"
	"      \"connected_on\": \"2021-03-15\", \"connections\": [\"me\", \"ann\", \"carl\"] },\n"
	"    { \"id\": \"carl\", \"name\": \"Carl Berg\", \"connected\": true,\n"
	"      \"connections\": [\"ann\", \"bob\"] },\n"
	"    { \"id\": \"dave\", \"name\": \"Dave\", \"connections\": [\"ann\", \"eve\"],\n"
	"      \"events\": [\n"
	"        { \"type\": \"personal\", \"relation\": \"friend\", \"date\": \"2010\", \"ending\": \"good\" },\n"
	"        { \"type\": \"invitation\", \"date\": \"2025-12-24\", \"direction\": \"out\",\n"
	"          \"message\": \"Hi Dave\" },\n"
	"        { \"type\": \"coffee\", \"date\": \"2026-05-20\", \"place\": \"Caf\xC3\xA9\" }\n"
	"      ] },\n"
	"    { \"id\": \"eve\", \"name\": \"Eve Moss\", \"connections\": [\"dave\", \"zed\"] }\n"
	"  ] }\n";

#define AS_OF "2026-06-01"

/* A helper the probe files share: the values, tostring'ed, joined by |. */
static const char SHOW[] =
	"local function show(...)\n"
	"  local t = {}\n"
	"  for i = 1, select('#', ...) do t[#t + 1] = tostring((select(i, ...))) end\n"
	"  return table.concat(t, '|')\n"
	"end\n";

/* ------------------------------------------------------------------------
 * The layer folder, the network and the engine of one test.
 * ------------------------------------------------------------------------ */

#define MAX_FILES 8

static struct {
	char root[512];
	char dir[600];
	char files[MAX_FILES][700];
	int nfiles;
	char subdirs[MAX_FILES][700];
	int nsubdirs;
} layer;

static advisor_network *net;
static advisor_engine *engine;

static void setup(void)
{
	advisor_error err;
	const char *tmp = getenv("TMPDIR");

	memset(&layer, 0, sizeof(layer));
	snprintf(layer.root, sizeof(layer.root), "%s/advisor-bridge-XXXXXX",
		tmp && *tmp ? tmp : "/tmp");
	cr_assert_not_null(mkdtemp(layer.root), "mkdtemp %s", layer.root);
	snprintf(layer.dir, sizeof(layer.dir), "%s/mine", layer.root);
	cr_assert_eq(mkdir(layer.dir, 0700), 0);
	cr_assert_eq(load_text(&net, NETWORK, &err), ADVISOR_OK, "%s", err.message);
}

static void teardown(void)
{
	advisor_engine_free(engine);
	engine = NULL;
	advisor_network_free(net);
	net = NULL;
	for (int i = layer.nfiles; i-- > 0;)
		unlink(layer.files[i]);
	for (int i = layer.nsubdirs; i-- > 0;)
		rmdir(layer.subdirs[i]);
	if (layer.dir[0])
		rmdir(layer.dir);
	if (layer.root[0])
		rmdir(layer.root);
}

TestSuite(bridge, .init = setup, .fini = teardown);

/* Write a file of the layer; `name` may have one folder ("lib/x.lua"). */
static void layer_file(const char *name, const char *text)
{
	const char *slash = strchr(name, '/');

	cr_assert_lt(layer.nfiles, MAX_FILES);
	if (slash) {
		char *sub = layer.subdirs[layer.nsubdirs];
		snprintf(sub, sizeof(layer.subdirs[0]), "%s/%.*s", layer.dir,
			(int)(slash - name), name);
		if (mkdir(sub, 0700) == 0)
			layer.nsubdirs++;
	}
	char *path = layer.files[layer.nfiles];
	snprintf(path, sizeof(layer.files[0]), "%s/%s", layer.dir, name);
	FILE *f = fopen(path, "wb");
	cr_assert_not_null(f, "cannot write %s", path);
	layer.nfiles++;
	cr_assert_eq(fwrite(text, 1, strlen(text), f), strlen(text));
	fclose(f);
}

/* An engine over the shipped policy and the layer; opts may be NULL. */
static int new_engine(advisor_engine **out, const advisor_engine_options *opts,
	advisor_error *err)
{
	advisor_engine_options o = ADVISOR_ENGINE_OPTIONS_INIT;
	const char *layers[1] = { layer.dir };

	if (opts)
		o = *opts;
	o.policy_layers = layers;
	o.policy_layer_count = 1;
	return advisor_engine_new(out, &o, err);
}

static void make_engine(const advisor_engine_options *opts)
{
	advisor_error err;
	int rc = new_engine(&engine, opts, &err);
	cr_assert_eq(rc, ADVISOR_OK, "engine: %s", err.message);
}

static int advise(advisor_result **r, const char *person, const char *intent,
	advisor_error *err)
{
	advisor_request req = ADVISOR_REQUEST_INIT;
	const char *intents[1] = { intent };

	req.person = person;
	req.as_of = AS_OF;
	if (intent) {
		req.intents = intents;
		req.intent_count = 1;
	}
	return advisor_advise(r, engine, net, &req, err);
}

static const char *detail_of(const advisor_result *r, const char *rule)
{
	for (size_t i = 0; i < advisor_result_reason_count(r); i++)
		if (strcmp(advisor_result_reason(r, i)->rule, rule) == 0)
			return advisor_result_reason(r, i)->detail;
	return NULL;
}

/* Advise on person and return (malloc'ed) what rule "probe" returned. */
static char *probe_of(const char *person, const char *intent)
{
	advisor_result *r = NULL;
	advisor_error err;

	int rc = advise(&r, person, intent, &err);
	cr_assert_eq(rc, ADVISOR_OK, "advise %s: %s", person, err.message);
	const char *d = detail_of(r, "probe");
	cr_assert_not_null(d, "rule probe did not fire for %s", person);
	char *copy = strdup(d);
	advisor_result_free(r);
	return copy;
}

/* Write a layer whose rule "probe" runs `body` as its check, make the
 * engine, and return what the rule saw for person. */
static char *probe(const char *person, const char *body)
{
	static char src[16384];

	snprintf(src, sizeof(src),
		"%s"
		"advisor.rule {\n"
		"  name = \"probe\",\n"
		"  description = \"what the test wants to see\",\n"
		"  check = function(person, request)\n"
		"%s\n"
		"  end,\n"
		"}\n", SHOW, body);
	layer_file("probe.lua", src);
	make_engine(NULL);
	return probe_of(person, NULL);
}

#define expect_probe(person, body, expected) do { \
		char *got_ = probe(person, body); \
		cr_expect_str_eq(got_, expected); \
		free(got_); \
	} while (0)

/* The JSON of a result, for comparing two engines' answers. */
static char *result_json(advisor_engine *e, const char *person, const char *intent)
{
	advisor_request req = ADVISOR_REQUEST_INIT;
	const char *intents[1] = { intent };
	advisor_result *r = NULL;
	advisor_error err;
	char *json = NULL;

	req.person = person;
	req.as_of = AS_OF;
	if (intent) {
		req.intents = intents;
		req.intent_count = 1;
	}
	cr_assert_eq(advisor_advise(&r, e, net, &req, &err), ADVISOR_OK, "%s", err.message);
	cr_assert_eq(advisor_result_to_json(&json, r, &err), ADVISOR_OK, "%s", err.message);
	advisor_result_free(r);
	char *copy = strdup(json);
	advisor_string_free(json);
	return copy;
}

/* After a failure, the engine answers a normal request exactly as a fresh
 * engine with the same policy does. */
static void expect_engine_recovered(const advisor_engine_options *opts)
{
	advisor_engine *fresh = NULL;
	advisor_error err;
	static const char *const people[] = { "ann", "dave", "eve" };

	cr_assert_eq(new_engine(&fresh, opts, &err), ADVISOR_OK, "%s", err.message);
	for (size_t i = 0; i < sizeof(people) / sizeof(*people); i++) {
		char *a = result_json(engine, people[i], NULL);
		char *b = result_json(fresh, people[i], NULL);
		cr_expect_str_eq(a, b, "after a failure, %s gets another answer", people[i]);
		free(a);
		free(b);
	}
	advisor_engine_free(fresh);
}

/* Expect a request to fail with code, the message containing each of the
 * NULL-terminated needles, and no result. */
static void expect_failure(const char *person, const char *intent, int code, ...)
{
	advisor_result *r = (advisor_result *)&r; /* must be reset to NULL */
	advisor_error err;
	va_list ap;

	memset(&err, 0, sizeof(err));
	int rc = advise(&r, person, intent, &err);
	cr_assert_eq(rc, code, "advise %s (%s): rc %d, expected %d: %s", person,
		intent ? intent : "-", rc, code, err.message);
	cr_expect_eq(err.code, code);
	cr_expect_null(r, "a failed request must leave no result");
	va_start(ap, code);
	for (const char *s; (s = va_arg(ap, const char *));)
		cr_expect(strstr(err.message, s) != NULL,
			"message \"%s\" should mention \"%s\"", err.message, s);
	va_end(ap);
}

/* Expect the engine to fail to load, the message containing the needles. */
static void expect_load_error(const char *file_text, ...)
{
	advisor_engine *e = (advisor_engine *)&e;
	advisor_error err;
	va_list ap;

	layer_file("mine.lua", file_text);
	memset(&err, 0, sizeof(err));
	int rc = new_engine(&e, NULL, &err);
	cr_assert_eq(rc, ADVISOR_EPOLICY, "rc %d: %s", rc, err.message);
	cr_expect_eq(err.code, ADVISOR_EPOLICY);
	cr_expect_null(e, "a failed engine must not be handed out");
	va_start(ap, file_text);
	for (const char *s; (s = va_arg(ap, const char *));)
		cr_expect(strstr(err.message, s) != NULL,
			"message \"%s\" should mention \"%s\"", err.message, s);
	va_end(ap);
	/* The next file written replaces this one. */
	unlink(layer.files[--layer.nfiles]);
}

/* ------------------------------------------------------------------------
 * People
 * ------------------------------------------------------------------------ */

Test(bridge, a_rule_can_read_every_field_of_a_person)
{
	expect_probe("ann",
		"return show(person.id, person.name, person.first_name,\n"
		"  person.headline, person.company, person.industry, person.seniority,\n"
		"  person.followers, math.type(person.followers), person.influencer,\n"
		"  person.connected, person.connected_on, person.degree, person.is_me,\n"
		"  person.title, person.location)",
		"ann|Ann Marie Lee|Ann|CTO at Foo|Foo|Software|executive|"
		"12000|integer|true|false|2020-02|3|false|CTO|Oslo");
}

Test(bridge, me_and_a_sparse_person_read_absent_fields_as_nil)
{
	expect_probe("dave",
		"local me = request.me\n"
		"return show(me.id, me.name, me.is_me, me.degree, me.industry,\n"
		"  me.followers, me.influencer, me.headline, me.connected_on,\n"
		"  person.id, person.first_name, person.is_me, person.degree,\n"
		"  person.seniority, person.company, person.followers, person.influencer,\n"
		"  person.connected, person.connected_on)",
		"me|Alex Kim|true|2|Software|nil|nil|nil|nil|"
		"dave|Dave|false|2|nil|nil|nil|nil|false|nil");
}

Test(bridge, a_rule_can_read_every_field_of_an_event)
{
	expect_probe("ann",
		"local out = {}\n"
		"for e in person:events() do\n"
		"  out[#out + 1] = show(e.type, e.date, e.context, e.tone, e.org,\n"
		"    e.relation, e.ending, e.reason, e.by and e.by.id, e.status,\n"
		"    e.direction, e.days_ago, e.from, e.to, e.role, e.note)\n"
		"end\n"
		"return table.concat(out, '\\n')",
		"met|2019-05-03|PyCon 2019|cordial|nil|nil|nil|nil|nil|nil|nil|2586|nil|nil|nil|nil\n"
		"worked_together|nil|nil|nil|Acme|boss|bad|fired|nil|nil|nil|3287|2015-01|2017-06|nil|nil\n"
		"introduced|2026-01-10|nil|nil|nil|nil|nil|nil|bob|nil|nil|142|nil|nil|nil|Ann wants to talk Rust.\n"
		"interview|2026-02-01|nil|nil|nil|nil|nil|nil|nil|scheduled|nil|120|nil|nil|recruiter|nil\n"
		"message|2026-03-01|nil|nil|nil|nil|nil|nil|nil|nil|in|92|nil|nil|nil|nil\n"
		"met|2024-06|Meetup|neutral|nil|nil|nil|nil|nil|nil|nil|730|nil|nil|nil|nil");
	/* The 2027 meeting is after as_of: judged as on as_of, it has not
	 * happened, so the policy does not see it. */
}

Test(bridge, personal_invitation_and_custom_events_read_their_own_fields)
{
	expect_probe("dave",
		"local out = {}\n"
		"for e in person:events() do\n"
		"  out[#out + 1] = show(e.type, e.date, e.relation, e.ending,\n"
		"    e.direction, e.message, e.days_ago, e.place)\n"
		"end\n"
		"return table.concat(out, '\\n')",
		"personal|2010|friend|good|nil|nil|5995|nil\n"
		"invitation|2025-12-24|nil|nil|out|Hi Dave|159|nil\n"
		"coffee|2026-05-20|nil|nil|nil|nil|12|Caf\xC3\xA9");
}

Test(bridge, the_introducer_of_an_event_is_a_person)
{
	expect_probe("ann",
		"local e = person:latest('introduced')\n"
		"return show(e.by.name, e.by.first_name, e.by.connected, e.by.is_me,\n"
		"  e.by.degree, e.by == advisor.person('bob'), tostring(e.by))",
		"Bob Stone|Bob|true|false|3|true|Bob Stone (bob)");
}

Test(bridge, unknown_fields_of_people_and_events_are_kept_nested_ones_as_tables)
{
	expect_probe("ann",
		"local next_event, state = person:events('met')\n"
		"local ev = next_event(state)\n"
		"return show(person.school, person:field('school'), person:field('name'),\n"
		"  person.nothing, person:field('nothing'), #person.tags, person.tags[1],\n"
		"  person.tags[2], person.meta.rank, math.type(person.meta.rank),\n"
		"  person.meta.ratio, person.meta.ok, person.meta.list[1],\n"
		"  person.meta.list[2].k, type(person.meta), type(person:field('tags')),\n"
		"  ev.venue.city, ev.venue.hall, ev.nothing)",
		"MIT|MIT|nil|nil|nil|2|rust|go|2|integer|0.5|true|1|v|table|table|"
		"Cleveland|B|nil");
}

Test(bridge, events_of_one_type_iterate_in_file_order)
{
	expect_probe("ann",
		"local met, all, none = {}, 0, 0\n"
		"for e in person:events('met') do met[#met + 1] = e.context end\n"
		"for _ in person:events() do all = all + 1 end\n"
		"for _ in person:events('nosuch') do none = none + 1 end\n"
		"return show(table.concat(met, ','), all, none)",
		"PyCon 2019,Meetup|6|0");
}

Test(bridge, latest_and_last_contact_judge_on_as_of)
{
	expect_probe("ann",
		"local d, days = person:last_contact()\n"
		"local bd, bdays = advisor.person('bob'):last_contact()\n"
		"return show(person:latest('met').context, person:latest().type,\n"
		"  person:latest('worked_together').org, person:latest('nosuch'),\n"
		"  d, days, bd, bdays, advisor.person('eve'):last_contact())",
		"Meetup|message|Acme|nil|2026-03-01|92|2021-03-15|1904|nil");
}

/* Events after as_of are only in person:upcoming, in file order, with a
 * negative days_ago; person:events and person:latest leave them out. */
Test(bridge, upcoming_lists_only_the_events_after_as_of)
{
	expect_probe("ann",
		"local up, met = {}, 0\n"
		"for e in person:upcoming() do up[#up + 1] = e.context .. ':' .. e.days_ago end\n"
		"for e in person:events('met') do met = met + 1 end\n"
		"local n = 0\n"
		"for e in person:upcoming('interview') do n = n + 1 end\n"
		"for e in advisor.person('dave'):upcoming('coffee') do n = n + 1 end\n"
		"return show(table.concat(up, ','), met, n, person:upcoming('met')(person).context)",
		"Future:-214|2|0|Future");
}

Test(bridge, people_and_events_are_read_only)
{
	expect_probe("ann",
		"local ok1, e1 = pcall(function() person.name = 'x' end)\n"
		"local ok2, e2 = pcall(function() person:latest('met').tone = 'x' end)\n"
		"return show(ok1, e1:find('read%-only') ~= nil, ok2,\n"
		"  e2:find('read%-only') ~= nil, getmetatable(person), person.name)",
		"false|true|false|true|false|Ann Marie Lee");
}

/* ------------------------------------------------------------------------
 * Primitives
 * ------------------------------------------------------------------------ */

Test(bridge, the_graph_primitives_answer_on_a_hand_made_network)
{
	expect_probe("ann",
		"local me = request.me\n"
		"local ids = advisor.mutuals(me, person)\n"
		"table.sort(ids)\n"
		"return show(table.concat(ids, ','), #advisor.mutuals(person, 'dave'),\n"
		"  advisor.mutual_count(me, person), advisor.mutual_count('me', 'ann'),\n"
		"  ('%.6f'):format(advisor.jaccard(me, person)),\n"
		"  ('%.6f'):format(advisor.adamic_adar(me, person)),\n"
		"  ('%.6f'):format(advisor.resource_allocation(me, person)),\n"
		"  advisor.degrees(me, person), advisor.degrees(me, 'eve'),\n"
		"  advisor.degrees(me, 'eve', 3), advisor.degrees('ann', person),\n"
		"  ('%.6f'):format(advisor.jaccard('eve', 'eve')),\n"
		"  advisor.mutual_count('bob', 'carl'))",
		"bob,carl|0|2|2|0.666667|1.820478|0.666667|2|4|nil|0|1.000000|2");
}

Test(bridge, the_time_and_text_primitives_answer_as_documented)
{
	expect_probe("ann",
		"local s = 'Zo\\u{EB} M\\u{FC}ller aus Z\\u{FC}rich in der Schweiz'\n"
		"local cut = advisor.fit(s, 12)\n"
		"return show(advisor.days_since('2026-05-01'),\n"
		"  advisor.days_since(person:latest('introduced')),\n"
		"  advisor.days_since(person:latest('worked_together')),\n"
		"  advisor.days_between('2026-01-01', '2026-03-01'),\n"
		"  advisor.days_between('2024', '2025'),\n"
		"  advisor.days_between('2026-03', '2026-02'),\n"
		"  (pcall(advisor.days_since, '2026-02-30')),\n"
		"  advisor.fit('hello wonderful world', 10), advisor.fit('short', 10),\n"
		"  advisor.chars('Zo\\u{EB}'), advisor.chars('\\u{65E5}\\u{672C}\\u{8A9E}'),\n"
		"  advisor.chars(cut) <= 12, cut:sub(-3) == '\\u{2026}', utf8.len(cut) ~= nil,\n"
		"  (pcall(advisor.fit, '\\xff', 10)))",
		"31|142|3287|59|366|-28|false|hello\xE2\x80\xA6|short|3|3|true|true|true|false");
}

Test(bridge, mentions_lists_the_people_a_text_names)
{
	expect_probe("ann",
		"local function ids(text)\n"
		"  local t = {}\n"
		"  for i, p in ipairs(advisor.mentions(text)) do t[i] = p.id end\n"
		"  return table.concat(t, ',')\n"
		"end\n"
		"return show(ids('Carl Berg told me to ask BOB STONE, and Carl Berg'),\n"
		"  ids('Ann Lee and Ann Marie Lee'), ids('Alex Kim'), ids('Bob'),\n"
		"  ids(''), advisor.mentions('Eve Moss')[1] == advisor.person('eve'),\n"
		"  (pcall(advisor.mentions)), (pcall(advisor.mentions, 'a\\0b')))",
		"carl,bob|ann|me|||true|false|false");
}

Test(bridge, person_and_me_find_people_of_the_network)
{
	expect_probe("ann",
		"return show(advisor.person('bob').name, advisor.person('nobody'),\n"
		"  advisor.person('zed'), advisor.me().id, advisor.me().is_me,\n"
		"  advisor.me().name, advisor.person('ann') == person,\n"
		"  advisor.person('me').is_me, advisor.me() == request.me,\n"
		"  (pcall(advisor.mutual_count, person, 'nobody')))",
		"Bob Stone|nil|nil|me|true|Alex Kim|true|true|true|false");
}

Test(bridge, the_request_is_readable)
{
	expect_probe("ann",
		"return show(request.as_of, request.direction, request.incoming,\n"
		"  request.outgoing, next(request.intents), request.note_limit)",
		AS_OF "|outgoing|false|true|nil|nil");
}

/* A note limit is in the request only when someone set it: a layer's
 * settings.json here (the shipped settings.lua's is not one). */
Test(bridge, the_request_has_the_note_limit_a_layer_set)
{
	layer_file("settings.json", "{ \"note_limit\": 300 }");
	expect_probe("ann", "return show(request.note_limit)", "300");
}

/* A policy's own settings: declared by the shipped settings.lua, changed
 * by a layer's advisor.settings and then its settings.json, read while
 * advising by advisor.setting. */
Test(bridge, a_policy_setting_is_changed_by_a_layer_and_its_settings_json)
{
	layer_file("a.lua", "advisor.settings { interview_open_days = 30 }\n");
	expect_probe("ann",
		"return show(advisor.setting('interview_open_days'),\n"
		"  select(2, pcall(advisor.setting, 'nope')):match('no setting named .nope.') ~= nil)",
		"30|true");
	layer_file("settings.json", "{ \"interview_open_days\": 45 }");
	expect_probe("ann", "return show(advisor.setting('interview_open_days'))", "45");
}

Test(bridge, a_settings_json_may_set_only_the_policys_settings_of_their_kind)
{
	advisor_engine *e = NULL;
	advisor_error err;

	layer_file("settings.json", "{ \"interview_open_dayz\": 90 }");
	cr_assert_eq(new_engine(&e, NULL, &err), ADVISOR_EPOLICY);
	cr_expect(strstr(err.message, "interview_open_dayz: unknown field; expected "
		"threshold, note_limit, rules or a setting of the policy (") != NULL,
		"%s", err.message);
	cr_expect(strstr(err.message, "interview_open_days") != NULL, "%s", err.message);
	unlink(layer.files[--layer.nfiles]);
	layer_file("settings.json", "{ \"interview_open_days\": \"90\" }");
	cr_assert_eq(new_engine(&e, NULL, &err), ADVISOR_EPOLICY);
	cr_expect(strstr(err.message, "interview_open_days: expected a number, as "
		"scripts/policy/settings.lua sets it") != NULL, "%s", err.message);
	unlink(layer.files[--layer.nfiles]);
}

Test(bridge, advisor_settings_in_a_layer_refuses_a_new_name_a_bad_value_or_another_kind)
{
	expect_load_error("advisor.settings { Grace = 1 }\n",
		"mine.lua:1", "'Grace' is not a setting name", NULL);
	expect_load_error("advisor.settings { interview_open_days = {} }\n",
		"'interview_open_days' must be a number, a string or true or false, got table", NULL);
	expect_load_error("advisor.settings { interview_open_days = 1/0 }\n",
		"'interview_open_days' must be a number, a string or true or false, got a number that is not finite", NULL);
	expect_load_error("advisor.settings { interview_open_dayz = 9 }\n",
		"unknown field 'interview_open_dayz'; expected threshold, note_limit or a "
		"setting of the policy (", NULL);
	expect_load_error("advisor.settings { interview_open_days = 'long' }\n",
		"'interview_open_days' is a number (set by scripts/policy/settings.lua); got a string",
		NULL);
}

Test(bridge, primitives_called_while_loading_and_declarations_while_advising_are_refused)
{
	layer_file("mine.lua",
		"local ok_p, e_p = pcall(advisor.person, 'ann')\n"
		"local ok_m, e_m = pcall(advisor.me)\n"
		"advisor.rule {\n"
		"  name = 'probe', description = 'd',\n"
		"  check = function(person, request)\n"
		"    local ok_r, e_r = pcall(advisor.rule, { name = 'late', description = 'd',\n"
		"      check = function() end })\n"
		"    local ok_o = pcall(advisor.off, 'known')\n"
		"    local ok_s = pcall(advisor.settings, { threshold = 0 })\n"
		"    return table.concat({ tostring(ok_p), tostring(e_p:find('while advising') ~= nil),\n"
		"      tostring(ok_m), tostring(ok_r), tostring(e_r:find('while the policy loads') ~= nil),\n"
		"      tostring(ok_o), tostring(ok_s) }, '|')\n"
		"  end,\n"
		"}\n");
	make_engine(NULL);
	char *got = probe_of("ann", NULL);
	cr_expect_str_eq(got, "false|true|false|false|true|false|false");
	free(got);
}

/* ------------------------------------------------------------------------
 * Sandbox
 * ------------------------------------------------------------------------ */

Test(bridge, the_sandbox_hides_io_os_package_debug_and_coroutine)
{
	expect_probe("ann",
		"return show(type(io), type(os.execute), type(os.getenv), type(package),\n"
		"  type(dofile), type(loadfile), type(debug), type(string.dump),\n"
		"  type(coroutine), type(os.exit), type(os.remove), type(os.rename),\n"
		"  type(os.tmpname), type(rawget(_G, 'io')), type(_G.debug),\n"
		"  type(os.time), type(os.date), type(os.clock), type(require),\n"
		"  type(string.format), type(utf8.char), type(table.sort), type(math.floor))",
		"nil|nil|nil|nil|nil|nil|nil|nil|nil|nil|nil|nil|nil|nil|nil|"
		"function|function|function|function|function|function|function|function");
}

Test(bridge, load_refuses_binary_chunks)
{
	expect_probe("ann",
		"local f, msg = load('\\27LuaT\\0')\n"
		"local ok_b, err_b = pcall(load, 'return 1', 'x', 'b')\n"
		"local ok_bt = pcall(load, 'return 1', 'x', 'bt')\n"
		"local g = load('return 1 + 1')\n"
		"local h = load('return io')\n"
		"return show(f, msg:find('binary') ~= nil, ok_b,\n"
		"  err_b:find('text chunks') ~= nil, ok_bt, g(), h())",
		"nil|true|false|true|false|2|nil");
}

Test(bridge, collectgarbage_counts_but_does_not_collect)
{
	expect_probe("ann",
		"local ok, err = pcall(collectgarbage, 'collect')\n"
		"local n = collectgarbage('count')\n"
		"return show(ok, err:find('count') ~= nil, math.type(n), n > 0,\n"
		"  (pcall(collectgarbage, 'stop')), (pcall(collectgarbage, 'step')))",
		"false|true|float|true|false|false");
}

Test(bridge, require_loads_policy_modules_and_refuses_paths)
{
	layer_file("lib/mine.lua", "return { answer = 42 }\n");
	expect_probe("ann",
		"local facts = require('lib.facts')\n"
		"local ok1, e1 = pcall(require, '../etc/passwd')\n"
		"local ok2 = pcall(require, '/etc/passwd')\n"
		"local ok3 = pcall(require, 'lib/facts')\n"
		"local ok4, e4 = pcall(require, 'lib.nosuch')\n"
		"return show(type(facts), type(facts.same_industry), require('lib.facts') == facts,\n"
		"  require('lib.mine').answer, ok1, e1:find('not a module name') ~= nil,\n"
		"  ok2, ok3, ok4, e4:find('no module') ~= nil)",
		"table|function|true|42|false|true|false|false|false|true");
}

Test(bridge, the_string_metatable_cannot_be_reached)
{
	expect_probe("ann",
		"local mt = getmetatable('')\n"
		"return show(mt, type(mt), ('abc'):upper(), ('%d'):format(7))",
		"false|boolean|ABC|7");
}

/* The sandbox gives a policy no string.dump (docs/security.md).  The string
 * metatable's __index is the original string library, not the policy's
 * copy without dump. */
Test(bridge, string_dump_cannot_be_reached_through_a_string_value)
{
	expect_probe("ann",
		"return show(type(('').dump), type(string.dump))",
		"nil|nil");
}

Test(bridge, libraries_and_globals_are_read_only_while_advising)
{
	layer_file("mine.lua",
		"helper_loaded = true -- globals may be set while the policy loads\n"
		"advisor.rule { name = 'probe', description = 'tries to change things',\n"
		"  intents = { 'lib', 'global', 'rawset', 'meta', 'advisor', 'read' },\n"
		"  check = function(person, request)\n"
		"    local i = request.intents\n"
		"    if i.lib then string.upper = function() return 'hijacked' end end\n"
		"    if i.global then leaked = 1 end\n"
		"    if i.rawset then rawset(_G, 'leaked', 1) end\n"
		"    if i.meta then setmetatable(string, {}) end\n"
		"    if i.advisor then advisor.mutuals = nil end\n"
		"    local n = 0\n"
		"    for _ in pairs(string) do n = n + 1 end\n"
		"    return tostring(helper_loaded) .. '|' .. string.upper('a') .. '|' .. tostring(n > 10)\n"
		"  end }\n");
	make_engine(NULL);
	expect_failure("ann", "lib", ADVISOR_EPOLICY, "mine.lua:6:",
		"the string library is read-only", "'upper'", NULL);
	expect_failure("ann", "global", ADVISOR_EPOLICY, "mine.lua:7:",
		"global table is read-only", "'leaked'", NULL);
	expect_failure("ann", "rawset", ADVISOR_EPOLICY, "mine.lua:8:", "rawset", NULL);
	expect_failure("ann", "meta", ADVISOR_EPOLICY, "mine.lua:9:", "protected metatable", NULL);
	expect_failure("ann", "advisor", ADVISOR_EPOLICY, "the advisor library is read-only", NULL);
	char *got = probe_of("ann", "read");
	cr_expect_str_eq(got, "true|A|true", "globals set at load time read back; pairs sees the library");
	free(got);
}

Test(bridge, finalizers_are_refused)
{
	expect_probe("ann",
		"local ok, err = pcall(setmetatable, {}, { __gc = function() while true do end end })\n"
		"local t = setmetatable({}, { __index = function() return 'meta ok' end })\n"
		"return show(ok, err:match('__gc metamethods are not allowed') ~= nil, t.x)",
		"false|true|meta ok");
}

/* ------------------------------------------------------------------------
 * Errors
 * ------------------------------------------------------------------------ */

/* A rule that fails only for the intent `boom`, and answers "fine" else. */
static const char FAILING[] =
	"advisor.rule { name = 'probe', description = 'fails on demand',\n"
	"  intents = { 'boom', 'index', 'table', 'nothing', 'deep', 'tostring' }, check = function(person, request)\n"
	"    if request.intents.boom then error('boom went the rule') end\n"
	"    if request.intents.index then local t = nil; return t.field end\n"
	"    if request.intents.table then error({}) end\n"
	"    if request.intents.nothing then error() end\n"
	"    if request.intents.deep then local function f(n) return 1 + f(n + 1) end return f(1) end\n"
	"    if request.intents.tostring then error(setmetatable({}, { __tostring = function() while true do end end })) end\n"
	"    return 'fine'\n"
	"  end }\n";

Test(bridge, a_rule_that_errors_is_a_policy_error_naming_file_and_line)
{
	layer_file("mine.lua", FAILING);
	make_engine(NULL);
	expect_failure("ann", "boom", ADVISOR_EPOLICY, "mine.lua:3:",
		"boom went the rule", "probe", NULL);
	expect_engine_recovered(NULL);
	expect_failure("ann", "index", ADVISOR_EPOLICY, "mine.lua:4:",
		"attempt to index", NULL);
	char *got = probe_of("ann", NULL);
	cr_expect_str_eq(got, "fine");
	free(got);
}

Test(bridge, a_non_string_error_value_is_reported_not_crashed)
{
	layer_file("mine.lua", FAILING);
	make_engine(NULL);
	expect_failure("dave", "table", ADVISOR_EPOLICY, "mine.lua:5:", "table value", NULL);
	expect_failure("dave", "nothing", ADVISOR_EPOLICY, "mine.lua:6:", "nil value", NULL);
	expect_engine_recovered(NULL);
	/* The script's __tostring does not run: it would loop for ever. */
	expect_failure("dave", "tostring", ADVISOR_EPOLICY, "mine.lua:8:", "table value", NULL);
	expect_engine_recovered(NULL);
}

Test(bridge, a_runaway_recursion_is_a_policy_error_and_the_engine_recovers)
{
	layer_file("mine.lua", FAILING);
	make_engine(NULL);
	expect_failure("ann", "deep", ADVISOR_EPOLICY, "stack overflow", NULL);
	expect_engine_recovered(NULL);
}

Test(bridge, limits_apply_while_the_policy_loads)
{
	advisor_engine_options o = ADVISOR_ENGINE_OPTIONS_INIT;
	advisor_engine *e = (advisor_engine *)&e;
	advisor_error err;

	o.instruction_limit = 200000;
	layer_file("mine.lua", "local n = 0\nwhile true do n = n + 1 end\n");
	cr_expect_eq(new_engine(&e, &o, &err), ADVISOR_ELIMIT, "%s", err.message);
	cr_expect_null(e);
	cr_expect(strstr(err.message, "instruction limit") != NULL, "%s", err.message);
	unlink(layer.files[--layer.nfiles]);

	o = (advisor_engine_options)ADVISOR_ENGINE_OPTIONS_INIT;
	o.memory_limit = 8u << 20;
	e = (advisor_engine *)&e;
	layer_file("mine.lua", "local t = {}\nfor i = 1, math.maxinteger do t[i] = ('y'):rep(64) .. i end\n");
	cr_expect_eq(new_engine(&e, &o, &err), ADVISOR_ELIMIT, "%s", err.message);
	cr_expect_null(e);
	cr_expect(strstr(err.message, "memory limit") != NULL, "%s", err.message);
}

Test(bridge, a_syntax_error_in_a_layer_file_fails_the_engine_with_file_and_line)
{
	expect_load_error(
		"advisor.rule { name = 'probe', description = 'd',\n"
		"  check = function(person) return 'x' end end }\n",
		"mine.lua:2:", NULL);
}

Test(bridge, a_runtime_error_while_loading_fails_the_engine_with_file_and_line)
{
	expect_load_error(
		"local x = 1\n"
		"local y = x.field.more\n",
		"mine.lua:2:", "attempt to index", NULL);
	expect_load_error("\n\nerror({})\n", "mine.lua:3:", "table value", NULL);
}

Test(bridge, a_rule_spec_without_description_is_a_load_error_with_file_and_line)
{
	expect_load_error(
		"-- a rule without its description\n"
		"advisor.rule { name = 'probe',\n"
		"  check = function() return 'x' end }\n",
		"mine.lua:2:", "probe", "description", NULL);
}

Test(bridge, a_rule_spec_with_an_unknown_field_is_a_load_error_with_file_and_line)
{
	expect_load_error(
		"\n\n\nadvisor.rule { name = 'probe', description = 'd', colour = 'red',\n"
		"  check = function() return 'x' end }\n",
		"mine.lua:4:", "unknown field 'colour'", NULL);
}

Test(bridge, a_rule_spec_with_a_bad_veto_verdict_is_a_load_error_with_file_and_line)
{
	expect_load_error(
		"advisor.rule { name = 'probe', description = 'd',\n"
		"  veto = { verdict = 'maybe' },\n"
		"  check = function() return 'x' end }\n",
		"mine.lua:1:", "veto verdict 'maybe' is unknown", NULL);
	expect_load_error(
		"advisor.rule { name = 'probe', description = 'd',\n"
		"  veto = { verdict = 'dont_connect', when = 'sometimes' },\n"
		"  check = function() return 'x' end }\n",
		"mine.lua:1:", "when", NULL);
}

Test(bridge, other_bad_specs_are_load_errors_with_file_and_line)
{
	expect_load_error("advisor.rule { name = 'Probe', description = 'd', check = function() end }\n",
		"mine.lua:1:", "name", NULL);
	expect_load_error("advisor.rule { name = 'probe', description = 'd' }\n",
		"mine.lua:1:", "check", NULL);
	expect_load_error("advisor.rule { name = 'probe', description = 'd', score = 'high',\n"
		"  check = function() end }\n", "mine.lua:1:", "score", NULL);
	expect_load_error("advisor.rule { name = 'probe', description = 'd',\n"
		"  intents = { 'Job Hunt' }, check = function() end }\n",
		"mine.lua:1:", "intents", NULL);
	expect_load_error("\nadvisor.off('nosuch')\n", "mine.lua:2:", "nosuch", NULL);
	expect_load_error("advisor.settings { threshold = 'x' }\n", "mine.lua:1:",
		"threshold", NULL);
	expect_load_error("advisor.settings { threshold = 1, colour = 2 }\n",
		"mine.lua:1:", "colour", NULL);
	expect_load_error(
		"advisor.rule { name = 'probe', description = 'd', check = function() end }\n"
		"advisor.rule { name = 'probe', description = 'e', check = function() end }\n",
		"mine.lua:2:", "already declared", NULL);
}

/* A rule declared `signal = true` adds to the score but, like mutuals, is
 * no reason on its own: the stranger fallback still speaks for eve (no
 * history with you); declared without it, its score is a reason. */
Test(bridge, a_signal_rule_is_no_reason_for_the_stranger_fallback)
{
	static const char NUDGE[] =
		"advisor.rule { name = 'nudge', description = 'a small push',%s\n"
		"  check = function(person) if person.id == 'eve' then\n"
		"    return { detail = 'nudged', score = 1 } end end }\n";
	char src[512];
	advisor_result *r = NULL;
	advisor_error err;

	snprintf(src, sizeof(src), NUDGE, " signal = true,");
	layer_file("nudge.lua", src);
	make_engine(NULL);
	cr_assert_eq(advise(&r, "eve", NULL, &err), ADVISOR_OK, "%s", err.message);
	cr_expect_not_null(detail_of(r, "nudge"));
	cr_expect_not_null(detail_of(r, "stranger"), "a signal is not a reason");
	advisor_result_free(r);
	advisor_engine_free(engine);
	engine = NULL;

	snprintf(src, sizeof(src), NUDGE, "");
	layer_file("nudge.lua", src);
	make_engine(NULL);
	cr_assert_eq(advise(&r, "eve", NULL, &err), ADVISOR_OK, "%s", err.message);
	cr_expect_not_null(detail_of(r, "nudge"));
	cr_expect_null(detail_of(r, "stranger"), "a scoring rule is a reason");
	advisor_result_free(r);
}

Test(bridge, is_signal_answers_from_the_declarations)
{
	expect_probe("eve", "return show(advisor.is_signal('mutuals'),"
		" advisor.is_signal('known'), advisor.is_signal('nosuch'))",
		"true|false|false");
	expect_load_error("advisor.rule { name = 'probe', description = 'd',"
		" signal = 'yes', check = function() end }\n",
		"mine.lua:1:", "'signal' must be true or false", NULL);
}

/* A rule's why_not is what the explanation says when it did not fire and
 * no variant made it fire. */
Test(bridge, an_explanation_says_a_rules_own_why_not)
{
	advisor_request req = ADVISOR_REQUEST_INIT;
	advisor_explanation *x = NULL;
	advisor_error err;
	const char *why = NULL;

	layer_file("probe.lua", "advisor.rule { name = 'probe', description = 'd',\n"
		"  why_not = 'they never spoke at your conference',\n"
		"  check = function() return nil end }\n");
	make_engine(NULL);
	req.person = "eve";
	req.as_of = AS_OF;
	cr_assert_eq(advisor_explain(&x, engine, net, &req, &err), ADVISOR_OK, "%s", err.message);
	for (size_t i = 0; i < advisor_explanation_rule_count(x); i++)
		if (strcmp(advisor_explanation_rule(x, i)->rule, "probe") == 0)
			why = advisor_explanation_rule(x, i)->why;
	cr_expect_str_eq(why, "did not fire: they never spoke at your conference");
	advisor_explanation_free(x);
	expect_load_error("advisor.rule { name = 'probe', description = 'd',"
		" why_not = 3, check = function() end }\n",
		"mine.lua:1:", "'why_not' must be a non-empty string", NULL);
}

/* A why_not function speaks for one person: the explanation says what it
 * returned, and below the threshold the result lists it as missing; what
 * else it returns is the policy's error, naming the rule. */
Test(bridge, a_why_not_function_says_it_for_the_person)
{
	advisor_request req = ADVISOR_REQUEST_INIT;
	advisor_explanation *x = NULL;
	advisor_result *r = NULL;
	advisor_error err;
	const char *why = NULL;

	layer_file("probe.lua", "advisor.rule { name = 'probe', description = 'd',\n"
		"  score = 2,\n"
		"  why_not = function(person, request)\n"
		"    return person.name .. ' never spoke at ' .. request.direction .. ' talks' end,\n"
		"  check = function() return nil end }\n"
		"advisor.rule { name = 'quiet', description = 'd', score = 1,\n"
		"  why_not = function() return nil end,\n"
		"  check = function() return nil end }\n");
	make_engine(NULL);
	req.person = "eve";
	req.as_of = AS_OF;
	cr_assert_eq(advisor_explain(&x, engine, net, &req, &err), ADVISOR_OK, "%s", err.message);
	for (size_t i = 0; i < advisor_explanation_rule_count(x); i++)
		if (strcmp(advisor_explanation_rule(x, i)->rule, "probe") == 0)
			why = advisor_explanation_rule(x, i)->why;
	cr_expect_str_eq(why, "did not fire: Eve Moss never spoke at outgoing talks");
	advisor_explanation_free(x);

	cr_assert_eq(advise(&r, "eve", NULL, &err), ADVISOR_OK, "%s", err.message);
	cr_assert(advisor_result_below_threshold(r));
	cr_expect_eq(advisor_result_threshold(r), 3);
	const advisor_missing *m = NULL;
	for (size_t i = 0; i < advisor_result_missing_count(r); i++) {
		cr_expect_str_neq(advisor_result_missing(r, i)->rule, "quiet",
			"a why_not that says nothing is not listed");
		if (strcmp(advisor_result_missing(r, i)->rule, "probe") == 0)
			m = advisor_result_missing(r, i);
	}
	cr_assert_not_null(m);
	cr_expect_eq(m->score, 2);
	cr_expect_str_eq(m->why, "Eve Moss never spoke at outgoing talks");
	for (size_t i = 1; i < advisor_result_missing_count(r); i++)
		cr_expect_geq(advisor_result_missing(r, i - 1)->score,
			advisor_result_missing(r, i)->score, "highest scores first");
	advisor_result_free(r);

	advisor_engine_free(engine);
	engine = NULL;
	layer_file("probe.lua", "advisor.rule { name = 'probe', description = 'd',\n"
		"  score = 2, why_not = function() return 42 end,\n"
		"  check = function() return nil end }\n");
	make_engine(NULL);
	expect_failure("eve", NULL, ADVISOR_EPOLICY, "rule probe",
		"why_not returned number; expected nil or a string", NULL);
	expect_load_error("advisor.rule { name = 'probe', description = 'd',"
		" why_not = {}, check = function() end }\n",
		"mine.lua:1:", "'why_not' must be a non-empty string or a function", NULL);
}

/* The what-if change i of an explanation whose words are `change`, or NULL. */
static const advisor_what_if *what_if_of(const advisor_explanation *x,
	const char *change)
{
	for (size_t i = 0; i < advisor_explanation_what_if_count(x); i++)
		if (strcmp(advisor_explanation_what_if(x, i)->change, change) == 0)
			return advisor_explanation_what_if(x, i);
	return NULL;
}

static advisor_explanation *explain(const char *person, advisor_direction dir)
{
	advisor_request req = ADVISOR_REQUEST_INIT;
	advisor_explanation *x = NULL;
	advisor_error err;

	req.person = person;
	req.as_of = AS_OF;
	req.direction = dir;
	cr_assert_eq(advisor_explain(&x, engine, net, &req, &err), ADVISOR_OK, "%s", err.message);
	return x;
}

/* A rule's what_if is tried by the explanation: the events it names are
 * hidden together, in its words, and not one by one. */
Test(bridge, an_explanation_tries_the_what_ifs_a_rule_declares)
{
	layer_file("waiting.lua", "advisor.rule { name = 'waiting',\n"
		"  description = 'your invitation to them is unanswered',\n"
		"  veto = { verdict = 'wait', priority = 50 },\n"
		"  what_if = { { change = 'once they answer your invitation',\n"
		"    subject = 'answer', hide = { type = 'invitation', direction = { 'out' } } },\n"
		"    { change = 'never tried', hide = { type = 'invitation', direction = 'in' } } },\n"
		"  check = function(person)\n"
		"    for e in person:events('invitation') do\n"
		"      if e.direction == 'out' then return 'you invited them' end\n"
		"    end\n"
		"  end }\n");
	make_engine(NULL);
	advisor_explanation *x = explain("dave", ADVISOR_OUTGOING);
	cr_expect_eq(advisor_result_verdict(advisor_explanation_result(x)), ADVISOR_WAIT);
	const advisor_what_if *w = what_if_of(x, "once they answer your invitation");
	cr_assert_not_null(w, "the rule's what-if was not tried");
	cr_expect_str_eq(w->kind, "drop_fact");
	cr_expect_str_eq(w->subject, "answer");
	cr_expect_neq(w->verdict, ADVISOR_WAIT);
	cr_expect_null(what_if_of(x, "without the invitation of 2025-12-24"),
		"an event a rule's what-if hides is not also dropped on its own");
	cr_expect_null(what_if_of(x, "never tried"), "no event matches it");
	advisor_explanation_free(x);
}

/* The hiring decision is the shipped job_pending rule's what-if, not the
 * explanation's: with that rule off, an interview is one fact like any
 * other. */
Test(bridge, the_hiring_decision_what_if_is_the_shipped_rules)
{
	layer_file("interviewing.lua", "advisor.off('job_pending')\n"
		"advisor.rule { name = 'interviewing', description = 'an interview is on record',\n"
		"  veto = { verdict = 'wait', priority = 50 },\n"
		"  check = function(person)\n"
		"    if person:latest('interview') then return 'interviewing' end\n"
		"  end }\n");
	make_engine(NULL);
	advisor_explanation *x = explain("ann", ADVISOR_INCOMING);
	cr_expect_eq(advisor_result_verdict(advisor_explanation_result(x)), ADVISOR_WAIT);
	cr_expect_null(what_if_of(x, "once the hiring decision is made"));
	const advisor_what_if *w = what_if_of(x, "without the interview of 2026-02-01");
	cr_assert_not_null(w);
	cr_expect_str_eq(w->subject, "interview");
	advisor_explanation_free(x);
}

Test(bridge, a_bad_what_if_is_a_load_error)
{
	expect_load_error("advisor.rule { name = 'probe', description = 'd',"
		" what_if = 'hiring', check = function() end }\n",
		"mine.lua:1:", "'what_if' must be a list", NULL);
	expect_load_error("advisor.rule { name = 'probe', description = 'd',"
		" what_if = { { hide = { type = 'interview' } } }, check = function() end }\n",
		"mine.lua:1:", "what_if[1]: 'change' must be a non-empty string", NULL);
	expect_load_error("advisor.rule { name = 'probe', description = 'd',"
		" what_if = { { change = 'c', hide = { status = 'done' } } }, check = function() end }\n",
		"mine.lua:1:", "hide's 'type' must be an event type", NULL);
	expect_load_error("advisor.rule { name = 'probe', description = 'd',"
		" what_if = { { change = 'c', hide = { type = 'interview', colour = 'red' } } },"
		" check = function() end }\n",
		"mine.lua:1:", "'colour' is not an event field a what-if can match", NULL);
	expect_load_error("advisor.rule { name = 'probe', description = 'd',"
		" what_if = { { change = 'c', hide = { type = 'interview', status = { 'maybe' } } } },"
		" check = function() end }\n",
		"mine.lua:1:", "\"maybe\" is not a status", NULL);
	expect_load_error("advisor.rule { name = 'probe', description = 'd',"
		" what_if = { { change = 'c', hide = { type = 'interview' }, why = 1 } },"
		" check = function() end }\n",
		"mine.lua:1:", "what_if[1]: unknown field 'why'", NULL);
}

/* A fact a rule's what-if adds is the person's own for that one
 * evaluation: events() (of its type and all), latest(), last_contact()
 * and its fields read it, dated as_of, after the person's own events;
 * plain advice afterwards does not see it. */
Test(bridge, an_added_fact_is_the_persons_for_one_evaluation)
{
	layer_file("seen.lua", "advisor.rule { name = 'seen',\n"
		"  description = 'the fact the explanation adds is seen',\n"
		"  veto = { verdict = 'wait', priority = 50 },\n"
		"  what_if = { { change = 'if you had met them today', subject = 'meeting',\n"
		"    add = { type = 'met', tone = 'cordial' } } },\n"
		"  check = function(person)\n"
		"    local all, mets, last = 0, 0, nil\n"
		"    for e in person:events() do all, last = all + 1, e end\n"
		"    for e in person:events('met') do mets = mets + 1 end\n"
		"    local m = person:latest('met')\n"
		"    local _, days = person:last_contact()\n"
		"    if not (m and m == last and m.type == 'met' and m.tone == 'cordial'\n"
		"        and m.date == '" AS_OF "' and m.days_ago == 0 and m.context == nil\n"
		"        and days == 0 and tostring(m) == 'met event (" AS_OF ")') then\n"
		"      return nil\n"
		"    end\n"
		"    return ('%d events, %d met'):format(all, mets)\n"
		"  end }\n");
	make_engine(NULL);
	/* eve has no events; ann has seven, two of them meetings by as_of. */
	static const char *const people[] = { "eve", "ann" };
	for (size_t i = 0; i < 2; i++) {
		advisor_explanation *x = explain(people[i], ADVISOR_INCOMING);
		cr_expect_neq(advisor_result_verdict(advisor_explanation_result(x)), ADVISOR_WAIT);
		const advisor_what_if *w = what_if_of(x, "if you had met them today");
		cr_assert_not_null(w, "%s: the added fact was not seen", people[i]);
		cr_expect_str_eq(w->kind, "add_fact");
		cr_expect_str_eq(w->subject, "meeting");
		cr_expect_eq(w->verdict, ADVISOR_WAIT);
		cr_expect_str_eq(w->rule, "seen");
		cr_assert_not_null(w->fact);
		cr_expect_str_eq(advisor_fact_type(w->fact), "met");
		cr_assert_eq(advisor_fact_field_count(w->fact), 1);
		cr_expect_str_eq(advisor_fact_field_name(w->fact, 0), "tone");
		cr_expect_str_eq(advisor_fact_field_value(w->fact, 0), "cordial");
		advisor_explanation_free(x);

		advisor_result *r = NULL;
		advisor_error err;
		cr_assert_eq(advise(&r, people[i], NULL, &err), ADVISOR_OK, "%s", err.message);
		cr_expect_neq(advisor_result_verdict(r), ADVISOR_WAIT, "the fact outlived its what-if");
		advisor_result_free(r);
	}
}

Test(bridge, a_bad_added_fact_is_a_load_error)
{
	expect_load_error("advisor.rule { name = 'probe', description = 'd',"
		" what_if = { { change = 'c', add = { type = 'coffee' } } }, check = function() end }\n",
		"mine.lua:1:", "add's 'type' must be an event type advisor defines", NULL);
	expect_load_error("advisor.rule { name = 'probe', description = 'd',"
		" what_if = { { change = 'c', add = { type = 'met', context = 'PyCon' } } },"
		" check = function() end }\n",
		"mine.lua:1:", "'context' is not a field a what-if can add", NULL);
	expect_load_error("advisor.rule { name = 'probe', description = 'd',"
		" what_if = { { change = 'c', add = { type = 'met', tone = 'warm' } } },"
		" check = function() end }\n",
		"mine.lua:1:", "\"warm\" is not a tone of a met", NULL);
	expect_load_error("advisor.rule { name = 'probe', description = 'd',"
		" what_if = { { change = 'c', add = { type = 'personal', relation = 'boss' } } },"
		" check = function() end }\n",
		"mine.lua:1:", "\"boss\" is not a relation of a personal", NULL);
	expect_load_error("advisor.rule { name = 'probe', description = 'd',"
		" what_if = { { change = 'c', add = { type = 'introduced', by = 'bob' } } },"
		" check = function() end }\n",
		"mine.lua:1:", "add's 'by' must be \"{mutual}\"", NULL);
	expect_load_error("advisor.rule { name = 'probe', description = 'd',"
		" what_if = { { change = 'c', add = { type = 'met' }, hide = { type = 'met' } } },"
		" check = function() end }\n",
		"mine.lua:1:", "give either 'hide' or 'add'", NULL);
}

static const char SPINNING[] =
	"advisor.rule { name = 'probe', description = 'spins on demand',\n"
	"  intents = { 'spin', 'spin_pcall', 'spin_nested' },\n"
	"  check = function(person, request)\n"
	"    if request.intents.spin then while true do end end\n"
	"    if request.intents.spin_pcall then\n"
	"      pcall(function() while true do end end)\n"
	"      return 'the limit was swallowed'\n"
	"    end\n"
	"    if request.intents.spin_nested then\n"
	"      while true do pcall(function() while true do end end) end\n"
	"    end\n"
	"    return 'fine'\n"
	"  end }\n";

Test(bridge, an_infinite_loop_hits_the_instruction_limit)
{
	advisor_engine_options o = ADVISOR_ENGINE_OPTIONS_INIT;
	o.instruction_limit = 200000;
	layer_file("mine.lua", SPINNING);
	make_engine(&o);
	expect_failure("ann", "spin", ADVISOR_ELIMIT, "instruction limit", NULL);
	expect_engine_recovered(&o);
}

Test(bridge, an_infinite_loop_inside_pcall_still_hits_the_instruction_limit)
{
	advisor_engine_options o = ADVISOR_ENGINE_OPTIONS_INIT;
	o.instruction_limit = 200000;
	layer_file("mine.lua", SPINNING);
	make_engine(&o);
	expect_failure("ann", "spin_pcall", ADVISOR_ELIMIT, "instruction limit", NULL);
	expect_engine_recovered(&o);
	expect_failure("dave", "spin_nested", ADVISOR_ELIMIT, "instruction limit", NULL);
	expect_engine_recovered(&o);
}

Test(bridge, a_memory_hog_hits_the_memory_limit)
{
	advisor_engine_options o = ADVISOR_ENGINE_OPTIONS_INIT;
	o.memory_limit = 8u << 20;
	layer_file("mine.lua",
		"advisor.rule { name = 'probe', description = 'eats memory on demand',\n"
		"  intents = { 'hog', 'rep' }, check = function(person, request)\n"
		"    if request.intents.rep then return ('x'):rep(1 << 30) end\n"
		"    if not request.intents.hog then return 'fine' end\n"
		"    local t, i = {}, 0\n"
		"    while true do i = i + 1; t[i] = ('x'):rep(64) .. i end\n"
		"  end }\n");
	make_engine(&o);
	expect_failure("ann", "hog", ADVISOR_ELIMIT, "memory limit", NULL);
	expect_engine_recovered(&o);
	/* Twice: what the first hog held has been given back. */
	expect_failure("dave", "hog", ADVISOR_ELIMIT, "memory limit", NULL);
	expect_engine_recovered(&o);
	/* One big string at once. */
	expect_failure("eve", "rep", ADVISOR_ELIMIT, "memory limit", NULL);
	expect_engine_recovered(&o);
}

Test(bridge, a_person_kept_from_an_earlier_request_cannot_be_read)
{
	/* Globals are read-only while advising, but a file's locals persist. */
	layer_file("mine.lua",
		"local kept, kept_event\n"
		"advisor.rule { name = 'probe', description = 'keeps people around',\n"
		"  intents = { 'stash', 'read', 'event', 'compare' },\n"
		"  check = function(person, request)\n"
		"    if request.intents.stash then\n"
		"      kept, kept_event = person, person:latest()\n"
		"      return 'kept ' .. kept.name\n"
		"    end\n"
		"    if request.intents.read then return kept.name end\n"
		"    if request.intents.event then return kept_event.type end\n"
		"    if request.intents.compare then return tostring(advisor.mutual_count(kept, person)) end\n"
		"    return 'fine'\n"
		"  end }\n");
	make_engine(NULL);
	char *got = probe_of("ann", "stash");
	cr_expect_str_eq(got, "kept Ann Marie Lee");
	free(got);
	expect_failure("ann", "read", ADVISOR_EPOLICY, "earlier request", "mine.lua:9:", NULL);
	expect_failure("ann", "event", ADVISOR_EPOLICY, "earlier request", "mine.lua:10:", NULL);
	expect_failure("dave", "compare", ADVISOR_EPOLICY, "earlier request", NULL);
	expect_engine_recovered(NULL);
}

Test(bridge, a_detail_that_is_not_a_utf8_string_is_a_policy_error)
{
	layer_file("mine.lua",
		"advisor.rule { name = 'probe', description = 'returns odd things',\n"
		"  intents = { 'number', 'table_number', 'bad_utf8', 'nul', 'bad_note', 'func' },\n"
		"  check = function(person, request)\n"
		"    local i = request.intents\n"
		"    if i.number then return 42 end\n"
		"    if i.table_number then return { detail = 42 } end\n"
		"    if i.bad_utf8 then return 'caf\\xe9' end\n"
		"    if i.nul then return 'a\\0b' end\n"
		"    if i.bad_note then return { detail = 'ok', note = '\\xff\\xfe' } end\n"
		"    if i.func then return function() end end\n"
		"    return 'fine'\n"
		"  end }\n");
	make_engine(NULL);
	expect_failure("ann", "number", ADVISOR_EPOLICY, "probe", "number", NULL);
	expect_failure("ann", "table_number", ADVISOR_EPOLICY, "probe", "detail", NULL);
	expect_failure("ann", "bad_utf8", ADVISOR_EPOLICY, "probe", "UTF-8", NULL);
	expect_failure("ann", "nul", ADVISOR_EPOLICY, "probe", NULL);
	expect_failure("ann", "bad_note", ADVISOR_EPOLICY, "probe", "UTF-8", NULL);
	expect_failure("ann", "func", ADVISOR_EPOLICY, "probe", "function", NULL);
	expect_engine_recovered(NULL);
}

/* A check's own score ends up in the result's score and in its JSON, where
 * the data format shows a number; a declared score must be finite
 * (lua/module.c), so an infinite one from the outcome must not get through
 * either: refused as a policy error, or kept finite. */
Test(bridge, an_infinite_score_from_a_check_never_reaches_the_result)
{
	static const char *const intents[] = { "plus", "both" };
	layer_file("mine.lua",
		"advisor.rule { name = 'probe', description = 'scores without bounds',\n"
		"  intents = { 'plus', 'both' }, check = function(person, request)\n"
		"    if request.intents.plus or request.intents.both then\n"
		"      return { detail = 'a lot', score = math.huge }\n"
		"    end\n"
		"  end }\n"
		"advisor.rule { name = 'minus', description = 'scores below bounds',\n"
		"  check = function(person, request)\n"
		"    if request.intents.both then return { detail = 'less', score = -math.huge } end\n"
		"  end }\n");
	make_engine(NULL);
	for (size_t i = 0; i < sizeof(intents) / sizeof(*intents); i++) {
		advisor_result *r = NULL;
		advisor_error err;
		char *json = NULL;
		int rc = advise(&r, "ann", intents[i], &err);
		if (rc != ADVISOR_OK) {
			cr_expect_eq(rc, ADVISOR_EPOLICY, "%s: %s", intents[i], err.message);
			cr_expect_null(r);
			continue;
		}
		cr_expect(isfinite(advisor_result_score(r)), "%s: the result's score is %g", intents[i], advisor_result_score(r));
		for (size_t k = 0; k < advisor_result_reason_count(r); k++)
			cr_expect(isfinite(advisor_result_reason(r, k)->score), "%s: reason %s scores %g",
				intents[i], advisor_result_reason(r, k)->rule, advisor_result_reason(r, k)->score);
		cr_assert_eq(advisor_result_to_json(&json, r, &err), ADVISOR_OK);
		cr_expect_null(strstr(json, "null"), "%s: %s", intents[i], json);
		advisor_string_free(json);
		advisor_result_free(r);
	}
}

Test(bridge, an_extra_field_nested_too_deep_is_an_error_not_a_crash)
{
	/* 300 nested arrays in an unknown field: the loader keeps it, and
	 * reading it from Lua is refused rather than exhausting the C stack. */
	enum { DEPTH = 300 };
	static char json[4096];
	int n = snprintf(json, sizeof(json),
		"{ \"format\": \"advisor-network/1\", \"me\": { \"id\": \"me\", \"name\": \"Me\" },\n"
		"  \"people\": [ { \"id\": \"deep\", \"name\": \"Dee P\", \"shallow\": [1], \"deep\": ");
	for (int i = 0; i < DEPTH; i++)
		json[n++] = '[';
	for (int i = 0; i < DEPTH; i++)
		json[n++] = ']';
	snprintf(json + n, sizeof(json) - (size_t)n, " } ] }\n");

	advisor_network *deep = NULL;
	advisor_error err;
	cr_assert_eq(load_text(&deep, json, &err), ADVISOR_OK, "%s", err.message);
	layer_file("mine.lua",
		"advisor.rule { name = 'probe', description = 'reads deep data',\n"
		"  intents = { 'deep' }, check = function(person, request)\n"
		"    if request.intents.deep then return type(person.deep) end\n"
		"    return 'shallow ' .. #person.shallow\n"
		"  end }\n");
	make_engine(NULL);

	advisor_network *saved = net;
	net = deep;
	advisor_result *r = NULL;
	int rc = advise(&r, "deep", "deep", &err);
	if (rc == ADVISOR_OK)
		advisor_result_free(r);
	else
		cr_expect_eq(rc, ADVISOR_EPOLICY, "%s", err.message);
	char *got = probe_of("deep", NULL);
	cr_expect_str_eq(got, "shallow 1");
	free(got);
	net = saved;
	advisor_network_free(deep);
}

Test(bridge, errors_from_advisor_functions_and_modules_name_the_lua_file_and_line)
{
	layer_file("lib/helper.lua",
		"local M = {}\n"
		"function M.fail(x)\n"
		"  return x.nope.more\n"
		"end\n"
		"return M\n");
	layer_file("mine.lua",
		"local helper = require('lib.helper')\n"
		"advisor.rule { name = 'probe', description = 'd',\n"
		"  intents = { 'zero', 'arg', 'mod', 'date' }, check = function(person, request)\n"
		"    if request.intents.zero then error('level zero', 0) end\n"
		"    if request.intents.arg then return advisor.mutual_count(nil, person) end\n"
		"    if request.intents.mod then return helper.fail({}) end\n"
		"    if request.intents.date then return advisor.days_since('2026-02-30') end\n"
		"    return 'fine'\n"
		"  end }\n");
	make_engine(NULL);
	expect_failure("ann", "zero", ADVISOR_EPOLICY, "mine.lua:4: level zero", NULL);
	expect_failure("ann", "arg", ADVISOR_EPOLICY, "mine.lua:5:", "mutual_count", NULL);
	expect_failure("ann", "mod", ADVISOR_EPOLICY, "lib/helper.lua:3:", NULL);
	expect_failure("ann", "date", ADVISOR_EPOLICY, "mine.lua:7:", "2026-02-30", NULL);
	expect_engine_recovered(NULL);
}
