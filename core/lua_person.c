/*
 * lua_person.c - people and events as userdata.
 *
 * A person or event reaches Lua as a small userdata pointing at the C
 * record; each field is read when it is asked for, so a rule that looks at
 * two fields of one person costs two lookups, not a copy of the record.
 * The userdata remember the request that made them: one kept in a global
 * and read during a later request (whose network may be gone) is refused.
 */
#include <lauxlib.h>
#include <string.h>

#include "engine.h"
#include "events.h"

#define PERSON_MT "advisor.person"
#define EVENT_MT "advisor.event"

typedef struct lperson {
	const adv_person *p;
	uint32_t generation;
} lperson;

typedef struct levent {
	const adv_event *e;
	uint32_t generation;
} levent;

static const advisor_network *current_net(lua_State *L, uint32_t generation)
{
	advisor_engine *e = adv_engine_of(L);
	if (!e->net || generation != e->generation)
		luaL_error(L, "a person or event from an earlier request cannot be read");
	return e->net;
}

void adv_lua_push_person(lua_State *L, const adv_person *p)
{
	lperson *u = lua_newuserdatauv(L, sizeof(*u), 0);
	u->p = p;
	u->generation = adv_engine_of(L)->generation;
	luaL_setmetatable(L, PERSON_MT);
}

void adv_lua_push_event(lua_State *L, const adv_event *ev)
{
	levent *u = lua_newuserdatauv(L, sizeof(*u), 0);
	u->e = ev;
	u->generation = adv_engine_of(L)->generation;
	luaL_setmetatable(L, EVENT_MT);
}

static lperson *check_lperson(lua_State *L, int i)
{
	lperson *u = luaL_checkudata(L, i, PERSON_MT);
	current_net(L, u->generation);
	return u;
}

uint32_t adv_lua_check_node(lua_State *L, int i)
{
	if (lua_type(L, i) == LUA_TSTRING) {
		const advisor_network *net = current_net(L,
			adv_engine_of(L)->generation);
		uint32_t node = adv_network_find(net, lua_tostring(L, i));
		if (node == ADV_NO_NODE)
			luaL_error(L, "no one with id \"%s\" in the network",
				lua_tostring(L, i));
		return node;
	}
	return check_lperson(L, i)->p->node;
}

void adv_lua_push_json(lua_State *L, const cJSON *v, int depth)
{
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
	if (!v)
		return 0;
	adv_lua_push_json(L, v, 0);
	return 1;
}

/* ------------------------------------------------------------------------
 * Person
 * ------------------------------------------------------------------------ */

enum person_field { PF_ID = 1, PF_NAME, PF_FIRST_NAME, PF_HEADLINE, PF_TITLE,
	PF_COMPANY, PF_INDUSTRY, PF_LOCATION, PF_SENIORITY, PF_FOLLOWERS,
	PF_INFLUENCER, PF_CONNECTED, PF_CONNECTED_ON, PF_DEGREE, PF_IS_ME };

static const char *const person_field_names[] = { NULL, "id", "name",
	"first_name", "headline", "title", "company", "industry", "location",
	"seniority", "followers", "influencer", "connected", "connected_on",
	"degree", "is_me", NULL };

/* __index(person, key): a field, a method, or a field kept from the file.
 * Upvalues: 1 = field name -> number, 2 = methods. */
static int person_index(lua_State *L)
{
	/* Only a person's own (protected) metatable leads here, so argument 1
	 * is a person: no need to check its type on every field read. */
	lperson *u = lua_touserdata(L, 1);
	const advisor_network *net = current_net(L, u->generation);
	const adv_person *p = u->p;

	lua_pushvalue(L, 2);
	switch (lua_rawget(L, lua_upvalueindex(1)) == LUA_TNUMBER
		? (int)lua_tointeger(L, -1) : 0) {
	case PF_ID: lua_pushstring(L, p->id); return 1;
	case PF_NAME: lua_pushstring(L, p->name); return 1;
	case PF_FIRST_NAME: {
		size_t n = strcspn(p->name, " ");
		lua_pushlstring(L, p->name, n);
		return 1;
	}
	case PF_HEADLINE: push_opt_string(L, p->headline); return 1;
	case PF_TITLE: push_opt_string(L, p->title); return 1;
	case PF_COMPANY: push_opt_string(L, p->company); return 1;
	case PF_INDUSTRY: push_opt_string(L, p->industry); return 1;
	case PF_LOCATION: push_opt_string(L, p->location); return 1;
	case PF_SENIORITY: push_enum(L, adv_seniority_names, p->seniority); return 1;
	case PF_FOLLOWERS:
		if (p->followers < 0)
			lua_pushnil(L);
		else
			lua_pushinteger(L, (lua_Integer)p->followers);
		return 1;
	case PF_INFLUENCER:
		if (p->influencer < 0)
			lua_pushnil(L);
		else
			lua_pushboolean(L, p->influencer);
		return 1;
	case PF_CONNECTED: lua_pushboolean(L, p->connected); return 1;
	case PF_CONNECTED_ON: push_date(L, p->connected_on); return 1;
	case PF_DEGREE:
		lua_pushinteger(L, adv_graph_degree(&net->graph, p->node));
		return 1;
	case PF_IS_ME: lua_pushboolean(L, p == &net->me); return 1;
	}
	lua_pushvalue(L, 2);
	if (lua_rawget(L, lua_upvalueindex(2)) != LUA_TNIL)
		return 1;
	if (lua_type(L, 2) == LUA_TSTRING && push_extra(L, p->extra, lua_tostring(L, 2)))
		return 1;
	lua_pushnil(L);
	return 1;
}

static int person_newindex(lua_State *L)
{
	return luaL_error(L, "people are read-only");
}

static int person_tostring(lua_State *L)
{
	const adv_person *p = check_lperson(L, 1)->p;
	lua_pushfstring(L, "%s (%s)", p->name, p->id);
	return 1;
}

static int person_eq(lua_State *L)
{
	lperson *a = luaL_testudata(L, 1, PERSON_MT);
	lperson *b = luaL_testudata(L, 2, PERSON_MT);
	lua_pushboolean(L, a && b && a->p == b->p);
	return 1;
}

/* Iterator for person:events([type]).  Upvalues: person, type name,
 * index, the type's number (0 for a custom type). */
static int events_next(lua_State *L)
{
	const adv_person *p = check_lperson(L, lua_upvalueindex(1))->p;
	const char *type = lua_tostring(L, lua_upvalueindex(2));
	const advisor_engine *eng = adv_engine_of(L);
	const advisor_network *net = eng->net;
	lua_Integer i = lua_tointeger(L, lua_upvalueindex(3));
	int want = (int)lua_tointeger(L, lua_upvalueindex(4));

	for (; i < (lua_Integer)p->event_count; i++) {
		const adv_event *e = &net->events[p->first_event + i];
		if (type && !adv_event_is(e, want, type))
			continue;
		if (!adv_event_happened(e, eng->as_of.day))
			continue; /* judged as on as_of: the future is unknown */
		lua_pushinteger(L, i + 1);
		lua_replace(L, lua_upvalueindex(3));
		adv_lua_push_event(L, e);
		return 1;
	}
	lua_pushinteger(L, i);
	lua_replace(L, lua_upvalueindex(3));
	return 0;
}

/** person:events([type]) -> iterator over the person's events that had
 * happened by the request's as_of date, in file order, of one type or all. */
static int person_events(lua_State *L)
{
	const char *type = luaL_optstring(L, 2, NULL);
	check_lperson(L, 1);
	lua_settop(L, 2);
	lua_pushinteger(L, 0);
	lua_pushinteger(L, type ? adv_enum_lookup(adv_event_type_names, type) : 0);
	lua_pushcclosure(L, events_next, 4);
	return 1;
}

/** person:latest([type]) -> the latest event (of a type) on or before the
 * request's as_of date, or nil. */
static int person_latest(lua_State *L)
{
	const adv_person *p = check_lperson(L, 1)->p;
	const char *type = luaL_optstring(L, 2, NULL);
	advisor_engine *e = adv_engine_of(L);
	const adv_event *ev = adv_latest_event(e->net, p, type, e->as_of.day);

	if (ev)
		adv_lua_push_event(L, ev);
	else
		lua_pushnil(L);
	return 1;
}

/** person:last_contact() -> date, days: the latest contact on or before
 * as_of (DESIGN "from the past"), and how many days ago; nil if none. */
static int person_last_contact(lua_State *L)
{
	const adv_person *p = check_lperson(L, 1)->p;
	advisor_engine *e = adv_engine_of(L);
	int32_t day;

	if (adv_last_contact(e->net, p, e->as_of.day, &day) < 0) {
		lua_pushnil(L);
		return 1;
	}
	push_date(L, (adv_date){ day, ADV_DATE_DAY });
	lua_pushinteger(L, (lua_Integer)e->as_of.day - day);
	return 2;
}

/** person:field(name) -> a field kept from the file that advisor does not
 * define itself, or nil. */
static int person_field(lua_State *L)
{
	const adv_person *p = check_lperson(L, 1)->p;
	if (!push_extra(L, p->extra, luaL_checkstring(L, 2)))
		lua_pushnil(L);
	return 1;
}

static const luaL_Reg person_methods[] = {
	{ "events", person_events },
	{ "latest", person_latest },
	{ "last_contact", person_last_contact },
	{ "field", person_field },
	{ NULL, NULL }
};

/* ------------------------------------------------------------------------
 * Event
 * ------------------------------------------------------------------------ */

enum event_field { EF_TYPE = 1, EF_DATE, EF_FROM, EF_TO, EF_CONTEXT, EF_TONE,
	EF_ORG, EF_RELATION, EF_ENDING, EF_REASON, EF_BY, EF_NOTE, EF_ROLE,
	EF_STATUS, EF_DIRECTION, EF_MESSAGE, EF_DAYS_AGO, EF_ONGOING };

static const char *const event_field_names[] = { NULL, "type", "date", "from",
	"to", "context", "tone", "org", "relation", "ending", "reason", "by",
	"note", "role", "status", "direction", "message", "days_ago", "ongoing",
	NULL };

/* __index(event, key).  Upvalues: 1 = field name -> number, 2 = methods.
 * A field the event's type does not define may still have been kept from
 * the file (an "org" on a met event): absent fields fall through to those. */
static int event_index(lua_State *L)
{
	levent *u = lua_touserdata(L, 1); /* as in person_index */
	const advisor_network *net = current_net(L, u->generation);
	const adv_event *e = u->e;

	lua_pushvalue(L, 2);
	switch (lua_rawget(L, lua_upvalueindex(1)) == LUA_TNUMBER
		? (int)lua_tointeger(L, -1) : 0) {
	case EF_TYPE: lua_pushstring(L, e->type_name); break;
	case EF_DATE: push_date(L, e->date); break;
	case EF_FROM: push_date(L, e->from); break;
	case EF_TO: push_date(L, e->to); break;
	case EF_CONTEXT: push_opt_string(L, e->context); break;
	case EF_TONE: push_enum(L, adv_tone_names, e->tone); break;
	case EF_ORG: push_opt_string(L, e->org); break;
	case EF_RELATION:
		push_enum(L, e->type == ADV_EV_PERSONAL ? adv_personal_relation_names
			: adv_work_relation_names, e->relation);
		break;
	case EF_ENDING: push_enum(L, adv_ending_names, e->ending); break;
	case EF_REASON: push_opt_string(L, e->reason); break;
	case EF_BY:
		if (e->by == ADV_NO_NODE)
			lua_pushnil(L);
		else
			adv_lua_push_person(L, adv_network_node_person(net, e->by));
		break;
	case EF_NOTE: push_opt_string(L, e->note); break;
	case EF_ROLE: push_enum(L, adv_role_names, e->role); break;
	case EF_STATUS: push_enum(L, adv_status_names, e->status); break;
	case EF_DIRECTION: push_enum(L, adv_direction_names, e->direction); break;
	case EF_MESSAGE: push_opt_string(L, e->message); break;
	case EF_DAYS_AGO: {
		int32_t as_of = adv_engine_of(L)->as_of.day;
		int32_t day = adv_event_day(e, as_of);
		if (day == INT32_MIN)
			lua_pushnil(L);
		else
			lua_pushinteger(L, (lua_Integer)as_of - day);
		break;
	}
	case EF_ONGOING:
		lua_pushboolean(L, adv_event_ongoing(e, adv_engine_of(L)->as_of.day));
		break;
	default:
		lua_pushvalue(L, 2);
		if (lua_rawget(L, lua_upvalueindex(2)) != LUA_TNIL)
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
	levent *u = luaL_checkudata(L, 1, EVENT_MT);
	current_net(L, u->generation);
	if (!push_extra(L, u->e->extra, luaL_checkstring(L, 2)))
		lua_pushnil(L);
	return 1;
}

static const luaL_Reg event_methods[] = {
	{ "field", event_field },
	{ NULL, NULL }
};

static int event_newindex(lua_State *L)
{
	return luaL_error(L, "events are read-only");
}

static int event_tostring(lua_State *L)
{
	levent *u = luaL_checkudata(L, 1, EVENT_MT);
	char buf[ADV_DATE_BUF];
	current_net(L, u->generation);
	adv_date_format(buf, u->e->date.precision ? u->e->date : u->e->from);
	lua_pushfstring(L, "%s event (%s)", u->e->type_name, buf);
	return 1;
}

/* ------------------------------------------------------------------------ */

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
	luaL_newmetatable(L, PERSON_MT);
	push_field_table(L, person_field_names);
	luaL_newlib(L, person_methods);
	lua_pushcclosure(L, person_index, 2);
	lua_setfield(L, -2, "__index");
	lua_pushcfunction(L, person_newindex);
	lua_setfield(L, -2, "__newindex");
	lua_pushcfunction(L, person_tostring);
	lua_setfield(L, -2, "__tostring");
	lua_pushcfunction(L, person_eq);
	lua_setfield(L, -2, "__eq");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 1);

	luaL_newmetatable(L, EVENT_MT);
	push_field_table(L, event_field_names);
	luaL_newlib(L, event_methods);
	lua_pushcclosure(L, event_index, 2);
	lua_setfield(L, -2, "__index");
	lua_pushcfunction(L, event_newindex);
	lua_setfield(L, -2, "__newindex");
	lua_pushcfunction(L, event_tostring);
	lua_setfield(L, -2, "__tostring");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 1);
}
