/*
 * lua_person.c - people and events as handles.
 *
 * A person or event reaches Lua as a light userdata that is not a pointer
 * but a handle: the request's generation, a kind and an index into the
 * network's arrays.  Pushing one allocates nothing (a request walks many
 * events, and full userdata cost an allocation and a collection each), and
 * each field is read from the C record when it is asked for.  All light
 * userdata share one metatable, which dispatches on the kind.
 *
 * A handle kept (in a file's local) from an earlier request carries another
 * generation and is refused: its network may be gone.  Any index is checked
 * against the current network before use, so no handle a script holds can
 * reach memory outside it.
 */
#include <lauxlib.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "json/strict.h"
#include "lua/vm.h"
#include "network/events.h"

_Static_assert(sizeof(void *) >= sizeof(uint64_t),
	"person and event handles need 64-bit light userdata");

enum handle_kind { H_NONE = 0, H_PERSON, H_ME, H_EVENT };

#define HANDLE_GENERATION_MASK 0x3fffffffu

static void push_handle(lua_State *L, enum handle_kind kind, size_t index)
{
	uint64_t gen = adv_vm_of(L)->generation & HANDLE_GENERATION_MASK;
	if (index > UINT32_MAX)
		luaL_error(L, "record %zu is beyond what a policy can address", index);
	lua_pushlightuserdata(L, (void *)(uintptr_t)(gen << 34 |
		(uint64_t)kind << 32 | (uint64_t)index));
}

/* The kind of the handle at i (H_NONE if it is not one) and its index; a
 * handle of an earlier request is an error. */
static enum handle_kind to_handle(lua_State *L, int i, uint32_t *index)
{
	const adv_vm *e;
	uint64_t h;
	enum handle_kind kind;

	if (lua_type(L, i) != LUA_TLIGHTUSERDATA)
		return H_NONE;
	h = (uint64_t)(uintptr_t)lua_touserdata(L, i);
	kind = (enum handle_kind)(h >> 32 & 3);
	*index = (uint32_t)h;
	e = adv_vm_of(L);
	if (!e->net || (h >> 34) != (e->generation & HANDLE_GENERATION_MASK))
		luaL_error(L, "a person or event from an earlier request cannot be read");
	/* One past the people is the transient person, when there is one;
	 * past the events, those an explanation's overlay adds. */
	if ((kind == H_PERSON && *index >= e->net->people_count +
			(e->transient != NULL)) ||
	    (kind == H_EVENT && *index >= e->net->event_count + e->overlay.added_count))
		luaL_error(L, "a person or event from another network cannot be read");
	return kind;
}

/* The person of a handle's index, checked by to_handle(). */
static const adv_person *person_at(const adv_vm *e, uint32_t index)
{
	return index < e->net->people_count ? &e->net->people[index]
		: e->transient;
}

static const adv_person *handle_person(lua_State *L, int i)
{
	uint32_t index;
	switch (to_handle(L, i, &index)) {
	case H_PERSON: return person_at(adv_vm_of(L), index);
	case H_ME: return &adv_vm_of(L)->net->me;
	default: return NULL;
	}
}

/* The event of a handle's index: the network's, or past them one the
 * explanation's overlay adds (to_handle checked the range). */
static const adv_event *event_at(const adv_vm *e, uint32_t index)
{
	if (index >= e->net->event_count)
		return &e->overlay.added[index - e->net->event_count];
	return &e->net->events[index];
}

const adv_event *adv_lua_to_event(lua_State *L, int i)
{
	uint32_t index;
	if (to_handle(L, i, &index) != H_EVENT)
		return NULL;
	return event_at(adv_vm_of(L), index);
}

static const adv_person *check_person(lua_State *L, int i)
{
	const adv_person *p = handle_person(L, i);
	if (!p)
		luaL_typeerror(L, i, "person");
	return p;
}

static const adv_event *check_event(lua_State *L, int i)
{
	const adv_event *ev = adv_lua_to_event(L, i);
	if (!ev)
		luaL_typeerror(L, i, "event");
	return ev;
}

void adv_lua_push_person(lua_State *L, const adv_person *p)
{
	const adv_vm *e = adv_vm_of(L);
	const advisor_network *net = e->net;
	if (p == &net->me)
		push_handle(L, H_ME, 0);
	else if (p == e->transient)
		push_handle(L, H_PERSON, net->people_count);
	else
		push_handle(L, H_PERSON, (size_t)(p - net->people));
}

void adv_lua_push_event(lua_State *L, const adv_event *ev)
{
	const adv_vm *e = adv_vm_of(L);

	/* An event the overlay adds is numbered after the network's. */
	for (size_t k = 0; k < e->overlay.added_count; k++)
		if (ev == &e->overlay.added[k]) {
			push_handle(L, H_EVENT, e->net->event_count + k);
			return;
		}
	push_handle(L, H_EVENT, (size_t)(ev - e->net->events));
}

uint32_t adv_lua_check_node(lua_State *L, int i)
{
	if (lua_type(L, i) == LUA_TSTRING) {
		const advisor_network *net = adv_vm_of(L)->net;
		uint32_t node = adv_network_find(net, lua_tostring(L, i));
		if (node == ADV_NO_NODE)
			luaL_error(L, "no one with id \"%s\" in the network",
				lua_tostring(L, i));
		return node;
	}
	return check_person(L, i)->node;
}

static size_t text_space(const char *t, size_t i, size_t len)
{
	while (i < len && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' ||
			   t[i] == '\r'))
		i++;
	return i;
}

static void push_text_string(lua_State *L, const char *t, size_t len,
	size_t *i)
{
	luaL_Buffer b;
	size_t n = adv_json_text_string_len(t, len, *i);
	char *p = luaL_buffinitsize(L, &b, n ? n : 1);
	luaL_pushresultsize(&b, adv_json_text_string(t, len, i, p));
}

/* The value at t[i] of a kept value's text (checked when it was loaded),
 * pushed as adv_lua_push_json pushes a tree; returns the offset past it.
 * Tables and strings are made in the sandbox's memory, under its cap. */
static size_t push_json_text(lua_State *L, const char *t, size_t len,
	size_t i, int depth)
{
	luaL_checkstack(L, 3, "JSON value too deep");
	if (depth > 200)
		luaL_error(L, "JSON value too deep to read");
	i = text_space(t, i, len);
	if (i >= len) {
		lua_pushnil(L);
		return i;
	}
	switch (t[i]) {
	case '{':
	case '[': {
		int object = t[i] == '{';
		lua_Integer n = 1;
		lua_newtable(L);
		i = text_space(t, i + 1, len);
		while (i < len && t[i] != (object ? '}' : ']')) {
			if (object) {
				push_text_string(L, t, len, &i);
				i = text_space(t, i, len) + 1;   /* the colon */
				i = push_json_text(L, t, len, i, depth + 1);
				lua_rawset(L, -3);
			} else {
				i = push_json_text(L, t, len, i, depth + 1);
				lua_rawseti(L, -2, n++);
			}
			i = text_space(t, i, len);
			if (i < len && t[i] == ',')
				i = text_space(t, i + 1, len);
		}
		return i + 1;
	}
	case '"':
		push_text_string(L, t, len, &i);
		return i;
	case 't':
		lua_pushboolean(L, 1);
		return i + 4;
	case 'f':
		lua_pushboolean(L, 0);
		return i + 5;
	case 'n':
		lua_pushnil(L);
		return i + 4;
	default: {
		size_t end;
		double d = adv_json_text_number(t, len, i, &end);
		lua_Integer n;
		if (lua_numbertointeger(d, &n) && (double)n == d)
			lua_pushinteger(L, n);
		else
			lua_pushnumber(L, d);
		return end > i ? end : i + 1;
	}
	}
}

void adv_lua_push_json(lua_State *L, const cJSON *v, int depth)
{
	if (cJSON_IsRaw(v)) {
		const char *t = v->valuestring;
		push_json_text(L, t, strlen(t), 0, depth);
		return;
	}
	luaL_checkstack(L, 3, "JSON value too deep");
	if (depth > 200)
		luaL_error(L, "JSON value too deep to read");
	if (cJSON_IsString(v)) {
		lua_pushstring(L, v->valuestring);
	} else if (cJSON_IsNumber(v)) {
		double d = v->valuedouble;
		lua_Integer n;
		if (lua_numbertointeger(d, &n) && (double)n == d)
			lua_pushinteger(L, n);
		else
			lua_pushnumber(L, d);
	} else if (cJSON_IsBool(v)) {
		lua_pushboolean(L, cJSON_IsTrue(v));
	} else if (cJSON_IsArray(v)) {
		lua_Integer i = 1;
		lua_newtable(L);
		for (const cJSON *c = v->child; c; c = c->next, i++) {
			adv_lua_push_json(L, c, depth + 1);
			lua_rawseti(L, -2, i);
		}
	} else if (cJSON_IsObject(v)) {
		lua_newtable(L);
		for (const cJSON *c = v->child; c; c = c->next) {
			adv_lua_push_json(L, c, depth + 1);
			lua_setfield(L, -2, c->string);
		}
	} else {
		lua_pushnil(L);
	}
}

static void push_opt_string(lua_State *L, const char *s)
{
	if (s)
		lua_pushstring(L, s);
	else
		lua_pushnil(L);
}

static void push_enum(lua_State *L, const char *const *names, uint8_t v)
{
	push_opt_string(L, v ? names[v] : NULL);
}

static void push_date(lua_State *L, adv_date d)
{
	char buf[ADV_DATE_BUF];
	if (!d.precision) {
		lua_pushnil(L);
		return;
	}
	adv_date_format(buf, d);
	lua_pushstring(L, buf);
}

/* Unknown fields, kept from the file. */
static int push_extra(lua_State *L, const cJSON *extra, const char *key)
{
	const cJSON *v = extra ? cJSON_GetObjectItemCaseSensitive(extra, key) : NULL;
	if (!v) {
		/* The other unknown fields, as their text (load/json.c). */
		const char *t = adv_json_rest(extra);
		size_t len, at;
		if (!t || !(at = adv_json_text_member(t, len = strlen(t), key)))
			return 0;
		push_json_text(L, t, len, at, 0);
		return 1;
	}
	adv_lua_push_json(L, v, 0);
	return 1;
}

/* ------------------------------------------------------------------------
 * Person
 * ------------------------------------------------------------------------ */

/* Pushing a field of each schema kind (network/schema.h): v is the
 * member's value, rec the person or event it belongs to. */
#define PUSH_REQSTR(L, net, rec, v, names) lua_pushstring(L, adv_str(net, v))
#define PUSH_STR(L, net, rec, v, names) push_opt_string(L, adv_str(net, v))
#define PUSH_ENUM(L, net, rec, v, names) push_enum(L, names, v)
#define PUSH_TRIBOOL(L, net, rec, v, names) \
	((v) < 0 ? lua_pushnil(L) : lua_pushboolean(L, (v)))
#define PUSH_BOOL(L, net, rec, v, names) lua_pushboolean(L, (v))
#define PUSH_COUNT(L, net, rec, v, names) \
	((v) < 0 ? lua_pushnil(L) : lua_pushinteger(L, (lua_Integer)(v)))
#define PUSH_DATE(L, net, rec, v, names) push_date(L, v)
#define PUSH_RELATION(L, net, rec, v, names) \
	push_enum(L, (rec)->type == ADV_EV_PERSONAL \
		? adv_personal_relation_names : adv_work_relation_names, v)
#define PUSH_NODE(L, net, rec, v, names) \
	((v) == ADV_NO_NODE ? lua_pushnil(L) \
		: adv_lua_push_person(L, adv_network_node_person(net, v)))

/* Fields computed here come first; the schema's follow, numbered in its
 * order. */
#define PF_NUMBER(kind, member, names) PF_##member,
enum person_field { PF_ID = 1, PF_DEGREE, PF_IS_ME, PF_TRANSIENT,
	ADV_PERSON_SCHEMA(PF_NUMBER) PF__END };

static const char *const person_field_names[] = { NULL, "id",
	"degree", "is_me", "transient", ADV_PERSON_SCHEMA(ADV_SCHEMA_KEY) NULL };

/* person.first_name: the file's own (the export's First Name) when it has
 * a non-empty one, else the name up to its first space, so that it is
 * always a string. */
static void push_first_name(lua_State *L, const advisor_network *net,
	const adv_person *p)
{
	const char *kept = adv_str(net, p->first_name);
	const char *name = adv_str(net, p->name);

	if (kept && *kept)
		lua_pushstring(L, kept);
	else
		lua_pushlstring(L, name, strcspn(name, " "));
}

/* person[key]: a field, a method, or a field kept from the file.  Stack:
 * 1 = person, 2 = key; upvalues of the __index closure: 1 = person field
 * name -> number, 2 = person methods. */
static int person_index(lua_State *L, const advisor_network *net,
	const adv_person *p)
{
	lua_pushvalue(L, 2);
	int field = lua_rawget(L, lua_upvalueindex(1)) == LUA_TNUMBER
		? (int)lua_tointeger(L, -1) : 0;
	if (field == PF_first_name) {
		/* A schema field with a fallback, not pushed as it is. */
		push_first_name(L, net, p);
		return 1;
	}
	if ((field == PF_connected || field == PF_connected_on) && p->connected &&
	    !adv_person_connected(p, adv_vm_of(L)->as_of.day,
		    &adv_vm_of(L)->overlay)) {
		/* Judged as before they were a connection: re-judged as of
		 * an invitation's day, or a connection made after the day
		 * judged (events.h). */
		if (field == PF_connected)
			lua_pushboolean(L, 0);
		else
			lua_pushnil(L);
		return 1;
	}
	switch (field) {
#define PF_PUSH(kind, member, names) \
	case PF_##member: PUSH_##kind(L, net, p, p->member, names); return 1;
	ADV_PERSON_SCHEMA(PF_PUSH)
#undef PF_PUSH
	case PF_ID: lua_pushstring(L, adv_str(net, p->id)); return 1;
	case PF_DEGREE:
		/* A transient person is no node of the graph: linked to no one. */
		lua_pushinteger(L, p->node == ADV_NO_NODE ? 0
			: adv_graph_degree(&net->graph, p->node));
		return 1;
	case PF_IS_ME: lua_pushboolean(L, p == &net->me); return 1;
	case PF_TRANSIENT:
		lua_pushboolean(L, p == adv_vm_of(L)->transient);
		return 1;
	}
	lua_pushvalue(L, 2);
	if (lua_rawget(L, lua_upvalueindex(2)) != LUA_TNIL)
		return 1;
	if (lua_type(L, 2) == LUA_TSTRING && push_extra(L, p->extra, lua_tostring(L, 2)))
		return 1;
	lua_pushnil(L);
	return 1;
}

/* The place among p's events (adv_overlay_event's i) of the event with
 * handle index `index`, or -1 if it is not one of them. */
static ptrdiff_t event_place(const adv_vm *e, const adv_person *p,
	uint32_t index)
{
	size_t n = e->net->event_count;
	if (index < n)
		return index >= p->first_event && index < (size_t)p->first_event + p->event_count
			? (ptrdiff_t)(index - p->first_event) : -1;
	return e->overlay.added_to == p ? (ptrdiff_t)(p->event_count + (index - n)) : -1;
}

/* The handle index of p's event at place i. */
static size_t event_index_at(const adv_vm *e, const adv_person *p, size_t i)
{
	return i < p->event_count ? p->first_event + i
		: e->net->event_count + (i - p->event_count);
}

/* The generic-for iterator of person:events([type]) and
 * person:upcoming([type]): state = the person, control = the event
 * returned last (nil to start).  Upvalues: the type's number, its name for
 * a type advisor does not define (or nil for all types), and true for the
 * events still to come on as_of rather than those that had happened.
 * The person's events are those of the network and, while an explanation
 * tries a fact, the overlay's (adv_overlay_event).  Nothing is allocated
 * per call or per event. */
static int events_next(lua_State *L)
{
	const adv_person *p = check_person(L, 1);
	const adv_vm *eng = adv_vm_of(L);
	const advisor_network *net = eng->net;
	int want = (int)lua_tointeger(L, lua_upvalueindex(1));
	const char *type = lua_tostring(L, lua_upvalueindex(2));
	int upcoming = lua_toboolean(L, lua_upvalueindex(3));
	size_t i = 0, n = adv_overlay_event_count(p, &eng->overlay);

	if (!lua_isnoneornil(L, 2)) {
		uint32_t index;
		if (to_handle(L, 2, &index) != H_EVENT)
			return luaL_typeerror(L, 2, "event");
		ptrdiff_t at = event_place(eng, p, index);
		if (at < 0)
			return luaL_error(L, "person:events() was given another person's event");
		i = (size_t)at + 1;
	}
	for (; i < n; i++) {
		const adv_event *e = adv_overlay_event(net, p, &eng->overlay, i);
		if (!e) /* an explanation's what-if hides it */
			continue;
		if (want && e->type != want)
			continue;
		if (!want && type && !adv_event_is(net, e, 0, type))
			continue;
		/* Judged as on as_of: what happened by then is history, and the
		 * rest is only seen by asking for what is still to come. */
		if (adv_event_happened(e, eng->as_of.day) == upcoming)
			continue;
		push_handle(L, H_EVENT, event_index_at(eng, p, i));
		return 1;
	}
	return 0;
}

/** person:events([type]) -> iterator over the person's events that had
 * happened by the request's as_of date, in file order, of one type or all;
 * person:upcoming([type]) the same over those dated after it (a scheduled
 * interview).  Upvalues: type number -> iterator, made once per state, and
 * whether these are the upcoming ones. */
static int person_events(lua_State *L)
{
	const char *type = luaL_optstring(L, 2, NULL);
	int want = type ? adv_enum_lookup(adv_event_type_names, type) : 0;

	check_person(L, 1);
	if (type && want <= 0) {
		/* A type advisor does not define: matched by name. */
		lua_pushinteger(L, 0);
		lua_pushvalue(L, 2);
		lua_pushvalue(L, lua_upvalueindex(2));
		lua_pushcclosure(L, events_next, 3);
	} else {
		lua_rawgeti(L, lua_upvalueindex(1), want > 0 ? want : 0);
	}
	lua_pushvalue(L, 1);
	lua_pushnil(L);
	return 3;
}

/** person:latest([type]) -> the latest event (of a type) on or before the
 * request's as_of date, or nil. */
static int person_latest(lua_State *L)
{
	const adv_person *p = check_person(L, 1);
	const char *type = luaL_optstring(L, 2, NULL);
	adv_vm *e = adv_vm_of(L);
	const adv_event *ev = adv_latest_event(e->net, p, type, e->as_of.day,
		&e->overlay);

	if (ev)
		adv_lua_push_event(L, ev);
	else
		lua_pushnil(L);
	return 1;
}

/** person:last_contact() -> date, days: the latest contact on or before
 * as_of ("from the past", docs/policy.md), and how many days ago; nil if
 * none. */
static int person_last_contact(lua_State *L)
{
	const adv_person *p = check_person(L, 1);
	adv_vm *e = adv_vm_of(L);
	int32_t day;

	if (adv_last_contact(e->net, p, e->as_of.day, &e->overlay, &day) < 0) {
		lua_pushnil(L);
		return 1;
	}
	push_date(L, (adv_date){ day, ADV_DATE_DAY });
	lua_pushinteger(L, (lua_Integer)e->as_of.day - day);
	return 2;
}

/** person:pending_invitation() -> the invitation waiting for an answer
 * between you (yours or theirs: its direction says), or nil. */
static int person_pending_invitation(lua_State *L)
{
	const adv_person *p = check_person(L, 1);
	adv_vm *e = adv_vm_of(L);
	const adv_event *ev = adv_pending_invitation(e->net, p, e->as_of.day,
		&e->overlay);

	if (ev)
		adv_lua_push_event(L, ev);
	else
		lua_pushnil(L);
	return 1;
}

/** person:field(name) -> a field kept from the file that advisor does not
 * define itself, or nil. */
static int person_field(lua_State *L)
{
	const adv_person *p = check_person(L, 1);
	if (!push_extra(L, p->extra, luaL_checkstring(L, 2)))
		lua_pushnil(L);
	return 1;
}

static const luaL_Reg person_methods[] = {
	{ "events", NULL }, /* closures over their iterators, set below */
	{ "upcoming", NULL },
	{ "latest", person_latest },
	{ "last_contact", person_last_contact },
	{ "pending_invitation", person_pending_invitation },
	{ "field", person_field },
	{ NULL, NULL }
};

/* ------------------------------------------------------------------------
 * Event
 * ------------------------------------------------------------------------ */

#define EF_NUMBER(kind, member, names) EF_##member,
enum event_field { EF_TYPE = 1, EF_DAYS_AGO, EF_ONGOING,
	ADV_EVENT_SCHEMA(EF_NUMBER) EF__END };

static const char *const event_field_names[] = { NULL, "type", "days_ago",
	"ongoing", ADV_EVENT_SCHEMA(ADV_SCHEMA_KEY) NULL };

/* event[key].  Upvalues of the __index closure: 3 = event field name ->
 * number, 4 = event methods.  A field the event's type does not define may
 * still have been kept from the file (an "org" on a met event): absent
 * fields fall through to those. */
static int event_index(lua_State *L, const advisor_network *net,
	const adv_event *e)
{
	lua_pushvalue(L, 2);
	switch (lua_rawget(L, lua_upvalueindex(3)) == LUA_TNUMBER
		? (int)lua_tointeger(L, -1) : 0) {
	case EF_TYPE: lua_pushstring(L, adv_str(net, e->type_name)); break;
#define EF_PUSH(kind, member, names) \
	case EF_##member: PUSH_##kind(L, net, e, e->member, names); break;
	ADV_EVENT_SCHEMA(EF_PUSH)
#undef EF_PUSH
	case EF_DAYS_AGO: {
		int32_t as_of = adv_vm_of(L)->as_of.day;
		int32_t day = adv_event_day(e, as_of);
		if (day == INT32_MIN)
			lua_pushnil(L);
		else
			lua_pushinteger(L, (lua_Integer)as_of - day);
		break;
	}
	case EF_ONGOING:
		lua_pushboolean(L, adv_event_ongoing(e, adv_vm_of(L)->as_of.day));
		break;
	default:
		lua_pushvalue(L, 2);
		if (lua_rawget(L, lua_upvalueindex(4)) != LUA_TNIL)
			return 1; /* a method */
		break;
	}
	if (!lua_isnil(L, -1))
		return 1;
	if (lua_type(L, 2) == LUA_TSTRING && push_extra(L, e->extra, lua_tostring(L, 2)))
		return 1;
	lua_pushnil(L);
	return 1;
}

/** event:field(name) -> a field kept from the file that advisor does not
 * define for this event's type, or nil. */
static int event_field(lua_State *L)
{
	const adv_event *e = check_event(L, 1);
	if (!push_extra(L, e->extra, luaL_checkstring(L, 2)))
		lua_pushnil(L);
	return 1;
}

static const luaL_Reg event_methods[] = {
	{ "field", event_field },
	{ NULL, NULL }
};

/* ------------------------------------------------------------------------
 * The metatable of every light userdata
 * ------------------------------------------------------------------------ */

static int handle_index(lua_State *L)
{
	const advisor_network *net;
	uint32_t index;

	switch (to_handle(L, 1, &index)) {
	case H_PERSON:
		net = adv_vm_of(L)->net;
		return person_index(L, net, person_at(adv_vm_of(L), index));
	case H_ME:
		net = adv_vm_of(L)->net;
		return person_index(L, net, &net->me);
	case H_EVENT:
		net = adv_vm_of(L)->net;
		return event_index(L, net, event_at(adv_vm_of(L), index));
	default:
		return luaL_error(L, "attempt to index a light userdata value");
	}
}

static int handle_newindex(lua_State *L)
{
	uint32_t index;
	return luaL_error(L, "%s are read-only",
		to_handle(L, 1, &index) == H_EVENT ? "events" : "people");
}

static int handle_tostring(lua_State *L)
{
	const adv_person *p = handle_person(L, 1);
	const adv_event *e;
	char buf[ADV_DATE_BUF];
	const advisor_network *net = adv_vm_of(L)->net;

	if (p) {
		lua_pushfstring(L, "%s (%s)", adv_str(net, p->name), adv_str(net, p->id));
	} else if ((e = adv_lua_to_event(L, 1))) {
		adv_date_format(buf, e->date.precision ? e->date : e->from);
		lua_pushfstring(L, "%s event (%s)", adv_str(net, e->type_name), buf);
	} else {
		lua_pushfstring(L, "userdata: %p", lua_touserdata(L, 1));
	}
	return 1;
}

static void push_field_table(lua_State *L, const char *const *names)
{
	lua_newtable(L);
	for (int i = 1; names[i]; i++) {
		lua_pushinteger(L, i);
		lua_setfield(L, -2, names[i]);
	}
}

void adv_lua_open_person(lua_State *L)
{
	lua_pushlightuserdata(L, NULL);
	lua_createtable(L, 0, 4);

	push_field_table(L, person_field_names);
	luaL_newlib(L, person_methods);
	/* person:events and person:upcoming: one iterator per defined type,
	 * [0] for all types. */
	for (int upcoming = 0; upcoming <= 1; upcoming++) {
		lua_createtable(L, ADV_EV__COUNT, 0);
		for (int t = 0; t < ADV_EV__COUNT; t++) {
			lua_pushinteger(L, t);
			lua_pushnil(L);
			lua_pushboolean(L, upcoming);
			lua_pushcclosure(L, events_next, 3);
			lua_rawseti(L, -2, t);
		}
		lua_pushboolean(L, upcoming);
		lua_pushcclosure(L, person_events, 2);
		lua_setfield(L, -2, upcoming ? "upcoming" : "events");
	}
	push_field_table(L, event_field_names);
	luaL_newlib(L, event_methods);
	lua_pushcclosure(L, handle_index, 4);
	lua_setfield(L, -2, "__index");
	lua_pushcfunction(L, handle_newindex);
	lua_setfield(L, -2, "__newindex");
	lua_pushcfunction(L, handle_tostring);
	lua_setfield(L, -2, "__tostring");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_setmetatable(L, -2);
	lua_pop(L, 1);
}
