/*
 * tsan_threads.c - the eight-threads check as a plain program, for the
 * ThreadSanitizer build (`make test-tsan`), where Criterion cannot run.
 * Exits 0 when every thread agreed with the single-threaded answers; a
 * data race makes ThreadSanitizer fail the run on its own.
 */
#include <stdio.h>
#include <stdlib.h>

#include "threads_run.h"

int main(int argc, char **argv)
{
	advisor_network *net;
	advisor_error err;
	threads_report rep;
	size_t bad = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: tsan_threads NETWORK\n");
		return 2;
	}
	if (advisor_network_load(&net, argv[1], NULL, &err) != ADVISOR_OK) {
		fprintf(stderr, "tsan_threads: %s\n", err.message);
		return 1;
	}
	int rc = threads_run(net, 2, &rep);
	advisor_network_free(net);
	if (rc < 0) {
		fprintf(stderr, "tsan_threads: %s\n", rep.first_problem);
		return 1;
	}
	for (int i = 0; i < THREADS_RUN_THREADS; i++)
		bad += rep.wrong[i] + rep.failed[i] +
			(rep.asked[i] != 2 * rep.questions);
	printf("tsan_threads: %d threads x %zu questions x 2 rounds, %zu kinds of verdict, %zu problems\n",
		THREADS_RUN_THREADS, rep.questions, rep.verdict_kinds, bad);
	if (bad || rep.questions == 0) {
		fprintf(stderr, "tsan_threads: %s\n", rep.first_problem);
		return 1;
	}
	return 0;
}
