/*
 * fuzz_csv.c - libFuzzer: the CSV reader of the LinkedIn import
 * (core/import/csv.c) on any bytes.  Every row is walked through the
 * header's columns as the importers do; a read either succeeds or fails
 * with a message, and row lines never go backwards.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "import/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct seen {
	size_t rows, last_line, bytes;
} seen;

static int on_row(void *payload, const adv_csv_row *header,
	const adv_csv_row *row, advisor_error *err)
{
	seen *s = payload;
	(void)err;

	/* Lines never go backwards.  (Not strictly forwards: a lone CR ends a
	 * row inside a line, and the next row starts on the same line.) */
	if (row->line < s->last_line || row->line < header->line)
		abort();
	s->last_line = row->line;
	s->rows++;
	for (size_t i = 0; i < header->count + 1; i++)
		s->bytes += strlen(adv_csv_field(row, (int)i));
	if (adv_csv_column(header, "First Name") >= (int)header->count)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	seen s = { 0, 0, 0 };
	size_t rows = 0;
	advisor_error err;

	int rc = adv_csv_read("fuzz.csv", (const char *)data, size, on_row, &s,
		&rows, &err);
	if (rc == ADVISOR_OK ? rows != s.rows : !err.message[0])
		abort();
	return 0;
}
