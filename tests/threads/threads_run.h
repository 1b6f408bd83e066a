/*
 * threads_run.h - the eight-threads check, shared by the Criterion test
 * (tests/unit/engine/test_threads.c) and the ThreadSanitizer program
 * (tests/threads/tsan_threads.c): Criterion's runner cannot start under
 * ThreadSanitizer (Snaipe/Criterion#274), so the check itself owes nothing
 * to Criterion.
 */
#ifndef ADVISOR_THREADS_RUN_H
#define ADVISOR_THREADS_RUN_H

#include <stddef.h>

#include "advisor.h"

#define THREADS_RUN_THREADS 8

typedef struct threads_report {
	size_t questions;        /* asked of the single-threaded engine */
	size_t verdict_kinds;    /* distinct verdicts among its answers */
	size_t asked[THREADS_RUN_THREADS];
	size_t wrong[THREADS_RUN_THREADS];   /* answers unlike the single one */
	size_t failed[THREADS_RUN_THREADS];  /* calls that returned an error */
	char first_problem[2048];            /* "" when all agreed */
} threads_report;

/*
 * Answer every question about net (each person, both directions, with and
 * without each intent of the shipped policy, judged on 2026-11-27) on one
 * engine, then on THREADS_RUN_THREADS threads with an engine each, `rounds`
 * times, and compare every answer.  Returns 0, or -1 if the setup itself
 * failed (message in first_problem).
 */
int threads_run(const advisor_network *net, int rounds, threads_report *rep);

#endif
