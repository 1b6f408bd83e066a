/*
 * fuzz_annotations.c - libFuzzer: the annotation store's reader
 * (advisor_annotations_parse) on any bytes.  A document either reads or
 * fails with a message; one that reads is written back, and what it writes
 * reads again and writes the same text.  Then it is edited (an event added
 * twice, which adds it once, and removed; a link made and unmade; a field
 * set and cleared) and merged over a small network: every call answers
 * with a code, a failure with a message, and the document still writes
 * and reads back.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "advisor.h"
#include "small_network.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The document written and read back: the same text twice. */
static void round_trip(const advisor_annotations *a)
{
	advisor_annotations *b = NULL;
	char *one = NULL, *two = NULL;
	advisor_error err;

	if (advisor_annotations_to_json(&one, a, &err) < 0)
		abort();
	if (advisor_annotations_parse(&b, one, strlen(one), "again", &err) < 0)
		abort();
	if (advisor_annotations_to_json(&two, b, &err) < 0 || strcmp(one, two))
		abort();
	advisor_string_free(one);
	advisor_string_free(two);
	advisor_annotations_free(b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	advisor_annotations *a = NULL;
	advisor_fields *f = NULL;
	advisor_error err;
	char *merged = NULL;
	int added = -1, again = -1;

	if (advisor_annotations_parse(&a, (const char *)data, size, "fuzz.json",
			&err) < 0) {
		if (a || !err.message[0])
			abort();
		return 0;
	}
	round_trip(a);
	if (advisor_fields_new(&f, &err) < 0 ||
	    advisor_fields_set_string(f, "date", "2019-05", &err) < 0)
		abort();
	if (advisor_annotations_add_event(&added, a, "ann", NULL, "met", f,
			&err) < 0 ||
	    advisor_annotations_add_event(&again, a, "ann", NULL, "met", f,
			&err) < 0 || again != 0)
		abort();
	if (advisor_annotations_link(NULL, a, "ann", "zed", &err) < 0 ||
	    advisor_annotations_set_fields(a, "zed", "Zed", f, &err) < 0)
		abort();
	round_trip(a);
	int rc = advisor_annotations_merge(&merged, a, NETWORK, strlen(NETWORK),
		NULL, NULL, &err);
	if (rc == ADVISOR_OK ? !merged : (merged || !err.message[0]))
		abort();
	advisor_string_free(merged);
	size_t removed = 0;
	if (advisor_annotations_remove_events(&removed, a, "ann", "met", &err) < 0 ||
	    removed < 1 ||
	    advisor_annotations_unlink(&again, a, "zed", "ann", &err) < 0 ||
	    again != 1 ||
	    advisor_annotations_clear_field(NULL, a, "zed", "date", &err) < 0)
		abort();
	round_trip(a);
	advisor_fields_free(f);
	advisor_annotations_free(a);
	return 0;
}
