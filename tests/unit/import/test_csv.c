/*
 * test_csv.c - the CSV reader against the shapes LinkedIn's files take.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/csv.h"
#include "util/error.h"

/* Every row collected as "line:field|field|..." lines, plus the header. */
typedef struct seen {
	char text[4096];
	char header[512];
} seen;

static int collect(void *payload, const adv_csv_row *header,
	const adv_csv_row *row, advisor_error *err)
{
	seen *s = payload;
	(void)err;
	s->header[0] = '\0';
	for (size_t i = 0; i < header->count; i++) {
		strcat(s->header, header->fields[i]);
		strcat(s->header, i + 1 < header->count ? "|" : "");
	}
	char line[32];
	snprintf(line, sizeof(line), "%zu:", row->line);
	strcat(s->text, line);
	for (size_t i = 0; i < row->count; i++) {
		strcat(s->text, row->fields[i]);
		strcat(s->text, i + 1 < row->count ? "|" : "\n");
	}
	return 0;
}

static int read_text(seen *s, const char *text, size_t *rows,
	advisor_error *err)
{
	memset(s, 0, sizeof(*s));
	return adv_csv_read("t.csv", text, strlen(text), collect, s, rows, err);
}

Test(csv, quoted_fields_doubled_quotes_and_commas)
{
	seen s;
	size_t rows;
	cr_assert_eq(read_text(&s, "a,b\n\"x, y\",\"say \"\"hi\"\"\"\n", &rows,
		NULL), 0);
	cr_assert_eq(rows, 1);
	cr_assert_str_eq(s.header, "a|b");
	cr_assert_str_eq(s.text, "2:x, y|say \"hi\"\n");
}

Test(csv, a_field_spanning_lines_keeps_its_line_breaks_and_the_row_its_start)
{
	seen s;
	cr_assert_eq(read_text(&s, "a,b\n\"one\ntwo\nthree\",x\ny,z\n", NULL,
		NULL), 0);
	cr_assert_str_eq(s.text, "2:one\ntwo\nthree|x\n5:y|z\n");
}

Test(csv, bom_crlf_and_no_final_newline)
{
	seen s;
	size_t rows;
	cr_assert_eq(read_text(&s, "\xEF\xBB\xBFName,Age\r\nAda,36\r\nBo,4",
		&rows, NULL), 0);
	cr_assert_eq(rows, 2);
	cr_assert_str_eq(s.header, "Name|Age");
	cr_assert_str_eq(s.text, "2:Ada|36\n3:Bo|4\n");
}

Test(csv, the_notes_preamble_is_skipped_and_the_header_found_after_it)
{
	seen s;
	const char *text =
		"Notes:\n"
		"\"When exporting your connection data, you may notice that some "
		"of the email addresses are missing. You will only see email, "
		"addresses \"\"quoted\"\"\"\n"
		"\n"
		"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
		"Ada,Lovelace,https://www.linkedin.com/in/ada,,Engines,Analyst,09 Sep 2022";
	cr_assert_eq(read_text(&s, text, NULL, NULL), 0);
	cr_assert_str_eq(s.header,
		"First Name|Last Name|URL|Email Address|Company|Position|Connected On");
	cr_assert_str_eq(s.text,
		"5:Ada|Lovelace|https://www.linkedin.com/in/ada||Engines|Analyst|09 Sep 2022\n");
}

Test(csv, blank_lines_between_rows_are_skipped_and_lines_still_counted)
{
	seen s;
	cr_assert_eq(read_text(&s, "a\n\nx\n\r\n\ny\n", NULL, NULL), 0);
	cr_assert_str_eq(s.text, "3:x\n6:y\n");
}

Test(csv, spaces_are_data)
{
	seen s;
	cr_assert_eq(read_text(&s, "First Name,Last Name\nPriyanka ,Bose\n", NULL,
		NULL), 0);
	cr_assert_str_eq(s.text, "2:Priyanka |Bose\n");
}

Test(csv, columns_by_header_name_old_and_new_headers)
{
	adv_csv_row old_h, new_h;
	char *old_f[] = { "First Name", "Last Name", "Email Address", "Company",
			  "Position", "Connected On" };
	char *new_f[] = { "First Name", "Last Name", "URL", "Email Address",
			  "Company", "Position", " connected on " };
	old_h.fields = old_f, old_h.count = 6;
	new_h.fields = new_f, new_h.count = 7;
	cr_assert_eq(adv_csv_column(&old_h, "Company"), 3);
	cr_assert_eq(adv_csv_column(&new_h, "Company"), 4);
	cr_assert_eq(adv_csv_column(&old_h, "URL"), -1);
	cr_assert_eq(adv_csv_column(&new_h, "Connected On"), 6);
	cr_assert_str_eq(adv_csv_field(&old_h, -1), "");
	cr_assert_str_eq(adv_csv_field(&old_h, 9), "");
}

Test(csv, an_unclosed_quote_is_an_error_naming_the_line)
{
	seen s;
	advisor_error err;
	cr_assert_eq(read_text(&s, "a,b\nx,y\n\"open,z\nmore\n", NULL, &err),
		ADVISOR_EDATA);
	cr_assert(strstr(err.message, "t.csv: line 3: a quoted field is never closed"),
		"%s", err.message);
}

Test(csv, a_quote_inside_an_unquoted_field_is_an_error)
{
	seen s;
	advisor_error err;
	cr_assert_eq(read_text(&s, "a,b\nx,y\nab\"c,d\n", NULL, &err),
		ADVISOR_EDATA);
	cr_assert(strstr(err.message, "t.csv: line 3: malformed quoting"), "%s",
		err.message);
}

Test(csv, binary_data_is_not_csv)
{
	seen s;
	advisor_error err;
	const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
	memset(&s, 0, sizeof(s));
	cr_assert_eq(adv_csv_read("img.csv", png, sizeof(png) - 1, collect, &s,
		NULL, &err), ADVISOR_EDATA);
	cr_assert(strstr(err.message, "img.csv: line 3: not a CSV file (binary data"), "%s",
		err.message);
}

Test(csv, invalid_utf8_is_not_csv)
{
	seen s;
	advisor_error err;
	cr_assert_eq(read_text(&s, "a\nok\nbad \xC3\x28\n", NULL, &err),
		ADVISOR_EDATA);
	cr_assert(strstr(err.message, "t.csv: line 3: not a CSV file (invalid UTF-8"),
		"%s", err.message);
}

Test(csv, a_utf16_file_is_named_as_such)
{
	seen s;
	advisor_error err;
	const char text[] = "\xFF\xFE" "F\0i\0r\0s\0t\0\n\0";
	memset(&s, 0, sizeof(s));
	cr_assert_eq(adv_csv_read("Connections.csv", text, sizeof(text) - 1,
		collect, &s, NULL, &err), ADVISOR_EDATA);
	cr_assert(strstr(err.message, "Connections.csv: the file is UTF-16; LinkedIn's files are UTF-8"),
		"%s", err.message);
}

/* A row of a million empty fields, as a zip of commas expands to: refused
 * at the first field past the limit, not collected. */
Test(csv, a_row_of_too_many_fields_is_refused)
{
	seen s;
	advisor_error err;
	size_t n = 1000000;
	char *text = malloc(n + 16);
	cr_assert_not_null(text);
	strcpy(text, "a,b\n");
	memset(text + 4, ',', n);
	text[4 + n] = '\n';
	text[5 + n] = '\0';
	memset(&s, 0, sizeof(s));
	cr_assert_eq(adv_csv_read("t.csv", text, strlen(text), collect, &s, NULL,
		&err), ADVISOR_EDATA);
	cr_assert(strstr(err.message, "t.csv: line 2: more than 1000 fields in a row"),
		"%s", err.message);
	free(text);
}

Test(csv, an_empty_file_has_no_header)
{
	seen s;
	advisor_error err;
	cr_assert_eq(read_text(&s, "", NULL, &err), ADVISOR_EDATA);
	cr_assert(strstr(err.message, "no header row"), "%s", err.message);
	cr_assert_eq(read_text(&s, "Notes:\n\"text\"\n\n", NULL, &err),
		ADVISOR_EDATA);
	cr_assert(strstr(err.message, "after its Notes: preamble"), "%s",
		err.message);
}

static int stop_at_second(void *payload, const adv_csv_row *header,
	const adv_csv_row *row, advisor_error *err)
{
	int *n = payload;
	(void)header;
	if (++*n == 2)
		return adv_error_set(err, ADVISOR_EDATA, "stop at line %zu",
			row->line);
	return 0;
}

Test(csv, a_callback_failure_stops_the_read_with_its_code)
{
	int n = 0;
	advisor_error err;
	const char *text = "h\n1\n2\n3\n";
	cr_assert_eq(adv_csv_read("t.csv", text, strlen(text), stop_at_second, &n,
		NULL, &err), ADVISOR_EDATA);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(err.message, "stop at line 3");
}
