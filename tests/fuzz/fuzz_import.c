/*
 * fuzz_import.c - libFuzzer: a LinkedIn export folder made of any bytes,
 * through advisor_import_linkedin (the CSV reader, the export's columns,
 * dates and links, and the network loader that checks the result).
 *
 * The input is cut at each line "@@@" into the export's files, in the
 * order Connections.csv, Invitations.csv, messages.csv, Profile.csv,
 * Positions.csv, Recommendations_Received.csv, Recommendations_Given.csv,
 * Endorsement_Received_Info.csv, Endorsement_Given_Info.csv; files past
 * the last part are absent.  An import either
 * gives a network document or fails with a message, never both.
 */
#define _GNU_SOURCE /* memmem, mkdtemp */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "advisor.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const FILES[] = { "Connections.csv", "Invitations.csv",
	"messages.csv", "Profile.csv", "Positions.csv",
	"Recommendations_Received.csv", "Recommendations_Given.csv",
	"Endorsement_Received_Info.csv", "Endorsement_Given_Info.csv" };
#define NFILES (sizeof(FILES) / sizeof(*FILES))
#define CUT "\n@@@\n"

/* One folder for the whole run: a fuzzer's process is one test. */
static char dir[64];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size;
	char path[128];
	char *out = NULL;
	advisor_error err;

	if (!dir[0]) {
		snprintf(dir, sizeof(dir), "/tmp/advisor-fuzz-import-XXXXXX");
		if (!mkdtemp(dir))
			abort();
	}
	for (size_t i = 0; i < NFILES; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, FILES[i]);
		unlink(path);
		if (!p)
			continue;
		const char *cut = memmem(p, (size_t)(end - p), CUT, strlen(CUT));
		const char *stop = cut ? cut : end;
		FILE *f = fopen(path, "wb");
		if (!f || fwrite(p, 1, (size_t)(stop - p), f) != (size_t)(stop - p) ||
		    fclose(f) != 0)
			abort();
		p = cut ? cut + strlen(CUT) : NULL;
	}
	int rc = advisor_import_linkedin(&out, dir, NULL, NULL, &err);
	if ((rc == ADVISOR_OK) != (out != NULL) || (rc < 0 && !err.message[0]))
		abort();
	advisor_string_free(out);
	return 0;
}
