/*
 * test_hostile_files.c - network files and request lines from anywhere.
 *
 * A table of hostile inputs, each with the error class and a fragment of
 * the message it must get: NDJSON networks (line by line, the place named
 * by line number and JSON path), JSON networks (the cases test_loader.c
 * does not already cover) and `advisor batch` request lines
 * (advisor_advise_json).  Network files are written to disk and loaded by
 * path, so the message must name the file; nothing may load in part (the
 * out-parameter stays NULL), and the same process then loads a good file.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"

#define HEADER "{\"format\":\"advisor-network/1\",\"me\":{\"id\":\"me\",\"name\":\"Me\"}}\n"
#define ANN "{\"id\":\"ann\",\"name\":\"Ann\""

static void free_indices(struct criterion_test_params *p)
{
	cr_free(p->params);
}

/* Criterion may run each parameter in a fresh process: the parameter is an
 * index into the (static) table, not a pointer. */
static struct criterion_test_params indices(size_t n)
{
	size_t *idx = cr_malloc(n * sizeof(*idx));
	cr_assert_not_null(idx);
	for (size_t i = 0; i < n; i++)
		idx[i] = i;
	return cr_make_param_array(size_t, idx, n, free_indices);
}

typedef struct hostile {
	const char *what;
	const char *text;       /* NULL: built by the test (see deep_text) */
	size_t len;             /* 0: strlen(text) */
	int code;
	const char *where;      /* "" or the place after the file name */
	const char *fragment;
} hostile;

/* ------------------------------------------------------------------------
 * NDJSON networks
 * ------------------------------------------------------------------------ */

static hostile ndjson_cases[] = {
	{ "empty file", "", 0, ADVISOR_EDATA, "", "empty" },
	{ "blank lines only", "\n\r\n \t\n", 0, ADVISOR_EDATA, "", "empty" },
	{ "binary garbage", "\x7f" "ELF\x02\x01\x01\x00\x00\x00\x00\xff\xfe\n\x01\x02", 16,
		ADVISOR_EDATA, ":1", "" },
	{ "UTF-16 with a byte-order mark", "\xff\xfe{\x00\"\x00}\x00\n\x00", 10,
		ADVISOR_EDATA, ":1", "" },
	{ "truncated header", "{\"format\":\"advisor-network/1\",\"me\":{\"id\":\"me\"", 0,
		ADVISOR_EDATA, ":1:", "truncated document" },
	{ "truncated person line at the end", HEADER ANN ",\"connections\":[\"me\"", 0,
		ADVISOR_EDATA, ":2:", "truncated document" },
	{ "trailing garbage after a person", HEADER ANN "} x\n", 0,
		ADVISOR_EDATA, ":2:", "" },
	{ "two people on one line", HEADER ANN "}{\"id\":\"bob\",\"name\":\"Bob\"}\n", 0,
		ADVISOR_EDATA, ":2:", "" },
	{ "a header that is an array", "[]\n", 0, ADVISOR_EDATA, ":1:", "" },
	{ "a header of another format", "{\"format\":\"advisor-network/2\",\"me\":{\"id\":\"me\",\"name\":\"Me\"}}\n",
		0, ADVISOR_EDATA, ":1:", "format" },
	{ "a person line that is a string", HEADER "\"ann\"\n", 0, ADVISOR_EDATA, ":2:",
		"expected a person object" },
	{ "a person line that is null", HEADER "null\n", 0, ADVISOR_EDATA, ":2:",
		"expected a person object" },
	{ "a duplicate key in the header", "{\"format\":\"advisor-network/1\",\"format\":\"advisor-network/1\",\"me\":{\"id\":\"me\",\"name\":\"Me\"}}\n",
		0, ADVISOR_EDATA, ":1:", "appears twice" },
	{ "a duplicate key in a person", HEADER ANN ",\"name\":\"Anne\"}\n", 0,
		ADVISOR_EDATA, ":2:", "appears twice" },
	{ "a duplicate key deep in an extra field", HEADER ANN ",\"x\":{\"y\":[{\"k\":1,\"k\":2}]}}\n", 0,
		ADVISOR_EDATA, ":2:", "appears twice" },
	{ "a duplicate person id", HEADER ANN "}\n" ANN "}\n", 0, ADVISOR_EDATA,
		":3: id: duplicate id \"ann\"", "" },
	{ "a person with me's id", HEADER "{\"id\":\"me\",\"name\":\"Me too\"}\n", 0,
		ADVISOR_EDATA, ":2:", "" },
	{ "an escaped NUL in a name", HEADER "{\"id\":\"ann\",\"name\":\"A\\u0000nn\"}\n", 0,
		ADVISOR_EDATA, ":2:", "" },
	{ "a raw NUL in a line", HEADER "{\"id\":\"ann\",\"name\":\"A\0nn\"}\n", sizeof(HEADER) + 25,
		ADVISOR_EDATA, ":2", "" },
	{ "invalid UTF-8 in a name", HEADER "{\"id\":\"ann\",\"name\":\"A\xff\xfenn\"}\n", 0,
		ADVISOR_EDATA, ":2:", "UTF-8" },
	{ "an overlong UTF-8 encoding", HEADER "{\"id\":\"ann\",\"name\":\"A\xc0\xafnn\"}\n", 0,
		ADVISOR_EDATA, ":2:", "UTF-8" },
	{ "a truncated UTF-8 sequence", HEADER "{\"id\":\"ann\",\"name\":\"A\xe2\x82\"}\n", 0,
		ADVISOR_EDATA, ":2:", "UTF-8" },
	{ "a raw control character", HEADER "{\"id\":\"ann\",\"name\":\"A\x01nn\"}\n", 0,
		ADVISOR_EDATA, ":2:", "" },
	{ "followers that overflow", HEADER ANN ",\"followers\":1e999}\n", 0,
		ADVISOR_EDATA, ":2:", "followers" },
	{ "a 30-digit followers count", HEADER ANN ",\"followers\":123456789012345678901234567890}\n", 0,
		ADVISOR_EDATA, ":2:", "followers" },
	{ "negative followers", HEADER ANN ",\"followers\":-5}\n", 0,
		ADVISOR_EDATA, ":2:", "followers" },
	{ "a number with a leading zero", HEADER ANN ",\"followers\":012}\n", 0,
		ADVISOR_EDATA, ":2:", "leading zero" },
	{ "a double zero", HEADER ANN ",\"score\":00}\n", 0,
		ADVISOR_EDATA, ":2:", "leading zero" },
	{ "a number ending in a point", HEADER ANN ",\"followers\":1.}\n", 0,
		ADVISOR_EDATA, ":2:", "after the point" },
	{ "an exponent without digits", HEADER ANN ",\"score\":1e}\n", 0,
		ADVISOR_EDATA, ":2:", "exponent" },
	{ "a lone minus", HEADER ANN ",\"score\":-}\n", 0,
		ADVISOR_EDATA, ":2:", "'-'" },
	{ "an infinite number in an extra field", HEADER ANN ",\"score\":-1e400}\n", 0,
		ADVISOR_EDATA, ":2:", "" },
	{ "an id that is a number", HEADER "{\"id\":7,\"name\":\"Ann\"}\n", 0,
		ADVISOR_EDATA, ":2: id:", "" },
	{ "a name that is an array", HEADER "{\"id\":\"ann\",\"name\":[\"Ann\"]}\n", 0,
		ADVISOR_EDATA, ":2: name:", "" },
	{ "connections that are an object", HEADER ANN ",\"connections\":{\"me\":true}}\n", 0,
		ADVISOR_EDATA, ":2: connections", "" },
	{ "a connection that is a number", HEADER ANN ",\"connections\":[1]}\n", 0,
		ADVISOR_EDATA, ":2: connections[0]", "" },
	{ "events that are a string", HEADER ANN ",\"events\":\"met\"}\n", 0,
		ADVISOR_EDATA, ":2: events", "" },
	{ "an event that is an array", HEADER ANN ",\"events\":[[1]]}\n", 0,
		ADVISOR_EDATA, ":2: events[0]", "" },
	{ "connected given as a string", HEADER ANN ",\"connected\":\"yes\"}\n", 0,
		ADVISOR_EDATA, ":2: connected", "" },
	{ "a date that is a number", HEADER ANN ",\"events\":[{\"type\":\"met\",\"date\":20250101}]}\n", 0,
		ADVISOR_EDATA, ":2: events[0].date", "" },
	{ "February 29 of a common year", HEADER ANN ",\"events\":[{\"type\":\"met\",\"date\":\"2025-02-29\"}]}\n", 0,
		ADVISOR_EDATA, ":2: events[0].date", "not a date" },
	{ "April 31", HEADER ANN ",\"events\":[{\"type\":\"met\",\"date\":\"2026-04-31\"}]}\n", 0,
		ADVISOR_EDATA, ":2: events[0].date", "not a date" },
	{ "day zero", HEADER ANN ",\"events\":[{\"type\":\"met\",\"date\":\"2026-01-00\"}]}\n", 0,
		ADVISOR_EDATA, ":2: events[0].date", "not a date" },
	{ "month zero of connected_on", HEADER ANN ",\"connected_on\":\"2026-00\"}\n", 0,
		ADVISOR_EDATA, ":2: connected_on", "" },
	{ "a date with trailing text", HEADER ANN ",\"events\":[{\"type\":\"met\",\"date\":\"2026-01-01T00:00\"}]}\n", 0,
		ADVISOR_EDATA, ":2: events[0].date", "not a date" },
	{ "a link list that references itself", HEADER ANN ",\"connections\":[\"ann\"]}\n", 0,
		ADVISOR_EDATA, ":2:", "" },
	{ "a link to me without connected", HEADER ANN ",\"connections\":[\"me\"]}\n", 0,
		ADVISOR_EDATA, ":2:", "connected is not true" },
	{ "an introducer who is nobody", HEADER ANN ",\"events\":[{\"type\":\"introduced\",\"date\":\"2026\",\"by\":\"ghost\"}]}\n", 0,
		ADVISOR_EDATA, ":2: events[0].by", "names nobody" },
	{ "an unknown tone", HEADER ANN ",\"events\":[{\"type\":\"met\",\"date\":\"2026\",\"tone\":\"sly\"}]}\n", 0,
		ADVISOR_EDATA, ":2: events[0].tone", "" },
	{ "a good line then a bad one", HEADER ANN "}\n{\"id\":\"bob\"}\n", 0,
		ADVISOR_EDATA, ":3: name:", "missing" },
	{ "nesting deeper than the parser allows", NULL, 0, ADVISOR_EDATA, ":2:", "" },
};

/* A person line with an extra field nested 5000 arrays deep. */
static char *deep_text(const char *head, size_t *len)
{
	size_t depth = 5000;
	size_t hl = strlen(head);
	char *t = malloc(hl + 2 * depth + 64);
	cr_assert_not_null(t);
	memcpy(t, head, hl);
	size_t n = hl;
	n += (size_t)sprintf(t + n, ANN ",\"x\":");
	memset(t + n, '[', depth);
	n += depth;
	memset(t + n, ']', depth);
	n += depth;
	n += (size_t)sprintf(t + n, "}\n");
	*len = n;
	return t;
}

static const char *write_file(const char *name, const char *text, size_t len)
{
	const char *path = write_temp(name, text, len);
	cr_assert_not_null(path, "cannot write %s", name);
	return path;
}

/* Load the text as the file `name`; expect the failure, the file named,
 * the place and the fragment in the message; then a good file loads. */
static void expect_refused(const hostile *h, const char *name,
	const char *good, const advisor_load_options *opts)
{
	advisor_network *net = (advisor_network *)&net;
	advisor_error err;
	char *built = NULL;
	size_t len = h->len;
	const char *text = h->text;
	char want[256];

	if (!text) {
		built = deep_text(strstr(name, ".ndjson") ? HEADER : "", &len);
		text = built;
	} else if (!len) {
		len = strlen(text);
	}
	const char *path = write_file(name, text, len);
	char *copy = strdup(path);
	memset(&err, 0, sizeof(err));
	int rc = advisor_network_load(&net, copy, opts, &err);
	cr_expect_eq(rc, h->code, "%s: rc %d, expected %d: %s", h->what, rc,
		h->code, err.message);
	cr_expect_null(net, "%s: nothing may load in part", h->what);
	snprintf(want, sizeof(want), "%s%s", copy, h->where);
	cr_expect(strstr(err.message, want) != NULL,
		"%s: message \"%s\" should name \"%s\"", h->what, err.message, want);
	cr_expect(strstr(err.message, h->fragment) != NULL,
		"%s: message \"%s\" should mention \"%s\"", h->what, err.message,
		h->fragment);
	if (net != (advisor_network *)&net)
		advisor_network_free(net);
	unlink(copy);
	free(copy);
	free(built);

	/* The same process goes on loading good files. */
	if (!good)
		return;
	advisor_network *ok = NULL;
	const char *gpath = write_file(name, good, strlen(good));
	cr_assert_eq(advisor_network_load(&ok, gpath, opts, &err), ADVISOR_OK,
		"%s: a good file after it: %s", h->what, err.message);
	advisor_network_free(ok);
	unlink(gpath);
}

ParameterizedTestParameters(hostile_files, ndjson)
{
	return indices(sizeof(ndjson_cases) / sizeof(*ndjson_cases));
}

ParameterizedTest(size_t *i, hostile_files, ndjson)
{
	const hostile *h = &ndjson_cases[*i];
	expect_refused(h, "hostile.ndjson", HEADER ANN "}\n", NULL);
}

/* ------------------------------------------------------------------------
 * JSON networks: what test_loader.c does not cover already.
 * ------------------------------------------------------------------------ */

#define DOC(people) "{\"format\":\"advisor-network/1\",\"me\":{\"id\":\"me\",\"name\":\"Me\"},\"people\":[" people "]}"
#define GOOD_DOC DOC(ANN "}")

static hostile json_cases[] = {
	{ "binary garbage", "\x7f" "ELF\x02\x01\x01\x00\x00\x00\x00\xff\xfe", 14,
		ADVISOR_EDATA, "", "" },
	{ "UTF-16 with a byte-order mark", "\xff\xfe{\x00}\x00", 6,
		ADVISOR_EDATA, "", "" },
	{ "a document that is null", "null", 0, ADVISOR_EDATA, "", "" },
	{ "two documents", GOOD_DOC GOOD_DOC, 0, ADVISOR_EDATA, "", "" },
	{ "a truncated escape", "{\"format\":\"advisor-network/1\\u00", 0, ADVISOR_EDATA, "", "" },
	{ "a person with me's id", DOC("{\"id\":\"me\",\"name\":\"Me too\"}"), 0,
		ADVISOR_EDATA, "", "" },
	{ "a lone surrogate escape", DOC("{\"id\":\"ann\",\"name\":\"\\ud800\"}"), 0,
		ADVISOR_EDATA, "", "" },
	{ "an overlong UTF-8 encoding", DOC("{\"id\":\"ann\",\"name\":\"\xc0\xaf\"}"), 0,
		ADVISOR_EDATA, "", "UTF-8" },
	{ "an impossible connected_on", DOC(ANN ",\"connected_on\":\"2026-02-30\"}"), 0,
		ADVISOR_EDATA, "", "connected_on" },
	{ "a 30-digit number in an extra field", DOC(ANN ",\"rank\":123456789012345678901234567890e400}"), 0,
		ADVISOR_EDATA, "", "" },
	{ "a self link among others", DOC(ANN ",\"connections\":[\"bob\",\"ann\"]},{\"id\":\"bob\",\"name\":\"Bob\"}"), 0,
		ADVISOR_EDATA, "", "" },
	{ "nesting deeper than the parser allows", NULL, 0, ADVISOR_EDATA, "", "" },
};

ParameterizedTestParameters(hostile_files, json)
{
	return indices(sizeof(json_cases) / sizeof(*json_cases));
}

ParameterizedTest(size_t *i, hostile_files, json)
{
	const hostile *h = &json_cases[*i];
	expect_refused(h, "hostile.json", GOOD_DOC, NULL);
}

/* A file over the size limit is refused before it is parsed, with the
 * limit in the message and how to raise it: garbage beyond the limit
 * never reaches the parser. */
Test(hostile_files, a_file_over_the_size_limit_is_refused_before_parsing)
{
	advisor_load_options opts = ADVISOR_LOAD_OPTIONS_INIT;
	static const hostile big = { "garbage over the limit", "\xff\xfe not json at all, and long enough",
		0, ADVISOR_EDATA, ": ", "over the limit of 16 bytes" };
	static const hostile parsed = { "the same garbage under the limit",
		"\xff\xfe not json at all, and long enough", 0, ADVISOR_EDATA, ":1:1:",
		"invalid UTF-8" };
	opts.max_bytes = 16;
	expect_refused(&big, "big.json", NULL, &opts);
	opts.max_bytes = 1024;
	expect_refused(&parsed, "big.json", GOOD_DOC, &opts);
}

/* A single line far over the NDJSON line limit is refused by its length,
 * not parsed. */
Test(hostile_files, a_huge_ndjson_line_is_refused_by_its_length)
{
	advisor_load_options opts = ADVISOR_LOAD_OPTIONS_INIT;
	size_t n = 8u << 20;
	char *t = malloc(sizeof(HEADER) + n + 2);
	cr_assert_not_null(t);
	memcpy(t, HEADER, sizeof(HEADER) - 1);
	memset(t + sizeof(HEADER) - 1, '[', n);
	t[sizeof(HEADER) - 1 + n] = '\n';
	hostile h = { "an 8 MiB line", t, sizeof(HEADER) + n, ADVISOR_EDATA,
		":2: ", "line longer than the limit of 1048576 bytes" };
	opts.max_line_bytes = 1u << 20;
	expect_refused(&h, "huge.ndjson", HEADER, &opts);
	free(t);
}

/* ------------------------------------------------------------------------
 * Request lines of `advisor batch`.
 * ------------------------------------------------------------------------ */

static const char NETWORK[] = DOC(ANN ",\"connections\":[\"bob\"]},{\"id\":\"bob\",\"name\":\"Bob\"}");

static hostile request_cases[] = {
	{ "an empty line", "", 0, ADVISOR_EINVAL, "request", "" },
	{ "garbage", "\x7f\xff\xfe\x01", 0, ADVISOR_EINVAL, "request", "" },
	{ "a truncated object", "{\"person\": \"ann\"", 0, ADVISOR_EINVAL, "request", "truncated document" },
	{ "trailing garbage", "{\"person\": \"ann\"} {}", 0, ADVISOR_EINVAL, "request", "" },
	{ "an array", "[\"ann\"]", 0, ADVISOR_EINVAL, "request", "" },
	{ "a duplicate key", "{\"person\": \"ann\", \"person\": \"bob\"}", 0,
		ADVISOR_EINVAL, "request", "appears twice" },
	{ "an escaped NUL in the person", "{\"person\": \"a\\u0000nn\"}", 0,
		ADVISOR_EINVAL, "request", "" },
	{ "invalid UTF-8 in the person", "{\"person\": \"a\xffnn\"}", 0,
		ADVISOR_EINVAL, "request", "" },
	{ "a person that is a number", "{\"person\": 7}", 0, ADVISOR_EINVAL, "person", "" },
	{ "a person that is null", "{\"person\": null}", 0, ADVISOR_EINVAL, "person", "" },
	{ "no person", "{\"as_of\": \"2026-01-01\"}", 0, ADVISOR_EINVAL, "person", "" },
	{ "an intent list that is an object", "{\"person\": \"ann\", \"intent\": {\"learn\": true}}", 0,
		ADVISOR_EINVAL, "intent", "" },
	{ "an intent that is a number", "{\"person\": \"ann\", \"intent\": [1]}", 0,
		ADVISOR_EINVAL, "intent", "" },
	{ "an impossible as_of", "{\"person\": \"ann\", \"as_of\": \"2026-02-30\"}", 0,
		ADVISOR_EINVAL, "as_of", "" },
	{ "an as_of that is a number", "{\"person\": \"ann\", \"as_of\": 20260101}", 0,
		ADVISOR_EINVAL, "as_of", "" },
	{ "an unknown direction", "{\"person\": \"ann\", \"direction\": \"up\"}", 0,
		ADVISOR_EINVAL, "direction", "" },
	{ "an unknown field", "{\"person\": \"ann\", \"x\": 1e999}", 0,
		ADVISOR_EINVAL, "x", "out of range" },
	{ "a number with a leading zero", "{\"person\": \"ann\", \"x\": 01}", 0,
		ADVISOR_EINVAL, "request", "leading zero" },
	{ "nesting deeper than the parser allows", NULL, 0, ADVISOR_EINVAL, "request", "" },
	{ "an unknown person with a huge id", NULL, 1, ADVISOR_ENOTFOUND, "no person", "" },
};

ParameterizedTestParameters(hostile_files, request)
{
	return indices(sizeof(request_cases) / sizeof(*request_cases));
}

ParameterizedTest(size_t *i, hostile_files, request)
{
	const hostile *h = &request_cases[*i];
	advisor_network *net = NULL;
	advisor_engine *engine = NULL;
	advisor_error err;
	char *out = (char *)&out, *built = NULL;
	size_t len = h->len;
	const char *text = h->text;

	cr_assert_eq(load_text(&net, NETWORK, &err), ADVISOR_OK, "%s", err.message);
	cr_assert_eq(advisor_engine_new(&engine, NULL, &err), ADVISOR_OK, "%s", err.message);
	if (!text && h->len == 0) {
		/* {"person":"ann","x":[[[[...]]]]} */
		size_t depth = 5000;
		built = malloc(2 * depth + 64);
		cr_assert_not_null(built);
		len = (size_t)sprintf(built, "{\"person\":\"ann\",\"x\":");
		memset(built + len, '[', depth);
		memset(built + len + depth, ']', depth);
		len += 2 * depth;
		len += (size_t)sprintf(built + len, "}");
		text = built;
	} else if (!text) {
		/* {"person":"xxxx...(4 MiB)"} */
		size_t n = 4u << 20;
		built = malloc(n + 32);
		cr_assert_not_null(built);
		len = (size_t)sprintf(built, "{\"person\":\"");
		memset(built + len, 'x', n);
		len += n;
		len += (size_t)sprintf(built + len, "\"}");
		text = built;
	} else {
		len = strlen(text);
	}
	memset(&err, 0, sizeof(err));
	int rc = advisor_advise_json(&out, engine, net, text, len, &err);
	cr_expect_eq(rc, h->code, "%s: rc %d, expected %d: %s", h->what, rc,
		h->code, err.message);
	cr_expect_null(out, "%s: no answer on failure", h->what);
	cr_expect(strstr(err.message, h->where) != NULL,
		"%s: message \"%s\" should name \"%s\"", h->what, err.message, h->where);
	cr_expect(strstr(err.message, h->fragment) != NULL,
		"%s: message \"%s\" should mention \"%s\"", h->what, err.message, h->fragment);
	cr_expect(strlen(err.message) < ADVISOR_ERROR_MESSAGE_MAX);
	free(built);

	/* The same engine answers the next good line. */
	static const char good[] = "{\"person\": \"ann\", \"as_of\": \"2026-06-01\"}";
	cr_assert_eq(advisor_advise_json(&out, engine, net, good, strlen(good), &err),
		ADVISOR_OK, "%s", err.message);
	cr_expect(strstr(out, "\"person\":\"ann\"") != NULL, "%s", out);
	advisor_string_free(out);
	advisor_engine_free(engine);
	advisor_network_free(net);
}
