/*
 * test_worker.c - the policy in a worker process under OS limits.
 *
 * A worker must answer exactly as advisor_advise_json() does; a request
 * that the in-process limits do not stop (they are set out of reach here,
 * so that only the worker's limits can act) must end in ADVISOR_ELIMIT
 * with a message naming the limit, and the next request must be answered
 * by a fresh worker.  The worker's limits are small so that each test is
 * quick.
 */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "helpers.h"

static const char NETWORK[] =
	"{ \"format\": \"advisor-network/1\",\n"
	"  \"me\": { \"id\": \"me\", \"name\": \"Alex Kim\", \"industry\": \"Software\" },\n"
	"  \"people\": [\n"
	"    { \"id\": \"ann\", \"name\": \"Ann Lee\", \"company\": \"Foo\",\n"
	"      \"industry\": \"Software\", \"connections\": [\"bob\"],\n"
	"      \"events\": [ { \"type\": \"met\", \"date\": \"2025-05-03\",\n"
	"        \"context\": \"PyCon\", \"tone\": \"cordial\" } ] },\n"
	"    { \"id\": \"bob\", \"name\": \"Bob Stone\", \"connected\": true,\n"
	"      \"connections\": [\"me\", \"ann\"] }\n"
	"  ] }\n";

/* One rule: spins for ever on 'spin', allocates without end on 'bomb',
 * answers 'fine' otherwise. */
static const char POLICY[] =
	"advisor.rule { name = 'probe', description = 'the attack',\n"
	"  intents = { 'spin', 'bomb' },\n"
	"  check = function(person, request)\n"
	"    if request.intents.spin then while true do end end\n"
	"    if request.intents.bomb then\n"
	"      local t = {}\n"
	"      for i = 1, 1e9 do t[i] = ('x'):rep(1 << 20) .. i end\n"
	"    end\n"
	"    return 'fine'\n"
	"  end }\n";

static const char GOOD[] = "{\"person\": \"ann\", \"as_of\": \"2026-06-01\"}";
static const char GOOD_BOB[] =
	"{\"person\": \"bob\", \"direction\": \"incoming\", \"as_of\": \"2026-06-01\"}";
static const char SPIN[] =
	"{\"person\": \"ann\", \"intent\": [\"spin\"], \"as_of\": \"2026-06-01\"}";
static const char BOMB[] =
	"{\"person\": \"ann\", \"intent\": [\"bomb\"], \"as_of\": \"2026-06-01\"}";

static struct {
	char root[512];
	char dir[600];
	char file[700];
} layer;
static const char *layers[1];
static advisor_network *net;

static void setup(void)
{
	advisor_error err;
	const char *tmp = getenv("TMPDIR");

	snprintf(layer.root, sizeof(layer.root), "%s/advisor-worker-XXXXXX",
		tmp && *tmp ? tmp : "/tmp");
	cr_assert_not_null(mkdtemp(layer.root), "mkdtemp %s", layer.root);
	snprintf(layer.dir, sizeof(layer.dir), "%s/probe", layer.root);
	cr_assert_eq(mkdir(layer.dir, 0700), 0);
	snprintf(layer.file, sizeof(layer.file), "%s/probe.lua", layer.dir);
	FILE *f = fopen(layer.file, "wb");
	cr_assert_not_null(f);
	cr_assert_eq(fwrite(POLICY, 1, strlen(POLICY), f), strlen(POLICY));
	cr_assert_eq(fclose(f), 0);
	layers[0] = layer.dir;
	cr_assert_eq(load_text(&net, NETWORK, &err), ADVISOR_OK, "%s", err.message);
}

static void teardown(void)
{
	advisor_network_free(net);
	net = NULL;
	unlink(layer.file);
	rmdir(layer.dir);
	rmdir(layer.root);
}

TestSuite(worker, .init = setup, .fini = teardown, .timeout = 60);

/* The in-process limits out of reach: only the worker's can stop a bomb. */
static advisor_engine_options engine_options(void)
{
	advisor_engine_options o = ADVISOR_ENGINE_OPTIONS_INIT;
	o.policy_layers = layers;
	o.policy_layer_count = 1;
	o.instruction_limit = UINT64_C(1) << 50;
	o.memory_limit = (size_t)16 << 30;
	o.time_limit_ms = 600000;
	return o;
}

static advisor_worker *new_worker(uint64_t ms, uint64_t cpu, size_t as)
{
	advisor_engine_options eo = engine_options();
	advisor_worker_options wo = ADVISOR_WORKER_OPTIONS_INIT;
	advisor_worker *w = NULL;
	advisor_error err;

	wo.time_limit_ms = ms;
	wo.cpu_seconds = cpu;
	wo.address_space_limit = as;
	cr_assert_eq(advisor_worker_new(&w, net, &eo, &wo, &err), ADVISOR_OK,
		"%s", err.message);
	cr_assert_gt(advisor_worker_pid(w), 0);
	return w;
}

/* What advisor_advise_json() answers in-process (malloc'ed). */
static char *in_process(const char *request)
{
	advisor_engine_options eo = engine_options();
	advisor_engine *e = NULL;
	advisor_error err;
	char *json = NULL;

	cr_assert_eq(advisor_engine_new(&e, &eo, &err), ADVISOR_OK, "%s", err.message);
	int rc = advisor_advise_json(&json, e, net, request, strlen(request), &err);
	cr_assert_eq(rc, ADVISOR_OK, "%s", err.message);
	char *copy = strdup(json);
	advisor_string_free(json);
	advisor_engine_free(e);
	return copy;
}

static void expect_answer(advisor_worker *w, const char *request)
{
	char *want = in_process(request);
	char *got = NULL;
	advisor_error err;

	int rc = advisor_worker_advise_json(&got, w, request, strlen(request), &err);
	cr_assert_eq(rc, ADVISOR_OK, "%s: %s", request, err.message);
	cr_expect_str_eq(got, want);
	advisor_string_free(got);
	free(want);
}

static void expect_limit(advisor_worker *w, const char *request, const char *needle)
{
	char *got = NULL;
	advisor_error err;
	long pid = advisor_worker_pid(w);

	int rc = advisor_worker_advise_json(&got, w, request, strlen(request), &err);
	cr_assert_eq(rc, ADVISOR_ELIMIT, "rc %d: %s", rc, err.message);
	cr_expect_eq(err.code, ADVISOR_ELIMIT);
	cr_expect_null(got);
	cr_expect(strstr(err.message, needle) != NULL,
		"\"%s\" should mention \"%s\"", err.message, needle);
	cr_expect_eq(advisor_worker_pid(w), 0, "the dead worker %ld is gone", pid);
	/* The process is reaped: no zombie is left. */
	cr_expect(kill((pid_t)pid, 0) != 0, "worker %ld should be reaped", pid);
}

Test(worker, answers_as_in_process)
{
	advisor_worker *w = new_worker(0, 0, 0);
	long pid = advisor_worker_pid(w);

	expect_answer(w, GOOD);
	expect_answer(w, GOOD_BOB);
	expect_answer(w, GOOD);
	cr_expect_eq(advisor_worker_pid(w), pid, "one worker answers them all");
	advisor_worker_free(w);
}

Test(worker, request_errors_are_the_engines)
{
	advisor_worker *w = new_worker(0, 0, 0);
	advisor_engine_options eo = engine_options();
	advisor_engine *e = NULL;
	advisor_error want, got;
	char *out = NULL;
	static const char *const bad[] = {
		"{\"person\": \"nobody\"}", "{\"direction\": \"outgoing\"}", "[1,",
		"{\"person\": \"ann\", \"intent\": [\"unheard-of\"]}",
	};

	cr_assert_eq(advisor_engine_new(&e, &eo, &want), ADVISOR_OK, "%s", want.message);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int a = advisor_advise_json(&out, e, net, bad[i], strlen(bad[i]), &want);
		advisor_string_free(out);
		int b = advisor_worker_advise_json(&out, w, bad[i], strlen(bad[i]), &got);
		cr_expect_null(out);
		cr_expect_lt(a, 0, "%s", bad[i]);
		cr_expect_eq(a, b, "%s: %d vs %d", bad[i], a, b);
		cr_expect_str_eq(got.message, want.message);
	}
	advisor_engine_free(e);
	expect_answer(w, GOOD);
	advisor_worker_free(w);
}

Test(worker, watchdog_kills_a_spinning_policy_and_a_fresh_worker_answers)
{
	advisor_worker *w = new_worker(300, 30, 0);
	struct timespec t0, t1;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	expect_limit(w, SPIN, "over the time limit of 300 ms");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	cr_expect_lt(s, 3.0, "killed after %.2f s", s);
	expect_answer(w, GOOD);
	expect_limit(w, SPIN, "over the time limit of 300 ms");
	expect_answer(w, GOOD_BOB);
	advisor_worker_free(w);
}

Test(worker, cpu_limit_kills_a_spinning_policy)
{
	advisor_worker *w = new_worker(20000, 1, 0);

	expect_limit(w, SPIN, "over the CPU time limit of 1 s");
	expect_answer(w, GOOD);
	advisor_worker_free(w);
}

/* AddressSanitizer's allocator does not return NULL past RLIMIT_AS: it
 * reports and dies (slowly), so there the worker's death is what counts. */
#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

Test(worker, address_space_bomb_ends_in_elimit)
{
#ifdef UNDER_ASAN
	advisor_worker *w = new_worker(3000, 30, (size_t)64 << 20);
#else
	advisor_worker *w = new_worker(20000, 30, (size_t)64 << 20);
#endif

	char *got = NULL;
	advisor_error err;
	int rc = advisor_worker_advise_json(&got, w, BOMB, strlen(BOMB), &err);
	cr_expect_eq(rc, ADVISOR_ELIMIT, "rc %d: %s", rc, err.message);
#ifndef UNDER_ASAN
	cr_expect(strstr(err.message, "ran out of its address space (64 MiB") != NULL,
		"%s", err.message);
#endif
	cr_expect_null(got);
	cr_expect_eq(advisor_worker_pid(w), 0, "a worker out of address space is replaced");
	expect_answer(w, GOOD);
	expect_answer(w, GOOD_BOB);
	advisor_worker_free(w);
}

/* Many requests pipelined: each answered as alone, a hostile one failing
 * only itself, the ones after it answered by a fresh worker. */
Test(worker, many_are_answered_in_order_and_a_death_fails_only_its_request)
{
	advisor_worker *w = new_worker(300, 30, 0);
	enum { N = 100 };
	const char *reqs[N];
	size_t lens[N];
	char *outs[N];
	int codes[N];
	static advisor_error errs[N];
	advisor_error err;
	char *want_ann = in_process(GOOD), *want_bob = in_process(GOOD_BOB);

	for (size_t i = 0; i < N; i++) {
		reqs[i] = i == 40 || i == 41 ? SPIN : i % 3 == 0 ? GOOD_BOB
			: i == 7 ? "{\"person\": \"nobody\"}" : GOOD;
		lens[i] = strlen(reqs[i]);
	}
	reqs[90] = NULL; /* refused before it is sent */
	lens[90] = 5;
	cr_assert_eq(advisor_worker_advise_json_many(outs, codes, errs, w, reqs, lens,
		N, &err), ADVISOR_OK, "%s", err.message);
	for (size_t i = 0; i < N; i++) {
		if (i == 40 || i == 41) {
			cr_expect_eq(codes[i], ADVISOR_ELIMIT, "%zu: %d %s", i, codes[i], errs[i].message);
			cr_expect(strstr(errs[i].message, "over the time limit of 300 ms") != NULL,
				"%zu: %s", i, errs[i].message);
		} else if (i == 7) {
			cr_expect_eq(codes[i], ADVISOR_ENOTFOUND, "%zu: %s", i, errs[i].message);
		} else if (i == 90) {
			cr_expect_eq(codes[i], ADVISOR_EINVAL, "%zu: %s", i, errs[i].message);
		} else {
			cr_expect_eq(codes[i], ADVISOR_OK, "%zu: %s", i, errs[i].message);
			if (outs[i])
				cr_expect_str_eq(outs[i], i % 3 == 0 ? want_bob : want_ann, "%zu", i);
		}
		if (codes[i] != ADVISOR_OK)
			cr_expect_null(outs[i], "%zu", i);
		advisor_string_free(outs[i]);
	}
	free(want_ann);
	free(want_bob);
	advisor_worker_free(w);
}

Test(worker, killed_from_outside_is_replaced)
{
	advisor_worker *w = new_worker(0, 0, 0);
	long pid = advisor_worker_pid(w);

	expect_answer(w, GOOD);
	cr_assert_eq(kill((pid_t)pid, SIGKILL), 0);
	/* Until the kill has landed the worker may still look alive. */
	struct timespec pause = { 0, 200000000 };
	nanosleep(&pause, NULL);
	expect_answer(w, GOOD);
	cr_expect_neq(advisor_worker_pid(w), pid, "a fresh worker answered");
	cr_expect_gt(advisor_worker_pid(w), 0);
	advisor_worker_free(w);
}

Test(worker, bad_arguments)
{
	advisor_worker_options wo = ADVISOR_WORKER_OPTIONS_INIT;
	advisor_worker *w = (advisor_worker *)&wo;
	advisor_error err;
	char *out = NULL;

	wo.version = 99;
	cr_expect_eq(advisor_worker_new(&w, net, NULL, &wo, &err), ADVISOR_EINVAL);
	cr_expect(strstr(err.message, "version 99") != NULL, "%s", err.message);
	cr_expect_null(w);
	wo.version = 0;
	cr_expect_eq(advisor_worker_new(&w, net, NULL, &wo, &err), ADVISOR_EINVAL);
	cr_expect_eq(advisor_worker_new(&w, NULL, NULL, NULL, &err), ADVISOR_EINVAL);
	cr_expect_eq(advisor_worker_new(NULL, net, NULL, NULL, &err), ADVISOR_EINVAL);
	cr_expect_eq(advisor_worker_advise_json(&out, NULL, GOOD, strlen(GOOD), &err),
		ADVISOR_EINVAL);
	cr_expect_eq(advisor_worker_pid(NULL), 0);
	advisor_worker_free(NULL);

	/* A policy that fails to load fails the worker, as it fails an engine. */
	advisor_engine_options eo = engine_options();
	const char *missing[1] = { "/nonexistent/advisor/policy" };
	eo.policy_layers = missing;
	int rc = advisor_worker_new(&w, net, &eo, NULL, &err);
	cr_expect_lt(rc, 0);
	cr_expect_null(w);
}
