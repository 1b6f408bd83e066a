/*
 * bench_load - how long a network takes to load, and how much memory.
 *
 *   bench_load FILE...
 *
 * Each file loads with advisor_network_load() in a fresh child process, so
 * that one file's peak resident set (getrusage ru_maxrss) does not hide the
 * next one's.  Prints people, links, wall seconds, and the peak RSS, next
 * to the targets of the issue (1M people / 10M links as NDJSON: <= 10 s,
 * peak RSS <= 1 GiB).
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
#include "network.h"

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

static int load_one(const char *path)
{
	advisor_network *net = NULL;
	advisor_error err;
	struct stat st;
	double file_mib = stat(path, &st) == 0 ? (double)st.st_size / (1024.0 * 1024.0) : 0;
	double rss0 = max_rss_mib();
	double c0 = cpu_seconds();
	double t0 = bench_now();
	int rc = advisor_network_load(&net, path, NULL, &err);
	double t1 = bench_now();
	double cpu = cpu_seconds() - c0;
	double rss = max_rss_mib();

	if (rc < 0) {
		fprintf(stderr, "bench_load: %s\n", err.message);
		return 1;
	}
	size_t people = advisor_network_people(net);
	size_t links = net->graph.off[net->graph.n] / 2;
	size_t events = net->event_count;
	double secs = t1 - t0;
	printf("%-40s %10zu %11zu %9zu %9.1f %8.3f %8.3f %8.1f %9.1f %9.1f\n",
		path, people, links, events, file_mib, secs, cpu,
		secs > 0 ? file_mib / secs : 0, rss, rss - rss0);
	/* Scaled to the target size (1M people, 10M links), for the record:
	 * time and memory both grow about linearly with the file. */
	if (people >= 1000000) {
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

int main(int argc, char **argv)
{
	int failed = 0;

	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fprintf(stderr, "usage: bench_load FILE...\n"
			"Loads each network file in a fresh child process and prints\n"
			"people, links, wall seconds and peak RSS.\n");
		return argc < 2 ? 2 : 0;
	}
	printf("%-40s %10s %11s %9s %9s %8s %8s %8s %9s %9s\n", "file", "people",
		"links", "events", "file_MiB", "load_s", "cpu_s", "MiB/s", "peak_MiB",
		"load_MiB");
	for (int i = 1; i < argc; i++) {
		fflush(stdout);
		pid_t pid = fork();
		if (pid < 0) {
			perror("fork");
			return 1;
		}
		if (pid == 0)
			_exit(load_one(argv[i]));
		int status;
		if (waitpid(pid, &status, 0) < 0) {
			perror("waitpid");
			return 1;
		}
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			fprintf(stderr, "bench_load: %s: child failed (status %d)\n",
				argv[i], status);
			failed = 1;
		}
	}
	printf("(load_s: wall time; cpu_s: CPU time of the load (well under load_s: the machine was busy or\n"
		" the file not cached); peak_MiB: the child's ru_maxrss; load_MiB: its growth during the load)\n");
	return failed;
}
