/*
 * test_store_annotations.c - the annotation store (store/annotations.c):
 * the user's facts read strictly, edited (events, fields, links, people),
 * written back, and merged over an import.
 */
#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "advisor.h"

static const char base[] =
	"{\"format\":\"advisor-network/1\","
	" \"me\":{\"id\":\"me\",\"name\":\"Alex Kim\"},"
	" \"people\":["
	"  {\"id\":\"priya\",\"name\":\"Priya N\",\"company\":\"Orbit\"},"
	"  {\"id\":\"tom\",\"name\":\"Tom\",\"connected\":true}]}";

static advisor_annotations *parse_ok(const char *text)
{
	advisor_annotations *a = NULL;
	advisor_error err;
	int rc = advisor_annotations_parse(&a, text, strlen(text), "facts.json",
		&err);
	cr_assert_eq(rc, ADVISOR_OK, "%s", err.message);
	return a;
}

static advisor_annotations *empty(void)
{
	advisor_annotations *a = NULL;
	cr_assert_eq(advisor_annotations_new(&a, "facts.json", NULL), ADVISOR_OK);
	return a;
}

/* A "met" event's fields. */
static advisor_fields *met(const char *date, const char *tone)
{
	advisor_fields *f = NULL;
	cr_assert_eq(advisor_fields_new(&f, NULL), ADVISOR_OK);
	cr_assert_eq(advisor_fields_set_string(f, "date", date, NULL), ADVISOR_OK);
	if (tone)
		cr_assert_eq(advisor_fields_set_string(f, "tone", tone, NULL),
			ADVISOR_OK);
	return f;
}

static char *json_of(const advisor_annotations *a)
{
	char *text = NULL;
	cr_assert_eq(advisor_annotations_to_json(&text, a, NULL), ADVISOR_OK);
	return text;
}

/* The merged network, loaded. */
static advisor_network *merged(const advisor_annotations *a)
{
	advisor_network *net = NULL;
	advisor_error err;
	char *text = NULL;

	cr_assert_eq(advisor_annotations_merge(&text, a, base, strlen(base),
		NULL, NULL, &err), ADVISOR_OK, "%s", err.message);
	cr_assert_eq(advisor_network_load_buffer(&net, text, strlen(text),
		"merged.json", NULL, &err), ADVISOR_OK, "%s", err.message);
	advisor_string_free(text);
	return net;
}

Test(annotations, a_new_document_is_the_network_format_with_no_people)
{
	advisor_annotations *a = empty();
	char *text = json_of(a);

	cr_assert(strstr(text, "\"format\":\t\"advisor-network/1\""), "%s", text);
	cr_assert(strstr(text, "\"people\":\t[]"), "%s", text);
	cr_assert_eq(advisor_annotations_person_count(a), 0);
	cr_assert_null(advisor_annotations_person_id(a, 0));
	advisor_string_free(text);
	advisor_annotations_free(a);
}

Test(annotations, adding_an_event_twice_adds_it_once_and_says_so)
{
	advisor_annotations *a = empty();
	advisor_fields *f = met("2019-05", "cordial");
	advisor_fields *same = NULL;
	int added = -1;

	cr_assert_eq(advisor_annotations_add_event(&added, a, "priya", NULL, "met",
		f, NULL), ADVISOR_OK);
	cr_assert_eq(added, 1);
	/* The same fields in another order are the same event. */
	cr_assert_eq(advisor_fields_new(&same, NULL), ADVISOR_OK);
	advisor_fields_set_string(same, "tone", "cordial", NULL);
	advisor_fields_set_string(same, "date", "2019-05", NULL);
	cr_assert_eq(advisor_annotations_add_event(&added, a, "priya", NULL, "met",
		same, NULL), ADVISOR_OK);
	cr_assert_eq(added, 0);
	cr_assert_eq(advisor_annotations_event_count(a, "priya"), 1);
	cr_assert_str_eq(advisor_annotations_event_type(a, "priya", 0), "met");
	cr_assert_str_eq(advisor_annotations_event_string(a, "priya", 0, "tone"),
		"cordial");
	cr_assert_null(advisor_annotations_event_string(a, "priya", 0, "context"));
	cr_assert_null(advisor_annotations_event_type(a, "priya", 1));
	/* Another value is another event. */
	advisor_fields_set_string(same, "tone", "awkward", NULL);
	cr_assert_eq(advisor_annotations_add_event(&added, a, "priya", NULL, "met",
		same, NULL), ADVISOR_OK);
	cr_assert_eq(added, 1);
	cr_assert_eq(advisor_annotations_event_count(a, "priya"), 2);
	advisor_fields_free(f);
	advisor_fields_free(same);
	advisor_annotations_free(a);
}

Test(annotations, an_event_of_a_person_the_network_lacks_adds_them_whole)
{
	advisor_annotations *a = empty();
	advisor_fields *f = met("2026-11", NULL);
	int added = 0;

	cr_assert_eq(advisor_annotations_add_event(&added, a, "noa", "Noa Levi",
		"met", f, NULL), ADVISOR_OK);
	cr_assert_eq(added, 1);
	cr_assert_eq(advisor_annotations_person_count(a), 1);
	cr_assert_str_eq(advisor_annotations_person_id(a, 0), "noa");
	advisor_network *net = merged(a);
	cr_assert_str_eq(advisor_network_person_name(net, "noa"), "Noa Levi");
	cr_assert_eq(advisor_network_person_count(net), 3);
	advisor_network_free(net);
	advisor_fields_free(f);
	advisor_annotations_free(a);
}

Test(annotations, a_person_without_a_name_the_network_lacks_fails_the_merge)
{
	advisor_annotations *a = empty();
	advisor_fields *f = met("2026-11", NULL);
	advisor_error err;
	char *out = NULL;

	cr_assert_eq(advisor_annotations_add_event(NULL, a, "noa", NULL, "met", f,
		NULL), ADVISOR_OK);
	cr_assert_eq(advisor_annotations_merge(&out, a, base, strlen(base), NULL,
		NULL, &err), ADVISOR_EDATA);
	cr_assert_null(out);
	cr_assert(strstr(err.message, "the merged network"), "%s", err.message);
	cr_assert_str_eq(err.field, "name", "%s", err.message);
	advisor_fields_free(f);
	advisor_annotations_free(a);
}

Test(annotations, an_event_field_named_type_is_refused)
{
	advisor_annotations *a = empty();
	advisor_fields *f = met("2019", NULL);
	advisor_error err;

	advisor_fields_set_string(f, "type", "personal", NULL);
	cr_assert_eq(advisor_annotations_add_event(NULL, a, "priya", NULL, "met", f,
		&err), ADVISOR_EINVAL);
	cr_assert_str_eq(err.field, "type");
	cr_assert_eq(advisor_annotations_add_event(NULL, a, "", NULL, "met", NULL,
		&err), ADVISOR_EINVAL);
	cr_assert(strstr(err.message, "id is empty"), "%s", err.message);
	cr_assert_eq(advisor_annotations_add_event(NULL, a, "priya", NULL, NULL,
		NULL, &err), ADVISOR_EINVAL);
	cr_assert_eq(advisor_annotations_person_count(a), 0);
	advisor_fields_free(f);
	advisor_annotations_free(a);
}

/* What no fact may say: text over several lines, a date ahead of today
 * (but for an interview), an introduction by the person themselves. */
Test(annotations, a_fact_that_cannot_be_true_or_sent_is_refused)
{
	advisor_annotations *a = empty();
	advisor_fields *f = met("2019", NULL);
	advisor_error err;

	advisor_fields_set_string(f, "context", "PyCon\n2019", NULL);
	cr_assert_eq(advisor_annotations_add_event(NULL, a, "priya", "Priya", "met",
		f, &err), ADVISOR_EINVAL);
	cr_assert_str_eq(err.field, "context");
	cr_assert(strstr(err.message, "line break"), "%s", err.message);
	advisor_fields_set_string(f, "context", "PyCon\x1b[2J", NULL);
	cr_assert_eq(advisor_annotations_add_event(NULL, a, "priya", "Priya", "met",
		f, &err), ADVISOR_EINVAL);
	cr_assert(strstr(err.message, "control character"), "%s", err.message);
	advisor_fields_free(f);

	f = met("2999-01-01", NULL);
	cr_assert_eq(advisor_annotations_add_event(NULL, a, "priya", "Priya", "met",
		f, &err), ADVISOR_EINVAL);
	cr_assert_str_eq(err.field, "date");
	cr_assert(strstr(err.message, "after today"), "%s", err.message);
	cr_assert_eq(advisor_annotations_add_event(NULL, a, "priya", "Priya",
		"interview", f, &err), ADVISOR_OK, "an interview can be ahead: %s",
		err.message);
	advisor_fields_free(f);

	f = met("2020", NULL);
	advisor_fields_set_string(f, "by", "priya", NULL);
	cr_assert_eq(advisor_annotations_add_event(NULL, a, "priya", "Priya",
		"introduced", f, &err), ADVISOR_EINVAL);
	cr_assert_str_eq(err.field, "by");
	cr_assert_eq(advisor_annotations_event_count(a, "priya"), 1,
		"only the interview was kept");
	advisor_fields_free(f);
	advisor_annotations_free(a);
}

Test(annotations, removing_the_last_event_removes_a_person_with_nothing_else)
{
	advisor_annotations *a = empty();
	advisor_fields *f1 = met("2019", NULL), *f2 = met("2021", "awkward");
	advisor_error err;

	advisor_annotations_add_event(NULL, a, "priya", NULL, "met", f1, NULL);
	advisor_annotations_add_event(NULL, a, "priya", NULL, "met", f2, NULL);
	cr_assert_eq(advisor_annotations_remove_event(a, "priya", 2, &err),
		ADVISOR_ENOTFOUND);
	cr_assert(strstr(err.message, "no event 2 of priya in facts.json: there "
		"are 2"), "%s", err.message);
	cr_assert_eq(advisor_annotations_remove_event(a, "priya", 0, &err),
		ADVISOR_OK);
	cr_assert_str_eq(advisor_annotations_event_string(a, "priya", 0, "date"),
		"2021");
	cr_assert_eq(advisor_annotations_remove_event(a, "priya", 0, &err),
		ADVISOR_OK);
	cr_assert_eq(advisor_annotations_person_count(a), 0);
	char *text = json_of(a);
	cr_assert_null(strstr(text, "priya"), "%s", text);
	advisor_string_free(text);
	advisor_fields_free(f1);
	advisor_fields_free(f2);
	advisor_annotations_free(a);
}

Test(annotations, removing_events_by_type_keeps_the_others_and_a_named_person)
{
	advisor_annotations *a = empty();
	advisor_fields *f1 = met("2019", NULL), *f2 = met("2021", NULL);
	size_t removed = 9;

	advisor_annotations_add_event(NULL, a, "noa", "Noa", "met", f1, NULL);
	advisor_annotations_add_event(NULL, a, "noa", NULL, "personal", f1, NULL);
	advisor_annotations_add_event(NULL, a, "noa", NULL, "met", f2, NULL);
	cr_assert_eq(advisor_annotations_remove_events(&removed, a, "noa", "met",
		NULL), ADVISOR_OK);
	cr_assert_eq(removed, 2);
	cr_assert_eq(advisor_annotations_event_count(a, "noa"), 1);
	cr_assert_str_eq(advisor_annotations_event_type(a, "noa", 0), "personal");
	cr_assert_eq(advisor_annotations_remove_events(&removed, a, "noa",
		"personal", NULL), ADVISOR_OK);
	cr_assert_eq(removed, 1);
	/* Added whole: the name stays, and so does the person. */
	cr_assert_eq(advisor_annotations_person_count(a), 1);
	cr_assert_eq(advisor_annotations_remove_events(&removed, a, "nobody", "met",
		NULL), ADVISOR_OK);
	cr_assert_eq(removed, 0);
	int gone = 0;
	cr_assert_eq(advisor_annotations_remove_person(&gone, a, "noa", NULL),
		ADVISOR_OK);
	cr_assert_eq(gone, 1);
	cr_assert_eq(advisor_annotations_person_count(a), 0);
	cr_assert_eq(advisor_annotations_remove_person(&gone, a, "noa", NULL),
		ADVISOR_OK);
	cr_assert_eq(gone, 0);
	advisor_fields_free(f1);
	advisor_fields_free(f2);
	advisor_annotations_free(a);
}

Test(annotations, fields_are_set_replaced_and_cleared)
{
	advisor_annotations *a = empty();
	advisor_fields *f = NULL;
	advisor_error err;
	int cleared = -1;

	advisor_fields_new(&f, NULL);
	advisor_fields_set_string(f, "industry", "Software", NULL);
	advisor_fields_set_bool(f, "influencer", 1, NULL);
	advisor_fields_set_number(f, "followers", 2400, NULL);
	cr_assert_eq(advisor_annotations_set_fields(a, "priya", NULL, f, &err),
		ADVISOR_OK, "%s", err.message);
	advisor_fields_set_string(f, "industry", "Research", NULL);
	cr_assert_eq(advisor_annotations_set_fields(a, "priya", NULL, f, &err),
		ADVISOR_OK);
	advisor_network *net = merged(a);
	advisor_network_free(net);
	char *text = json_of(a);
	cr_assert(strstr(text, "\"industry\":\t\"Research\""), "%s", text);
	cr_assert_null(strstr(text, "Software"), "%s", text);
	cr_assert(strstr(text, "\"influencer\":\ttrue"), "%s", text);
	cr_assert(strstr(text, "\"followers\":\t2400"), "%s", text);
	advisor_string_free(text);

	cr_assert_eq(advisor_annotations_clear_field(&cleared, a, "priya",
		"industry", NULL), ADVISOR_OK);
	cr_assert_eq(cleared, 1);
	cr_assert_eq(advisor_annotations_clear_field(&cleared, a, "priya",
		"industry", NULL), ADVISOR_OK);
	cr_assert_eq(cleared, 0);
	advisor_annotations_clear_field(NULL, a, "priya", "influencer", NULL);
	advisor_annotations_clear_field(NULL, a, "priya", "followers", NULL);
	cr_assert_eq(advisor_annotations_person_count(a), 0);

	cr_assert_eq(advisor_annotations_clear_field(NULL, a, "priya", "events",
		&err), ADVISOR_EINVAL);
	cr_assert_str_eq(err.field, "events");
	advisor_fields_set_string(f, "connections", "tom", NULL);
	cr_assert_eq(advisor_annotations_set_fields(a, "priya", NULL, f, &err),
		ADVISOR_EINVAL);
	cr_assert(strstr(err.message, "link and unlink"), "%s", err.message);
	cr_assert_eq(advisor_annotations_person_count(a), 0);
	advisor_fields_free(f);
	advisor_annotations_free(a);
}

Test(annotations, a_link_is_recorded_once_either_way_round_and_removed)
{
	advisor_annotations *a = empty();
	advisor_error err;
	int added = -1, removed = -1;

	cr_assert_eq(advisor_annotations_link(&added, a, "priya", "tom", NULL),
		ADVISOR_OK);
	cr_assert_eq(added, 1);
	cr_assert_eq(advisor_annotations_link(&added, a, "tom", "priya", NULL),
		ADVISOR_OK);
	cr_assert_eq(added, 0);
	cr_assert_eq(advisor_annotations_link(&added, a, "tom", "tom", &err),
		ADVISOR_EINVAL);
	cr_assert(strstr(err.message, "the same person"), "%s", err.message);

	advisor_network *net = merged(a);
	advisor_strings *ids = NULL;
	cr_assert_eq(advisor_network_mutuals(&ids, net, "priya", "me", NULL),
		ADVISOR_OK);
	cr_assert_eq(advisor_strings_count(ids), 1);
	cr_assert_str_eq(advisor_strings_get(ids, 0), "tom");
	advisor_strings_free(ids);
	advisor_network_free(net);

	cr_assert_eq(advisor_annotations_unlink(&removed, a, "tom", "priya", NULL),
		ADVISOR_OK);
	cr_assert_eq(removed, 1);
	cr_assert_eq(advisor_annotations_person_count(a), 0);
	cr_assert_eq(advisor_annotations_unlink(&removed, a, "tom", "priya", NULL),
		ADVISOR_OK);
	cr_assert_eq(removed, 0);
	advisor_annotations_free(a);
}

Test(annotations, what_the_calls_do_not_edit_is_written_back_as_it_was)
{
	static const char text[] =
		"{\"format\":\"advisor-network/1\",\"me\":{\"industry\":\"Software\"},"
		" \"people\":[{\"id\":\"priya\",\"crm\":{\"stage\":2},"
		"  \"events\":[{\"type\":\"met\",\"date\":\"2019\"}]}],"
		" \"source\":\"my notes\"}";
	advisor_annotations *a = parse_ok(text);
	advisor_fields *f = met("2021", NULL);
	char *once, *twice;

	cr_assert_eq(advisor_annotations_add_event(NULL, a, "priya", NULL, "met",
		f, NULL), ADVISOR_OK);
	once = json_of(a);
	cr_assert(strstr(once, "\"source\":\t\"my notes\""), "%s", once);
	cr_assert(strstr(once, "\"stage\":\t2"), "%s", once);
	cr_assert(strstr(once, "\"industry\":\t\"Software\""), "%s", once);
	/* Read back, written again: the same text. */
	advisor_annotations *b = parse_ok(once);
	twice = json_of(b);
	cr_assert_str_eq(once, twice);
	cr_assert(strstr(once, "\"date\":\t\"2019\"") <
		strstr(once, "\"date\":\t\"2021\""), "the events keep their order");
	advisor_string_free(once);
	advisor_string_free(twice);
	advisor_fields_free(f);
	advisor_annotations_free(a);
	advisor_annotations_free(b);
}

/* Parse bad text; the error's code, with err filled. */
static int parse_bad(const char *text, advisor_error *err)
{
	advisor_annotations *a = (advisor_annotations *)1;
	int rc = advisor_annotations_parse(&a, text, strlen(text), "facts.json",
		err);
	cr_assert_null(a);
	return rc;
}

Test(annotations, a_bad_document_is_refused_with_its_json_path)
{
	advisor_error err;

	cr_assert_eq(parse_bad("{\"people\":[{\"id\":\"a\"},{\"name\":\"B\"}]}",
		&err), ADVISOR_EDATA);
	cr_assert(strstr(err.message, "facts.json: people[1].id: required"), "%s",
		err.message);
	cr_assert_str_eq(err.path, "people[1].id");
	cr_assert_str_eq(err.field, "id");

	cr_assert_eq(parse_bad("{\"people\":[{\"id\":\"a\",\"events\":[{\"type\":"
		"\"met\"},{\"date\":\"2019\"}]}]}", &err), ADVISOR_EDATA);
	cr_assert_str_eq(err.path, "people[0].events[1].type", "%s", err.message);
	cr_assert_str_eq(err.field, "type");

	cr_assert_eq(parse_bad("{\"people\":[{\"id\":\"a\",\"connections\":"
		"[\"b\",7]}]}", &err), ADVISOR_EDATA);
	cr_assert_str_eq(err.path, "people[0].connections[1]", "%s", err.message);
	cr_assert_str_eq(err.field, "connections");

	cr_assert_eq(parse_bad("{\"people\":[{\"id\":\"a\"},{\"id\":\"b\"},"
		"{\"id\":\"a\"}]}", &err), ADVISOR_EDATA);
	cr_assert(strstr(err.message, "people[2].id: \"a\" is people[0]'s id too"),
		"%s", err.message);

	cr_assert_eq(parse_bad("{\"format\":\"advisor-network/2\"}", &err),
		ADVISOR_EDATA);
	cr_assert_str_eq(err.field, "format");
	cr_assert_eq(parse_bad("{\"people\":{}}", &err), ADVISOR_EDATA);
	cr_assert_str_eq(err.path, "people");
	cr_assert_eq(parse_bad("[]", &err), ADVISOR_EDATA);
	cr_assert(strstr(err.message, "expected a JSON object"), "%s",
		err.message);
}

Test(annotations, json_that_does_not_parse_is_refused_strictly_with_its_line)
{
	advisor_error err;

	cr_assert_eq(parse_bad("{\"people\": [\n  {\"id\": \"a\",}\n]}", &err),
		ADVISOR_EDATA);
	cr_assert(strstr(err.message, "facts.json"), "%s", err.message);
	cr_assert_eq(err.line, 2, "%s", err.message);
	/* Checks cJSON leaves to its caller: a key twice. */
	cr_assert_eq(parse_bad("{\"people\": [], \"people\": []}", &err),
		ADVISOR_EDATA);
	cr_assert(strstr(err.message, "people"), "%s", err.message);
}

Test(annotations, a_bad_value_is_found_by_the_merge_with_its_path)
{
	advisor_annotations *a = empty();
	advisor_fields *f = met("2019-05", "warm");
	advisor_error err;
	char *out = NULL;

	advisor_annotations_add_event(NULL, a, "priya", NULL, "met", f, NULL);
	cr_assert_eq(advisor_annotations_merge(&out, a, base, strlen(base), NULL,
		NULL, &err), ADVISOR_EDATA);
	cr_assert(strstr(err.message, "\"warm\" is not a tone"), "%s",
		err.message);
	cr_assert_str_eq(err.path, "people[0].events[0].tone");
	cr_assert_str_eq(err.field, "tone");
	advisor_fields_free(f);
	advisor_annotations_free(a);
}

Test(annotations, the_merge_is_advisor_network_merge_of_the_written_text)
{
	advisor_annotations *a = empty();
	advisor_fields *f = met("2019-05", "cordial");
	advisor_import_summary *s1 = NULL, *s2 = NULL;
	char *m1 = NULL, *m2 = NULL, *text;

	advisor_annotations_add_event(NULL, a, "priya", NULL, "met", f, NULL);
	advisor_annotations_link(NULL, a, "priya", "tom", NULL);
	text = json_of(a);
	cr_assert_eq(advisor_annotations_merge(&m1, a, base, strlen(base), NULL,
		&s1, NULL), ADVISOR_OK);
	cr_assert_eq(advisor_network_merge(&m2, base, strlen(base), text,
		strlen(text), "facts.json", NULL, &s2, NULL), ADVISOR_OK);
	cr_assert_str_eq(m1, m2);
	cr_assert_eq(s1->annotated_people, 1);
	cr_assert_eq(s1->annotated_events, s2->annotated_events);
	advisor_import_summary_free(s1);
	advisor_import_summary_free(s2);
	advisor_string_free(m1);
	advisor_string_free(m2);
	advisor_string_free(text);
	advisor_fields_free(f);
	advisor_annotations_free(a);
}

/* A set of string fields from name/value pairs, NULL-ended. */
static advisor_fields *strings(const char *first, ...)
{
	advisor_fields *f = NULL;
	va_list ap;

	cr_assert_eq(advisor_fields_new(&f, NULL), ADVISOR_OK);
	va_start(ap, first);
	for (const char *k = first; k; k = va_arg(ap, const char *)) {
		const char *v = va_arg(ap, const char *);
		cr_assert_eq(advisor_fields_set_string(f, k, v, NULL), ADVISOR_OK);
	}
	va_end(ap);
	return f;
}

Test(annotations, an_added_person_gets_an_id_from_the_name_and_merges_whole)
{
	advisor_annotations *a = empty();
	advisor_fields *f = strings("company", "Tessellate", "industry",
		"Design", NULL);
	advisor_error err;
	const char *id = NULL;

	cr_assert_eq(advisor_annotations_add_person(&id, a, "Noa Lévi-Katz", f,
		base, strlen(base), &err), ADVISOR_OK, "%s", err.message);
	cr_assert_str_eq(id, "noa-lévi-katz");
	cr_assert(advisor_annotations_person_added(a, id));
	cr_assert_not(advisor_annotations_person_added(a, "priya"));
	cr_assert_not(advisor_annotations_person_added(NULL, id));
	char *text = json_of(a);
	cr_assert(strstr(text, "\"added\":\ttrue"), "%s", text);
	advisor_string_free(text);

	advisor_network *net = merged(a);
	cr_assert_str_eq(advisor_network_person_name(net, "noa-lévi-katz"),
		"Noa Lévi-Katz");
	advisor_network_free(net);
	advisor_fields_free(f);
	advisor_annotations_free(a);
}

Test(annotations, an_added_id_taken_in_the_network_or_the_document_is_suffixed)
{
	static const char net[] =
		"{\"me\":{\"id\":\"me\",\"name\":\"Alex Kim\"},\"people\":["
		" {\"id\":\"noa\",\"name\":\"Noa Shapiro\",\"connections\":[\"ben\"]},"
		" {\"id\":\"noa-2\",\"name\":\"Noa Katz\"}]}";
	advisor_annotations *a = empty();
	const char *id = NULL;

	/* "noa" and "noa-2" are people, "ben" a bare id among connections,
	 * "me" is me. */
	cr_assert_eq(advisor_annotations_add_person(&id, a, "Noa", NULL, net,
		strlen(net), NULL), ADVISOR_OK);
	cr_assert_str_eq(id, "noa-3");
	cr_assert_eq(advisor_annotations_add_person(&id, a, "Noa (3)", NULL, net,
		strlen(net), NULL), ADVISOR_OK);
	cr_assert_str_eq(id, "noa-3-2");
	cr_assert_eq(advisor_annotations_add_person(&id, a, "Ben", NULL, net,
		strlen(net), NULL), ADVISOR_OK);
	cr_assert_str_eq(id, "ben-2");
	cr_assert_eq(advisor_annotations_add_person(&id, a, "Me", NULL, net,
		strlen(net), NULL), ADVISOR_OK);
	cr_assert_str_eq(id, "me-2");
	cr_assert_eq(advisor_annotations_add_person(&id, a, "李", NULL, NULL, 0,
		NULL), ADVISOR_OK);
	cr_assert_str_eq(id, "李");
	cr_assert_eq(advisor_annotations_add_person(&id, a, "!!", NULL, NULL, 0,
		NULL), ADVISOR_OK);
	cr_assert_str_eq(id, "person");
	cr_assert_eq(advisor_annotations_person_count(a), 6);
	advisor_annotations_free(a);
}

Test(annotations, someone_already_there_is_refused_naming_who)
{
	static const char net[] =
		"{\"me\":{\"id\":\"me\",\"name\":\"Alex Kim\"},\"people\":["
		" {\"id\":\"priya\",\"name\":\"Priya Natarajan\",\"company\":\"Orbit\","
		"  \"profile_url\":\"https://www.linkedin.com/in/priya-n\"}]}";
	advisor_annotations *a = empty();
	advisor_fields *same_url = strings("profile_url",
		"linkedin.com/in/Priya-N/", NULL);
	advisor_fields *other_url = strings("profile_url",
		"https://www.linkedin.com/in/priya-other", NULL);
	advisor_error err;
	const char *id = "x";

	cr_assert_eq(advisor_annotations_add_person(&id, a, "PRIYA natarajan",
		NULL, net, strlen(net), &err), ADVISOR_EINVAL);
	cr_assert_null(id);
	cr_assert_str_eq(err.field, "name");
	cr_assert(strstr(err.message, "Priya Natarajan (priya, at Orbit)"), "%s",
		err.message);
	cr_assert_eq(advisor_annotations_add_person(&id, a, "P. N.", same_url,
		net, strlen(net), &err), ADVISOR_EINVAL);
	cr_assert_str_eq(err.field, "profile_url");
	cr_assert(strstr(err.message, "priya, at Orbit"), "%s", err.message);
	cr_assert_eq(advisor_annotations_person_count(a), 0);

	/* A URL of their own tells a namesake apart. */
	cr_assert_eq(advisor_annotations_add_person(&id, a, "Priya Natarajan",
		other_url, net, strlen(net), &err), ADVISOR_OK, "%s", err.message);
	cr_assert_str_eq(id, "priya-natarajan");
	/* The document's people count too, and yourself. */
	cr_assert_eq(advisor_annotations_add_person(&id, a, "Priya Natarajan",
		NULL, net, strlen(net), &err), ADVISOR_EINVAL);
	cr_assert_eq(advisor_annotations_add_person(&id, a, "alex kim", NULL,
		net, strlen(net), &err), ADVISOR_EINVAL);
	cr_assert_eq(advisor_annotations_person_count(a), 1);
	advisor_fields_free(same_url);
	advisor_fields_free(other_url);
	advisor_annotations_free(a);
}

Test(annotations, a_bad_added_person_is_refused_and_nothing_changes)
{
	advisor_annotations *a = empty();
	advisor_fields *own = strings("events", "x", NULL);
	advisor_fields *nl = strings("title", "CTO\nand more", NULL);
	advisor_error err;
	const char *id;

	cr_assert_eq(advisor_annotations_add_person(&id, a, "", NULL, NULL, 0,
		&err), ADVISOR_EINVAL);
	cr_assert_eq(advisor_annotations_add_person(&id, a, "Noa\nLevi", NULL,
		NULL, 0, &err), ADVISOR_EINVAL);
	cr_assert_str_eq(err.field, "name");
	cr_assert_eq(advisor_annotations_add_person(&id, a, "Noa", own, NULL, 0,
		&err), ADVISOR_EINVAL);
	cr_assert_str_eq(err.field, "events");
	cr_assert_eq(advisor_annotations_add_person(&id, a, "Noa", nl, NULL, 0,
		&err), ADVISOR_EINVAL);
	cr_assert_str_eq(err.field, "title");
	cr_assert_eq(advisor_annotations_add_person(&id, a, "Noa", NULL, "{", 1,
		&err), ADVISOR_EDATA);
	cr_assert_eq(advisor_annotations_add_person(NULL, a, "Noa", NULL, NULL,
		0, &err), ADVISOR_EINVAL);
	cr_assert_eq(advisor_annotations_person_count(a), 0);
	advisor_fields_free(own);
	advisor_fields_free(nl);
	advisor_annotations_free(a);
}
