/*
 * csv.c - RFC 4180 through libcsv, plus what LinkedIn's files need: a BOM,
 * the "Notes:" preamble, a line number for every row, a UTF-8 check.
 *
 * The data is fed to libcsv a line at a time.  That is how each row learns
 * the line it starts on: a row starts on the first non-blank line fed after
 * the previous row ended (libcsv itself skips blank lines between rows).
 */
#include <csv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "import/csv.h"
#include "util/error.h"
#include "util/utf8.h"

enum { STATE_START, STATE_PREAMBLE, STATE_ROWS };

/* LinkedIn's files have a few dozen columns at most.  A row of more is
 * not one of them, and each field costs memory well beyond its bytes (a
 * zip of commas would otherwise take gigabytes). */
#define MAX_FIELDS 1000

/* The most of one line handed to libcsv at once. */
#define CSV_PIECE 65536

typedef struct reader {
	const char *name;
	adv_csv_row_fn fn;
	void *payload;
	advisor_error *err;
	int state;
	int status;          /* first failure: a callback's, or ENOMEM */
	adv_csv_row row;     /* the row being collected */
	size_t cap;
	adv_csv_row header;  /* kept once found */
	size_t rows;
	size_t line;         /* the line being fed */
	int row_open;        /* a row has started and not ended */
} reader;

static void clear_row(adv_csv_row *r)
{
	for (size_t i = 0; i < r->count; i++)
		free(r->fields[i]);
	r->count = 0;
}

static void on_field(void *s, size_t len, void *data)
{
	reader *r = data;
	char *copy;

	if (r->status < 0)
		return;
	if (r->row.count == MAX_FIELDS) {
		r->status = adv_error_set(r->err, ADVISOR_EDATA,
			"%s: line %zu: more than %d fields in a row; expected one of LinkedIn's CSV files",
			r->name, r->row.line, MAX_FIELDS);
		return;
	}
	if (r->row.count == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 16;
		char **f = realloc(r->row.fields, cap * sizeof(*f));
		if (!f)
			goto nomem;
		r->row.fields = f;
		r->cap = cap;
	}
	if (!(copy = malloc(len + 1)))
		goto nomem;
	if (len)
		memcpy(copy, s, len);
	copy[len] = '\0';
	r->row.fields[r->row.count++] = copy;
	return;
nomem:
	r->status = adv_error_set(r->err, ADVISOR_ENOMEM,
		"%s: line %zu: out of memory", r->name, r->row.line);
}

static int is_notes(const adv_csv_row *row)
{
	return row->count == 1 && strcmp(row->fields[0], "Notes:") == 0;
}

static void on_row(int c, void *data)
{
	reader *r = data;
	(void)c;

	r->row_open = 0;
	if (r->status < 0) {
		clear_row(&r->row);
		return;
	}
	if (r->state == STATE_START && is_notes(&r->row)) {
		r->state = STATE_PREAMBLE;
	} else if (r->state == STATE_PREAMBLE && r->row.count == 1) {
		/* the preamble's text */
	} else if (r->state != STATE_ROWS) {
		r->header = r->row;
		r->row.fields = NULL;
		r->row.count = 0;
		r->cap = 0;
		r->state = STATE_ROWS;
		return;
	} else {
		r->rows++;
		r->status = r->fn(r->payload, &r->header, &r->row, r->err);
	}
	clear_row(&r->row);
}

/* Nothing but spaces: libcsv leaves us the space handling, and treats a
 * field's spaces as data. */
static int no_space(unsigned char c)
{
	(void)c;
	return 0;
}

static size_t line_of(const char *data, size_t at)
{
	size_t line = 1;
	for (size_t i = 0; i < at; i++)
		line += data[i] == '\n';
	return line;
}

static int check_text(const char *name, const char *data, size_t len,
	advisor_error *err)
{
	const char *nul = memchr(data, '\0', len);
	size_t bad = adv_utf8_invalid_at(data, len);
	const unsigned char *u = (const unsigned char *)data;

	if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
		return adv_error_set(err, ADVISOR_EDATA,
			"%s: the file is UTF-16; LinkedIn's files are UTF-8 (save it as UTF-8 and import again)",
			name);
	if (nul)
		return adv_error_set(err, ADVISOR_EDATA,
			"%s: line %zu: not a CSV file (binary data: a NUL byte)",
			name, line_of(data, (size_t)(nul - data)));
	if (bad < len)
		return adv_error_set(err, ADVISOR_EDATA,
			"%s: line %zu: not a CSV file (invalid UTF-8 at byte %zu)",
			name, line_of(data, bad), bad);
	return 0;
}

int adv_csv_read(const char *name, const char *data, size_t len,
	adv_csv_row_fn fn, void *payload, size_t *rows, advisor_error *err)
{
	struct csv_parser p;
	reader r = { 0 };
	int rc;

	if (rows)
		*rows = 0;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		data += 3, len -= 3;
	if ((rc = check_text(name, data, len, err)) < 0)
		return rc;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		return adv_error_set(err, ADVISOR_ENOMEM, "%s: out of memory", name);
	csv_set_space_func(&p, no_space);
	r.name = name;
	r.fn = fn;
	r.payload = payload;
	r.err = err;

	size_t at = 0;
	while (at < len && r.status == 0) {
		const char *nl = memchr(data + at, '\n', len - at);
		size_t end = nl ? (size_t)(nl - data) + 1 : len;
		r.line++;
		if (!r.row_open) {
			size_t k = at;
			while (k < end && (data[k] == '\r' || data[k] == '\n'))
				k++;
			if (k < end) {
				r.row_open = 1;
				r.row.line = r.line;
				r.row.offset = at;
			}
		}
		/* A long line goes in pieces, so that a row refused early (too
		 * many fields) stops the parse there rather than at its end. */
		size_t from = at, fed = 0;
		while (from < end && r.status == 0) {
			size_t n = end - from < CSV_PIECE ? end - from : CSV_PIECE;
			size_t took = csv_parse(&p, data + from, n, on_field, on_row, &r);
			fed += took;
			from += n;
			if (took != n)
				break;
		}
		if (r.status == 0 && fed != end - at) {
			rc = csv_error(&p) == CSV_ENOMEM ?
				adv_error_set(err, ADVISOR_ENOMEM,
					"%s: line %zu: out of memory", name, r.line) :
				adv_error_set(err, ADVISOR_EDATA,
					"%s: line %zu: malformed quoting (a quote inside "
					"an unquoted field, or text after a closing quote)",
					name, r.line);
			goto done;
		}
		at = end;
	}
	if (r.status == 0 && csv_fini(&p, on_field, on_row, &r) != 0) {
		rc = adv_error_set(err, ADVISOR_EDATA,
			"%s: line %zu: a quoted field is never closed (the file "
			"ends inside it)", name, r.row.line);
		goto done;
	}
	if ((rc = r.status) < 0)
		goto done;
	if (r.state != STATE_ROWS) {
		rc = adv_error_set(err, ADVISOR_EDATA,
			"%s: no header row (the file is empty%s)", name,
			r.state == STATE_PREAMBLE ? " after its Notes: preamble" : "");
		goto done;
	}
	if (rows)
		*rows = r.rows;
	rc = 0;
done:
	csv_free(&p);
	clear_row(&r.row);
	free(r.row.fields);
	clear_row(&r.header);
	free(r.header.fields);
	return rc;
}

int adv_csv_column(const adv_csv_row *header, const char *name)
{
	size_t n = strlen(name);

	for (size_t i = 0; i < header->count; i++) {
		const char *f = header->fields[i];
		size_t flen = strlen(f);
		while (flen && (f[flen - 1] == ' ' || f[flen - 1] == '\t' ||
				f[flen - 1] == '\r'))
			flen--;
		while (flen && (*f == ' ' || *f == '\t'))
			f++, flen--;
		if (flen == n && strncasecmp(f, name, n) == 0)
			return (int)i;
	}
	return -1;
}

const char *adv_csv_field(const adv_csv_row *row, int col)
{
	if (col < 0 || (size_t)col >= row->count)
		return "";
	return row->fields[col];
}
