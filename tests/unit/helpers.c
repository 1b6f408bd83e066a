#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"

const char *source_path(const char *rel)
{
	static char buf[4096];
	const char *root = getenv("ADVISOR_SOURCE_DIR");
	snprintf(buf, sizeof(buf), "%s/%s", root ? root : ".", rel);
	return buf;
}

int load_text(advisor_network **out, const char *json, advisor_error *err)
{
	return advisor_network_load_buffer(out, json, strlen(json), "test.json",
		NULL, err);
}

const char *write_temp(const char *name, const char *text, size_t len)
{
	static char path[4096];
	const char *dir = getenv("TMPDIR");
	snprintf(path, sizeof(path), "%s/advisor-test-%ld-%s", dir ? dir : "/tmp",
		(long)getpid(), name);
	FILE *f = fopen(path, "wb");
	if (!f)
		return NULL;
	fwrite(text, 1, len, f);
	fclose(f);
	return path;
}

int copy_example_warning(const char *path)
{
	static const char declared[] = "\"custom_event_types\": [\"conference_talk\"],";
	FILE *in = fopen(source_path("docs/examples/network.json"), "rb");
	char *data = NULL, *at;
	long n;
	int rc = -1;

	if (!in)
		return -1;
	if (fseek(in, 0, SEEK_END) == 0 && (n = ftell(in)) > 0 &&
	    fseek(in, 0, SEEK_SET) == 0 && (data = malloc((size_t)n + 1)) &&
	    fread(data, 1, (size_t)n, in) == (size_t)n) {
		data[n] = '\0';
		if ((at = strstr(data, declared))) {
			/* Spaces keep the size and the JSON valid. */
			memset(at, ' ', sizeof(declared) - 1);
			FILE *out = fopen(path, "wb");
			if (out) {
				rc = fwrite(data, 1, (size_t)n, out) == (size_t)n ? 0 : -1;
				if (fclose(out) != 0)
					rc = -1;
			}
		}
	}
	free(data);
	fclose(in);
	return rc;
}

pid_t fork_writer(rlim_t limit, int (*writer)(void *), void *arg)
{
	pid_t pid = fork();
	if (pid == 0) {
		if (limit != RLIM_INFINITY) {
			struct rlimit rl = { limit, limit };
			if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
				_exit(90);
		}
		signal(SIGXFSZ, SIG_DFL);
		_exit(writer(arg) == 0 ? 0 : 91);
	}
	return pid;
}
