/*
 * test_builder.c - networks built in code through the public builder.
 *
 * The main check rebuilds docs/examples/network.json call by call (people,
 * every field, events, links) and asks the same questions of both networks:
 * every answer must match.  The rest are the builder's own errors, and the
 * loader's checks reached through it, named by person id.
 */
#include <criterion/criterion.h>
#include <cjson/cJSON.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "network/network.h"

#define AS_OF "2026-11-27"

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "rb");
	cr_assert_not_null(f, "%s", path);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *s = malloc((size_t)n + 1);
	cr_assert_eq(fread(s, 1, (size_t)n, f), (size_t)n);
	s[n] = '\0';
	fclose(f);
	return s;
}

/* A builder call that must succeed, its message in the caller's err. */
#define OK(call) do { advisor_error err_; int rc_ = (call); \
	cr_assert_eq(rc_, ADVISOR_OK, "%s: %s", #call, err_.message); } while (0)

/* Set one field of a person with the setter of its JSON type. */
static int set_field(advisor_network_builder *nb, const char *id,
	const cJSON *f, advisor_error *err)
{
	if (cJSON_IsString(f))
		return advisor_network_builder_set_string(nb, id, f->string,
			f->valuestring, err);
	if (cJSON_IsNumber(f))
		return advisor_network_builder_set_number(nb, id, f->string,
			f->valuedouble, err);
	if (cJSON_IsBool(f))
		return advisor_network_builder_set_bool(nb, id, f->string,
			cJSON_IsTrue(f), err);
	char *json = cJSON_PrintUnformatted(f);
	int rc = advisor_network_builder_set_json(nb, id, f->string, json, err);
	free(json);
	return rc;
}

/* Every field of a person object but id, name, events and connections. */
static void set_fields(advisor_network_builder *nb, const cJSON *obj)
{
	const char *id = cJSON_GetObjectItem(obj, "id")->valuestring;
	for (const cJSON *f = obj->child; f; f = f->next) {
		if (!strcmp(f->string, "id") || !strcmp(f->string, "name") ||
		    !strcmp(f->string, "events") || !strcmp(f->string, "connections"))
			continue;
		OK(set_field(nb, id, f, &err_));
	}
}

/* An event object's fields but its type, as an advisor_fields. */
static advisor_fields *event_fields(const cJSON *ev)
{
	advisor_fields *f;
	OK(advisor_fields_new(&f, &err_));
	for (const cJSON *c = ev->child; c; c = c->next) {
		if (!strcmp(c->string, "type"))
			continue;
		if (cJSON_IsString(c))
			OK(advisor_fields_set_string(f, c->string, c->valuestring, &err_));
		else if (cJSON_IsNumber(c))
			OK(advisor_fields_set_number(f, c->string, c->valuedouble, &err_));
		else if (cJSON_IsBool(c))
			OK(advisor_fields_set_bool(f, c->string, cJSON_IsTrue(c), &err_));
		else
			cr_assert_fail("event field %s: not a string, number or boolean",
				c->string);
	}
	return f;
}

/* The example network, built in code from its parsed JSON. */
static advisor_network *build_example(void)
{
	char *text = read_all(source_path("docs/examples/network.json"));
	cJSON *root = cJSON_Parse(text);
	const cJSON *me = cJSON_GetObjectItem(root, "me");
	const cJSON *people = cJSON_GetObjectItem(root, "people");
	advisor_network_builder *b;
	advisor_network *net;
	advisor_error err;

	cr_assert_eq(advisor_network_builder_new(&b, "example",
		cJSON_GetObjectItem(me, "id")->valuestring,
		cJSON_GetObjectItem(me, "name")->valuestring, &err), ADVISOR_OK,
		"%s", err.message);
	set_fields(b, me);
	for (const cJSON *p = people->child; p; p = p->next)
		OK(advisor_network_builder_add_person(b,
			cJSON_GetObjectItem(p, "id")->valuestring,
			cJSON_GetObjectItem(p, "name")->valuestring, &err_));
	for (const cJSON *p = people->child; p; p = p->next) {
		const char *id = cJSON_GetObjectItem(p, "id")->valuestring;
		set_fields(b, p);
		const cJSON *events = cJSON_GetObjectItem(p, "events");
		for (const cJSON *ev = events ? events->child : NULL; ev; ev = ev->next) {
			advisor_fields *f = event_fields(ev);
			OK(advisor_network_builder_add_event(b, id,
				cJSON_GetObjectItem(ev, "type")->valuestring, f, &err_));
			advisor_fields_free(f);
		}
		const cJSON *links = cJSON_GetObjectItem(p, "connections");
		for (const cJSON *l = links ? links->child : NULL; l; l = l->next)
			OK(advisor_network_builder_link(b, id, l->valuestring, &err_));
	}
	cr_assert_eq(advisor_network_builder_seal(&net, b, NULL, &err), ADVISOR_OK,
		"%s", err.message);
	advisor_network_builder_free(b);
	cJSON_Delete(root);
	free(text);
	return net;
}

static char *answer(advisor_engine *e, const advisor_network *net,
	const char *id, const char *intent)
{
	char req[512], *out = NULL;
	advisor_error err;
	snprintf(req, sizeof(req), "{\"person\": \"%s\", \"as_of\": \"" AS_OF "\"%s%s%s}",
		id, intent ? ", \"intent\": [\"" : "", intent ? intent : "",
		intent ? "\"]" : "");
	cr_assert_eq(advisor_advise_json(&out, e, net, req, strlen(req), &err),
		ADVISOR_OK, "%s: %s", id, err.message);
	return out;
}

Test(builder, the_example_built_in_code_answers_like_the_file)
{
	advisor_network *file, *built = build_example();
	advisor_engine *e;
	advisor_error err;
	const char *intents[] = { NULL, "learn", "reconnect", "job" };

	cr_assert_eq(advisor_network_load(&file,
		source_path("docs/examples/network.json"), NULL, &err), ADVISOR_OK,
		"%s", err.message);
	cr_assert_eq(advisor_engine_new(&e, NULL, &err), ADVISOR_OK, "%s", err.message);
	cr_assert_eq(advisor_network_person_count(built), advisor_network_person_count(file));
	cr_assert_gt(advisor_network_person_count(built), 20);
	for (size_t i = 0; i < advisor_network_person_count(file); i++) {
		const char *id = advisor_network_person_id(file, i);
		cr_expect_str_eq(advisor_network_person_id(built, i), id);
		cr_expect_str_eq(advisor_network_person_name(built, id),
			advisor_network_person_name(file, id));
		for (size_t k = 0; k < sizeof(intents) / sizeof(*intents); k++) {
			char *a = answer(e, file, id, intents[k]);
			char *b = answer(e, built, id, intents[k]);
			cr_expect_str_eq(b, a, "%s %s", id, intents[k] ? intents[k] : "");
			advisor_string_free(a);
			advisor_string_free(b);
		}
	}
	advisor_engine_free(e);
	advisor_network_free(file);
	advisor_network_free(built);
}

/* ------------------------------------------------------------------------
 * Errors
 * ------------------------------------------------------------------------ */

static advisor_network_builder *b;
static advisor_network *net;

static void setup(void)
{
	advisor_error err;
	cr_assert_eq(advisor_network_builder_new(&b, "crm", "me", "Alex Kim", &err),
		ADVISOR_OK, "%s", err.message);
	cr_assert_eq(advisor_network_builder_add_person(b, "priya", "Priya N", &err),
		ADVISOR_OK, "%s", err.message);
	net = NULL;
}

static void teardown(void)
{
	advisor_network_builder_free(b);
	b = NULL;
	advisor_network_free(net);
	net = NULL;
}

#define EXPECT_MSG(err, part) \
	cr_expect(strstr((err).message, (part)) != NULL, "%s", (err).message)

/* Fields of string values: name, value, ..., NULL. */
static advisor_fields *strings(const char *name, ...)
{
	advisor_fields *f;
	va_list ap;
	OK(advisor_fields_new(&f, &err_));
	va_start(ap, name);
	for (const char *n = name; n; n = va_arg(ap, const char *)) {
		const char *v = va_arg(ap, const char *);
		OK(advisor_fields_set_string(f, n, v, &err_));
	}
	va_end(ap);
	return f;
}

/* Add an event of string fields (name, value, ..., NULL); the code. */
static int add_event(const char *id, const char *type, advisor_error *err,
	...)
{
	advisor_fields *f;
	va_list ap;
	OK(advisor_fields_new(&f, &err_));
	va_start(ap, err);
	for (const char *n; (n = va_arg(ap, const char *));) {
		const char *v = va_arg(ap, const char *);
		OK(advisor_fields_set_string(f, n, v, &err_));
	}
	va_end(ap);
	int rc = advisor_network_builder_add_event(b, id, type, f, err);
	advisor_fields_free(f);
	return rc;
}

Test(builder, a_bad_value_is_found_when_sealing_and_can_be_corrected, .init = setup, .fini = teardown)
{
	advisor_error err;

	cr_assert_eq(advisor_network_builder_set_string(b, "priya", "seniority",
		"wizard", &err), ADVISOR_OK);
	cr_assert_eq(advisor_network_builder_seal(&net, b, NULL, &err), ADVISOR_EDATA);
	cr_expect_null(net);
	EXPECT_MSG(err, "crm: people[\"priya\"].seniority: \"wizard\" is not a seniority");

	/* The builder is as it was: correct the field and seal again. */
	cr_assert_eq(advisor_network_builder_set_string(b, "priya", "seniority",
		"senior", &err), ADVISOR_OK, "%s", err.message);
	cr_assert_eq(advisor_network_builder_seal(&net, b, NULL, &err), ADVISOR_OK,
		"%s", err.message);
	cr_expect_eq(advisor_network_person_count(net), 1);

	/* Sealed: spent. */
	cr_expect_eq(advisor_network_builder_add_person(b, "tom", "Tom", &err),
		ADVISOR_EINVAL);
	EXPECT_MSG(err, "sealed");
	advisor_network *again;
	cr_expect_eq(advisor_network_builder_seal(&again, b, NULL, &err), ADVISOR_EINVAL);
	cr_expect_null(again);
}

Test(builder, event_errors_name_the_person_the_event_and_the_field, .init = setup, .fini = teardown)
{
	advisor_error err;

	cr_assert_eq(add_event("priya", "met", &err, "date", "2019-05-03",
		"tone", "cordial", NULL), ADVISOR_OK, "%s", err.message);
	cr_assert_eq(add_event("priya", "met", &err, "date", "2020-02-30", NULL),
		ADVISOR_OK, "%s", err.message);
	cr_assert_eq(advisor_network_builder_seal(&net, b, NULL, &err), ADVISOR_EDATA);
	EXPECT_MSG(err, "crm: people[\"priya\"].events[1].date: \"2020-02-30\" is not a date");
}

Test(builder, an_introduction_by_nobody_fails_the_finishing_checks, .init = setup, .fini = teardown)
{
	advisor_error err;

	cr_assert_eq(add_event("priya", "introduced", &err, "date", "2024-01",
		"by", "ghost", NULL), ADVISOR_OK, "%s", err.message);
	cr_assert_eq(advisor_network_builder_seal(&net, b, NULL, &err), ADVISOR_EDATA);
	EXPECT_MSG(err, "people[\"priya\"].events[0].by: \"ghost\" names nobody");

	/* The introducer becomes a person: now it seals. */
	cr_assert_eq(advisor_network_builder_add_person(b, "ghost", "Gus Host", &err),
		ADVISOR_OK);
	cr_assert_eq(advisor_network_builder_seal(&net, b, NULL, &err), ADVISOR_OK,
		"%s", err.message);
}

Test(builder, a_link_to_me_needs_connected, .init = setup, .fini = teardown)
{
	advisor_error err;

	cr_assert_eq(advisor_network_builder_link(b, "me", "priya", &err), ADVISOR_OK);
	cr_assert_eq(advisor_network_builder_seal(&net, b, NULL, &err), ADVISOR_EDATA);
	EXPECT_MSG(err, "people[\"priya\"]");
	EXPECT_MSG(err, "connected is not true");
	cr_assert_eq(advisor_network_builder_set_bool(b, "priya", "connected", 1,
		&err), ADVISOR_OK, "%s", err.message);
	cr_assert_eq(advisor_network_builder_seal(&net, b, NULL, &err), ADVISOR_OK,
		"%s", err.message);
}

static int warnings;
static void count_warning(void *payload, const char *message)
{
	(void)payload;
	if (strstr(message, "people[\"priya\"].events[0].type") &&
	    strstr(message, "podcast"))
		warnings++;
}

Test(builder, custom_event_types_and_fields_reach_the_warning_callback, .init = setup, .fini = teardown)
{
	advisor_load_options opts = ADVISOR_LOAD_OPTIONS_INIT;
	advisor_error err;

	opts.warning = count_warning;
	warnings = 0;
	advisor_fields *f = strings("date", "2025", NULL);
	cr_assert_eq(advisor_fields_set_number(f, "episode", 12, &err), ADVISOR_OK);
	cr_assert_eq(advisor_network_builder_add_event(b, "priya", "podcast", f,
		&err), ADVISOR_OK, "%s", err.message);
	advisor_fields_free(f);
	cr_assert_eq(advisor_network_builder_set_json(b, "priya", "crm_tags",
		"[\"vip\"]", &err), ADVISOR_OK);
	cr_assert_eq(advisor_network_builder_seal(&net, b, &opts, &err), ADVISOR_OK,
		"%s", err.message);
	cr_expect_eq(warnings, 1);
}

Test(builder, calls_refuse_what_they_cannot_take, .init = setup, .fini = teardown)
{
	advisor_error err;

	cr_expect_eq(advisor_network_builder_add_person(b, "priya", "Again", &err),
		ADVISOR_EINVAL);
	EXPECT_MSG(err, "duplicate id \"priya\"");
	cr_expect_eq(advisor_network_builder_add_person(b, "me", "Me Again", &err),
		ADVISOR_EINVAL);
	EXPECT_MSG(err, "me's id");
	cr_expect_eq(advisor_network_builder_add_person(b, "", "Empty", &err),
		ADVISOR_EINVAL);
	cr_expect_eq(advisor_network_builder_add_person(b, "x", "\xff\xfe", &err),
		ADVISOR_EINVAL);
	EXPECT_MSG(err, "UTF-8");

	cr_expect_eq(advisor_network_builder_set_string(b, "tom", "title", "CTO", &err),
		ADVISOR_ENOTFOUND);
	EXPECT_MSG(err, "no person \"tom\"");
	cr_expect_eq(advisor_network_builder_set_string(b, "priya", "id", "p2", &err),
		ADVISOR_EINVAL);
	cr_expect_eq(advisor_network_builder_set_json(b, "priya", "events", "[]", &err),
		ADVISOR_EINVAL);
	EXPECT_MSG(err, "advisor_network_builder_add_event");
	cr_expect_eq(advisor_network_builder_set_json(b, "priya", "crm_tags",
		"[12,", &err), ADVISOR_EINVAL);
	EXPECT_MSG(err, "people[\"priya\"].crm_tags");
	cr_expect_gt(err.line, 0);
	/* A plain value has its typed setter. */
	cr_expect_eq(advisor_network_builder_set_json(b, "priya", "connected",
		"true", &err), ADVISOR_EINVAL);
	EXPECT_MSG(err, "advisor_network_builder_set_string, _set_number, _set_bool");
	cr_expect_eq(advisor_network_builder_set_json(b, "priya", "followers",
		"12", &err), ADVISOR_EINVAL);
	cr_expect_eq(advisor_network_builder_set_number(b, "priya", "followers",
		NAN, &err), ADVISOR_EINVAL);
	EXPECT_MSG(err, "people[\"priya\"].followers: not a finite number");
	cr_expect_eq(advisor_network_builder_set_string(b, "priya", "title",
		"CT\xc3", &err), ADVISOR_EINVAL);
	EXPECT_MSG(err, "people[\"priya\"].title: invalid UTF-8 at byte 2");
	cr_expect_eq(advisor_network_builder_set_bool(b, "nobody", "connected", 1,
		&err), ADVISOR_ENOTFOUND);
	cr_expect_eq(advisor_network_builder_set_number(b, "priya", "", 1, &err),
		ADVISOR_EINVAL);

	cr_expect_eq(advisor_network_builder_add_event(b, "me", "met", NULL, &err),
		ADVISOR_EINVAL);
	EXPECT_MSG(err, "me has no events");
	cr_expect_eq(add_event("priya", "met", &err, "type", "met", NULL),
		ADVISOR_EINVAL);
	EXPECT_MSG(err, "people[\"priya\"].events[0].type: given twice");
	cr_expect_str_eq(err.field, "type");
	cr_expect_eq(add_event("priya", "", &err, NULL), ADVISOR_EINVAL);
	cr_expect_eq(add_event("nobody", "met", &err, NULL), ADVISOR_ENOTFOUND);

	cr_expect_eq(advisor_network_builder_link(b, "priya", "priya", &err),
		ADVISOR_EINVAL);
	cr_expect_eq(advisor_network_builder_link(b, "a", "b", &err), ADVISOR_ENOTFOUND);
	EXPECT_MSG(err, "neither \"a\" nor \"b\"");
	/* A bare id on one side is fine. */
	cr_expect_eq(advisor_network_builder_link(b, "sam-bare", "priya", &err),
		ADVISOR_OK, "%s", err.message);

	/* None of the refusals left a trace: it seals as one person. */
	cr_assert_eq(advisor_network_builder_seal(&net, b, NULL, &err), ADVISOR_OK,
		"%s", err.message);
	cr_expect_eq(advisor_network_person_count(net), 1);
	cr_expect_str_eq(advisor_network_person_name(net, "priya"), "Priya N");
}

Test(builder, null_arguments_are_errors_and_frees_take_null)
{
	advisor_network_builder *nb = (void *)1;
	advisor_network *n = (void *)1;
	advisor_error err;

	cr_expect_eq(advisor_network_builder_new(&nb, "x", NULL, "Me", &err),
		ADVISOR_EINVAL);
	cr_expect_null(nb);
	cr_expect_eq(advisor_network_builder_new(NULL, "x", "me", "Me", NULL),
		ADVISOR_EINVAL);
	cr_expect_eq(advisor_network_builder_add_person(NULL, "a", "A", &err),
		ADVISOR_EINVAL);
	cr_expect_eq(advisor_network_builder_seal(&n, NULL, NULL, &err), ADVISOR_EINVAL);
	cr_expect_null(n);
	advisor_network_builder_free(NULL);
}

Test(builder, typed_values_reach_the_network_through_seal, .init = setup, .fini = teardown)
{
	advisor_error err;

	/* A string, a number, booleans; title and followers set twice. */
	OK(advisor_network_builder_set_string(b, "priya", "title", "Engineer", &err_));
	OK(advisor_network_builder_set_string(b, "priya", "title", "Staff Engineer",
		&err_));
	OK(advisor_network_builder_set_string(b, "priya", "followers", "many", &err_));
	OK(advisor_network_builder_set_number(b, "priya", "followers", 2400, &err_));
	OK(advisor_network_builder_set_bool(b, "priya", "connected", 1, &err_));
	OK(advisor_network_builder_set_bool(b, "priya", "influencer", 0, &err_));
	OK(advisor_network_builder_set_number(b, "priya", "crm_score", 0.75, &err_));
	OK(advisor_network_builder_set_json(b, "priya", "crm_tags",
		"[\"vip\", \"rust\"]", &err_));
	OK(advisor_network_builder_link(b, "priya", "me", &err_));
	advisor_fields *f = strings("date", "2019-05-03", "tone", "warm",
		"context", "PyCon", NULL);
	OK(advisor_fields_set_string(f, "tone", "cordial", &err_));
	OK(advisor_fields_set_number(f, "rating", 4, &err_));
	OK(advisor_fields_set_bool(f, "followed_up", 1, &err_));
	OK(advisor_network_builder_add_event(b, "priya", "met", f, &err_));
	/* The builder copied the fields: changing them now changes nothing. */
	OK(advisor_fields_set_string(f, "tone", "tense", &err_));
	advisor_fields_free(f);

	cr_assert_eq(advisor_network_builder_seal(&net, b, NULL, &err), ADVISOR_OK,
		"%s", err.message);
	const adv_person *p = adv_network_person(net, "priya");
	cr_assert_not_null(p);
	cr_expect_str_eq(adv_str(net, p->title), "Staff Engineer");
	cr_expect_eq(p->followers, 2400);
	cr_expect_eq(p->connected, 1);
	cr_expect_eq(p->influencer, 0);
	cr_assert_not_null(p->extra);
	cr_expect_eq(cJSON_GetObjectItem(p->extra, "crm_score")->valuedouble, 0.75);
	cr_expect_eq(cJSON_GetArraySize(cJSON_GetObjectItem(p->extra, "crm_tags")), 2);
	cr_assert_eq(p->event_count, 1);
	const adv_event *ev = &net->events[p->first_event];
	cr_expect_str_eq(adv_str(net, ev->type_name), "met");
	cr_expect_str_eq(adv_str(net, ev->context), "PyCon");
	cr_expect_eq(ev->tone, adv_enum_lookup(adv_tone_names, "cordial"));
	cr_assert_not_null(ev->extra);
	cr_expect_eq(cJSON_GetObjectItem(ev->extra, "rating")->valuedouble, 4);
	cr_expect(cJSON_IsTrue(cJSON_GetObjectItem(ev->extra, "followed_up")));
}

Test(builder, a_value_of_the_wrong_type_is_found_when_sealing, .init = setup, .fini = teardown)
{
	advisor_error err;

	OK(advisor_network_builder_set_bool(b, "priya", "title", 1, &err_));
	cr_assert_eq(advisor_network_builder_seal(&net, b, NULL, &err), ADVISOR_EDATA);
	EXPECT_MSG(err, "crm: people[\"priya\"].title");
	OK(advisor_network_builder_set_string(b, "priya", "title", "CTO", &err_));
	OK(advisor_network_builder_set_number(b, "priya", "followers", -3, &err_));
	cr_assert_eq(advisor_network_builder_seal(&net, b, NULL, &err), ADVISOR_EDATA);
	EXPECT_MSG(err, "crm: people[\"priya\"].followers");
	OK(advisor_network_builder_set_number(b, "priya", "followers", 3, &err_));
	advisor_fields *f = strings("date", "2019-05-03", NULL);
	OK(advisor_fields_set_number(f, "tone", 2, &err_));
	OK(advisor_network_builder_add_event(b, "priya", "met", f, &err_));
	advisor_fields_free(f);
	cr_assert_eq(advisor_network_builder_seal(&net, b, NULL, &err), ADVISOR_EDATA);
	EXPECT_MSG(err, "crm: people[\"priya\"].events[0].tone");
	cr_expect_str_eq(err.field, "tone");
}

Test(builder, every_call_takes_a_null_err_and_still_returns_its_code, .init = setup, .fini = teardown)
{
	advisor_network_builder *nb = (void *)1;
	cr_expect_eq(advisor_network_builder_new(&nb, "", "me", "Me", NULL),
		ADVISOR_EINVAL);
	cr_expect_null(nb);
	cr_expect_eq(advisor_network_builder_add_person(b, "priya", "Again", NULL),
		ADVISOR_EINVAL);
	cr_expect_eq(advisor_network_builder_set_string(b, "tom", "title", "x", NULL),
		ADVISOR_ENOTFOUND);
	cr_expect_eq(advisor_network_builder_set_number(b, "priya", "followers",
		INFINITY, NULL), ADVISOR_EINVAL);
	cr_expect_eq(advisor_network_builder_set_bool(b, "priya", "events", 1, NULL),
		ADVISOR_EINVAL);
	cr_expect_eq(advisor_network_builder_set_json(b, "priya", "x", "{", NULL),
		ADVISOR_EINVAL);
	cr_expect_eq(advisor_network_builder_add_event(b, "me", "met", NULL, NULL),
		ADVISOR_EINVAL);
	cr_expect_eq(advisor_network_builder_link(b, "a", "b", NULL),
		ADVISOR_ENOTFOUND);
	cr_expect_eq(advisor_network_builder_set_string(b, "priya", "seniority",
		"wizard", NULL), ADVISOR_OK);
	cr_expect_eq(advisor_network_builder_seal(&net, b, NULL, NULL), ADVISOR_EDATA);
	cr_expect_null(net);
	cr_expect_eq(advisor_network_builder_set_string(b, "priya", "seniority",
		"senior", NULL), ADVISOR_OK);
	cr_expect_eq(advisor_network_builder_seal(&net, b, NULL, NULL), ADVISOR_OK);
	cr_expect_not_null(net);
}
