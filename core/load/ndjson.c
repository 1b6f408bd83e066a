/*
 * load_ndjson.c - streaming an "advisor-network/1" NDJSON file.
 *
 * Line 1 holds format and me; every other line is one person.  Each line is
 * parsed, validated into the builder and freed before the next is read, so
 * memory grows with the network, never with a JSON tree of the whole file.
 * Blank lines are skipped; a line may end in CRLF.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json/strict.h"
#include "load/load.h"
#include "util/error.h"

#define READ_CHUNK (1u << 20)

/* Lines from a FILE or from memory, each copied NUL-terminated into `line`
 * (cJSON wants the terminator), none longer than `max`. */
typedef struct line_reader {
	FILE *f;
	const char *mem;
	size_t mem_len, mem_pos;
	char *buf;              /* FILE input, read in chunks */
	size_t buf_len, buf_pos;
	char *line;
	size_t line_len, line_cap, max;
	uint64_t total, max_total;   /* bytes read so far, and the file limit */
	unsigned long number;
	int eof;
} line_reader;

static int line_append(line_reader *r, const char *s, size_t n)
{
	if (r->line_len + n > r->max)
		return -2;
	if (r->line_len + n + 1 > r->line_cap) {
		size_t cap = r->line_cap ? r->line_cap : 4096;
		while (cap < r->line_len + n + 1)
			cap *= 2;
		char *p = realloc(r->line, cap);
		if (!p)
			return -1;
		r->line = p;
		r->line_cap = cap;
	}
	memcpy(r->line + r->line_len, s, n);
	r->line_len += n;
	r->line[r->line_len] = '\0';
	return 0;
}

/* The next line: 1, or 0 at the end, -1 out of memory, -2 too long, -3 a
 * read error, -4 past the file size limit (a pipe has no size to check
 * first). */
static int next_line(line_reader *r)
{
	int rc;

	r->line_len = 0;
	if (r->line)
		r->line[0] = '\0';
	if (r->eof)
		return 0;
	r->number++;
	for (;;) {
		const char *data;
		size_t avail;
		if (r->f) {
			if (r->buf_pos == r->buf_len) {
				r->buf_len = fread(r->buf, 1, READ_CHUNK, r->f);
				r->buf_pos = 0;
				if ((r->total += r->buf_len) > r->max_total)
					return -4;
				if (r->buf_len == 0) {
					if (ferror(r->f))
						return -3;
					r->eof = 1;
					break;
				}
			}
			data = r->buf + r->buf_pos;
			avail = r->buf_len - r->buf_pos;
		} else {
			if (r->mem_pos == r->mem_len) {
				r->eof = 1;
				break;
			}
			data = r->mem + r->mem_pos;
			avail = r->mem_len - r->mem_pos;
		}
		const char *nl = memchr(data, '\n', avail);
		size_t take = nl ? (size_t)(nl - data) : avail;
		if ((rc = line_append(r, data, take)) < 0)
			return rc;
		if (r->f)
			r->buf_pos += take + (nl != NULL);
		else
			r->mem_pos += take + (nl != NULL);
		if (nl)
			break;
	}
	if (r->eof && r->line_len == 0)
		return 0;
	if (!r->line && (rc = line_append(r, "", 0)) < 0)
		return rc;
	if (r->line_len && r->line[r->line_len - 1] == '\r')
		r->line[--r->line_len] = '\0';
	return 1;
}

static int blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr(" \t\r", s[i]) || !s[i])
			return 0;
	return 1;
}

/* Places for the builder's messages: "net.ndjson:12: events[1]". */
typedef struct places {
	const char *src;
	unsigned long *lines;   /* line of each person */
	size_t count, cap;
} places;

static void ndjson_where(void *ctx, char *buf, size_t len, size_t person,
	size_t event)
{
	const places *pl = ctx;
	unsigned long line = person < pl->count ? pl->lines[person] : 0;
	if (event == ADV_NO_EVENT)
		snprintf(buf, len, "%s:%lu", pl->src, line);
	else
		snprintf(buf, len, "%s:%lu: events[%zu]", pl->src, line, event);
}

/* Fields of the first line besides format and me are ignored, with a
 * warning, as at the top of a .json network. */
static int warn_unknown_header(const cJSON *root, const char *where,
	const advisor_load_options *opts)
{
	char msg[600];
	for (const cJSON *c = root->child; c; c = c->next) {
		if (!strcmp(c->string, "format") || !strcmp(c->string, "me") ||
		    !strcmp(c->string, "people") ||
		    !strcmp(c->string, "custom_event_types") ||
		    !strcmp(c->string, "imported"))
			continue;
		if (opts && opts->warning) {
			snprintf(msg, sizeof(msg), "%s: %s: unknown field, ignored",
				where, c->string);
			opts->warning(opts->warning_payload, msg);
		}
	}
	return 0;
}

static int read_line_error(int rc, const line_reader *r, const char *src,
	advisor_error *err)
{
	/* As adv_too_big(): the field names the option that sets the limit. */
	if (rc == -2) {
		adv_error_set(err, ADVISOR_EDATA,
			"%s:%lu: line longer than the limit of %zu bytes for one person",
			src, r->number, r->max);
		adv_error_at(err, r->number, 0);
		if (err)
			snprintf(err->field, sizeof(err->field), "max_line_bytes");
		return ADVISOR_EDATA;
	}
	if (rc == -4) {
		adv_error_set(err, ADVISOR_EDATA,
			"%s:%lu: the file goes past the limit of %llu bytes", src,
			r->number, (unsigned long long)r->max_total);
		adv_error_at(err, r->number, 0);
		if (err)
			snprintf(err->field, sizeof(err->field), "%s",
				ADV_LOAD_SIZE_OPTION);
		return ADVISOR_EDATA;
	}
	if (rc == -3)
		return adv_error_set(err, ADVISOR_EIO, "%s:%lu: read error", src,
			r->number);
	return adv_error_set(err, ADVISOR_ENOMEM, "%s:%lu: out of memory", src,
		r->number);
}

int adv_load_ndjson(advisor_network **out, FILE *f, const char *mem,
	size_t mem_len, const char *src, const advisor_load_options *opts,
	advisor_error *err)
{
	line_reader r;
	places pl = { src, NULL, 0, 0 };
	/* Each person's connections, read from the line without a tree. */
	adv_json_lift lift = { .key = "connections", .raw = &adv_load_raw_line };
	adv_builder b;
	char where[512];
	int rc, got, have_me = 0;

	*out = NULL;
	memset(&r, 0, sizeof(r));
	r.f = f;
	r.mem = mem;
	r.mem_len = mem_len;
	r.max = opts && opts->max_line_bytes ? opts->max_line_bytes
		: ADVISOR_DEFAULT_MAX_LINE_BYTES;
	r.max_total = opts && opts->max_bytes ? opts->max_bytes
		: ADVISOR_DEFAULT_MAX_BYTES;
	if (f && !(r.buf = malloc(READ_CHUNK)))
		return adv_error_set(err, ADVISOR_ENOMEM, "%s: out of memory", src);
	if ((rc = adv_builder_init(&b, src, err)) < 0) {
		free(r.buf);
		return rc;
	}

	while ((got = next_line(&r)) > 0) {
		cJSON *root;
		if (blank(r.line, r.line_len))
			continue;
		adv_format_where(where, sizeof(where), src, r.number);
		rc = have_me
			? adv_json_parse_lifting(&root, r.line, r.line_len, src,
				r.number, &lift, err)
			: adv_json_parse_raw(&root, r.line, r.line_len, src, r.number,
				&adv_load_raw_document, err);
		if (rc < 0) {
			if (!have_me && err && strlen(err->message) + 80 < sizeof(err->message))
				strcat(err->message, " (an .ndjson network holds one "
					"JSON object per line: is this a .json file?)");
			goto fail;
		}
		if (!have_me) {
			/* The header: format and me, nothing else. */
			if (!cJSON_IsObject(root)) {
				rc = adv_error_set(err, ADVISOR_EDATA,
					"%s: expected an object with format and me on the first line",
					where);
			} else if ((rc = warn_unknown_header(root, where, opts)) == 0 &&
				   (rc = adv_load_format(root, where, err)) == 0 &&
				   (rc = adv_load_custom_types(&b, root, where, err)) == 0 &&
				   (rc = adv_load_imported(root, where, err)) == 0 &&
				   (rc = adv_load_me(&b,
					cJSON_GetObjectItemCaseSensitive(root, "me"), "me",
					where, opts, err)) == 0 &&
				   cJSON_GetObjectItemCaseSensitive(root, "people")) {
				rc = adv_error_set(err, ADVISOR_EDATA,
					"%s: people: not expected on the first line of an .ndjson "
					"network; expected one person per line after it", where);
			}
			have_me = 1;
		} else {
			if (pl.count == pl.cap) {
				size_t cap = pl.cap ? pl.cap * 2 : 1024;
				unsigned long *p = realloc(pl.lines, cap * sizeof(*p));
				if (!p) {
					adv_json_lift_delete(&lift, root);
					rc = adv_error_set(err, ADVISOR_ENOMEM, "%s: out of memory", src);
					goto fail;
				}
				pl.lines = p;
				pl.cap = cap;
			}
			pl.lines[pl.count] = r.number;
			rc = adv_load_person(&b, root, "", pl.count, where, opts, &lift,
				err);
			pl.count++;
		}
		adv_json_lift_delete(&lift, root);
		if (rc < 0)
			goto fail;
	}
	if (got < 0) {
		rc = read_line_error(got, &r, src, err);
		goto fail;
	}
	if (!have_me) {
		rc = adv_error_set(err, ADVISOR_EDATA,
			"%s: empty; expected format and me on the first line, then one person a line",
			src);
		goto fail;
	}
	rc = adv_builder_finish(&b, out, ndjson_where, &pl, err);
	goto done;
fail:
	adv_builder_discard(&b);
done:
	adv_json_lift_free(&lift);
	free(pl.lines);
	free(r.buf);
	free(r.line);
	return rc;
}
