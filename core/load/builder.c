/*
 * builder.c - networks built in code, for embedders whose data lives
 * in their own database.
 *
 * The builder collects an "advisor-network/1" document as a cJSON tree and
 * seals it through the same loader that reads files (adv_load_tree), so a
 * network built in code is validated exactly like one read from disk: the
 * same field checks, the same enumerations, the same finishing checks
 * (introduced.by naming nobody, links to me without connected, ...).  Calls
 * that add things check only what the tree cannot say later: a person named
 * twice, an unknown id, a value JSON cannot hold.  Messages name people
 * by id: `crm: people["priya"].events[1].tone: ...`.
 *
 * Ids are interned in a network builder of their own (network.c's hash
 * table), mapping each id to its object in the tree.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "json/fields.h"
#include "json/strict.h"
#include "load/load.h"
#include "network/network.h"
#include "util/error.h"
#include "util/utf8.h"

#define FORMAT_NAME "advisor-network/1"

struct advisor_network_builder {
	char *name;            /* in messages, like a file name */
	cJSON *root;           /* the document; NULL once sealed */
	cJSON *people;         /* root's "people" array */
	adv_builder ids;       /* id -> node */
	cJSON **objs;          /* node -> the person's object (node 0 is me) */
	size_t objs_cap;
};

/* The public calls below hand the inner ones an advisor_error of their own
 * when the caller passed NULL: the inner ones read its code back. */

static int nomem(advisor_error *err)
{
	return adv_error_set(err, ADVISOR_ENOMEM, "network builder: out of memory");
}

/* A non-empty, valid UTF-8 string argument. */
static int check_text(const char *what, const char *s, advisor_error *err)
{
	if (!s || !*s)
		return adv_error_set(err, ADVISOR_EINVAL,
			"network builder: %s is %s; expected a non-empty string", what,
			s ? "empty" : "NULL");
	size_t len = strlen(s), bad = adv_utf8_invalid_at(s, len);
	if (bad != len)
		return adv_error_set(err, ADVISOR_EINVAL,
			"network builder: %s: invalid UTF-8 at byte %zu", what, bad);
	return ADVISOR_OK;
}

static int usable(const advisor_network_builder *b, const char *fn,
	advisor_error *err)
{
	if (!b)
		return adv_error_set(err, ADVISOR_EINVAL, "%s: builder is NULL", fn);
	if (!b->root)
		return adv_error_set(err, ADVISOR_EINVAL,
			"%s: %s: the builder is sealed; start a new one", fn, b->name);
	return ADVISOR_OK;
}

/* The object of a person (or me) added before; NULL and an error if none. */
static cJSON *find(const advisor_network_builder *b, const char *fn,
	const char *id, advisor_error *err)
{
	if (check_text("person id", id, err) < 0)
		return NULL;
	uint32_t node = adv_network_find(b->ids.net, id);
	if (node == ADV_NO_NODE) {
		adv_error_set(err, ADVISOR_ENOTFOUND,
			"%s: %s: no person \"%s\"; add them first with "
			"advisor_network_builder_add_person", fn, b->name, id);
		return NULL;
	}
	return b->objs[node];
}

/* Intern a new id and remember its object. */
static int declare(advisor_network_builder *b, const char *id, cJSON *obj,
	advisor_error *err)
{
	uint32_t node = adv_builder_intern(&b->ids, id);
	if (node == ADV_NO_NODE)
		return nomem(err);
	if (node >= b->objs_cap) {
		size_t cap = b->objs_cap ? b->objs_cap * 2 : 64;
		cJSON **p = realloc(b->objs, cap * sizeof(*p));
		if (!p)
			return nomem(err);
		b->objs = p;
		b->objs_cap = cap;
	}
	b->objs[node] = obj;
	return ADVISOR_OK;
}

/* {"id": id, "name": name} */
static cJSON *person_object(const char *id, const char *name)
{
	cJSON *obj = cJSON_CreateObject();
	if (!obj || !cJSON_AddStringToObject(obj, "id", id) ||
	    !cJSON_AddStringToObject(obj, "name", name)) {
		cJSON_Delete(obj);
		return NULL;
	}
	return obj;
}

static int builder_new(advisor_network_builder **out, const char *name,
	const char *me_id, const char *me_name, advisor_error *err)
{
	advisor_network_builder *b;
	int rc;

	adv_error_clear(err);
	if (!out)
		return adv_error_set(err, ADVISOR_EINVAL,
			"advisor_network_builder_new: out is NULL");
	*out = NULL;
	if ((rc = check_text("name", name, err)) < 0 ||
	    (rc = check_text("me's id", me_id, err)) < 0 ||
	    (rc = check_text("me's name", me_name, err)) < 0)
		return rc;
	if (!(b = calloc(1, sizeof(*b))))
		return nomem(err);
	rc = ADVISOR_ENOMEM;
	if (!(b->name = strdup(name)) ||
	    (rc = adv_builder_init(&b->ids, name, err)) < 0)
		goto fail;
	rc = ADVISOR_ENOMEM;
	cJSON *me = NULL;
	if (!(b->root = cJSON_CreateObject()) ||
	    !cJSON_AddStringToObject(b->root, "format", FORMAT_NAME) ||
	    !(me = person_object(me_id, me_name)) ||
	    !cJSON_AddItemToObject(b->root, "me", me) ||
	    !(b->people = cJSON_AddArrayToObject(b->root, "people"))) {
		if (me && !cJSON_GetObjectItemCaseSensitive(b->root, "me"))
			cJSON_Delete(me);
		goto fail;
	}
	if ((rc = declare(b, me_id, me, err)) < 0)
		goto fail;
	*out = b;
	return ADVISOR_OK;
fail:
	if (rc == ADVISOR_ENOMEM)
		nomem(err);
	advisor_network_builder_free(b);
	return rc;
}

int advisor_network_builder_new(advisor_network_builder **out,
	const char *name, const char *me_id, const char *me_name,
	advisor_error *err)
{
	return builder_new(out, name, me_id, me_name, err);
}

void advisor_network_builder_free(advisor_network_builder *b)
{
	if (!b)
		return;
	cJSON_Delete(b->root);
	if (b->ids.net)
		adv_builder_discard(&b->ids);
	free(b->objs);
	free(b->name);
	free(b);
}

static int add_person(advisor_network_builder *b, const char *id,
	const char *name, advisor_error *err)
{
	static const char fn[] = "advisor_network_builder_add_person";
	int rc;

	adv_error_clear(err);
	if ((rc = usable(b, fn, err)) < 0 ||
	    (rc = check_text("person id", id, err)) < 0 ||
	    (rc = check_text("name", name, err)) < 0)
		return rc;
	uint32_t node = adv_network_find(b->ids.net, id);
	if (node == 0)
		return adv_error_set(err, ADVISOR_EINVAL,
			"%s: %s: \"%s\" is me's id; expected an id of someone else",
			fn, b->name, id);
	if (node != ADV_NO_NODE)
		return adv_error_set(err, ADVISOR_EINVAL,
			"%s: %s: duplicate id \"%s\"; expected each person once",
			fn, b->name, id);
	cJSON *obj = person_object(id, name);
	if (!obj)
		return nomem(err);
	if (!cJSON_AddItemToArray(b->people, obj)) {
		cJSON_Delete(obj);
		return nomem(err);
	}
	if ((rc = declare(b, id, obj, err)) < 0) {
		cJSON_Delete(cJSON_DetachItemViaPointer(b->people, obj));
		return rc;
	}
	return ADVISOR_OK;
}

int advisor_network_builder_add_person(advisor_network_builder *b,
	const char *id, const char *name, advisor_error *err)
{
	advisor_error mine, *use = err ? err : &mine;
	return add_person(b, id, name, use);
}

/* Set (or replace) one field of a person to a value the caller made. */
static int set_value(advisor_network_builder *b, const char *fn,
	const char *id, const char *field, cJSON *value, advisor_error *err)
{
	cJSON *obj;
	int rc;

	if ((rc = usable(b, fn, err)) < 0 ||
	    (rc = check_text("field", field, err)) < 0)
		goto fail;
	if (!(obj = find(b, fn, id, err))) {
		rc = err->code;
		goto fail;
	}
	if (!strcmp(field, "id") || !strcmp(field, "events") ||
	    !strcmp(field, "connections")) {
		rc = adv_error_set(err, ADVISOR_EINVAL,
			"%s: %s: people[\"%s\"].%s: set by %s, not as a field", fn,
			b->name, id, field,
			!strcmp(field, "id") ? "advisor_network_builder_add_person"
			: !strcmp(field, "events") ? "advisor_network_builder_add_event"
			: "advisor_network_builder_link");
		goto fail;
	}
	if (cJSON_GetObjectItemCaseSensitive(obj, field)
		? !cJSON_ReplaceItemInObjectCaseSensitive(obj, field, value)
		: !cJSON_AddItemToObject(obj, field, value)) {
		rc = nomem(err);
		goto fail;
	}
	return ADVISOR_OK;
fail:
	cJSON_Delete(value);
	return rc;
}

static int set_string(advisor_network_builder *b, const char *id,
	const char *field, const char *value, advisor_error *err)
{
	static const char fn[] = "advisor_network_builder_set_string";
	cJSON *v;
	int rc;

	adv_error_clear(err);
	if (!value)
		return adv_error_set(err, ADVISOR_EINVAL, "%s: value is NULL", fn);
	size_t len = strlen(value), bad = adv_utf8_invalid_at(value, len);
	if (bad != len)
		return adv_error_set(err, ADVISOR_EINVAL,
			"%s: people[\"%s\"].%s: invalid UTF-8 at byte %zu", fn,
			id ? id : "(null)", field ? field : "(null)", bad);
	if (!(v = cJSON_CreateString(value)))
		return nomem(err);
	rc = set_value(b, fn, id, field, v, err);
	return rc;
}

int advisor_network_builder_set_string(advisor_network_builder *b,
	const char *id, const char *field, const char *value, advisor_error *err)
{
	advisor_error mine, *use = err ? err : &mine;
	return set_string(b, id, field, value, use);
}

static int set_number(advisor_network_builder *b, const char *id,
	const char *field, double value, advisor_error *err)
{
	static const char fn[] = "advisor_network_builder_set_number";
	cJSON *v;

	adv_error_clear(err);
	if (!isfinite(value))
		return adv_error_set(err, ADVISOR_EINVAL,
			"%s: people[\"%s\"].%s: not a finite number (JSON has no NaN or "
			"infinity)", fn, id ? id : "(null)", field ? field : "(null)");
	if (!(v = cJSON_CreateNumber(value)))
		return nomem(err);
	return set_value(b, fn, id, field, v, err);
}

int advisor_network_builder_set_number(advisor_network_builder *b,
	const char *id, const char *field, double value, advisor_error *err)
{
	advisor_error mine, *use = err ? err : &mine;
	return set_number(b, id, field, value, use);
}

static int set_bool(advisor_network_builder *b, const char *id,
	const char *field, int value, advisor_error *err)
{
	static const char fn[] = "advisor_network_builder_set_bool";
	cJSON *v;

	adv_error_clear(err);
	if (!(v = cJSON_CreateBool(value != 0)))
		return nomem(err);
	return set_value(b, fn, id, field, v, err);
}

int advisor_network_builder_set_bool(advisor_network_builder *b,
	const char *id, const char *field, int value, advisor_error *err)
{
	advisor_error mine, *use = err ? err : &mine;
	return set_bool(b, id, field, value, use);
}

/* Parse caller JSON strictly; a bad value is the caller's argument. */
static int parse_value(cJSON **out, const char *json, const char *what,
	advisor_error *err)
{
	advisor_error inner;
	if (adv_json_parse(out, json, strlen(json), what, 0, &inner) < 0)
		return adv_error_wrap(err, ADVISOR_EINVAL, &inner);
	return ADVISOR_OK;
}

static int set_json(advisor_network_builder *b, const char *id,
	const char *field, const char *json, advisor_error *err)
{
	static const char fn[] = "advisor_network_builder_set_json";
	char what[256];
	cJSON *v;
	int rc;

	adv_error_clear(err);
	if (!json)
		return adv_error_set(err, ADVISOR_EINVAL, "%s: json is NULL", fn);
	snprintf(what, sizeof(what), "%s: people[\"%.80s\"].%.80s", fn,
		id ? id : "(null)", field ? field : "(null)");
	if ((rc = parse_value(&v, json, what, err)) < 0)
		return rc;
	if (!cJSON_IsArray(v) && !cJSON_IsObject(v)) {
		cJSON_Delete(v);
		return adv_error_set(err, ADVISOR_EINVAL,
			"%s: expected a JSON array or object; a string, number or "
			"boolean has its own call (advisor_network_builder_set_string, "
			"_set_number, _set_bool)", what);
	}
	return set_value(b, fn, id, field, v, err);
}

int advisor_network_builder_set_json(advisor_network_builder *b,
	const char *id, const char *field, const char *json, advisor_error *err)
{
	advisor_error mine, *use = err ? err : &mine;
	return set_json(b, id, field, json, use);
}

static int add_event(advisor_network_builder *b, const char *id,
	const char *type, const advisor_fields *fields, advisor_error *err)
{
	static const char fn[] = "advisor_network_builder_add_event";
	const cJSON *given = adv_fields_object(fields);
	cJSON *obj, *ev, *events;
	int rc;

	adv_error_clear(err);
	if ((rc = usable(b, fn, err)) < 0 ||
	    (rc = check_text("event type", type, err)) < 0)
		return rc;
	if (!(obj = find(b, fn, id, err)))
		return err->code;
	if (obj == b->objs[0])
		return adv_error_set(err, ADVISOR_EINVAL,
			"%s: %s: me has no events; events belong to the other person",
			fn, b->name);
	events = cJSON_GetObjectItemCaseSensitive(obj, "events");
	if (given && cJSON_GetObjectItemCaseSensitive(given, "type")) {
		rc = adv_error_set(err, ADVISOR_EINVAL,
			"%s: people[\"%s\"].events[%d].type: given twice; pass the type "
			"as its own argument, not among the fields", fn, id,
			events ? cJSON_GetArraySize(events) : 0);
		adv_error_locate(err, "", "type");
		return rc;
	}
	ev = given ? cJSON_Duplicate(given, 1) : cJSON_CreateObject();
	if (!ev)
		return nomem(err);
	if (!cJSON_AddStringToObject(ev, "type", type))
		goto oom;
	if (!events && !(events = cJSON_AddArrayToObject(obj, "events")))
		goto oom;
	if (!cJSON_AddItemToArray(events, ev))
		goto oom;
	return ADVISOR_OK;
oom:
	cJSON_Delete(ev);
	return nomem(err);
}

int advisor_network_builder_add_event(advisor_network_builder *b,
	const char *id, const char *type, const advisor_fields *fields,
	advisor_error *err)
{
	advisor_error mine, *use = err ? err : &mine;
	return add_event(b, id, type, fields, use);
}

static int link_people(advisor_network_builder *b, const char *x,
	const char *y, advisor_error *err)
{
	static const char fn[] = "advisor_network_builder_link";
	int rc;

	adv_error_clear(err);
	if ((rc = usable(b, fn, err)) < 0 ||
	    (rc = check_text("first id", x, err)) < 0 ||
	    (rc = check_text("second id", y, err)) < 0)
		return rc;
	if (!strcmp(x, y))
		return adv_error_set(err, ADVISOR_EINVAL,
			"%s: %s: \"%s\" linked to itself; a person cannot be their own connection",
			fn, b->name, x);
	/* The link is kept in a connections list of whichever of the two was
	 * added; the other may be a bare id that no person declares. */
	uint32_t nx = adv_network_find(b->ids.net, x);
	uint32_t ny = adv_network_find(b->ids.net, y);
	if (nx == ADV_NO_NODE && ny == ADV_NO_NODE)
		return adv_error_set(err, ADVISOR_ENOTFOUND,
			"%s: %s: neither \"%s\" nor \"%s\" is a person of this builder; "
			"add one of them first", fn, b->name, x, y);
	cJSON *obj = b->objs[nx != ADV_NO_NODE ? nx : ny];
	const char *other = nx != ADV_NO_NODE ? y : x;
	cJSON *list = cJSON_GetObjectItemCaseSensitive(obj, "connections");
	cJSON *s;
	if ((!list && !(list = cJSON_AddArrayToObject(obj, "connections"))) ||
	    !(s = cJSON_CreateString(other)))
		return nomem(err);
	if (!cJSON_AddItemToArray(list, s)) {
		cJSON_Delete(s);
		return nomem(err);
	}
	return ADVISOR_OK;
}

int advisor_network_builder_link(advisor_network_builder *b, const char *x,
	const char *y, advisor_error *err)
{
	advisor_error mine, *use = err ? err : &mine;
	return link_people(b, x, y, use);
}

static int seal(advisor_network **out, advisor_network_builder *b,
	const advisor_load_options *opts, advisor_error *err)
{
	static const char fn[] = "advisor_network_builder_seal";
	int rc;

	adv_error_clear(err);
	if (!out)
		return adv_error_set(err, ADVISOR_EINVAL, "%s: out is NULL", fn);
	*out = NULL;
	if ((rc = usable(b, fn, err)) < 0)
		return rc;
	if (opts && (rc = adv_check_version(err, "advisor_load_options",
			opts->version, ADVISOR_LOAD_OPTIONS_VERSION)) < 0)
		return rc;
	if ((rc = adv_load_tree(out, b->root, b->name, opts, 1, err)) < 0)
		return rc;
	/* Sealed: the tree and the id table have served. */
	cJSON_Delete(b->root);
	b->root = b->people = NULL;
	adv_builder_discard(&b->ids);
	b->ids.net = NULL;
	free(b->objs);
	b->objs = NULL;
	b->objs_cap = 0;
	return ADVISOR_OK;
}

int advisor_network_builder_seal(advisor_network **out,
	advisor_network_builder *b, const advisor_load_options *opts,
	advisor_error *err)
{
	advisor_error mine, *use = err ? err : &mine;
	return seal(out, b, opts, use);
}
