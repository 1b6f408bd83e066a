/*
 * test_threads.c - eight threads, an engine each, on one shared network
 * (docs/examples/network.json): every answer must match the answer of a
 * single thread.  The check lives in tests/threads/threads_run.c so that
 * `make test-tsan` can run it under ThreadSanitizer without Criterion.
 */
#include <criterion/criterion.h>

#include "helpers.h"
#include "threads_run.h"

Test(threads, eight_engines_share_one_network_and_agree_with_one_thread)
{
	advisor_network *net;
	advisor_error err;
	threads_report rep;

	cr_assert_eq(advisor_network_load(&net,
		source_path("docs/examples/network.json"), NULL, &err), ADVISOR_OK,
		"%s", err.message);
	int rc = threads_run(net, 2, &rep);
	advisor_network_free(net);
	cr_assert_eq(rc, 0, "%s", rep.first_problem);

	/* 27 people, 6 intent choices, 2 directions; and the answers differ
	 * from person to person, so agreeing means something. */
	cr_expect_gt(rep.questions, 300);
	cr_expect_geq(rep.verdict_kinds, 4);
	for (int i = 0; i < THREADS_RUN_THREADS; i++) {
		cr_expect_eq(rep.asked[i], 2 * rep.questions, "thread %d asked %zu",
			i, rep.asked[i]);
		cr_expect_eq(rep.failed[i], 0, "thread %d: %zu failures; %s", i,
			rep.failed[i], rep.first_problem);
		cr_expect_eq(rep.wrong[i], 0, "thread %d: %zu answers differ; %s", i,
			rep.wrong[i], rep.first_problem);
	}
}
