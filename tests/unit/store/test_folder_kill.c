/*
 * test_folder_kill.c - killing a writer of the data folder at any moment
 * leaves annotations.json and network.json both old or both new, once the
 * folder is next opened.
 *
 * A child process commits a new fact to a folder that holds an old one and
 * is killed: at chosen bytes of its writing (RLIMIT_FSIZE makes the kernel
 * kill it with SIGXFSZ when a file would pass k bytes: the journal, the
 * largest file, is where that lands), then by SIGKILL after delays spread
 * over the time a commit takes, which also hits the files written after the
 * journal.  After each kill the folder is opened (completing a change whose
 * journal was written) and both files must tell the same story.
 */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "advisor.h"
#include "helpers.h"

#define PEOPLE 3000

static char dir[256];

static char *network_text(void)
{
	size_t cap = (size_t)PEOPLE * 120 + 256, n = 0;
	char *t = malloc(cap);
	cr_assert_not_null(t);
	n += (size_t)sprintf(t + n, "{\"format\":\"advisor-network/1\","
		"\"me\":{\"id\":\"me\",\"name\":\"Me\"},\"people\":[");
	for (int i = 0; i < PEOPLE; i++)
		n += (size_t)sprintf(t + n, "%s{\"id\":\"p%d\",\"name\":\"Person %d\","
			"\"company\":\"Company %d\",\"connections\":[\"p%d\"]}",
			i ? "," : "", i, i, i % 97, (i + 1) % PEOPLE);
	sprintf(t + n, "]}");
	return t;
}

static char *slurp(const char *name)
{
	char path[400];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	rewind(f);
	char *buf = malloc((size_t)size + 1);
	size_t n = fread(buf, 1, (size_t)size, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* Commit annotations with one "met" fact per context given. */
static int commit_facts(const char *const *contexts, size_t n,
	const char *base, advisor_error *err)
{
	advisor_folder *f = NULL;
	advisor_annotations *a = NULL;
	advisor_fields *fields = NULL;
	int rc;

	if ((rc = advisor_folder_open(&f, dir, NULL, err)) < 0)
		return rc;
	advisor_annotations_new(&a, "annotations.json", NULL);
	for (size_t i = 0; i < n; i++) {
		advisor_fields_new(&fields, NULL);
		advisor_fields_set_string(fields, "date", "2019", NULL);
		advisor_fields_set_string(fields, "context", contexts[i], NULL);
		advisor_annotations_add_event(NULL, a, "p7", NULL, "met", fields, NULL);
		advisor_fields_free(fields);
	}
	rc = advisor_folder_commit(f, base, base ? strlen(base) : 0, a, NULL,
		NULL, err);
	advisor_annotations_free(a);
	advisor_folder_free(f);
	return rc;
}

static const char *const OLD[] = { "the old fact" };
static const char *const NEW[] = { "the old fact", "the new fact" };

static void setup(void)
{
	advisor_error err;

	snprintf(dir, sizeof(dir), "/tmp/advisor-folder-kill-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	char *base = network_text();
	cr_assert_eq(commit_facts(OLD, 1, base, &err), ADVISOR_OK, "%s",
		err.message);
	free(base);
}

static void teardown(void)
{
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	cr_assert_eq(system(cmd), 0);
}

TestSuite(folder_kill, .init = setup, .fini = teardown, .timeout = 300);

/* Open the folder (completing an interrupted change), then say which
 * state both files are in: 'o' old, 'n' new; a mix fails the test. */
static char folder_state(const char *when)
{
	advisor_folder *f = NULL;
	advisor_error err;

	cr_assert_eq(advisor_folder_open(&f, dir, NULL, &err), ADVISOR_OK,
		"%s: %s", when, err.message);
	advisor_folder_free(f);
	cr_assert_null(slurp("journal"), "%s: the journal was left", when);
	char *notes = slurp("annotations.json"), *net = slurp("network.json");
	cr_assert_not_null(notes);
	cr_assert_not_null(net);
	int notes_new = strstr(notes, "the new fact") != NULL;
	int net_new = strstr(net, "the new fact") != NULL;
	cr_assert(strstr(net, "the old fact"), "%s: network.json lost the old "
		"fact", when);
	cr_assert(strstr(net, "\"p2999\""), "%s: network.json is not whole",
		when);
	cr_assert_eq(notes_new, net_new, "%s: annotations.json is %s and "
		"network.json %s", when, notes_new ? "new" : "old",
		net_new ? "new" : "old");
	free(notes);
	free(net);
	return notes_new ? 'n' : 'o';
}

/* Put the old state back (a kill may have left the new one). */
static void reset(void)
{
	advisor_error err;
	cr_assert_eq(commit_facts(OLD, 1, NULL, &err), ADVISOR_OK, "%s",
		err.message);
	cr_assert_eq(folder_state("reset"), 'o');
}

static int commit_new(void *unused)
{
	(void)unused;
	return commit_facts(NEW, 2, NULL, NULL);
}

static pid_t start_writer(rlim_t limit)
{
	pid_t pid = fork_writer(limit, commit_new, NULL);
	cr_assert_neq(pid, -1);
	return pid;
}

Test(folder_kill, a_writer_killed_at_any_byte_leaves_both_files_old)
{
	char *net = slurp("network.json");
	off_t size = (off_t)strlen(net);
	free(net);
	cr_assert_gt(size, 100000, "a network big enough to be written in parts");

	off_t points[] = { 1, 17, 100, 4095, 4096, 4097, 65536, size / 3,
		size / 2, size - 1, size, size + 200 };
	for (size_t i = 0; i < sizeof(points) / sizeof(points[0]); i++) {
		int status;
		pid_t pid = start_writer((rlim_t)points[i]);
		cr_assert_eq(waitpid(pid, &status, 0), pid);
		char when[64];
		snprintf(when, sizeof(when), "killed at byte %lld",
			(long long)points[i]);
		/* Killed or refused by the limit, it changed nothing. */
		cr_assert(WIFSIGNALED(status) || WEXITSTATUS(status) == 91,
			"%s: the writer finished", when);
		cr_assert_eq(folder_state(when), 'o', "%s", when);
	}
}

Test(folder_kill, a_writer_killed_at_any_moment_leaves_both_old_or_both_new)
{
	struct timespec t0, t1;
	int status, seen_new = 0;

	/* How long a whole commit takes. */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid_t pid = start_writer(RLIM_INFINITY);
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	cr_assert_eq(folder_state("a whole commit"), 'n');
	long total_us = (t1.tv_sec - t0.tv_sec) * 1000000L +
		(t1.tv_nsec - t0.tv_nsec) / 1000;

	/* 41 moments over the commit's measured length and a little past it;
	 * then, if a loaded machine (or valgrind) made every kill come early,
	 * later and later ones until one finds the commit done. */
	for (int i = 0; i <= 40 || (!seen_new && i <= 48); i++) {
		reset();
		long delay = i <= 40 ? total_us * i / 36
			: total_us << (i - 40);
		pid = start_writer(RLIM_INFINITY);
		struct timespec d = { delay / 1000000L, (delay % 1000000L) * 1000L };
		nanosleep(&d, NULL);
		kill(pid, SIGKILL);
		cr_assert_eq(waitpid(pid, &status, 0), pid);
		char when[64];
		snprintf(when, sizeof(when), "killed after %ld us", delay);
		seen_new += folder_state(when) == 'n';
	}
	cr_assert_gt(seen_new, 0, "no kill came late enough to see the new state");
}
