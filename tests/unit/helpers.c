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
