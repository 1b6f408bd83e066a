/*
 * json.c - reading and validating an "advisor-network/1" document and
 * its people (the NDJSON reader shares the person reader).
 *
 * Validation is complete before the network is handed over: the first
 * problem stops the load with a message naming the file, the JSON path and
 * what was expected, and nothing is returned in part.
 */
#include <errno.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json/strict.h"
#include "load/load.h"
#include "network/network.h"
#include "util/error.h"

#define FORMAT_NAME "advisor-network/1"

/* Everything a field reader needs to report a problem. */
typedef struct loader {
	adv_builder *b;
	const char *src;
	advisor_error *err;
	const advisor_load_options *opts;
} loader;

static int fail(loader *l, const char *path, const char *key,
	const char *fmt, ...) ADV_PRINTF(4, 5);

static int fail(loader *l, const char *path, const char *key,
	const char *fmt, ...)
{
	char what[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (key)
		adv_error_set(l->err, ADVISOR_EDATA, "%s: %s%s%s: %s",
			l->src, path, *path ? "." : "", key, what);
	else
		adv_error_set(l->err, ADVISOR_EDATA, "%s: %s: %s", l->src,
			*path ? path : "(top)", what);
	adv_error_locate(l->err, path, key);
	return ADVISOR_EDATA;
}

static void warn(loader *l, const char *fmt, ...) ADV_PRINTF(2, 3);

/* Did the network declare this event type its own (custom_event_types)?
 * A few names at most: a scan is enough. */
static int custom_type(const adv_builder *b, const char *name)
{
	for (size_t i = 0; i < b->custom_type_count; i++)
		if (strcmp(b->custom_types[i], name) == 0)
			return 1;
	return 0;
}

static void warn(loader *l, const char *fmt, ...)
{
	char msg[768];
	va_list ap;

	if (!l->opts || !l->opts->warning)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	l->opts->warning(l->opts->warning_payload, msg);
}

/* A member of an object: cJSON_GetObjectItemCaseSensitive, with first
 * letters compared before whole keys (a load asks for some twenty fields of
 * every person, most of them absent). */
static const cJSON *field(const cJSON *obj, const char *key)
{
	for (const cJSON *c = obj->child; c; c = c->next)
		if (c->string[0] == key[0] && strcmp(c->string, key) == 0)
			return c;
	return NULL;
}

static const char *type_of(const cJSON *v)
{
	if (cJSON_IsRaw(v)) return adv_json_raw_kind(v);
	if (cJSON_IsString(v)) return "a string";
	if (cJSON_IsNumber(v)) return "a number";
	if (cJSON_IsBool(v)) return "a boolean";
	if (cJSON_IsNull(v)) return "null";
	if (cJSON_IsArray(v)) return "an array";
	if (cJSON_IsObject(v)) return "an object";
	return "something else";
}

/* ------------------------------------------------------------------------
 * Which values the parse keeps as their text: every array or object where
 * a person's, me's or an event's field is, but the lists the loader reads
 * (connections, aliases, events), and at the top level all but me, people
 * and custom_event_types.  Fields the format defines are strings, numbers
 * and booleans: one there that is an array or an object is refused as it
 * was; an unknown field is kept as its text, which is all it costs.
 * ------------------------------------------------------------------------ */

/* Keys with their lengths, so that most compare by length alone: the
 * rule is asked about every member of every person. */
typedef struct named {
	const char *s;
	size_t len;
} named;
#define NAMED(s) { s, sizeof(s) - 1 }

static int key_is(const adv_json_key *k, const named *n)
{
	return k->s && k->len == n->len && k->s[0] == n->s[0] &&
		memcmp(k->s, n->s, n->len) == 0;
}

static int key_in(const adv_json_key *k, const named *list)
{
	for (; list->s; list++)
		if (key_is(k, list))
			return 1;
	return 0;
}

static const named me_key = NAMED("me"), people_key = NAMED("people"),
	types_key = NAMED("custom_event_types"), events_key = NAMED("events");

/* Fields the format does not define that the library's own C code reads
 * from a record's extra with cJSON (find and inline: profile_url; plan:
 * added, recorded, with_note, invited_on; pending and outcomes: status,
 * last_seen): they stay members of the extra's tree.  A new such reader
 * adds its field here. */
static const named read_in_c[] = { NAMED("profile_url"), NAMED("added"),
	NAMED("status"), NAMED("recorded"), NAMED("with_note"),
	NAMED("invited_on"), NAMED("last_seen"), { NULL, 0 } };

int adv_load_extra_in_tree(const adv_json_key *k)
{
	return key_in(k, read_in_c);
}

/* Tests unrolled, each a length and a compare of constant size the
 * compiler makes a load or two: the rule runs for every member. */
#define IS(k, lit) ((k)->len == sizeof(lit) - 1 && \
	memcmp((k)->s, lit, sizeof(lit) - 1) == 0)
#define IS_MEMBER(kind, member, names) IS(k, #member) ||

static int is_read_in_c(const adv_json_key *k)
{
	return IS(k, "profile_url") || IS(k, "added") || IS(k, "status") ||
		IS(k, "recorded") || IS(k, "with_note") || IS(k, "invited_on") ||
		IS(k, "last_seen");
}

/* A member of me or a person: the lists stay trees, other fields the
 * format defines too (one holding an array or an object as text: refused
 * as a wrong type), and unknown fields go to the rest, but those read in
 * C.  A person's keys are adv_person_keys, from the schema. */
static int person_member(const adv_json_key *k)
{
	if (!k->s)
		return 0;
	if (IS(k, "connections") || IS(k, "aliases") || IS(k, "events"))
		return 0;
	return IS(k, "id") || ADV_PERSON_SCHEMA(IS_MEMBER) is_read_in_c(k)
		? ADV_JSON_KEEP_TEXT : ADV_JSON_KEEP_REST;
}

/* Every key an event type defines (event_fields below, all types), and
 * the outcome's last_seen, which the loader checks, stay in the tree:
 * tests/unit/load/test_json.c checks each key of every type. */
static int event_member(const adv_json_key *k)
{
	if (!k->s)
		return 0;
	return IS(k, "type") || IS(k, "date") || IS(k, "context") ||
		IS(k, "tone") || IS(k, "org") || IS(k, "relation") ||
		IS(k, "from") || IS(k, "to") || IS(k, "ending") ||
		IS(k, "reason") || IS(k, "by") || IS(k, "note") || IS(k, "role") ||
		IS(k, "status") || IS(k, "direction") || IS(k, "message") ||
		IS(k, "skill") || IS(k, "last_seen") || is_read_in_c(k)
		? ADV_JSON_KEEP_TEXT : ADV_JSON_KEEP_REST;
}
#undef IS_MEMBER
#undef IS

static int keep_in_document(const void *ctx, int depth,
	const adv_json_key *p)
{
	(void)ctx;
	switch (depth) {
	case 1:   /* the top level: an unknown field is ignored */
		return key_is(&p[0], &me_key) || key_is(&p[0], &people_key) ||
			key_is(&p[0], &types_key) ? 0 : ADV_JSON_KEEP_TEXT;
	case 2:   /* me */
		return key_is(&p[0], &me_key) ? person_member(&p[1]) : 0;
	case 3:   /* people[i] */
		return key_is(&p[0], &people_key) && !p[1].s
			? person_member(&p[2]) : 0;
	case 5:   /* people[i].events[j] */
		return key_is(&p[0], &people_key) && !p[1].s &&
			key_is(&p[2], &events_key) && !p[3].s
			? event_member(&p[4]) : 0;
	}
	return 0;
}

static int keep_in_line(const void *ctx, int depth, const adv_json_key *p)
{
	(void)ctx;
	if (depth == 1)   /* the person */
		return person_member(&p[0]);
	/* events[j] */
	return depth == 3 && key_is(&p[0], &events_key) && !p[1].s
		? event_member(&p[2]) : 0;
}

const adv_json_raw adv_load_raw_document = { keep_in_document, NULL };
const adv_json_raw adv_load_raw_line = { keep_in_line, NULL };

/* ------------------------------------------------------------------------
 * Field readers: v is the member named key, or NULL when it is absent.
 * Each returns 0 (absent or read), or an error.
 * ------------------------------------------------------------------------ */

static int read_string(loader *l, const cJSON *v, const char *path,
	const char *key, int required, const char **out)
{
	*out = NULL;
	if (!v) {
		if (required)
			return fail(l, path, key, "missing; expected a string");
		return 0;
	}
	if (!cJSON_IsString(v))
		return fail(l, path, key, "expected a string, got %s", type_of(v));
	if (required && !*v->valuestring)
		return fail(l, path, key, "empty; expected a non-empty string");
	*out = adv_arena_strdup(&l->b->net->arena, v->valuestring);
	if (!*out)
		return adv_error_set(l->err, ADVISOR_ENOMEM, "%s: out of memory", l->src);
	return 0;
}

/* The same into a field of the network being built. */
static int read_text(loader *l, const cJSON *v, const char *path,
	const char *key, int required, adv_sref *out)
{
	const char *s;
	int rc = read_string(l, v, path, key, required, &s);
	*out = adv_sref_of(s);
	return rc;
}

static void join_names(char *buf, size_t len, const char *const *names)
{
	size_t at = 0;
	buf[0] = '\0';
	for (int i = 1; names[i] && at < len; i++) {
		int n = snprintf(buf + at, len - at, "%s%s", i > 1 ? ", " : "",
			names[i]);
		if (n < 0)
			break;
		at += (size_t)n;
	}
}

static int read_enum(loader *l, const cJSON *v, const char *path,
	const char *key, const char *what, const char *const *names,
	int required, uint8_t *out)
{
	char list[256];
	int i;

	*out = 0;
	if (!v && !required)
		return 0;
	if (v && cJSON_IsString(v) && (i = adv_enum_lookup(names, v->valuestring))) {
		*out = (uint8_t)i;
		return 0;
	}
	/* Something to report: only now spell out the valid values. */
	join_names(list, sizeof(list), names);
	if (!v)
		return fail(l, path, key, "missing; expected one of %s", list);
	if (!cJSON_IsString(v))
		return fail(l, path, key, "expected one of %s, got %s", list,
			type_of(v));
	return fail(l, path, key, "\"%s\" is not %s %s; expected one of %s",
		v->valuestring, strchr("aeiou", what[0]) ? "an" : "a", what, list);
}

static int read_date(loader *l, const cJSON *v, const char *path,
	const char *key, int required, adv_date *out)
{

	memset(out, 0, sizeof(*out));
	if (!v) {
		if (required)
			return fail(l, path, key,
				"missing; expected a date (YYYY-MM-DD, YYYY-MM or YYYY)");
		return 0;
	}
	if (!cJSON_IsString(v))
		return fail(l, path, key,
			"expected a date string (YYYY-MM-DD, YYYY-MM or YYYY), got %s",
			type_of(v));
	if (adv_date_parse(out, v->valuestring) < 0)
		return fail(l, path, key,
			"\"%s\" is not a date; expected YYYY-MM-DD, YYYY-MM or YYYY",
			v->valuestring);
	return 0;
}

static int read_bool(loader *l, const cJSON *v, const char *path,
	const char *key, int8_t *out)
{

	if (!v)
		return 0;
	if (!cJSON_IsBool(v))
		return fail(l, path, key, "expected true or false, got %s",
			type_of(v));
	*out = cJSON_IsTrue(v) ? 1 : 0;
	return 0;
}

/*
 * A count: an integer from 0 to 2^53 - 1.  Past that a double no longer
 * holds every integer, and the text was rounded as it was read (2^53 + 1
 * reads as 2^53): refusing 2^53 itself refuses every number that may have
 * been rounded, rather than keep a count the file did not say.
 */
static int read_count(loader *l, const cJSON *v, const char *path,
	const char *key, int64_t *out)
{
	const double max = 9007199254740991.0;

	if (!v)
		return 0;
	if (!cJSON_IsNumber(v))
		return fail(l, path, key, "expected an integer >= 0, got %s",
			type_of(v));
	double d = v->valuedouble;
	if (d != floor(d))
		return fail(l, path, key, "%g is not a whole number; expected an integer >= 0", d);
	if (d < 0 || d > max)
		return fail(l, path, key,
			"%.0f is out of range; expected an integer from 0 to "
			"9007199254740991 (2^53 - 1, the largest a count holds exactly)", d);
	*out = (int64_t)d;
	return 0;
}

/* Fields the contract does not define are kept for custom policies: as
 * an object of copies of those in the tree (those C reads, and one another
 * event type defines), and in the object's valuestring the rest, the
 * unknown fields the parse moved out, as their text "{...}" (which cJSON
 * leaves alone and frees with the object). */
static int keep_rest(loader *l, const char *rest, cJSON **out)
{
	if ((!*out && !(*out = cJSON_CreateObject())) ||
	    !((*out)->valuestring = strdup(rest)))
		return adv_error_set(l->err, ADVISOR_ENOMEM, "%s: out of memory", l->src);
	return 0;
}

static int keep_extras(loader *l, const cJSON *obj, const char *const *known,
	cJSON **out)
{
	*out = NULL;
	for (const cJSON *c = obj->child; c; c = c->next) {
		int is_known = 0;
		for (int i = 0; known[i] && !is_known; i++)
			is_known = known[i][0] == c->string[0] &&
				strcmp(known[i], c->string) == 0;
		if (is_known)
			continue;
		if (!*out && !(*out = cJSON_CreateObject()))
			goto nomem;
		cJSON *copy = cJSON_Duplicate(c, 1);
		if (!copy || !cJSON_AddItemToObject(*out, c->string, copy)) {
			cJSON_Delete(copy);
			goto nomem;
		}
	}
	if (adv_json_rest(obj))
		return keep_rest(l, adv_json_rest(obj), out);
	return 0;
nomem:
	return adv_error_set(l->err, ADVISOR_ENOMEM, "%s: out of memory", l->src);
}

/* ------------------------------------------------------------------------
 * Events
 * ------------------------------------------------------------------------ */

/* Fields each event type defines; anything else is kept as an extra. */
static const char *const event_fields[ADV_EV__COUNT][10] = {
	[ADV_EV_OTHER] = { "type", "date", NULL },
	[ADV_EV_MET] = { "type", "date", "context", "tone", NULL },
	[ADV_EV_WORKED_TOGETHER] = { "type", "date", "org", "relation", "from",
		"to", "ending", "reason", NULL },
	[ADV_EV_PERSONAL] = { "type", "date", "relation", "ending", NULL },
	[ADV_EV_INTRODUCED] = { "type", "date", "by", "note", NULL },
	[ADV_EV_INTERVIEW] = { "type", "date", "role", "status", NULL },
	[ADV_EV_MESSAGE] = { "type", "date", "direction", NULL },
	[ADV_EV_INVITATION] = { "type", "date", "direction", "message", NULL },
	[ADV_EV_RECOMMENDATION] = { "type", "date", "direction", "message", NULL },
	[ADV_EV_ENDORSEMENT] = { "type", "date", "direction", "skill", NULL },
};

/*
 * An invitation's outcome, set by a re-import on one the newer export no
 * longer lists: "status" "accepted" or "ended", and for an ended one
 * "last_seen", a date; or "withdrawn", on the invitation `advisor withdrew`
 * records, dated the day you withdrew yours.  They are kept as fields the type does not define
 * (for policies, as event.status and event.last_seen), but checked here,
 * since pending invitations are told from them.
 */
static int read_outcome(loader *l, const cJSON *obj, const char *path)
{
	const cJSON *status = field(obj, "status"), *seen = field(obj, "last_seen");
	adv_date d;
	int rc;

	if (status && (!cJSON_IsString(status) ||
		       (strcmp(status->valuestring, "accepted") != 0 &&
			strcmp(status->valuestring, "ended") != 0 &&
			strcmp(status->valuestring, "withdrawn") != 0)))
		return fail(l, path, "status", "%s%s%s is not an invitation's "
			"status; expected \"accepted\", \"ended\" or \"withdrawn\"",
			cJSON_IsString(status) ? "\"" : "",
			cJSON_IsString(status) ? status->valuestring : type_of(status),
			cJSON_IsString(status) ? "\"" : "");
	if ((rc = read_date(l, seen, path, "last_seen", 0, &d)) < 0)
		return rc;
	return 0;
}

static int read_event(loader *l, const cJSON *obj, const char *path,
	size_t person, size_t index)
{
	const cJSON *type;
	adv_event *e;
	int rc;

	if (!cJSON_IsObject(obj))
		return fail(l, path, NULL, "expected an event object, got %s",
			type_of(obj));
	type = field(obj, "type");
	if (!type)
		return fail(l, path, "type", "missing; expected an event type");
	if (!cJSON_IsString(type))
		return fail(l, path, "type", "expected a string, got %s",
			type_of(type));
	if (!(e = adv_builder_new_event(l->b)))
		goto nomem;
	e->type = (uint8_t)adv_enum_lookup(adv_event_type_names, type->valuestring);
	const char *type_name = adv_arena_strdup(&l->b->net->arena, type->valuestring);
	if (!(e->type_name = adv_sref_of(type_name)).at)
		goto nomem;
	if (e->type == ADV_EV_OTHER && !custom_type(l->b, type->valuestring))
		warn(l, "%s: %s.type: unknown event type \"%s\", kept for custom "
			"policies (list it in custom_event_types if it is yours)",
			l->src, path, type->valuestring);

	/* `date` is required on every event but worked_together. */
	if ((rc = read_date(l, field(obj, "date"), path, "date",
			    e->type != ADV_EV_WORKED_TOGETHER, &e->date)) < 0)
		return rc;

	switch (e->type) {
	case ADV_EV_MET:
		if ((rc = read_text(l, field(obj, "context"), path, "context", 0, &e->context)) < 0 ||
		    (rc = read_enum(l, field(obj, "tone"), path, "tone", "tone", adv_tone_names, 0,
				    &e->tone)) < 0)
			return rc;
		break;
	case ADV_EV_WORKED_TOGETHER:
		if ((rc = read_text(l, field(obj, "org"), path, "org", 0, &e->org)) < 0 ||
		    (rc = read_enum(l, field(obj, "relation"), path, "relation", "work relation",
				    adv_work_relation_names, 0, &e->relation)) < 0 ||
		    (rc = read_date(l, field(obj, "from"), path, "from", 1, &e->from)) < 0 ||
		    (rc = read_date(l, field(obj, "to"), path, "to", 0, &e->to)) < 0 ||
		    (rc = read_enum(l, field(obj, "ending"), path, "ending", "ending",
				    adv_ending_names, 0, &e->ending)) < 0 ||
		    (rc = read_text(l, field(obj, "reason"), path, "reason", 0, &e->reason)) < 0)
			return rc;
		/* Partial dates name periods: "to": "2018" may end a "from":
		 * "2018-06", so compare with the end of to's period. */
		if (e->to.precision && adv_date_end(e->to) < e->from.day)
			return fail(l, path, "to",
				"ends before it starts; expected a date on or after \"from\"");
		break;
	case ADV_EV_PERSONAL:
		if ((rc = read_enum(l, field(obj, "relation"), path, "relation", "personal relation",
				    adv_personal_relation_names, 1, &e->relation)) < 0 ||
		    (rc = read_enum(l, field(obj, "ending"), path, "ending", "ending",
				    adv_ending_names, 0, &e->ending)) < 0)
			return rc;
		break;
	case ADV_EV_INTRODUCED: {
		const char *by;
		if ((rc = read_string(l, field(obj, "by"), path, "by", 1, &by)) < 0 ||
		    (rc = read_text(l, field(obj, "note"), path, "note", 0, &e->note)) < 0)
			return rc;
		if ((e->by = adv_builder_intern(l->b, by)) == ADV_NO_NODE ||
		    adv_builder_ref(l->b, e->by, person, index) < 0)
			goto nomem;
		break;
	}
	case ADV_EV_INTERVIEW:
		if ((rc = read_enum(l, field(obj, "role"), path, "role", "role", adv_role_names, 0,
				    &e->role)) < 0 ||
		    (rc = read_enum(l, field(obj, "status"), path, "status", "status",
				    adv_status_names, 1, &e->status)) < 0)
			return rc;
		break;
	case ADV_EV_MESSAGE:
	case ADV_EV_INVITATION:
	case ADV_EV_RECOMMENDATION:
	case ADV_EV_ENDORSEMENT:
		if ((rc = read_enum(l, field(obj, "direction"), path, "direction", "direction",
				    adv_direction_names, 0, &e->direction)) < 0)
			return rc;
		if ((e->type == ADV_EV_INVITATION || e->type == ADV_EV_RECOMMENDATION) &&
		    (rc = read_text(l, field(obj, "message"), path, "message", 0, &e->message)) < 0)
			return rc;
		if (e->type == ADV_EV_INVITATION &&
		    (rc = read_outcome(l, obj, path)) < 0)
			return rc;
		if (e->type == ADV_EV_ENDORSEMENT &&
		    (rc = read_text(l, field(obj, "skill"), path, "skill", 0, &e->skill)) < 0)
			return rc;
		break;
	}
	return keep_extras(l, obj, event_fields[e->type], &e->extra);
nomem:
	return adv_error_set(l->err, ADVISOR_ENOMEM, "%s: out of memory", l->src);
}

/* ------------------------------------------------------------------------
 * People
 * ------------------------------------------------------------------------ */

/* A flag: false when absent. */
static int read_flag(loader *l, const cJSON *v, const char *path,
	const char *key, uint8_t *out)
{
	int8_t b = 0;
	int rc = read_bool(l, v, path, key, &b);
	*out = b == 1;
	return rc;
}

/* Reading a field of each schema kind (network/schema.h). */
#define READ_REQSTR(l, v, path, key, names, out) read_text(l, v, path, key, 1, out)
#define READ_STR(l, v, path, key, names, out) read_text(l, v, path, key, 0, out)
#define READ_ENUM(l, v, path, key, names, out) \
	read_enum(l, v, path, key, key, names, 0, out)
#define READ_TRIBOOL(l, v, path, key, names, out) read_bool(l, v, path, key, out)
#define READ_BOOL(l, v, path, key, names, out) read_flag(l, v, path, key, out)
#define READ_COUNT(l, v, path, key, names, out) read_count(l, v, path, key, out)
#define READ_DATE(l, v, path, key, names, out) read_date(l, v, path, key, 0, out)

static int read_person_fields(loader *l, const cJSON *obj, const char *path,
	adv_person *p)
{
	const cJSON *f[ADV_PK__COUNT] = { NULL };
	int extras = 0, rc;

	/* Each member once, rather than a search of them all per field. */
	for (const cJSON *c = obj->child; c; c = c->next) {
		int k = adv_key_find(&l->b->person_keys, adv_person_keys, c->string);
		if (k < 0)
			extras = 1;
		else if (!f[k])
			f[k] = c;
	}
#define READ(kind, member, names) \
	(rc = READ_##kind(l, f[ADV_PK_##member], path, #member, names, \
		&p->member)) < 0 ||
	if (ADV_PERSON_SCHEMA(READ) 0)
		return rc;
#undef READ
	if (!extras && !adv_json_rest(obj)) {
		p->extra = NULL;
		return 0;
	}
	return keep_extras(l, obj, adv_person_keys, &p->extra);
}

/* "path.field[i]" (or "field[i]" at the top of an NDJSON line), without
 * printf: it runs for every event of a large network. */
static const char *item_path(char *buf, size_t size, const char *path,
	const char *field, size_t i)
{
	char digits[24];
	size_t n = 0, at = 0, plen = strlen(path), flen = strlen(field);

	do {
		digits[n++] = (char)('0' + i % 10);
		i /= 10;
	} while (i);
	if (plen + flen + n + 4 > size)
		plen = 0; /* cannot happen with our paths; stay in bounds anyway */
	memcpy(buf, path, plen);
	at = plen;
	if (plen)
		buf[at++] = '.';
	memcpy(buf + at, field, flen);
	at += flen;
	buf[at++] = '[';
	while (n)
		buf[at++] = digits[--n];
	buf[at++] = ']';
	buf[at] = '\0';
	return buf;
}

/* The connections lifted from the text: plain, non-empty strings, in the
 * order of the array, interned in the same order as from a tree (a batch
 * at a time, for the table's cache misses to overlap). */
static int read_lifted_connections(loader *l, const adv_json_lift *lifted,
	const char *path, uint32_t self)
{
	enum { CHUNK = 64 };
	const char *ids[CHUNK];
	uint32_t lens[CHUNK], nodes[CHUNK];
	char at[320];

	for (size_t from = 0; from < lifted->count; from += CHUNK) {
		size_t n = lifted->count - from < CHUNK ? lifted->count - from : CHUNK;
		for (size_t i = 0; i < n; i++) {
			ids[i] = lifted->text + lifted->items[from + i].at;
			lens[i] = lifted->items[from + i].len;
		}
		if (adv_builder_intern_all(l->b, n, ids, lens, nodes) < 0)
			return adv_error_set(l->err, ADVISOR_ENOMEM, "%s: out of memory",
				l->src);
		for (size_t i = 0; i < n; i++) {
			if (nodes[i] == self)
				return fail(l, item_path(at, sizeof(at), path, "connections",
						from + i), NULL,
					"\"%s\" lists itself; a person cannot be their own connection",
					ids[i]);
			if (adv_builder_link(l->b, self, nodes[i]) < 0)
				return adv_error_set(l->err, ADVISOR_ENOMEM,
					"%s: out of memory", l->src);
		}
	}
	return 0;
}

static int read_connections(loader *l, const cJSON *obj, const char *path,
	uint32_t self, const adv_json_lift *lifted)
{
	const cJSON *list = field(obj, "connections");
	char at[320];
	int i = 0;

	if (lifted && lifted->lifted)
		return read_lifted_connections(l, lifted, path, self);
	if (!list)
		return 0;
	if (!cJSON_IsArray(list))
		return fail(l, path, "connections",
			"expected an array of person ids, got %s", type_of(list));
	for (const cJSON *c = list->child; c; c = c->next, i++) {
		if (!cJSON_IsString(c) || !*c->valuestring)
			return fail(l, item_path(at, sizeof(at), path, "connections", (size_t)i),
				NULL, "expected a person id, got %s",
				cJSON_IsString(c) ? "an empty string" : type_of(c));
		uint32_t other = adv_builder_intern(l->b, c->valuestring);
		if (other == ADV_NO_NODE)
			goto nomem;
		if (other == self)
			return fail(l, item_path(at, sizeof(at), path, "connections", (size_t)i),
				NULL,
				"\"%s\" lists itself; a person cannot be their own connection",
				c->valuestring);
		if (adv_builder_link(l->b, self, other) < 0)
			goto nomem;
	}
	return 0;
nomem:
	return adv_error_set(l->err, ADVISOR_ENOMEM, "%s: out of memory", l->src);
}

/* The person's other ids (an import's id for someone you added); the
 * builder checks them against every id once all are known. */
static int read_aliases(loader *l, const cJSON *obj, const char *path,
	size_t person, uint32_t self)
{
	const cJSON *list = field(obj, "aliases");
	char at[320];
	size_t i = 0;

	if (!list)
		return 0;
	if (!cJSON_IsArray(list))
		return fail(l, path, "aliases",
			"expected an array of the person's other ids, got %s",
			type_of(list));
	for (const cJSON *c = list->child; c; c = c->next, i++) {
		if (!cJSON_IsString(c) || !*c->valuestring)
			return fail(l, item_path(at, sizeof(at), path, "aliases", i),
				NULL, "expected an id, got %s",
				cJSON_IsString(c) ? "an empty string" : type_of(c));
		if (adv_builder_alias(l->b, self, person, c->valuestring) < 0)
			return adv_error_set(l->err, ADVISOR_ENOMEM,
				"%s: out of memory", l->src);
	}
	return 0;
}

static int read_events(loader *l, const cJSON *obj, const char *path,
	size_t person, adv_person *p)
{
	const cJSON *list = field(obj, "events");
	char at[320];
	size_t i = 0;
	int rc;

	p->first_event = (uint32_t)l->b->net->event_count;
	if (!list)
		return 0;
	if (!cJSON_IsArray(list))
		return fail(l, path, "events", "expected an array of events, got %s",
			type_of(list));
	for (const cJSON *c = list->child; c; c = c->next, i++) {
		item_path(at, sizeof(at), path, "events", i);
		if ((rc = read_event(l, c, at, person, i)) < 0)
			return rc;
	}
	p->event_count = (uint32_t)(l->b->net->event_count - p->first_event);
	return 0;
}

/* Reads one person object; people[] and NDJSON lines share this. */
int adv_load_person(adv_builder *b, const cJSON *obj, const char *path,
	size_t index, const char *src, const advisor_load_options *opts,
	const adv_json_lift *connections, advisor_error *err)
{
	loader l = { b, src, err, opts };
	const char *id;
	int rc;

	if (!cJSON_IsObject(obj))
		return fail(&l, path, NULL, "expected a person object, got %s",
			type_of(obj));
	if ((rc = read_string(&l, field(obj, "id"), path, "id", 1, &id)) < 0)
		return rc;
	uint32_t node = adv_builder_intern(b, id);
	if (node == ADV_NO_NODE)
		return adv_error_set(err, ADVISOR_ENOMEM, "%s: out of memory", src);
	if (node == b->net->me.node)
		return fail(&l, path, "id",
			"\"%s\" is me's id; expected an id of someone else", id);
	if (adv_builder_declare(b, node) < 0)
		return fail(&l, path, "id",
			"duplicate id \"%s\"; expected each person once", id);

	adv_person *p = adv_builder_new_person(b);
	if (!p)
		return adv_error_set(err, ADVISOR_ENOMEM, "%s: out of memory", src);
	p->id = b->net->node_ids[node];
	p->node = node;
	b->net->node_person[node] = (int32_t)(b->net->people_count - 1);
	if ((rc = read_person_fields(&l, obj, path, p)) < 0 ||
	    (rc = read_connections(&l, obj, path, node, connections)) < 0 ||
	    (rc = read_aliases(&l, obj, path, index, node)) < 0)
		return rc;
	/* Re-fetch: reading events never moves people, but be explicit. */
	p = &b->net->people[b->net->people_count - 1];
	return read_events(&l, obj, path, index, p);
}

int adv_load_custom_types(adv_builder *b, const cJSON *root, const char *src,
	advisor_error *err)
{
	loader l = { b, src, err, NULL };
	const cJSON *list = field(root, "custom_event_types");
	char path[64];
	size_t n = 0, i = 0;

	if (!list)
		return 0;
	if (!cJSON_IsArray(list))
		return fail(&l, "", "custom_event_types",
			"expected an array of event type names, got %s", type_of(list));
	for (const cJSON *c = list->child; c; c = c->next)
		n++;
	if (n && !(b->custom_types = adv_arena_alloc(&b->net->arena,
			n * sizeof(*b->custom_types))))
		return adv_error_set(err, ADVISOR_ENOMEM, "%s: out of memory", src);
	for (const cJSON *c = list->child; c; c = c->next, i++) {
		snprintf(path, sizeof(path), "custom_event_types[%zu]", i);
		if (!cJSON_IsString(c) || !*c->valuestring)
			return fail(&l, path, NULL,
				"expected the name of an event type of your own, got %s",
				cJSON_IsString(c) ? "an empty string" : type_of(c));
		if (adv_enum_lookup(adv_event_type_names, c->valuestring) != ADV_EV_OTHER)
			return fail(&l, path, NULL,
				"\"%s\" is a type advisor defines; list only types of "
				"your own", c->valuestring);
		if (!(b->custom_types[i] = adv_arena_strdup(&b->net->arena,
				c->valuestring)))
			return adv_error_set(err, ADVISOR_ENOMEM, "%s: out of memory", src);
	}
	b->custom_type_count = n;
	return 0;
}

int adv_load_imported(const cJSON *root, const char *src, advisor_error *err)
{
	const cJSON *v = field(root, "imported");
	adv_date d;

	if (!v)
		return 0;
	if (!cJSON_IsString(v) || adv_date_parse(&d, v->valuestring) < 0 ||
	    d.precision != ADV_DATE_DAY)
		return adv_error_set(err, ADVISOR_EDATA, "%s: imported: expected "
			"the date of the import, YYYY-MM-DD", src);
	return 0;
}

/* Reads "me"; the first thing interned, so me is node 0. */
int adv_load_me(adv_builder *b, const cJSON *obj, const char *path,
	const char *src, const advisor_load_options *opts, advisor_error *err)
{
	loader l = { b, src, err, opts };
	const char *id;
	adv_person *me = &b->net->me;
	int rc;

	if (!obj)
		return fail(&l, "", "me", "missing; expected an object with id and name");
	if (!cJSON_IsObject(obj))
		return fail(&l, path, NULL, "expected an object, got %s", type_of(obj));
	if ((rc = read_string(&l, field(obj, "id"), path, "id", 1, &id)) < 0)
		return rc;
	if ((me->node = adv_builder_intern(b, id)) == ADV_NO_NODE)
		return adv_error_set(err, ADVISOR_ENOMEM, "%s: out of memory", src);
	me->id = b->net->node_ids[me->node];
	b->net->node_person[me->node] = ADV_NODE_ME;
	adv_builder_declare(b, me->node);
	if ((rc = read_person_fields(&l, obj, path, me)) < 0 ||
	    (rc = read_connections(&l, obj, path, me->node, NULL)) < 0)
		return rc;
	if (field(obj, "events"))
		return fail(&l, path, "events",
			"me has no events; events belong to the other person");
	if (field(obj, "aliases"))
		return fail(&l, path, "aliases",
			"me has no aliases; me's id is the one id of you");
	return 0;
}

int adv_load_format(const cJSON *root, const char *src, advisor_error *err)
{
	const cJSON *f = field(root, "format");

	if (!f)
		return adv_error_set(err, ADVISOR_EDATA,
			"%s: format: missing; expected \"" FORMAT_NAME "\"", src);
	if (!cJSON_IsString(f) || strcmp(f->valuestring, FORMAT_NAME) != 0)
		return adv_error_set(err, ADVISOR_EDATA,
			"%s: format: %s%s%s is not supported; expected \"" FORMAT_NAME "\"",
			src, cJSON_IsString(f) ? "\"" : "",
			cJSON_IsString(f) ? f->valuestring : type_of(f),
			cJSON_IsString(f) ? "\"" : "");
	return 0;
}

static void json_where(void *ctx, char *buf, size_t len, size_t person,
	size_t event)
{
	const char *src = ctx;
	if (event == ADV_NO_EVENT)
		snprintf(buf, len, "%s: people[%zu]", src, person);
	else
		snprintf(buf, len, "%s: people[%zu].events[%zu]", src, person, event);
}

/* For networks built in code: people named by id, not by position. */
static void id_where(void *ctx, char *buf, size_t len, size_t person,
	size_t event)
{
	const adv_builder *b = ctx;
	const char *id = adv_str(b->net, b->net->people[person].id);
	if (event == ADV_NO_EVENT)
		snprintf(buf, len, "%s: people[\"%s\"]", b->net->source, id);
	else
		snprintf(buf, len, "%s: people[\"%s\"].events[%zu]", b->net->source,
			id, event);
}

int adv_load_tree(advisor_network **out, const cJSON *root,
	const char *src, const advisor_load_options *opts, int by_id,
	advisor_error *err)
{
	adv_builder b;
	loader l;
	char path[256];
	size_t i = 0;
	int rc;

	if (!cJSON_IsObject(root))
		return adv_error_set(err, ADVISOR_EDATA,
			"%s: expected a JSON object with format, me and people, got %s",
			src, type_of(root));
	if ((rc = adv_load_format(root, src, err)) < 0)
		return rc;
	if ((rc = adv_builder_init(&b, src, err)) < 0)
		return rc;
	l = (loader){ &b, src, err, opts };
	if ((rc = adv_load_custom_types(&b, root, src, err)) < 0 ||
	    (rc = adv_load_imported(root, src, err)) < 0)
		goto fail;
	if ((rc = adv_load_me(&b, field(root, "me"),
			      "me", src, opts, err)) < 0)
		goto fail;

	const cJSON *people = field(root, "people");
	if (!people) {
		rc = fail(&l, "", "people", "missing; expected an array of people");
		goto fail;
	}
	if (!cJSON_IsArray(people)) {
		rc = fail(&l, "", "people", "expected an array of people, got %s",
			type_of(people));
		goto fail;
	}
	for (const cJSON *c = people->child; c; c = c->next, i++) {
		const cJSON *id = by_id && cJSON_IsObject(c) ? field(c, "id") : NULL;
		if (cJSON_IsString(id))
			snprintf(path, sizeof(path), "people[\"%.200s\"]", id->valuestring);
		else
			snprintf(path, sizeof(path), "people[%zu]", i);
		if ((rc = adv_load_person(&b, c, path, i, src, opts, NULL, err)) < 0)
			goto fail;
	}
	for (const cJSON *c = root->child; c; c = c->next)
		if (strcmp(c->string, "format") && strcmp(c->string, "me") &&
		    strcmp(c->string, "people") &&
		    strcmp(c->string, "custom_event_types") &&
		    strcmp(c->string, "imported"))
			warn(&l, "%s: %s: unknown top-level field, ignored", src,
				c->string);
	if (by_id)
		return adv_builder_finish(&b, out, id_where, &b, err);
	return adv_builder_finish(&b, out, json_where, (void *)src, err);
fail:
	adv_builder_discard(&b);
	return rc;
}
