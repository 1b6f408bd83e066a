/*
 * test_policy.c - the shipped policy against its case files.
 *
 * Each case in tests/policy/default.cases.json names a request and what must come
 * out: the verdict, the deciding rule, rules that must fire, the note or
 * text it must contain, or no note at all, at the case's own note limit if
 * it has one.  The file is read by the library (advisor_cases_load()), as
 * advisor test reads it.  Every failing case is reported by name.
 */
#include <criterion/criterion.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "util/utf8.h"

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	cr_assert_not_null(f, "cannot open %s", path);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)n + 1);
	cr_assert_not_null(buf);
	cr_assert_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static int has_reason(const advisor_result *r, const char *rule)
{
	for (size_t i = 0; i < advisor_result_reason_count(r); i++)
		if (strcmp(advisor_result_reason(r, i)->rule, rule) == 0)
			return 1;
	return 0;
}

/* An engine judging with this note limit (0: the policy's), made once. */
static advisor_engine *engine_for(advisor_engine **engines, unsigned int *limits,
	size_t *n, unsigned int note_limit)
{
	advisor_engine_options eo = ADVISOR_ENGINE_OPTIONS_INIT;
	advisor_error err;

	for (size_t i = 0; i < *n; i++)
		if (limits[i] == note_limit)
			return engines[i];
	cr_assert_lt(*n, 8, "more than 8 note limits in the cases");
	eo.note_limit = note_limit;
	cr_assert_eq(advisor_engine_new(&engines[*n], &eo, &err), ADVISOR_OK,
		"%s", err.message);
	limits[*n] = note_limit;
	return engines[(*n)++];
}

/* Run one case (read by the library's case-file reader); returns the
 * number of failed expectations. */
static int run_case(advisor_engine *engine, const advisor_network *net,
	const advisor_case *c)
{
	const char *name = c->name;
	advisor_result *r = NULL;
	advisor_error err;
	int failed = 0;

	cr_assert_not_null(c->request, "%s: %s", name,
		c->request_error ? c->request_error->message : "no request");
	int rc = advisor_advise(&r, engine, net, c->request, &err);
	if (rc != ADVISOR_OK) {
		cr_expect_fail("%s: advise failed: %s", name, err.message);
		return 1;
	}
	if (c->verdict == ADVISOR_VERDICT_INVALID || c->verdict != advisor_result_verdict(r)) {
		cr_expect_fail("%s: verdict %s, expected %s", name,
			advisor_verdict_name(advisor_result_verdict(r)),
			advisor_verdict_name(c->verdict));
		failed++;
	}
	if (c->first_rule && (!advisor_result_reason_count(r) ||
	    strcmp(advisor_result_reason(r, 0)->rule, c->first_rule) != 0)) {
		cr_expect_fail("%s: deciding rule %s, expected %s", name,
			advisor_result_reason_count(r) ? advisor_result_reason(r, 0)->rule : "(none)",
			c->first_rule);
		failed++;
	}
	for (size_t i = 0; i < advisor_strings_count(c->rules); i++) {
		const char *rule = advisor_strings_get(c->rules, i);
		if (!has_reason(r, rule)) {
			cr_expect_fail("%s: rule %s did not fire", name, rule);
			failed++;
		}
	}
	const char *note = advisor_result_note(r);
	for (size_t i = 0; i < advisor_strings_count(c->note_contains); i++) {
		const char *want = advisor_strings_get(c->note_contains, i);
		if (!note || !strstr(note, want)) {
			cr_expect_fail("%s: note \"%s\" lacks \"%s\"", name,
				note ? note : "(none)", want);
			failed++;
		}
	}
	if (c->note && (!note || strcmp(note, c->note) != 0)) {
		cr_expect_fail("%s: note \"%s\", expected \"%s\"", name,
			note ? note : "(none)", c->note);
		failed++;
	}
	if (c->no_note == 1 && note) {
		cr_expect_fail("%s: expected no note, got \"%s\"", name, note);
		failed++;
	}
	unsigned int limit = c->note_limit ? c->note_limit : 300;
	if (note && adv_utf8_length(note, strlen(note)) > limit) {
		cr_expect_fail("%s: note longer than %u characters", name, limit);
		failed++;
	}
	advisor_result_free(r);
	return failed;
}

Test(policy, shipped_policy_passes_every_default_case)
{
	advisor_cases *cases = NULL;
	advisor_network *net = NULL;
	advisor_engine *engines[8];
	unsigned int limits[8];
	size_t engine_count = 0;
	advisor_error err;
	int failed = 0, total = 0;

	cr_assert_eq(advisor_cases_load(&cases,
		source_path("tests/policy/default.cases.json"), &err), ADVISOR_OK,
		"%s", err.message);
	/* The network path is relative to the case file. */
	cr_assert_eq(advisor_cases_network(&net, cases, NULL, &err), ADVISOR_OK,
		"%s", err.message);
	cr_assert_not_null(net);
	for (size_t i = 0; i < advisor_cases_count(cases); i++) {
		const advisor_case *c = advisor_cases_get(cases, i);
		advisor_engine *engine = engine_for(engines, limits, &engine_count,
			c->note_limit);
		failed += run_case(engine, net, c) > 0;
		total++;
	}
	cr_expect_gt(total, 20, "the case file holds %d cases", total);
	cr_expect_eq(failed, 0, "%d of %d cases failed", failed, total);

	for (size_t i = 0; i < engine_count; i++)
		advisor_engine_free(engines[i]);
	advisor_network_free(net);
	advisor_cases_free(cases);
}

/* Every rule of the shipped policy is exercised by some case: a rule no
 * case makes fire is a rule nobody checked. */
Test(policy, every_shipped_rule_fires_in_some_case)
{
	const char *rules[] = { "known", "introduced", "learn", "bad_ending",
		"romance", "job_pending", "stranger", "mutuals" };
	char *text = slurp(source_path("tests/policy/default.cases.json"));
	cJSON *doc = cJSON_Parse(text);
	cr_assert_not_null(doc);
	for (size_t i = 0; i < sizeof(rules) / sizeof(*rules); i++) {
		int seen = strcmp(rules[i], "mutuals") == 0; /* never asserted */
		const cJSON *c, *it;
		cJSON_ArrayForEach(c, cJSON_GetObjectItem(doc, "cases")) {
			const cJSON *ex = cJSON_GetObjectItem(c, "expect");
			const char *first = cJSON_GetStringValue(cJSON_GetObjectItem(ex, "first_rule"));
			seen |= first && strcmp(first, rules[i]) == 0;
			cJSON_ArrayForEach(it, cJSON_GetObjectItem(ex, "rules"))
				seen |= strcmp(it->valuestring, rules[i]) == 0;
		}
		cr_expect(seen, "no case checks rule %s", rules[i]);
	}
	cJSON_Delete(doc);
	free(text);
}
