/*
 * test_ndjson.c - the streamed NDJSON network loader, and the size limits
 * shared by both loaders.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "network/network.h"

#define HEADER "{\"format\":\"advisor-network/1\",\"me\":{\"id\":\"me\",\"name\":\"Me\"}}\n"

static int load_nd(advisor_network **net, const char *text, advisor_error *err,
	const advisor_load_options *opts)
{
	return advisor_network_load_buffer(net, text, strlen(text), "net.ndjson",
		opts, err);
}

static void bad_nd(const char *text, int code, const char *const *want)
{
	advisor_network *net = (advisor_network *)&net;
	advisor_error err;
	int rc = load_nd(&net, text, &err, NULL);
	cr_assert_eq(rc, code, "expected %d, got %d: %s", code, rc, err.message);
	cr_assert_null(net);
	for (; *want; want++)
		cr_assert_not_null(strstr(err.message, *want),
			"message \"%s\" lacks \"%s\"", err.message, *want);
}

#define BAD_ND(text, ...) \
	bad_nd((text), ADVISOR_EDATA, (const char *const[]){ __VA_ARGS__, NULL })

Test(ndjson, loads_one_person_a_line_with_links_and_events)
{
	advisor_network *net = NULL;
	advisor_error err;
	const char *text = HEADER
		"{\"id\":\"a\",\"name\":\"Ann\",\"connected\":true,\"connections\":[\"b\"]}\n"
		"\n"
		"{\"id\":\"b\",\"name\":\"Bo\",\"events\":[{\"type\":\"introduced\",\"date\":\"2026-01\",\"by\":\"a\"}]}\r\n"
		"   \n";
	cr_assert_eq(load_nd(&net, text, &err, NULL), ADVISOR_OK, "%s", err.message);
	cr_assert_eq(advisor_network_person_count(net), 2);
	cr_assert_str_eq(advisor_network_person_name(net, "b"), "Bo");
	const adv_person *b = adv_network_person(net, "b");
	cr_assert_eq(b->event_count, 1);
	cr_assert_eq(net->events[b->first_event].by, adv_network_find(net, "a"));
	/* me - a - b */
	cr_assert_eq(adv_graph_degree(&net->graph, adv_network_find(net, "a")), 2);
	advisor_network_free(net);
}

Test(ndjson, the_example_network_loads_the_same_as_json_and_ndjson)
{
	advisor_network *json = NULL, *nd = NULL;
	advisor_error err;
	cr_assert_eq(advisor_network_load(&json,
		source_path("docs/examples/network.json"), NULL, &err), ADVISOR_OK,
		"%s", err.message);
	/* Re-write the example as NDJSON from the loaded records' ids: one line
	 * per person is the file sliced at its people. */
	cr_assert_eq(advisor_network_load(&nd,
		source_path("tests/fixtures/example.ndjson"), NULL, &err), ADVISOR_OK,
		"%s", err.message);
	cr_assert_eq(advisor_network_person_count(nd), advisor_network_person_count(json));
	cr_assert_eq(nd->event_count, json->event_count);
	cr_assert_eq(nd->graph.off[nd->graph.n], json->graph.off[json->graph.n],
		"the same links");
	for (size_t i = 0; i < advisor_network_person_count(json); i++)
		cr_assert_str_eq(advisor_network_person_id(nd, i),
			advisor_network_person_id(json, i));
	advisor_network_free(json);
	advisor_network_free(nd);
}

Test(ndjson, a_bad_line_is_named_by_its_number)
{
	BAD_ND(HEADER "{\"id\":\"a\",\"name\":\"A\"}\n{\"id\":\"b\"}\n",
		"net.ndjson:3: name: missing; expected a string");
	BAD_ND(HEADER "{\"id\":\"a\",\"name\":\"A\",\"events\":[{\"type\":\"met\",\"date\":\"2019-13\"}]}\n",
		"net.ndjson:2: events[0].date: \"2019-13\" is not a date");
	BAD_ND(HEADER "\n\n{\"id\":\"a\",\"name\":\"A\",}\n",
		"net.ndjson:4:", "invalid JSON");
	BAD_ND(HEADER "{\"id\":\"a\",\"name\":\"A\"}\n{\"id\":\"a\",\"name\":\"A2\"}\n",
		"net.ndjson:3: id: duplicate id \"a\"");
	BAD_ND(HEADER "[1,2]\n", "net.ndjson:2: (top): expected a person object");
}

Test(ndjson, connections_read_from_the_text_or_the_tree_are_the_same_people)
{
	advisor_network *net = NULL;
	advisor_error err;
	/* a's list is read straight from the line; c's has an escape and goes
	 * through the tree: both name b. */
	const char *text = HEADER
		"{\"id\":\"a\",\"name\":\"Ann\",\"connections\":[\"b\", \"x\"]}\n"
		"{\"id\":\"c\",\"name\":\"Cy\",\"connections\":[\"\\u0062\"]}\n"
		"{\"id\":\"b\",\"name\":\"Bo\"}\n";
	cr_assert_eq(load_nd(&net, text, &err, NULL), ADVISOR_OK, "%s", err.message);
	uint32_t b = adv_network_find(net, "b");
	cr_assert_eq(adv_graph_degree(&net->graph, b), 2);
	cr_assert_eq(adv_graph_degree(&net->graph, adv_network_find(net, "x")), 1);
	advisor_network_free(net);

	BAD_ND(HEADER "{\"id\":\"a\",\"name\":\"A\",\"connections\":[\"b\",\"a\"]}\n",
		"net.ndjson:2: connections[1]: \"a\" lists itself");
	BAD_ND(HEADER "{\"id\":\"a\",\"name\":\"A\",\"connections\":[\"b\",\"\"]}\n",
		"net.ndjson:2: connections[1]: expected a person id, got an empty string");
	BAD_ND(HEADER "{\"id\":\"a\",\"name\":\"A\",\"connections\":[\"b\",]}\n",
		"net.ndjson:2:", "invalid JSON near ']}'");
}

Test(ndjson, references_are_checked_at_the_end_and_name_the_line)
{
	BAD_ND(HEADER "{\"id\":\"a\",\"name\":\"A\"}\n"
		"{\"id\":\"b\",\"name\":\"B\",\"events\":[{\"type\":\"introduced\",\"date\":\"2026\",\"by\":\"ghost\"}]}\n",
		"net.ndjson:3: events[0].by: \"ghost\" names nobody");
	BAD_ND(HEADER "{\"id\":\"a\",\"name\":\"A\",\"connections\":[\"me\"]}\n",
		"net.ndjson:2: linked to me", "connected is not true");
}

Test(ndjson, the_first_line_holds_format_and_me)
{
	BAD_ND("{\"id\":\"a\",\"name\":\"A\"}\n", "net.ndjson:1: format: missing");
	BAD_ND("{\"format\":\"advisor-network/1\"}\n", "net.ndjson:1: me: missing");
	BAD_ND("{\"format\":\"advisor-network/1\",\"me\":{\"id\":\"me\",\"name\":\"Me\"},\"people\":[]}\n",
		"net.ndjson:1: people: not expected on the first line");
	BAD_ND("", "net.ndjson: empty");
	BAD_ND("\n  \n", "net.ndjson: empty");
	BAD_ND("{\n\"format\": \"advisor-network/1\"}\n", "net.ndjson:1:2:",
		"is this a .json file?");
}

Test(ndjson, a_line_over_the_limit_is_refused_without_reading_it_all)
{
	advisor_load_options opts = ADVISOR_LOAD_OPTIONS_INIT;
	advisor_network *net = NULL;
	advisor_error err;
	size_t n = 5000;
	char *text = malloc(strlen(HEADER) + n + 64);
	cr_assert_not_null(text);
	strcpy(text, HEADER);
	strcat(text, "{\"id\":\"a\",\"name\":\"");
	size_t at = strlen(text);
	memset(text + at, 'x', n);
	strcpy(text + at + n, "\"}\n");
	opts.max_line_bytes = 1024;
	cr_assert_eq(load_nd(&net, text, &err, &opts), ADVISOR_EDATA);
	cr_assert_null(net);
	cr_assert_not_null(strstr(err.message,
		"net.ndjson:2: line longer than the limit of 1024 bytes"), "%s", err.message);
	cr_assert_str_eq(err.field, "max_line_bytes");
	cr_assert_eq(err.line, 2);
	opts.max_line_bytes = 0; /* the default, 16 MiB, takes it */
	cr_assert_eq(load_nd(&net, text, &err, &opts), ADVISOR_OK, "%s", err.message);
	advisor_network_free(net);
	free(text);
}

Test(ndjson, files_over_the_size_limit_are_refused_before_parsing)
{
	advisor_load_options opts = ADVISOR_LOAD_OPTIONS_INIT;
	advisor_network *net = NULL;
	advisor_error err;
	opts.max_bytes = 100;
	const char *path = source_path("docs/examples/network.json");
	cr_assert_eq(advisor_network_load(&net, path, &opts, &err), ADVISOR_EDATA);
	cr_assert_null(net);
	cr_assert_not_null(strstr(err.message, "network.json: "), "%s", err.message);
	cr_assert_not_null(strstr(err.message, "over the limit of 100 bytes"), "%s", err.message);
	/* The option that sets the limit is the error's field: the message
	 * speaks to no one caller (a program's max_bytes, a command's flag). */
	cr_assert_null(strstr(err.message, "--max-size"), "%s", err.message);
	cr_assert_str_eq(err.field, "max_bytes");
	cr_assert_eq(advisor_network_load(&net,
		source_path("tests/fixtures/example.ndjson"), &opts, &err), ADVISOR_EDATA);
	cr_assert_str_eq(err.field, "max_bytes");
	cr_assert_eq(advisor_network_load_buffer(&net, HEADER, strlen(HEADER) + 200,
		"x.json", &opts, &err), ADVISOR_EDATA);
	cr_assert_str_eq(err.field, "max_bytes");
}

Test(ndjson, the_format_can_be_forced_whatever_the_name)
{
	advisor_load_options opts = ADVISOR_LOAD_OPTIONS_INIT;
	advisor_network *net = NULL;
	advisor_error err;
	opts.format = ADVISOR_FORMAT_NDJSON;
	cr_assert_eq(advisor_network_load_buffer(&net, HEADER, strlen(HEADER),
		"stdin", &opts, &err), ADVISOR_OK, "%s", err.message);
	cr_assert_eq(advisor_network_person_count(net), 0);
	advisor_network_free(net);
	opts.format = (advisor_format)7;
	cr_assert_eq(advisor_network_load_buffer(&net, HEADER, strlen(HEADER),
		"stdin", &opts, &err), ADVISOR_EINVAL);
}

static int nd_warnings;
static void count_nd_warning(void *payload, const char *message)
{
	(void)payload;
	(void)message;
	nd_warnings++;
}

/* The first line lists the network's own event types, as a .json network's
 * top level does. */
Test(ndjson, the_first_line_lists_custom_event_types)
{
	advisor_load_options opts = ADVISOR_LOAD_OPTIONS_INIT;
	advisor_network *net = NULL;
	advisor_error err;
	opts.warning = count_nd_warning;
	const char *text = "{\"format\":\"advisor-network/1\",\"custom_event_types\":[\"coffee\"],"
		"\"me\":{\"id\":\"me\",\"name\":\"Me\"}}\n"
		"{\"id\":\"a\",\"name\":\"A\",\"events\":[{\"type\":\"coffee\",\"date\":\"2024\"}]}\n"
		"{\"id\":\"b\",\"name\":\"B\",\"events\":[{\"type\":\"tea\",\"date\":\"2024\"}]}\n";
	nd_warnings = 0;
	cr_assert_eq(load_nd(&net, text, &err, &opts), ADVISOR_OK, "%s", err.message);
	cr_assert_eq(nd_warnings, 1, "only tea, undeclared, warns");
	advisor_network_free(net);
	BAD_ND("{\"format\":\"advisor-network/1\",\"custom_event_types\":[\"met\"],"
		"\"me\":{\"id\":\"me\",\"name\":\"Me\"}}\n",
		"net.ndjson:1: custom_event_types[0]: \"met\" is a type advisor defines");
}
