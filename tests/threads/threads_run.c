/*
 * threads_run.c - one sealed network shared by eight threads, each with its
 * own engine (the embedding contract: networks are immutable and shared,
 * engines are one per thread).
 *
 * One engine first answers every question alone.  Then the threads,
 * released together by a barrier, ask the same questions, each from its own
 * starting point so that they are on different people at once, and compare
 * every answer with the single-threaded one.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "threads_run.h"

#define AS_OF "2026-11-27"

static const char *const intents[] = { NULL, "learn", "reconnect", "job",
	"network", "date" };
#define N_INTENTS (sizeof(intents) / sizeof(*intents))

typedef struct question {
	char json[512];
	char *answer;   /* single-threaded */
} question;

typedef struct shared {
	const advisor_network *net;
	question *questions;
	size_t count;
	int rounds;
	pthread_barrier_t start;
} shared;

typedef struct worker {
	shared *s;
	int id;
	size_t asked, wrong, failed;
	char problem[2048];
} worker;

static void *work(void *arg)
{
	worker *w = arg;
	shared *s = w->s;
	advisor_engine *e = NULL;
	advisor_error err;

	int rc = advisor_engine_new(&e, NULL, &err);
	pthread_barrier_wait(&s->start);
	if (rc != ADVISOR_OK) {
		w->failed++;
		snprintf(w->problem, sizeof(w->problem), "engine: %s", err.message);
		return NULL;
	}
	size_t offset = (size_t)w->id * s->count / THREADS_RUN_THREADS;
	for (int round = 0; round < s->rounds; round++)
		for (size_t k = 0; k < s->count; k++) {
			const question *q = &s->questions[(k + offset) % s->count];
			char *out = NULL;
			w->asked++;
			if (advisor_advise_json(&out, e, s->net, q->json,
						strlen(q->json), &err) != ADVISOR_OK) {
				if (!w->failed++ && !w->wrong)
					snprintf(w->problem, sizeof(w->problem), "%s: %s",
						q->json, err.message);
			} else if (strcmp(out, q->answer) != 0) {
				if (!w->wrong++ && !w->failed)
					snprintf(w->problem, sizeof(w->problem),
						"%s: %s, alone %s", q->json, out, q->answer);
			}
			advisor_string_free(out);
		}
	advisor_engine_free(e);
	return NULL;
}

static int ask_alone(shared *s, threads_report *rep)
{
	static const char *const verdicts[] = { "\"connect\"",
		"\"connect_with_note\"", "\"wait\"", "\"dont_connect\"",
		"\"already_connected\"" };
	advisor_engine *alone;
	advisor_error err;
	size_t people = advisor_network_person_count(s->net);

	if (advisor_engine_new(&alone, NULL, &err) != ADVISOR_OK) {
		snprintf(rep->first_problem, sizeof(rep->first_problem),
			"engine: %s", err.message);
		return -1;
	}
	s->questions = calloc(people * N_INTENTS * 2 + 1, sizeof(*s->questions));
	if (!s->questions) {
		advisor_engine_free(alone);
		return -1;
	}
	for (size_t i = 0; i < people; i++)
		for (size_t k = 0; k < N_INTENTS; k++)
			for (int incoming = 0; incoming < 2; incoming++) {
				question *q = &s->questions[s->count++];
				snprintf(q->json, sizeof(q->json),
					"{\"person\": \"%s\", \"direction\": \"%s\", "
					"\"intent\": [%s%s%s], \"as_of\": \"" AS_OF "\"}",
					advisor_network_person_id(s->net, i),
					incoming ? "incoming" : "outgoing",
					intents[k] ? "\"" : "", intents[k] ? intents[k] : "",
					intents[k] ? "\"" : "");
				if (advisor_advise_json(&q->answer, alone, s->net, q->json,
						strlen(q->json), &err) != ADVISOR_OK) {
					snprintf(rep->first_problem, sizeof(rep->first_problem),
						"alone: %s: %s", q->json, err.message);
					advisor_engine_free(alone);
					return -1;
				}
			}
	advisor_engine_free(alone);
	rep->questions = s->count;
	for (size_t v = 0; v < sizeof(verdicts) / sizeof(*verdicts); v++)
		for (size_t i = 0; i < s->count; i++)
			if (strstr(s->questions[i].answer, verdicts[v])) {
				rep->verdict_kinds++;
				break;
			}
	return 0;
}

int threads_run(const advisor_network *net, int rounds, threads_report *rep)
{
	shared s = { net, NULL, 0, rounds, { { 0 } } };
	worker w[THREADS_RUN_THREADS];
	pthread_t t[THREADS_RUN_THREADS];
	int started = 0, rc = 0;

	memset(rep, 0, sizeof(*rep));
	if (ask_alone(&s, rep) < 0) {
		rc = -1;
		goto done;
	}
	if (pthread_barrier_init(&s.start, NULL, THREADS_RUN_THREADS) != 0) {
		rc = -1;
		goto done;
	}
	for (int i = 0; i < THREADS_RUN_THREADS; i++) {
		w[i] = (worker){ .s = &s, .id = i };
		if (pthread_create(&t[i], NULL, work, &w[i]) != 0)
			abort(); /* the others would wait at the barrier forever */
		started++;
	}
	for (int i = 0; i < started; i++)
		pthread_join(t[i], NULL);
	pthread_barrier_destroy(&s.start);
	for (int i = 0; i < THREADS_RUN_THREADS; i++) {
		rep->asked[i] = w[i].asked;
		rep->wrong[i] = w[i].wrong;
		rep->failed[i] = w[i].failed;
		if (!rep->first_problem[0] && w[i].problem[0])
			snprintf(rep->first_problem, sizeof(rep->first_problem),
				"thread %d: %.2000s", i, w[i].problem);
	}
done:
	for (size_t i = 0; i < s.count; i++)
		advisor_string_free(s.questions[i].answer);
	free(s.questions);
	return rc;
}
