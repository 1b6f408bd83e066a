/*
 * test_policy.c - the shipped policy against its case files.
 *
 * Each case in tests/policy/default.cases.json names a request and what must come
 * out: the verdict, the deciding rule, rules that must fire, text the note
 * must contain, or no note at all.  Every failing case is reported by name.
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

/* Run one case; returns the number of failed expectations. */
static int run_case(advisor_engine *engine, const advisor_network *net,
	const cJSON *c)
{
	const char *name = cJSON_GetStringValue(cJSON_GetObjectItem(c, "name"));
	const cJSON *rq = cJSON_GetObjectItem(c, "request");
	const cJSON *ex = cJSON_GetObjectItem(c, "expect");
	const char *intents[16];
	advisor_request req = ADVISOR_REQUEST_INIT;
	advisor_result *r = NULL;
	advisor_error err;
	int failed = 0;

	cr_assert(name && rq && ex, "a case needs name, request and expect");
	req.person = cJSON_GetStringValue(cJSON_GetObjectItem(rq, "person"));
	req.as_of = cJSON_GetStringValue(cJSON_GetObjectItem(rq, "as_of"));
	const char *dir = cJSON_GetStringValue(cJSON_GetObjectItem(rq, "direction"));
	req.direction = dir && strcmp(dir, "incoming") == 0 ? ADVISOR_INCOMING
		: ADVISOR_OUTGOING;
	const cJSON *it;
	cJSON_ArrayForEach(it, cJSON_GetObjectItem(rq, "intent"))
		if (req.intent_count < 16)
			intents[req.intent_count++] = it->valuestring;
	req.intents = intents;

	int rc = advisor_advise(&r, engine, net, &req, &err);
	if (rc != ADVISOR_OK) {
		cr_expect_fail("%s: advise failed: %s", name, err.message);
		return 1;
	}
	const char *verdict = cJSON_GetStringValue(cJSON_GetObjectItem(ex, "verdict"));
	if (!verdict || strcmp(verdict, advisor_verdict_name(advisor_result_verdict(r))) != 0) {
		cr_expect_fail("%s: verdict %s, expected %s", name,
			advisor_verdict_name(advisor_result_verdict(r)), verdict);
		failed++;
	}
	const char *first = cJSON_GetStringValue(cJSON_GetObjectItem(ex, "first_rule"));
	if (first && (!advisor_result_reason_count(r) || strcmp(advisor_result_reason(r, 0)->rule, first) != 0)) {
		cr_expect_fail("%s: deciding rule %s, expected %s", name,
			advisor_result_reason_count(r) ? advisor_result_reason(r, 0)->rule : "(none)", first);
		failed++;
	}
	cJSON_ArrayForEach(it, cJSON_GetObjectItem(ex, "rules"))
		if (!has_reason(r, it->valuestring)) {
			cr_expect_fail("%s: rule %s did not fire", name, it->valuestring);
			failed++;
		}
	cJSON_ArrayForEach(it, cJSON_GetObjectItem(ex, "note_contains"))
		if (!advisor_result_note(r) || !strstr(advisor_result_note(r), it->valuestring)) {
			cr_expect_fail("%s: note \"%s\" lacks \"%s\"", name,
				advisor_result_note(r) ? advisor_result_note(r) : "(none)", it->valuestring);
			failed++;
		}
	if (cJSON_IsTrue(cJSON_GetObjectItem(ex, "no_note")) && advisor_result_note(r)) {
		cr_expect_fail("%s: expected no note, got \"%s\"", name, advisor_result_note(r));
		failed++;
	}
	if (advisor_result_note(r) && adv_utf8_length(advisor_result_note(r), strlen(advisor_result_note(r))) > 300) {
		cr_expect_fail("%s: note longer than 300 characters", name);
		failed++;
	}
	advisor_result_free(r);
	return failed;
}

Test(policy, shipped_policy_passes_every_default_case)
{
	const char *cases_path = source_path("tests/policy/default.cases.json");
	char *text = slurp(cases_path);
	cJSON *doc = cJSON_Parse(text);
	advisor_network *net = NULL;
	advisor_engine *engine = NULL;
	advisor_error err;
	char net_path[4096];
	int failed = 0, total = 0;

	cr_assert_not_null(doc, "%s is not JSON", cases_path);
	/* The network path is relative to the case file. */
	snprintf(net_path, sizeof(net_path), "%s", source_path("tests/policy/"));
	strncat(net_path, cJSON_GetStringValue(cJSON_GetObjectItem(doc, "network")),
		sizeof(net_path) - strlen(net_path) - 1);
	cr_assert_eq(advisor_network_load(&net, net_path, NULL, &err), ADVISOR_OK,
		"%s", err.message);
	cr_assert_eq(advisor_engine_new(&engine, NULL, &err), ADVISOR_OK, "%s",
		err.message);

	const cJSON *c;
	cJSON_ArrayForEach(c, cJSON_GetObjectItem(doc, "cases")) {
		failed += run_case(engine, net, c) > 0;
		total++;
	}
	cr_expect_gt(total, 20, "the case file holds %d cases", total);
	cr_expect_eq(failed, 0, "%d of %d cases failed", failed, total);

	advisor_engine_free(engine);
	advisor_network_free(net);
	cJSON_Delete(doc);
	free(text);
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
