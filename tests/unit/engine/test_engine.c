/*
 * test_engine.c - engines through the public API: a policy layer over the
 * shipped policy (replacing, switching off and adding rules, settings), the
 * decision, the request checks, the note limit, the JSON of a result, and
 * one network shared by engines on two threads.
 *
 * Layers are folders named "mine" (or "other") under a fresh mkdtemp
 * directory, written from C strings and removed by the fixture.  The
 * network is docs/examples/network.json, judged on 2026-11-27.
 */
#include <criterion/criterion.h>
#include <cjson/cJSON.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"

#define AS_OF "2026-11-27"

/* ------------------------------------------------------------------------
 * Fixture: the example network and a scratch folder for layers.
 * ------------------------------------------------------------------------ */

#define MAX_FILES 8

static char scratch[512];

static struct {
	char dirs[2][600];
	int ndirs;
	char files[MAX_FILES][700];
	int nfiles;
} tmp;

static advisor_network *net;
static advisor_engine *engine;   /* the engine under test */
static advisor_engine *shipped;  /* the shipped policy alone */

static void setup(void)
{
	advisor_error err;
	const char *dir = getenv("TMPDIR");

	memset(&tmp, 0, sizeof(tmp));
	scratch[0] = '\0';
	snprintf(scratch, sizeof(scratch), "%s/advisor-engine-XXXXXX",
		dir && *dir ? dir : "/tmp");
	cr_assert_not_null(mkdtemp(scratch), "mkdtemp %s", scratch);
	cr_assert_eq(advisor_network_load(&net,
		source_path("docs/examples/network.json"), NULL, &err), ADVISOR_OK,
		"%s", err.message);
	cr_assert_eq(advisor_engine_new(&shipped, NULL, &err), ADVISOR_OK,
		"%s", err.message);
}

static void teardown(void)
{
	advisor_engine_free(engine);
	engine = NULL;
	advisor_engine_free(shipped);
	shipped = NULL;
	advisor_network_free(net);
	net = NULL;
	for (int i = tmp.nfiles; i-- > 0;)
		unlink(tmp.files[i]);
	for (int i = tmp.ndirs; i-- > 0;)
		rmdir(tmp.dirs[i]);
	if (scratch[0])
		rmdir(scratch);
	scratch[0] = '\0';
}

TestSuite(engine, .init = setup, .fini = teardown);

/* The folder `name` under the scratch directory, made on first use. */
static const char *layer_dir(const char *name)
{
	for (int i = 0; i < tmp.ndirs; i++) {
		const char *slash = strrchr(tmp.dirs[i], '/');
		if (strcmp(slash + 1, name) == 0)
			return tmp.dirs[i];
	}
	cr_assert_lt(tmp.ndirs, 2);
	char *d = tmp.dirs[tmp.ndirs];
	snprintf(d, sizeof(tmp.dirs[0]), "%s/%s", scratch, name);
	cr_assert_eq(mkdir(d, 0700), 0, "mkdir %s", d);
	tmp.ndirs++;
	return d;
}

static void layer_file(const char *layer, const char *name, const char *text)
{
	cr_assert_lt(tmp.nfiles, MAX_FILES);
	char *path = tmp.files[tmp.nfiles];
	snprintf(path, sizeof(tmp.files[0]), "%s/%s", layer_dir(layer), name);
	FILE *f = fopen(path, "wb");
	cr_assert_not_null(f, "cannot write %s", path);
	tmp.nfiles++;
	cr_assert_eq(fwrite(text, 1, strlen(text), f), strlen(text));
	fclose(f);
}

/* The engine over the shipped policy and the folder "mine". */
static void make_engine(unsigned int note_limit)
{
	advisor_engine_options o = ADVISOR_ENGINE_OPTIONS_INIT;
	const char *layers[1] = { layer_dir("mine") };
	advisor_error err;

	o.policy_layers = layers;
	o.policy_layer_count = 1;
	o.note_limit = note_limit;
	cr_assert_eq(advisor_engine_new(&engine, &o, &err), ADVISOR_OK,
		"engine: %s", err.message);
}

static int advise_on(advisor_result **r, advisor_engine *e,
	const advisor_network *nw, const char *person, advisor_direction dir,
	const char *intent, advisor_error *err)
{
	advisor_request req = ADVISOR_REQUEST_INIT;
	const char *intents[1] = { intent };

	req.person = person;
	req.as_of = AS_OF;
	req.direction = dir;
	if (intent) {
		req.intents = intents;
		req.intent_count = 1;
	}
	return advisor_advise(r, e, nw, &req, err);
}

/* Advise, expecting success. */
static advisor_result *advice(advisor_engine *e, const char *person,
	const char *intent)
{
	advisor_result *r = NULL;
	advisor_error err;
	int rc = advise_on(&r, e, net, person, ADVISOR_OUTGOING, intent, &err);
	cr_assert_eq(rc, ADVISOR_OK, "advise %s: %s", person, err.message);
	cr_assert_not_null(r);
	return r;
}

static const advisor_reason *reason_of(const advisor_result *r, const char *rule)
{
	for (size_t i = 0; i < advisor_result_reason_count(r); i++)
		if (strcmp(advisor_result_reason(r, i)->rule, rule) == 0)
			return advisor_result_reason(r, i);
	return NULL;
}

static void expect_verdict(const advisor_result *r, advisor_verdict v)
{
	cr_expect_eq(advisor_result_verdict(r), v, "%s: verdict %s, expected %s", advisor_result_person(r),
		advisor_verdict_name(advisor_result_verdict(r)), advisor_verdict_name(v));
}

/* Code points in UTF-8 text: every byte but the continuation bytes. */
static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* A request that must fail with code and a message holding the needles. */
static void expect_failure(const advisor_request *req, int code, ...)
{
	advisor_result *r = (advisor_result *)&r;
	advisor_error err;
	va_list ap;

	memset(&err, 0, sizeof(err));
	int rc = advisor_advise(&r, shipped, net, req, &err);
	cr_assert_eq(rc, code, "rc %d, expected %d: %s", rc, code, err.message);
	cr_expect_eq(err.code, code);
	cr_expect_null(r);
	va_start(ap, code);
	for (const char *s; (s = va_arg(ap, const char *));)
		cr_expect(strstr(err.message, s) != NULL,
			"message \"%s\" should mention \"%s\"", err.message, s);
	va_end(ap);
}

/* ------------------------------------------------------------------------
 * Layers
 * ------------------------------------------------------------------------ */

Test(engine, a_layer_rule_of_a_shipped_name_replaces_it)
{
	layer_file("mine", "known.lua",
		"advisor.rule {\n"
		"  name = 'known', description = 'replaced by the test', score = 0,\n"
		"  intents = { 'reconnect' },\n"
		"  check = function(person)\n"
		"    if person.id == 'priya-natarajan' then return \"the layer's known\" end\n"
		"  end,\n"
		"}\n");
	make_engine(0);

	advisor_result *before = advice(shipped, "priya-natarajan", NULL);
	expect_verdict(before, ADVISOR_CONNECT_WITH_NOTE);
	cr_expect_eq(reason_of(before, "known")->score, 3.0);

	advisor_result *after = advice(engine, "priya-natarajan", NULL);
	expect_verdict(after, ADVISOR_DONT_CONNECT);
	cr_expect_null(advisor_result_note(after));
	const advisor_reason *known = reason_of(after, "known");
	cr_assert_not_null(known);
	cr_expect_eq(known->score, 0.0);
	cr_expect_str_eq(known->detail, "the layer's known");
	cr_expect_float_eq(advisor_result_score(after), advisor_result_score(before) - 3.0, 1e-9);
	size_t seen = 0;
	for (size_t i = 0; i < advisor_result_reason_count(after); i++)
		seen += strcmp(advisor_result_reason(after, i)->rule, "known") == 0;
	cr_expect_eq(seen, 1, "the shipped known must not run as well");
	advisor_result_free(before);
	advisor_result_free(after);

	/* Someone the shipped known liked is no longer known. */
	advisor_result *daniel = advice(engine, "daniel-osei", NULL);
	expect_verdict(daniel, ADVISOR_DONT_CONNECT);
	cr_expect_null(reason_of(daniel, "known"));
	advisor_result_free(daniel);
}

Test(engine, advisor_off_switches_a_shipped_rule_off)
{
	layer_file("mine", "off.lua",
		"advisor.off('romance')\n"
		"advisor.rule { name = 'dating', description = 'keeps the date intent',\n"
		"  intents = { 'date' }, check = function() return nil end }\n");
	make_engine(0);

	advisor_result *before = advice(shipped, "priya-natarajan", "date");
	expect_verdict(before, ADVISOR_DONT_CONNECT);
	cr_assert_gt(advisor_result_reason_count(before), 0);
	cr_expect_str_eq(advisor_result_reason(before, 0)->rule, "romance");
	cr_expect(advisor_result_reason(before, 0)->vetoed);

	advisor_result *after = advice(engine, "priya-natarajan", "date");
	expect_verdict(after, ADVISOR_CONNECT_WITH_NOTE);
	cr_expect_null(reason_of(after, "romance"));
	cr_expect_not_null(advisor_result_note(after));
	advisor_result_free(before);
	advisor_result_free(after);
}

Test(engine, a_rule_switched_off_takes_its_intents_with_it)
{
	layer_file("mine", "off.lua", "advisor.off('romance')\n");
	make_engine(0);

	cr_expect_eq(advisor_engine_intent_count(engine), 4);
	for (size_t i = 0; i < advisor_engine_intent_count(engine); i++)
		cr_expect_str_neq(advisor_engine_intent(engine, i), "date");
	advisor_result *r = (advisor_result *)&r;
	advisor_error err;
	int rc = advise_on(&r, engine, net, "priya-natarajan", ADVISOR_OUTGOING,
		"date", &err);
	cr_expect_eq(rc, ADVISOR_EINTENT, "%s", err.message);
	cr_expect_null(r);
}

Test(engine, settings_threshold_changes_the_verdict)
{
	layer_file("mine", "settings.lua", "advisor.settings { threshold = 10 }\n");
	make_engine(0);

	advisor_result *r = advice(engine, "priya-natarajan", NULL);
	expect_verdict(r, ADVISOR_DONT_CONNECT);
	cr_expect_null(advisor_result_note(r));
	cr_expect_not_null(reason_of(r, "known"), "the reasons are still reported");
	advisor_result_free(r);
}

Test(engine, a_low_threshold_lets_graph_signals_decide)
{
	layer_file("mine", "settings.lua", "advisor.settings { threshold = 0.5 }\n");
	make_engine(0);

	/* Nadia shares four connections with me and nothing else. */
	advisor_result *before = advice(shipped, "nadia-rahman", NULL);
	expect_verdict(before, ADVISOR_DONT_CONNECT);
	cr_expect_str_eq(advisor_result_reason(before, 0)->rule, "stranger");
	cr_expect_geq(advisor_result_score(before), 0.5);

	advisor_result *after = advice(engine, "nadia-rahman", NULL);
	expect_verdict(after, ADVISOR_CONNECT);
	cr_expect_null(advisor_result_note(after));
	cr_expect_str_eq(advisor_result_reason(after, 0)->rule, "mutuals");
	advisor_result_free(before);
	advisor_result_free(after);
}

Test(engine, a_new_rule_adds_to_the_score)
{
	layer_file("mine", "bonus.lua",
		"advisor.rule { name = 'bonus', description = 'a bonus for everyone',\n"
		"  score = 1.5, check = function(person) return 'bonus for ' .. person.first_name end }\n");
	make_engine(0);

	for (size_t i = 0; i < advisor_network_person_count(net); i++) {
		const char *id = advisor_network_person_id(net, i);
		advisor_result *a = advice(shipped, id, NULL);
		advisor_result *b = advice(engine, id, NULL);
		if (advisor_result_verdict(a) == ADVISOR_ALREADY_CONNECTED) {
			expect_verdict(b, ADVISOR_ALREADY_CONNECTED);
			cr_expect_eq(advisor_result_reason_count(b), 0);
		} else {
			cr_expect_float_eq(advisor_result_score(b), advisor_result_score(a) + 1.5, 1e-9, "%s: %g vs %g",
				id, advisor_result_score(b), advisor_result_score(a));
			const advisor_reason *bonus = reason_of(b, "bonus");
			cr_expect_not_null(bonus, "%s", id);
			if (bonus)
				cr_expect_eq(bonus->score, 1.5);
		}
		advisor_result_free(a);
		advisor_result_free(b);
	}

	/* A stranger with a bonus under the threshold stays a stranger. */
	advisor_result *r = advice(engine, "olivia-grant", NULL);
	expect_verdict(r, ADVISOR_DONT_CONNECT);
	advisor_result_free(r);
}

Test(engine, a_rule_score_from_its_outcome_overrides_the_declared_one)
{
	layer_file("mine", "big.lua",
		"advisor.rule { name = 'big', description = 'a big reason', score = 1,\n"
		"  check = function(person)\n"
		"    if person.id == 'olivia-grant' then return { detail = 'big', score = 5 } end\n"
		"  end }\n");
	make_engine(0);
	advisor_result *r = advice(engine, "olivia-grant", NULL);
	expect_verdict(r, ADVISOR_CONNECT);
	cr_expect_eq(reason_of(r, "big")->score, 5.0);
	cr_expect_str_eq(advisor_result_reason(r, 0)->rule, "big");
	advisor_result_free(r);
}

/* A rule's no_note_fits reaches the result when no note is given, and only
 * on an outgoing request that the rules decided. */
Test(engine, a_rule_saying_no_note_fits_is_reported_when_no_note_is_given)
{
	layer_file("mine", "unfit.lua",
		"advisor.rule { name = 'unfit', description = 'wants a note', score = 5,\n"
		"  check = function(person)\n"
		"    if person.id == 'olivia-grant' then\n"
		"      return { detail = 'no room', no_note_fits = 50 } end\n"
		"  end }\n");
	make_engine(0);
	advisor_result *r = advice(engine, "olivia-grant", NULL);
	expect_verdict(r, ADVISOR_CONNECT);
	cr_expect_null(advisor_result_note(r));
	cr_expect_eq(advisor_result_no_note_fits(r), 50);
	advisor_result_free(r);

	advisor_error err;
	r = NULL;
	cr_assert_eq(advise_on(&r, engine, net, "olivia-grant", ADVISOR_INCOMING,
		NULL, &err), ADVISOR_OK, "%s", err.message);
	cr_expect_eq(advisor_result_no_note_fits(r), 0, "accepting needs no note");
	advisor_result_free(r);
}

Test(engine, no_note_fits_is_not_reported_when_another_rule_gives_a_note)
{
	layer_file("mine", "unfit.lua",
		"advisor.rule { name = 'unfit', description = 'wants a note', score = 5,\n"
		"  check = function(person)\n"
		"    if person.id == 'olivia-grant' then\n"
		"      return { detail = 'no room', no_note_fits = 50 } end\n"
		"  end }\n"
		"advisor.rule { name = 'short', description = 'a short note',\n"
		"  check = function(person)\n"
		"    if person.id == 'olivia-grant' then\n"
		"      return { detail = 'short', note = 'Hi!' } end\n"
		"  end }\n");
	make_engine(0);
	advisor_result *r = advice(engine, "olivia-grant", NULL);
	expect_verdict(r, ADVISOR_CONNECT_WITH_NOTE);
	cr_expect_eq(advisor_result_no_note_fits(r), 0);
	advisor_result_free(r);
}

Test(engine, a_bad_no_note_fits_is_a_policy_error_naming_the_rule)
{
	layer_file("mine", "unfit.lua",
		"advisor.rule { name = 'unfit', description = 'wants a note', score = 5,\n"
		"  check = function(person)\n"
		"    if person.id == 'olivia-grant' then\n"
		"      return { detail = 'no room', no_note_fits = 'forty' } end\n"
		"  end }\n");
	make_engine(0);
	advisor_result *r = NULL;
	advisor_error err;
	cr_expect_eq(advise_on(&r, engine, net, "olivia-grant", ADVISOR_OUTGOING,
		NULL, &err), ADVISOR_EPOLICY);
	cr_expect_null(r);
	cr_expect(strstr(err.message, "unfit") != NULL, "%s", err.message);
	cr_expect(strstr(err.message, "'no_note_fits' must be the note limit") != NULL,
		"%s", err.message);
}

Test(engine, the_policy_name_is_default_plus_the_layer_folders)
{
	advisor_engine_options o = ADVISOR_ENGINE_OPTIONS_INIT;
	advisor_engine *e = NULL;
	advisor_error err;
	char slashed[700];

	layer_file("mine", "a.lua", "-- nothing\n");
	layer_file("other", "b.lua", "-- nothing either\n");
	cr_expect_str_eq(advisor_engine_policy_name(shipped), "default");
	make_engine(0);
	cr_expect_str_eq(advisor_engine_policy_name(engine), "default+mine");

	snprintf(slashed, sizeof(slashed), "%s/", layer_dir("other"));
	const char *layers[2] = { layer_dir("mine"), slashed };
	o.policy_layers = layers;
	o.policy_layer_count = 2;
	cr_assert_eq(advisor_engine_new(&e, &o, &err), ADVISOR_OK, "%s", err.message);
	cr_expect_str_eq(advisor_engine_policy_name(e), "default+mine+other");

	/* Results carry the name. */
	advisor_result *r = advice(e, "priya-natarajan", NULL);
	cr_expect_str_eq(advisor_result_policy(r), "default+mine+other");
	advisor_result_free(r);
	advisor_engine_free(e);
	cr_expect_null(advisor_engine_policy_name(NULL));
}

Test(engine, the_shipped_intents_are_listed_sorted)
{
	static const char *const expected[] = { "date", "job", "learn", "network",
		"reconnect" };
	size_t n = sizeof(expected) / sizeof(*expected);

	for (size_t i = 0; i < n; i++) {
		const char *got = advisor_engine_intent(shipped, i);
		cr_assert_not_null(got, "intent %zu missing", i);
		cr_expect_str_eq(got, expected[i]);
	}
	cr_expect_eq(advisor_engine_intent_count(shipped), n);
	cr_expect_null(advisor_engine_intent(shipped, n));
	cr_expect_null(advisor_engine_intent(shipped, 1000));
	cr_expect_null(advisor_engine_intent(NULL, 0));
	cr_expect_eq(advisor_engine_intent_count(NULL), 0);
}

Test(engine, a_layer_intent_joins_the_sorted_list)
{
	layer_file("mine", "a.lua",
		"advisor.rule { name = 'mentor', description = 'd',\n"
		"  intents = { 'mentor', 'advice', 'learn' }, check = function() end }\n");
	make_engine(0);
	static const char *const expected[] = { "advice", "date", "job", "learn",
		"mentor", "network", "reconnect" };
	size_t n = sizeof(expected) / sizeof(*expected);
	for (size_t i = 0; i < n; i++) {
		const char *got = advisor_engine_intent(engine, i);
		cr_assert_not_null(got, "intent %zu missing", i);
		cr_expect_str_eq(got, expected[i]);
	}
	cr_expect_eq(advisor_engine_intent_count(engine), n);
	cr_expect_null(advisor_engine_intent(engine, n));
}

/* ------------------------------------------------------------------------
 * Requests
 * ------------------------------------------------------------------------ */

Test(engine, an_unknown_intent_is_an_error_listing_the_known_ones)
{
	advisor_request req = ADVISOR_REQUEST_INIT;
	const char *intents[2] = { "learn", "romance" };
	req.person = "priya-natarajan";
	req.as_of = AS_OF;
	req.intents = intents;
	req.intent_count = 2;
	expect_failure(&req, ADVISOR_EINTENT, "\"romance\"",
		"date, job, learn, network, reconnect", NULL);
}

Test(engine, drafts_outside_1_to_3_are_refused_and_version_1_has_one)
{
	advisor_request req = ADVISOR_REQUEST_INIT;
	req.person = "priya-natarajan";
	req.as_of = AS_OF;
	req.drafts = 0;
	expect_failure(&req, ADVISOR_EINVAL, "drafts is 0; expected 1 to 3", NULL);
	req.drafts = 4;
	expect_failure(&req, ADVISOR_EINVAL, "drafts is 4; expected 1 to 3", NULL);

	/* A version 1 request has no drafts field: one draft, whatever the
	 * memory after it holds. */
	req.version = 1;
	advisor_result *r = NULL;
	advisor_error err;
	cr_assert_eq(advisor_advise(&r, shipped, net, &req, &err), ADVISOR_OK,
		"%s", err.message);
	cr_expect_not_null(advisor_result_note(r));
	cr_expect_eq(advisor_result_draft_count(r), 0);
	advisor_result_free(r);

	req.version = ADVISOR_REQUEST_VERSION;
	req.drafts = 3;
	cr_assert_eq(advisor_advise(&r, shipped, net, &req, &err), ADVISOR_OK,
		"%s", err.message);
	size_t n = advisor_result_draft_count(r);
	cr_expect(n >= 2 && n <= 3, "%zu drafts", n);
	cr_expect_str_eq(advisor_result_draft(r, 0), advisor_result_note(r));
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			cr_expect_str_neq(advisor_result_draft(r, i), advisor_result_draft(r, j));
	cr_expect_null(advisor_result_draft(r, n));
	advisor_result_free(r);
}

Test(engine, an_unknown_person_is_not_found_and_named)
{
	advisor_request req = ADVISOR_REQUEST_INIT;
	req.person = "nobody-at-all";
	req.as_of = AS_OF;
	expect_failure(&req, ADVISOR_ENOTFOUND, "nobody-at-all", NULL);
	/* Listed among connections but never declared. */
	req.person = "sam-bare";
	expect_failure(&req, ADVISOR_ENOTFOUND, "sam-bare", "connections", NULL);
}

Test(engine, a_request_names_a_person_by_profile_url_but_not_by_name)
{
	static const char text[] =
		"{\"format\":\"advisor-network/1\",\"me\":{\"id\":\"me\",\"name\":\"Alex Kim\","
		"  \"profile_url\":\"https://www.linkedin.com/in/alex-kim\"},"
		" \"people\":[{\"id\":\"noa-levi\",\"name\":\"Noa Levi\","
		"  \"profile_url\":\"https://www.linkedin.com/in/noa-levi-42/\"}]}";
	advisor_network *small = NULL;
	advisor_request req = ADVISOR_REQUEST_INIT;
	advisor_result *r = NULL;
	advisor_error err;

	cr_assert_eq(advisor_network_load_buffer(&small, text, strlen(text),
		"small.json", NULL, &err), ADVISOR_OK, "%s", err.message);
	req.as_of = AS_OF;
	req.person = "linkedin.com/in/Noa-Levi-42";
	cr_assert_eq(advisor_advise(&r, shipped, small, &req, &err), ADVISOR_OK,
		"%s", err.message);
	cr_expect_str_eq(advisor_result_person(r), "noa-levi");
	advisor_result_free(r);
	r = NULL;

	req.person = "https://www.linkedin.com/in/alex-kim/";
	cr_expect_eq(advisor_advise(&r, shipped, small, &req, &err),
		ADVISOR_EINVAL);
	cr_expect(strstr(err.message, "is you"), "%s", err.message);
	req.person = "https://www.linkedin.com/in/someone-else";
	cr_expect_eq(advisor_advise(&r, shipped, small, &req, &err),
		ADVISOR_ENOTFOUND);
	cr_expect(strstr(err.message, "no person with id or profile URL"), "%s",
		err.message);
	req.person = "Noa Levi";
	cr_expect_eq(advisor_advise(&r, shipped, small, &req, &err),
		ADVISOR_ENOTFOUND);
	cr_expect_null(r);
	advisor_network_free(small);
}

Test(engine, advising_on_me_is_an_invalid_request)
{
	advisor_request req = ADVISOR_REQUEST_INIT;
	req.person = "me";
	req.as_of = AS_OF;
	expect_failure(&req, ADVISOR_EINVAL, "me", NULL);
}

Test(engine, a_bad_as_of_is_an_invalid_request)
{
	static const char *const bad[] = { "2026-13-01", "2026-02-30", "2026-11",
		"2026", "yesterday", "", "2026-11-27T10:00", " 2026-11-27",
		"2026-1-27" };
	advisor_request req = ADVISOR_REQUEST_INIT;
	req.person = "priya-natarajan";
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		req.as_of = bad[i];
		expect_failure(&req, ADVISOR_EINVAL, "as_of", NULL);
	}
	/* 2024 is a leap year; no as_of means today. */
	req.as_of = "2024-02-29";
	advisor_result *r = NULL;
	advisor_error err;
	cr_expect_eq(advisor_advise(&r, shipped, net, &req, &err), ADVISOR_OK, "%s", err.message);
	advisor_result_free(r);
	r = NULL;
	req.as_of = NULL;
	cr_expect_eq(advisor_advise(&r, shipped, net, &req, &err), ADVISOR_OK, "%s", err.message);
	advisor_result_free(r);
}

Test(engine, malformed_requests_and_arguments_are_invalid)
{
	advisor_request req = ADVISOR_REQUEST_INIT;
	advisor_result *r = NULL;
	advisor_error err;

	req.person = "priya-natarajan";
	req.as_of = AS_OF;
	cr_expect_eq(advisor_advise(NULL, shipped, net, &req, &err), ADVISOR_EINVAL);
	cr_expect_eq(advisor_advise(&r, NULL, net, &req, &err), ADVISOR_EINVAL);
	cr_expect_eq(advisor_advise(&r, shipped, NULL, &req, &err), ADVISOR_EINVAL);
	cr_expect_eq(advisor_advise(&r, shipped, net, NULL, &err), ADVISOR_EINVAL);

	advisor_request v = req;
	v.version = 99;
	expect_failure(&v, ADVISOR_EINVAL, "version", NULL);
	advisor_request d = req;
	d.direction = (advisor_direction)7;
	expect_failure(&d, ADVISOR_EINVAL, "direction", NULL);
	advisor_request i = req;
	i.intent_count = 1;
	expect_failure(&i, ADVISOR_EINVAL, "intents", NULL);
	advisor_request p = req;
	p.person = NULL;
	expect_failure(&p, ADVISOR_EINVAL, "person", NULL);
	p.person = "";
	expect_failure(&p, ADVISOR_EINVAL, "person", NULL);

	advisor_engine_options o = ADVISOR_ENGINE_OPTIONS_INIT;
	advisor_engine *e = (advisor_engine *)&e;
	o.version = 42;
	cr_expect_eq(advisor_engine_new(&e, &o, &err), ADVISOR_EINVAL);
	cr_expect_null(e);
	o = (advisor_engine_options)ADVISOR_ENGINE_OPTIONS_INIT;
	o.policy_layer_count = 1;
	cr_expect_eq(advisor_engine_new(&e, &o, &err), ADVISOR_EINVAL);
	const char *layers[1] = { NULL };
	o.policy_layers = layers;
	cr_expect_eq(advisor_engine_new(&e, &o, &err), ADVISOR_EINVAL);
	const char *missing[1] = { "/nonexistent/advisor/policy" };
	o.policy_layers = missing;
	cr_expect_eq(advisor_engine_new(&e, &o, &err), ADVISOR_EPOLICY);
	cr_expect(strstr(err.message, "/nonexistent/advisor/policy") != NULL, "%s", err.message);
	cr_expect_eq(advisor_engine_new(NULL, NULL, &err), ADVISOR_EINVAL);
	advisor_engine_free(NULL);
}

Test(engine, an_empty_layer_folder_is_a_policy_error)
{
	advisor_engine_options o = ADVISOR_ENGINE_OPTIONS_INIT;
	advisor_engine *e = (advisor_engine *)&e;
	advisor_error err;
	const char *layers[1] = { layer_dir("mine") };

	o.policy_layers = layers;
	o.policy_layer_count = 1;
	cr_expect_eq(advisor_engine_new(&e, &o, &err), ADVISOR_EPOLICY);
	cr_expect_null(e);
	cr_expect(strstr(err.message, "mine") != NULL, "%s", err.message);
}

/* ------------------------------------------------------------------------
 * The decision
 * ------------------------------------------------------------------------ */

Test(engine, an_already_connected_person_runs_no_rules)
{
	layer_file("mine", "boom.lua",
		"advisor.rule { name = 'boom', description = 'fails for everyone',\n"
		"  check = function() error('should not run') end }\n");
	make_engine(0);
	advisor_result *r = advice(engine, "zoe-muller", NULL);
	expect_verdict(r, ADVISOR_ALREADY_CONNECTED);
	cr_expect_eq(advisor_result_reason_count(r), 0);
	cr_expect_null(advisor_result_note(r));
	cr_expect_str_eq(advisor_result_person(r), "zoe-muller");
	advisor_result_free(r);

	advisor_result *f = (advisor_result *)&f;
	advisor_error err;
	cr_expect_eq(advise_on(&f, engine, net, "priya-natarajan", ADVISOR_OUTGOING,
		NULL, &err), ADVISOR_EPOLICY);
	cr_expect_null(f);
	cr_expect(strstr(err.message, "should not run") != NULL, "%s", err.message);
}

Test(engine, a_veto_decides_keeps_the_score_and_drops_the_note)
{
	/* Hannah: met cordially, and a hiring process is open. */
	advisor_result *r = advice(shipped, "hannah-becker", "job");
	expect_verdict(r, ADVISOR_WAIT);
	cr_expect_str_eq(advisor_result_reason(r, 0)->rule, "job_pending");
	cr_expect(advisor_result_reason(r, 0)->vetoed);
	cr_expect_null(advisor_result_note(r));
	cr_expect_geq(advisor_result_score(r), 3.0, "the score is still reported");
	for (size_t i = 1; i < advisor_result_reason_count(r); i++)
		cr_expect_not(advisor_result_reason(r, i)->vetoed);
	advisor_result_free(r);

	/* Romance is stronger than the open process. */
	r = advice(shipped, "hannah-becker", "date");
	expect_verdict(r, ADVISOR_DONT_CONNECT);
	cr_expect_str_eq(advisor_result_reason(r, 0)->rule, "romance");
	cr_expect_not_null(reason_of(r, "job_pending"));
	advisor_result_free(r);
}

Test(engine, an_incoming_invitation_needs_no_note)
{
	advisor_result *r = NULL;
	advisor_error err;

	cr_assert_eq(advise_on(&r, shipped, net, "priya-natarajan", ADVISOR_INCOMING,
		NULL, &err), ADVISOR_OK, "%s", err.message);
	expect_verdict(r, ADVISOR_CONNECT);
	cr_expect_null(advisor_result_note(r));
	advisor_result_free(r);

	/* Bad ending: they invite you, accept. */
	cr_assert_eq(advise_on(&r, shipped, net, "gregory-hale", ADVISOR_INCOMING,
		NULL, &err), ADVISOR_OK, "%s", err.message);
	expect_verdict(r, ADVISOR_CONNECT);
	cr_expect_str_eq(advisor_result_reason(r, 0)->rule, "bad_ending");
	cr_expect_not(advisor_result_reason(r, 0)->vetoed);
	advisor_result_free(r);
	r = advice(shipped, "gregory-hale", NULL);
	expect_verdict(r, ADVISOR_DONT_CONNECT);
	cr_expect(advisor_result_reason(r, 0)->vetoed);
	advisor_result_free(r);
}

/* ------------------------------------------------------------------------
 * Notes
 * ------------------------------------------------------------------------ */

static void expect_note_within(advisor_engine *e, const char *person, size_t limit)
{
	advisor_result *r = advice(e, person, NULL);
	expect_verdict(r, ADVISOR_CONNECT_WITH_NOTE);
	cr_assert_not_null(advisor_result_note(r), "%s: no note", person);
	size_t n = utf8_chars(advisor_result_note(r));
	cr_expect_gt(n, 0);
	cr_expect_leq(n, limit, "%s: note of %zu characters over %zu: %s", person,
		n, limit, advisor_result_note(r));
	advisor_result_free(r);
}

Test(engine, the_note_limit_option_caps_the_note_in_characters)
{
	advisor_engine_options o = ADVISOR_ENGINE_OPTIONS_INIT;
	advisor_error err;

	o.note_limit = 40;
	cr_assert_eq(advisor_engine_new(&engine, &o, &err), ADVISOR_OK, "%s", err.message);
	expect_note_within(engine, "priya-natarajan", 40);
	/* Daniel's reminder holds an en dash (three bytes, one character). */
	expect_note_within(engine, "daniel-osei", 40);

	advisor_result *full = advice(shipped, "daniel-osei", NULL);
	cr_assert_not_null(advisor_result_note(full));
	cr_expect_gt(utf8_chars(advisor_result_note(full)), 40, "the default note is longer: %s", advisor_result_note(full));
	cr_expect_lt(utf8_chars(advisor_result_note(full)), strlen(advisor_result_note(full)));
	advisor_result_free(full);
}

Test(engine, very_small_note_limits_are_still_kept)
{
	static const unsigned int limits[] = { 1, 2, 5, 20, 25 };
	static const char *const people[] = { "priya-natarajan", "daniel-osei",
		"amara-nwosu", "rafael-souza" };

	for (size_t i = 0; i < sizeof(limits) / sizeof(*limits); i++) {
		advisor_engine_options o = ADVISOR_ENGINE_OPTIONS_INIT;
		advisor_engine *e = NULL;
		advisor_error err;
		o.note_limit = limits[i];
		cr_assert_eq(advisor_engine_new(&e, &o, &err), ADVISOR_OK, "%s", err.message);
		for (size_t k = 0; k < sizeof(people) / sizeof(*people); k++) {
			advisor_result *r = advice(e, people[k], NULL);
			if (advisor_result_note(r))
				cr_expect_leq(utf8_chars(advisor_result_note(r)), limits[i],
					"%s, limit %u: %s", people[k], limits[i], advisor_result_note(r));
			advisor_result_free(r);
		}
		advisor_engine_free(e);
	}
}

Test(engine, a_layer_setting_the_note_limit_caps_the_note)
{
	layer_file("mine", "settings.lua", "advisor.settings { note_limit = 25 }\n");
	make_engine(0);
	expect_note_within(engine, "priya-natarajan", 25);
	expect_note_within(engine, "daniel-osei", 25);
	advisor_engine_free(engine);
	engine = NULL;
	/* The embedder's option wins over the policy's setting. */
	make_engine(60);
	expect_note_within(engine, "daniel-osei", 60);
	advisor_result *r = advice(engine, "daniel-osei", NULL);
	cr_expect_gt(utf8_chars(advisor_result_note(r)), 25, "%s", advisor_result_note(r));
	advisor_result_free(r);
}

/* ------------------------------------------------------------------------
 * JSON
 * ------------------------------------------------------------------------ */

Test(engine, the_json_of_a_result_has_verdict_reasons_and_note)
{
	advisor_result *r = advice(shipped, "priya-natarajan", NULL);
	advisor_error err;
	char *json = NULL;

	cr_assert_eq(advisor_result_to_json(&json, r, &err), ADVISOR_OK, "%s", err.message);
	cr_assert_not_null(json);
	cr_expect_null(strchr(json, '\n'), "one line: %s", json);
	cJSON *doc = cJSON_Parse(json);
	cr_assert_not_null(doc, "not JSON: %s", json);
	cr_expect_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(doc, "person")),
		"priya-natarajan");
	cr_expect_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(doc, "verdict")),
		"connect_with_note");
	cr_expect_float_eq(cJSON_GetNumberValue(cJSON_GetObjectItem(doc, "score")),
		advisor_result_score(r), 1e-9);
	cr_expect_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(doc, "note")), advisor_result_note(r));
	cr_expect_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(doc, "policy")), "default");
	cJSON *reasons = cJSON_GetObjectItem(doc, "reasons");
	cr_assert(cJSON_IsArray(reasons));
	cr_assert_eq((size_t)cJSON_GetArraySize(reasons), advisor_result_reason_count(r));
	for (size_t i = 0; i < advisor_result_reason_count(r); i++) {
		cJSON *it = cJSON_GetArrayItem(reasons, (int)i);
		cr_expect_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(it, "rule")),
			advisor_result_reason(r, i)->rule);
		cr_expect_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(it, "detail")),
			advisor_result_reason(r, i)->detail);
		cr_expect_float_eq(cJSON_GetNumberValue(cJSON_GetObjectItem(it, "score")),
			advisor_result_reason(r, i)->score, 1e-9);
		cr_expect_null(cJSON_GetObjectItem(it, "veto"));
	}
	cr_expect_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(
		cJSON_GetArrayItem(reasons, 0), "rule")), "known");
	cJSON_Delete(doc);
	advisor_string_free(json);
	advisor_result_free(r);
}

Test(engine, the_json_of_a_veto_marks_it_and_has_no_note)
{
	advisor_result *r = advice(shipped, "gregory-hale", NULL);
	advisor_error err;
	char *json = NULL;

	cr_assert_eq(advisor_result_to_json(&json, r, &err), ADVISOR_OK, "%s", err.message);
	cJSON *doc = cJSON_Parse(json);
	cr_assert_not_null(doc, "not JSON: %s", json);
	cr_expect_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(doc, "verdict")),
		"dont_connect");
	cr_expect_null(cJSON_GetObjectItem(doc, "note"));
	cJSON *first = cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "reasons"), 0);
	cr_expect_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(first, "rule")), "bad_ending");
	cr_expect(cJSON_IsTrue(cJSON_GetObjectItem(first, "veto")));
	cJSON_Delete(doc);
	advisor_string_free(json);
	advisor_result_free(r);

	/* Already connected: no reasons, an empty list. */
	r = advice(shipped, "zoe-muller", NULL);
	cr_assert_eq(advisor_result_to_json(&json, r, &err), ADVISOR_OK, "%s", err.message);
	doc = cJSON_Parse(json);
	cr_assert_not_null(doc, "not JSON: %s", json);
	cr_expect_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(doc, "verdict")),
		"already_connected");
	cr_expect_eq(cJSON_GetArraySize(cJSON_GetObjectItem(doc, "reasons")), 0);
	cJSON_Delete(doc);
	advisor_string_free(json);
	advisor_result_free(r);

	cr_expect_eq(advisor_result_to_json(NULL, r, &err), ADVISOR_EINVAL);
	cr_expect_eq(advisor_result_to_json(&json, NULL, &err), ADVISOR_EINVAL);
}

/* ------------------------------------------------------------------------
 * Sharing a network
 * ------------------------------------------------------------------------ */

static const char *const INTENT_SETS[] = { NULL, "reconnect", "learn", "job",
	"date", "network" };
#define INTENT_SET_COUNT (sizeof(INTENT_SETS) / sizeof(*INTENT_SETS))

/* Every person, every intent, both directions: the JSON lines, joined. */
static char *advise_everyone(advisor_engine *e, const advisor_network *nw,
	int *failures)
{
	size_t cap = 1 << 16, len = 0;
	char *all = malloc(cap);

	if (!all) {
		(*failures)++;
		return NULL;
	}
	all[0] = '\0';
	for (size_t i = 0; i < advisor_network_person_count(nw); i++) {
		for (size_t k = 0; k < INTENT_SET_COUNT; k++) {
			for (int dir = 0; dir < 2; dir++) {
				advisor_result *r = NULL;
				advisor_error err;
				char *json = NULL;
				if (advise_on(&r, e, nw, advisor_network_person_id(nw, i),
					(advisor_direction)dir, INTENT_SETS[k], &err) != ADVISOR_OK ||
				    advisor_result_to_json(&json, r, &err) != ADVISOR_OK) {
					(*failures)++;
					advisor_result_free(r);
					continue;
				}
				size_t n = strlen(json);
				if (len + n + 2 > cap) {
					char *p = realloc(all, cap = (len + n + 2) * 2);
					if (!p) {
						(*failures)++;
						advisor_string_free(json);
						advisor_result_free(r);
						continue;
					}
					all = p;
				}
				memcpy(all + len, json, n);
				len += n;
				all[len++] = '\n';
				all[len] = '\0';
				advisor_string_free(json);
				advisor_result_free(r);
			}
		}
	}
	return all;
}

typedef struct worker {
	const advisor_network *net;
	char *out;
	int failures;
	int rounds;
} worker;

/* A thread: its own engine, the shared network; no Criterion asserts in
 * here, the main thread checks what it brings back. */
static void *work(void *arg)
{
	worker *w = arg;
	advisor_engine *e = NULL;

	if (advisor_engine_new(&e, NULL, NULL) != ADVISOR_OK) {
		w->failures++;
		return NULL;
	}
	for (int round = 0; round < w->rounds; round++) {
		char *s = advise_everyone(e, w->net, &w->failures);
		if (w->out && s && strcmp(w->out, s) != 0)
			w->failures++; /* the same engine changed its mind */
		if (w->out)
			free(s);
		else
			w->out = s;
	}
	advisor_engine_free(e);
	return NULL;
}

Test(engine, two_engines_on_two_threads_sharing_a_network_agree)
{
	worker w[2] = { { net, NULL, 0, 3 }, { net, NULL, 0, 3 } };
	pthread_t t[2];
	int failures = 0;

	char *alone = advise_everyone(shipped, net, &failures);
	cr_assert_eq(failures, 0);
	cr_assert_not_null(alone);

	for (int i = 0; i < 2; i++)
		cr_assert_eq(pthread_create(&t[i], NULL, work, &w[i]), 0);
	for (int i = 0; i < 2; i++)
		cr_assert_eq(pthread_join(t[i], NULL), 0);
	for (int i = 0; i < 2; i++) {
		cr_expect_eq(w[i].failures, 0, "thread %d: %d failures", i, w[i].failures);
		cr_assert_not_null(w[i].out);
		cr_expect_str_eq(w[i].out, alone, "thread %d disagrees", i);
		free(w[i].out);
	}
	free(alone);
}

/* One engine, two networks in turn: nothing of one leaks into the other
 * (the walk scratch space is sized per network). */
Test(engine, one_engine_can_advise_on_two_networks_in_turn)
{
	static const char SMALL[] =
		"{ \"format\": \"advisor-network/1\",\n"
		"  \"me\": { \"id\": \"me\", \"name\": \"Alex Kim\", \"industry\": \"Software\" },\n"
		"  \"people\": [\n"
		"    { \"id\": \"a\", \"name\": \"Ann A\", \"connected\": true },\n"
		"    { \"id\": \"b\", \"name\": \"Bo B\", \"connections\": [\"a\"],\n"
		"      \"events\": [ { \"type\": \"met\", \"date\": \"2020-01-01\",\n"
		"        \"context\": \"a bar\", \"tone\": \"cordial\" } ] },\n"
		"    { \"id\": \"c\", \"name\": \"Cy C\", \"connections\": [\"b\"] } ] }\n";
	advisor_network *small = NULL;
	advisor_engine *fresh_big = NULL, *fresh_small = NULL;
	advisor_error err;
	int failures = 0;

	layer_file("mine", "deg.lua",
		"advisor.rule { name = 'deg', description = 'how far they are',\n"
		"  check = function(person, request)\n"
		"    return 'degrees ' .. tostring(advisor.degrees(request.me, person, 8))\n"
		"  end }\n");
	make_engine(0);
	cr_assert_eq(load_text(&small, SMALL, &err), ADVISOR_OK, "%s", err.message);
	const char *layers[1] = { layer_dir("mine") };
	advisor_engine_options o = ADVISOR_ENGINE_OPTIONS_INIT;
	o.policy_layers = layers;
	o.policy_layer_count = 1;
	cr_assert_eq(advisor_engine_new(&fresh_big, &o, &err), ADVISOR_OK, "%s", err.message);
	cr_assert_eq(advisor_engine_new(&fresh_small, &o, &err), ADVISOR_OK, "%s", err.message);

	char *big_ref = advise_everyone(fresh_big, net, &failures);
	char *small_ref = advise_everyone(fresh_small, small, &failures);
	cr_assert_eq(failures, 0);
	cr_expect_not_null(strstr(small_ref, "degrees 2"), "%s", small_ref);
	for (int round = 0; round < 2; round++) {
		char *s1 = advise_everyone(engine, small, &failures);
		char *b1 = advise_everyone(engine, net, &failures);
		cr_expect_str_eq(s1, small_ref);
		cr_expect_str_eq(b1, big_ref);
		free(s1);
		free(b1);
	}
	cr_expect_eq(failures, 0);
	free(big_ref);
	free(small_ref);
	advisor_engine_free(fresh_big);
	advisor_engine_free(fresh_small);
	advisor_network_free(small);
}

/* as_of is "the date to judge on" (docs/data-format.md), and contact counts "on or
 * before as_of".  Events dated after as_of have not happened yet on that
 * date: they make nobody known, are not what a note reminds them of, and
 * end nothing badly. */
Test(engine, events_after_as_of_do_not_count)
{
	static const char FUTURE[] =
		"{ \"format\": \"advisor-network/1\",\n"
		"  \"me\": { \"id\": \"me\", \"name\": \"Alex Kim\", \"industry\": \"Software\" },\n"
		"  \"people\": [\n"
		"    { \"id\": \"fut\", \"name\": \"Fu T\", \"events\": [\n"
		"      { \"type\": \"met\", \"date\": \"2027-03-01\", \"context\": \"FutureConf\",\n"
		"        \"tone\": \"cordial\" } ] },\n"
		"    { \"id\": \"mix\", \"name\": \"Mi X\", \"events\": [\n"
		"      { \"type\": \"met\", \"date\": \"2019-05-03\", \"context\": \"PyCon 2019\",\n"
		"        \"tone\": \"cordial\" },\n"
		"      { \"type\": \"met\", \"date\": \"2027-03-01\", \"context\": \"FutureConf\",\n"
		"        \"tone\": \"cordial\" } ] },\n"
		"    { \"id\": \"bad\", \"name\": \"Ba D\", \"events\": [\n"
		"      { \"type\": \"met\", \"date\": \"2019-05-03\", \"context\": \"PyCon 2019\",\n"
		"        \"tone\": \"cordial\" },\n"
		"      { \"type\": \"worked_together\", \"org\": \"Later Inc\", \"relation\": \"boss\",\n"
		"        \"from\": \"2027-01\", \"to\": \"2027-06\", \"ending\": \"bad\" } ] } ] }\n";
	advisor_network *future = NULL;
	advisor_result *r = NULL;
	advisor_error err;

	cr_assert_eq(load_text(&future, FUTURE, &err), ADVISOR_OK, "%s", err.message);

	cr_assert_eq(advise_on(&r, shipped, future, "fut", ADVISOR_OUTGOING, NULL, &err),
		ADVISOR_OK, "%s", err.message);
	cr_expect_null(reason_of(r, "known"), "met only after as_of: %s",
		reason_of(r, "known") ? reason_of(r, "known")->detail : "");
	expect_verdict(r, ADVISOR_DONT_CONNECT);
	advisor_result_free(r);

	cr_assert_eq(advise_on(&r, shipped, future, "mix", ADVISOR_OUTGOING, NULL, &err),
		ADVISOR_OK, "%s", err.message);
	expect_verdict(r, ADVISOR_CONNECT_WITH_NOTE);
	const advisor_reason *known = reason_of(r, "known");
	cr_assert_not_null(known);
	cr_expect_null(strstr(known->detail, "FutureConf"), "%s", known->detail);
	cr_expect_not_null(advisor_result_note(r));
	if (advisor_result_note(r)) {
		cr_expect_null(strstr(advisor_result_note(r), "FutureConf"), "%s", advisor_result_note(r));
		cr_expect_not_null(strstr(advisor_result_note(r), "PyCon 2019"), "%s", advisor_result_note(r));
	}
	advisor_result_free(r);

	cr_assert_eq(advise_on(&r, shipped, future, "bad", ADVISOR_OUTGOING, NULL, &err),
		ADVISOR_OK, "%s", err.message);
	cr_expect_null(reason_of(r, "bad_ending"), "a job that starts after as_of ended nothing");
	expect_verdict(r, ADVISOR_CONNECT_WITH_NOTE);
	advisor_result_free(r);

	advisor_network_free(future);
}
