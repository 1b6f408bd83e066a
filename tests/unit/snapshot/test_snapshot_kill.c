/*
 * test_snapshot_kill.c - killing the snapshot writer at any moment leaves the
 * old snapshot or the new one, whole, never a truncated mix.
 *
 * A child process writes a new snapshot over an old one and is killed:
 * first at every chosen byte of its writing (RLIMIT_FSIZE makes the kernel
 * kill it with SIGXFSZ when its file would pass k bytes: no test hook in
 * the writer), then by SIGKILL after delays spread over the time a write
 * takes, which also hits the flush, fsync and rename.  After each kill the
 * snapshot must load whole, as the old one or as the new one (each is
 * told by its key), and the temporary files a killed writer leaves must
 * not stop the next writer.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "helpers.h"
#include "network/network.h"
#include "snapshot/snapshot.h"

#define PEOPLE 3000

static char dir[256];
static char snap[512];
static advisor_network *net;
static const adv_snapshot_key OLD = { .size = 1000, .mtime_sec = 1, .dev = 1,
	.ino = 1, .format = 1 };
static const adv_snapshot_key NEW = { .size = 2000, .mtime_sec = 2, .dev = 1,
	.ino = 1, .format = 1 };

/* A network of PEOPLE people in a chain, each with a few fields. */
static char *network_text(void)
{
	size_t cap = (size_t)PEOPLE * 200 + 256, n = 0;
	char *t = malloc(cap);
	cr_assert_not_null(t);
	n += (size_t)sprintf(t + n, "{\"format\":\"advisor-network/1\","
		"\"me\":{\"id\":\"me\",\"name\":\"Me\"},\"people\":[");
	for (int i = 0; i < PEOPLE; i++)
		n += (size_t)sprintf(t + n, "%s{\"id\":\"p%d\",\"name\":\"Person %d\","
			"\"company\":\"Company %d\",\"followers\":%d,"
			"\"connections\":[\"p%d\"]}", i ? "," : "", i, i, i % 97, i,
			(i + 1) % PEOPLE);
	sprintf(t + n, "]}");
	return t;
}

static void setup(void)
{
	advisor_error err;

	snprintf(dir, sizeof(dir), "/tmp/advisor-kill-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	snprintf(snap, sizeof(snap), "%s/network.bin", dir);
	char *text = network_text();
	cr_assert_eq(load_text(&net, text, &err), ADVISOR_OK, "%s", err.message);
	free(text);
}

static void teardown(void)
{
	char cmd[600];
	advisor_network_free(net);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	cr_assert_eq(system(cmd), 0);
}

TestSuite(cache_kill, .init = setup, .fini = teardown, .timeout = 300);

/* Which snapshot the file holds: 'o' old, 'n' new, '-' none; any other
 * state (a file that loads as neither) fails the test. */
static char snapshot_state(const char *when)
{
	advisor_network *got = NULL;
	struct stat st;

	if (stat(snap, &st) != 0)
		return '-';
	int old = adv_snapshot_load(&got, snap, &OLD, "network.json", NULL, NULL);
	if (old == 1) {
		cr_assert_eq(advisor_network_person_count(got), PEOPLE);
		advisor_network_free(got);
		return 'o';
	}
	int new = adv_snapshot_load(&got, snap, &NEW, "network.json", NULL, NULL);
	cr_assert_eq(new, 1, "%s: the snapshot (%lld bytes) is neither the old one "
		"nor the new one, whole", when, (long long)st.st_size);
	cr_assert_eq(advisor_network_person_count(got), PEOPLE);
	advisor_network_free(got);
	return 'n';
}

/* The temporary files killed writers left: network.bin.tmp-XXXXXX. */
static int leftovers(void)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	cr_assert_not_null(d);
	while ((de = readdir(d)))
		if (strncmp(de->d_name, "network.bin.", 12) == 0)
			n++;
	closedir(d);
	return n;
}

static void write_old(void)
{
	cr_assert_eq(adv_snapshot_save(net, snap, &OLD, NULL, 0), 0);
	cr_assert_eq(snapshot_state("the old snapshot"), 'o');
}

static int save_new(void *unused)
{
	(void)unused;
	return adv_snapshot_save(net, snap, &NEW, NULL, 0);
}

/* Fork a writer of the new snapshot; a limit caps its file size. */
static pid_t start_writer(rlim_t limit)
{
	pid_t pid = fork_writer(limit, save_new, NULL);
	cr_assert_neq(pid, -1);
	return pid;
}

Test(cache_kill, a_writer_killed_at_any_byte_leaves_the_old_snapshot)
{
	struct stat st;

	/* The size of a whole snapshot. */
	cr_assert_eq(adv_snapshot_save(net, snap, &NEW, NULL, 0), 0);
	cr_assert_eq(stat(snap, &st), 0);
	off_t size = st.st_size;
	cr_assert_gt(size, 100000, "a snapshot big enough to be written in parts");

	/* Kill points: the first bytes, around the stdio buffer size, spread
	 * over the file, and the last bytes. */
	off_t points[64];
	int n = 0;
	static const off_t fixed[] = { 1, 7, 8, 100, 4095, 4096, 4097, 8192, 65536 };
	for (size_t i = 0; i < sizeof(fixed) / sizeof(*fixed); i++)
		points[n++] = fixed[i];
	for (int i = 1; i <= 24; i++)
		points[n++] = size * i / 25;
	points[n++] = size - 4096;
	points[n++] = size - 1;

	for (int i = 0; i < n; i++) {
		char when[64];
		snprintf(when, sizeof(when), "killed at byte %lld", (long long)points[i]);
		write_old();
		pid_t pid = start_writer((rlim_t)points[i]);
		int status;
		cr_assert_eq(waitpid(pid, &status, 0), pid);
		cr_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGXFSZ,
			"%s: the writer should die of SIGXFSZ (status %#x)", when, status);
		cr_expect_eq(snapshot_state(when), 'o', "%s: the old snapshot stays", when);
	}

	/* The writer that may finish replaces it, whole. */
	write_old();
	pid_t pid = start_writer(RLIM_INFINITY);
	int status;
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %#x", status);
	cr_assert_eq(snapshot_state("a finished writer"), 'n');

	/* What the killed writers left does not stop the next one. */
	cr_expect_gt(leftovers(), 0, "killed writers leave their temporary files");
	write_old();
	cr_assert_eq(adv_snapshot_save(net, snap, &NEW, NULL, 0), 0);
	cr_assert_eq(snapshot_state("after the kills"), 'n');
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

Test(cache_kill, a_writer_killed_at_any_moment_leaves_one_snapshot_whole)
{
	/* How long a writer takes, fork to exit. */
	double t0 = now();
	pid_t pid = start_writer(RLIM_INFINITY);
	int status;
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	double span = now() - t0;

	int seen[3] = { 0 };
	const int rounds = 40;
	for (int i = 0; i < rounds; i++) {
		char when[64];
		/* Delays from 0 to 1.5 times the span, in steps. */
		double delay = span * 1.5 * i / rounds;
		struct timespec ts = { (time_t)delay,
			(long)((delay - (double)(time_t)delay) * 1e9) };
		snprintf(when, sizeof(when), "killed after %.6f s", delay);
		write_old();
		pid = start_writer(RLIM_INFINITY);
		nanosleep(&ts, NULL);
		kill(pid, SIGKILL);
		cr_assert_eq(waitpid(pid, &status, 0), pid);
		char s = snapshot_state(when);
		cr_assert(s == 'o' || s == 'n', "%s: no snapshot at all", when);
		seen[s == 'n']++;
	}
	cr_log_info("SIGKILL after 0 to %.3f s: %d old, %d new", span * 1.5,
		seen[0], seen[1]);
	cr_assert_eq(adv_snapshot_save(net, snap, &NEW, NULL, 0), 0);
	cr_assert_eq(snapshot_state("after the kills"), 'n');
}
