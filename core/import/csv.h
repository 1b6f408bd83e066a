/*
 * csv.h - reading the CSV files of a LinkedIn export.
 *
 * A thin layer over libcsv (RFC 4180: quoted fields, doubled quotes, fields
 * spanning lines) that adds what the export needs: a UTF-8 check, a byte
 * order mark skipped, CRLF or LF, no newline after the last row, the
 * "Notes:" preamble LinkedIn puts before the header of Connections.csv,
 * columns found by header name (never by position), and the line on which
 * each row starts, for messages.
 */
#ifndef ADV_IMPORT_CSV_H
#define ADV_IMPORT_CSV_H

#include <stddef.h>

#include "advisor.h"

/* One row: count fields, each NUL-terminated (fields[i] is never NULL). */
typedef struct adv_csv_row {
	char **fields;
	size_t count;
	size_t line;  /* 1-based line of the file on which the row starts */
	size_t offset; /* byte offset of that line, for progress */
} adv_csv_row;

/* Called for each row after the header, with the header.  Return 0 to go
 * on, or a negative advisor code (err set) to stop the read with it. */
typedef int (*adv_csv_row_fn)(void *payload, const adv_csv_row *header,
	const adv_csv_row *row, advisor_error *err);

/*
 * Read data[0..len) (the file `name`, for messages): skip a BOM and a
 * "Notes:" preamble (a first row of one field "Notes:", then the rows of one
 * field that follow it), take the next row as the header, and call fn for
 * every row after it.  Blank lines are skipped.  Fields are passed as
 * written, spaces included.  A file that is not UTF-8 text or whose quoting
 * is broken (a quote inside an unquoted field, text after a closing quote,
 * a quote never closed) is ADVISOR_EDATA naming the file and the line; an
 * empty file is ADVISOR_EDATA too (no header).  *rows receives the number of
 * rows after the header (may be NULL).
 */
int adv_csv_read(const char *name, const char *data, size_t len,
	adv_csv_row_fn fn, void *payload, size_t *rows, advisor_error *err);

/* The index of the header column called `name` (ASCII case and surrounding
 * spaces ignored), or -1 if there is none. */
int adv_csv_column(const adv_csv_row *header, const char *name);

/* Field `col` of row, or "" when col is -1 or past the row's end (rows may
 * be shorter than the header). */
const char *adv_csv_field(const adv_csv_row *row, int col);

#endif
