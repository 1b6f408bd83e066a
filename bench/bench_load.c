/*
 * bench_load - how long a network takes to load, and how much memory.
 *
 *   bench_load [--cache-dir DIR] FILE...
 *
 * Each file loads with advisor_network_load() in a fresh child process, so
 * that one file's peak resident set (getrusage ru_maxrss) does not hide the
 * next one's.  Prints people, links, wall seconds, and the peak RSS, next
 * to the targets of the issue (1M people / 10M links as NDJSON: <= 10 s,
 * peak RSS <= 1 GiB).
 *
 * With --cache-dir, each file loads twice more with that snapshot folder
 * (advisor_load_options.cache_dir): first with no snapshot (parse, then
 * write one), then from the snapshot.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "advisor.h"
#include "bench_common.h"
#include "snapshot/snapshot.h"
#include "network/network.h"

#define TARGET_SECONDS 10.0
#define TARGET_RSS_MIB 1024.0

static double max_rss_mib(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_maxrss / 1024.0; /* KiB on Linux */
}

static double cpu_seconds(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6 +
		(double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6;
}

static int load_one(const char *path, const char *cache_dir, const char *label)
{
	advisor_network *net = NULL;
	advisor_load_options opts = ADVISOR_LOAD_OPTIONS_INIT;
	advisor_error err;
	char name[512];
	struct stat st;
	double file_mib = stat(path, &st) == 0 ? (double)st.st_size / (1024.0 * 1024.0) : 0;
	double rss0 = max_rss_mib();
	double c0 = cpu_seconds();
	double t0 = bench_now();
	opts.cache_dir = cache_dir;
	int rc = advisor_network_load(&net, path, &opts, &err);
	double t1 = bench_now();
	double cpu = cpu_seconds() - c0;
	double rss = max_rss_mib();

	if (rc < 0) {
		fprintf(stderr, "bench_load: %s\n", err.message);
		return 1;
	}
	size_t people = advisor_network_person_count(net);
	size_t links = net->graph.off[net->graph.n] / 2;
	size_t events = net->event_count;
	double secs = t1 - t0;
	snprintf(name, sizeof(name), "%s%s", path, label);
	printf("%-40s %10zu %11zu %9zu %9.1f %8.3f %8.3f %8.1f %9.1f %9.1f\n",
		name, people, links, events, file_mib, secs, cpu,
		secs > 0 ? file_mib / secs : 0, rss, rss - rss0);
	/* Scaled to the target size (1M people, 10M links), for the record:
	 * time and memory both grow about linearly with the file. */
	if (people >= 1000000 && !cache_dir) {
		printf("  target (1M people / 10M links): load <= %.0f s: %s (%.2f s); "
			"peak RSS <= %.0f MiB: %s (%.0f MiB)\n",
			TARGET_SECONDS, secs <= TARGET_SECONDS ? "met" : "MISSED", secs,
			TARGET_RSS_MIB, rss <= TARGET_RSS_MIB ? "met" : "MISSED", rss);
	}
	double t2 = bench_now();
	advisor_network_free(net);
	printf("  freed in %.3f s\n", bench_now() - t2);
	fflush(stdout);
	return 0;
}

/* Load one file in a fresh child; 0 if it loaded. */
static int in_child(const char *path, const char *cache_dir, const char *label)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0) {
		perror("fork");
		return -1;
	}
	if (pid == 0)
		_exit(load_one(path, cache_dir, label));
	int status;
	if (waitpid(pid, &status, 0) < 0) {
		perror("waitpid");
		return -1;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "bench_load: %s: child failed (status %d)\n", path, status);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *cache_dir = NULL;
	int failed = 0, first = 1;

	if (argc > 2 && strcmp(argv[1], "--cache-dir") == 0) {
		cache_dir = argv[2];
		first = 3;
	}
	if (argc <= first || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fprintf(stderr, "usage: bench_load [--cache-dir DIR] FILE...\n"
			"Loads each network file in a fresh child process and prints\n"
			"people, links, wall seconds and peak RSS; with --cache-dir, twice\n"
			"more: parsing and writing a snapshot, then from the snapshot.\n");
		return argc <= first ? 2 : 0;
	}
	printf("%-40s %10s %11s %9s %9s %8s %8s %8s %9s %9s\n", "file", "people",
		"links", "events", "file_MiB", "load_s", "cpu_s", "MiB/s", "peak_MiB",
		"load_MiB");
	for (int i = first; i < argc; i++) {
		if (in_child(argv[i], NULL, "") < 0)
			failed = 1;
		if (!cache_dir)
			continue;
		char snapshot[4096];
		if (adv_snapshot_path(snapshot, sizeof(snapshot), cache_dir, argv[i]) == 0)
			unlink(snapshot); /* start cold */
		if (in_child(argv[i], cache_dir, " +snap") < 0 ||
		    in_child(argv[i], cache_dir, " (snap)") < 0)
			failed = 1;
	}
	printf("(load_s: wall time; cpu_s: CPU time of the load (well under load_s: the machine was busy or\n"
		" the file not cached); peak_MiB: the child's ru_maxrss; load_MiB: its growth during the load;\n"
		" +snap: parsed, then a snapshot written; (snap): loaded from the snapshot)\n");
	return failed;
}
