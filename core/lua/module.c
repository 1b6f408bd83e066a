/*
 * lua_module.c - the `advisor` module a policy is written against.
 *
 * While the policy loads, advisor.rule{...}, advisor.off, advisor.settings
 * and advisor.note declare what the engine will run.  While a request is
 * evaluated, the graph and time primitives answer in C.
 */
#include <lauxlib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lua/vm.h"
#include "network/mentions.h"
#include "util/date.h"
#include "util/utf8.h"

static adv_vm *loading_engine(lua_State *L, const char *fn)
{
	adv_vm *e = adv_vm_of(L);
	if (e->loading_layer < 0)
		luaL_error(L, "advisor.%s can only be called while the policy loads", fn);
	return e;
}

static adv_vm *advising_engine(lua_State *L, const char *fn)
{
	adv_vm *e = adv_vm_of(L);
	if (!e->net)
		luaL_error(L, "advisor.%s can only be called while advising", fn);
	return e;
}

/*
 * What a rule's declaration copies out of the state (its texts, its lists)
 * is charged to the state's memory cap as if Lua held it, in r->charged,
 * and given back when the rule is freed: one Lua string of a megabyte
 * named as the description of 100,000 rules is 100 GB of copies.
 */
static void charge(lua_State *L, adv_rule *r, size_t n)
{
	if (adv_sandbox_mem_charge(adv_vm_of(L), n) < 0)
		adv_sandbox_memory_error(L);
	r->charged += n;
}

static char *rule_strdup(lua_State *L, adv_rule *r, const char *s)
{
	size_t n = strlen(s) + 1;
	charge(L, r, n);
	char *p = malloc(n);
	if (!p)
		luaL_error(L, "out of memory");
	return memcpy(p, s, n);
}

static void *rule_calloc(lua_State *L, adv_rule *r, size_t n, size_t size)
{
	if (n > SIZE_MAX / size)
		adv_sandbox_memory_error(L);
	charge(L, r, n * size);
	void *p = calloc(n ? n : 1, size);
	if (!p)
		luaL_error(L, "out of memory");
	return p;
}

/* The same for what the policy's settings copy (charged to e->charged). */
char *adv_vm_strdup(adv_vm *e, const char *s)
{
	size_t n = strlen(s) + 1;
	if (adv_sandbox_mem_charge(e, n) < 0)
		return NULL;
	char *p = malloc(n);
	if (!p) {
		adv_sandbox_mem_release(e, n);
		return NULL;
	}
	e->charged += n;
	return memcpy(p, s, n);
}

void adv_vm_free_str(adv_vm *e, char *s)
{
	if (!s)
		return;
	size_t n = strlen(s) + 1;
	n = n < e->charged ? n : e->charged;
	adv_sandbox_mem_release(e, n);
	e->charged -= n;
	free(s);
}

/* adv_vm_strdup from a function the policy called: a copy that does not
 * fit ends the call as Lua's own allocation over the cap would. */
static char *vm_strdup(lua_State *L, const char *s)
{
	char *p = adv_vm_strdup(adv_vm_of(L), s);
	if (!p)
		adv_sandbox_memory_error(L);
	return p;
}

char *adv_rule_strdup(adv_vm *e, adv_rule *r, const char *s)
{
	size_t n = strlen(s) + 1;
	if (adv_sandbox_mem_charge(e, n) < 0)
		return NULL;
	char *p = malloc(n);
	if (!p) {
		adv_sandbox_mem_release(e, n);
		return NULL;
	}
	r->charged += n;
	return memcpy(p, s, n);
}

void adv_rule_free_str(adv_vm *e, adv_rule *r, char *s)
{
	if (!s)
		return;
	size_t n = strlen(s) + 1;
	n = n < r->charged ? n : r->charged;
	adv_sandbox_mem_release(e, n);
	r->charged -= n;
	free(s);
}

static void free_rule(adv_vm *e, lua_State *L, adv_rule *r)
{
	free(r->name);
	free(r->description);
	free(r->file);
	free(r->replaced);
	free(r->off_where);
	free(r->score_where);
	free(r->why_not);
	for (size_t i = 0; i < r->what_if_count; i++) {
		adv_rule_what_if *w = &r->what_ifs[i];
		free(w->change);
		free(w->subject);
		free(w->type);
		for (size_t m = 0; m < w->match_count; m++) {
			for (size_t k = 0; k < w->matches[m].value_count; k++)
				free(w->matches[m].values[k]);
			free(w->matches[m].values);
			free(w->matches[m].field);
		}
		free(w->matches);
	}
	free(r->what_ifs);
	for (size_t i = 0; i < r->intent_count; i++)
		free(r->intents[i]);
	free(r->intents);
	if (L) {
		luaL_unref(L, LUA_REGISTRYINDEX, r->check_ref);
		luaL_unref(L, LUA_REGISTRYINDEX, r->why_not_ref);
	}
	adv_sandbox_mem_release(e, r->charged);
	memset(r, 0, sizeof(*r));
	r->check_ref = r->why_not_ref = LUA_NOREF;
}

static size_t name_hash(const char *s)
{
	size_t h = 2166136261u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* The slot of name in the table: where it is, or the free one where it
 * would go. */
static size_t find_slot(const adv_vm *e, const char *name)
{
	size_t mask = e->slot_count - 1, i = name_hash(name) & mask;
	while (e->rule_slots[i] &&
	       strcmp(e->rules[e->rule_slots[i] - 1].name, name) != 0)
		i = (i + 1) & mask;
	return i;
}

adv_rule *adv_rule_find(adv_vm *e, const char *name)
{
	if (!e->slot_count)
		return NULL;
	uint32_t k = e->rule_slots[find_slot(e, name)];
	return k ? &e->rules[k - 1] : NULL;
}

/* Room in the index for one more rule: grown (and every rule put in
 * again) before the rule is added, so that adding it cannot fail; a Lua
 * error if the table does not fit. */
static void grow_index(lua_State *L, adv_vm *e)
{
	if (e->rule_count >= UINT32_MAX - 1)
		luaL_error(L, "advisor.rule: too many rules");
	if (2 * (e->rule_count + 1) <= e->slot_count)
		return;
	size_t n = e->slot_count ? 2 * e->slot_count : 64;
	if (adv_sandbox_mem_charge(e, n * sizeof(uint32_t)) < 0)
		adv_sandbox_memory_error(L);
	uint32_t *slots = calloc(n, sizeof(uint32_t));
	if (!slots) {
		adv_sandbox_mem_release(e, n * sizeof(uint32_t));
		luaL_error(L, "out of memory");
	}
	adv_sandbox_mem_release(e, e->slot_count * sizeof(uint32_t));
	e->charged = e->charged + n * sizeof(uint32_t) - e->slot_count * sizeof(uint32_t);
	free(e->rule_slots);
	e->rule_slots = slots;
	e->slot_count = n;
	for (size_t i = 0; i < e->rule_count; i++)
		e->rule_slots[find_slot(e, e->rules[i].name)] = (uint32_t)i + 1;
}

static int valid_name(const char *s)
{
	if (!(*s >= 'a' && *s <= 'z'))
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return 0;
	return 1;
}

static const char *const rule_keys[] = { "name", "description", "score",
	"max_score", "check", "intents", "veto", "fallback", "signal", "why_not",
	"what_if", NULL };
static const char *const veto_keys[] = { "verdict", "when", "priority", NULL };

static void check_keys(lua_State *L, int t, const char *const *keys,
	const char *what)
{
	lua_pushnil(L);
	while (lua_next(L, t)) {
		int ok = 0;
		lua_pop(L, 1);
		if (lua_type(L, -1) == LUA_TSTRING)
			for (int i = 0; keys[i] && !ok; i++)
				ok = strcmp(keys[i], lua_tostring(L, -1)) == 0;
		if (!ok)
			luaL_error(L, "%s: unknown field '%s'", what,
				luaL_tolstring(L, -1, NULL));
	}
}

int adv_what_if_hides(const advisor_network *net, const adv_rule_what_if *w,
	const adv_event *ev)
{
	if (w->adds || strcmp(adv_str(net, ev->type_name), w->type) != 0)
		return 0;
	for (size_t m = 0; m < w->match_count; m++) {
		const char *v = adv_event_text(net, ev, w->matches[m].field);
		size_t k = 0;
		while (v && k < w->matches[m].value_count &&
		       strcmp(v, w->matches[m].values[k]) != 0)
			k++;
		if (!v || k == w->matches[m].value_count)
			return 0;
	}
	return 1;
}

/* One field of a what-if's `hide` (key at -2, value at -1): a string or a
 * list of strings, each a name the field takes if it is enumerated. */
static void read_what_if_match(lua_State *L, adv_rule *r,
	adv_what_if_match *m, const char *what)
{
	const char *field = lua_tostring(L, -2);
	const char *const *names = NULL;

	if (!adv_event_text_field(field, &names))
		luaL_error(L, "%s: '%s' is not an event field a what-if can match "
			"(tone, relation, ending, role, status, direction, context, "
			"org, reason, note, message)", what, field);
	m->field = rule_strdup(L, r, field);
	int single = lua_type(L, -1) == LUA_TSTRING;
	if (!single && !lua_istable(L, -1))
		luaL_error(L, "%s: '%s' must be a string or a list of strings", what, field);
	lua_Integer n = single ? 1 : luaL_len(L, -1);
	if (n < 1 || n > 64) {
		luaL_error(L, "%s: '%s' must list 1 to 64 values", what, field);
		return;
	}
	m->values = rule_calloc(L, r, (size_t)n, sizeof(char *));
	for (lua_Integer i = 1; i <= n; i++) {
		if (single)
			lua_pushvalue(L, -1);
		else
			lua_geti(L, -1, i);
		if (lua_type(L, -1) != LUA_TSTRING)
			luaL_error(L, "%s: '%s' must be a string or a list of strings", what, field);
		const char *v = lua_tostring(L, -1);
		int known = !names;
		for (int k = 1; names && names[k] && !known; k++)
			known = strcmp(names[k], v) == 0;
		if (!known)
			luaL_error(L, "%s: \"%s\" is not a %s", what, v, field);
		m->values[m->value_count++] = rule_strdup(L, r, v);
		lua_pop(L, 1);
	}
}

static const char *const what_if_keys[] = { "change", "hide", "add",
	"subject", NULL };

static int cmp_match(const void *a, const void *b)
{
	return strcmp(((const adv_what_if_match *)a)->field,
		((const adv_what_if_match *)b)->field);
}

/* The `add` of a what-if (at the top of the stack): { type = "...",
 * FIELD = "value"... }, a fact of a type advisor defines whose enumerated
 * fields (and `by`, "{mutual}") are given; its date is the day judged, so
 * that no date is given. */
static void read_what_if_add(lua_State *L, adv_rule *r, adv_rule_what_if *w,
	const char *what)
{
	int a = lua_gettop(L);

	w->adds = 1;
	lua_getfield(L, a, "type");
	int type = lua_type(L, -1) == LUA_TSTRING
		? adv_enum_lookup(adv_event_type_names, lua_tostring(L, -1)) : 0;
	if (type <= 0)
		luaL_error(L, "%s: add's 'type' must be an event type advisor defines "
			"(met, worked_together, personal, introduced, interview, message, "
			"invitation, recommendation, endorsement)", what);
	w->type = rule_strdup(L, r, lua_tostring(L, -1));
	lua_pop(L, 1);
	size_t fields = 0;
	lua_pushnil(L);
	while (lua_next(L, a)) {
		lua_pop(L, 1);
		if (lua_type(L, -1) != LUA_TSTRING)
			luaL_error(L, "%s: add's keys must be field names", what);
		fields++;
	}
	w->matches = rule_calloc(L, r, fields + 1, sizeof(*w->matches));
	lua_pushnil(L);
	while (lua_next(L, a)) {
		const char *field = lua_tostring(L, -2);
		if (strcmp(field, "type") == 0) {
			lua_pop(L, 1);
			continue;
		}
		if (lua_type(L, -1) != LUA_TSTRING)
			luaL_error(L, "%s: add's '%s' must be a string", what, field);
		const char *v = lua_tostring(L, -1);
		if (strcmp(field, "by") == 0) {
			if (strcmp(v, "{mutual}") != 0)
				luaL_error(L, "%s: add's 'by' must be \"{mutual}\" (each "
					"connection you share with them in turn)", what);
			w->by_mutual = 1;
		} else {
			/* The value checked as the file's reader would: set on an
			 * event of the type. */
			adv_event probe;
			memset(&probe, 0, sizeof(probe));
			probe.type = (uint8_t)type;
			if (adv_event_set_enum(&probe, field, v) < 0) {
				const char *const *names = NULL;
				if (adv_event_text_field(field, &names) && (names ||
				    strcmp(field, "relation") == 0))
					luaL_error(L, "%s: \"%s\" is not a %s of a %s", what, v,
						field, w->type);
				luaL_error(L, "%s: '%s' is not a field a what-if can add "
					"(tone, relation, ending, role, status, direction, by)",
					what, field);
			}
		}
		adv_what_if_match *m = &w->matches[w->match_count++];
		m->field = rule_strdup(L, r, field);
		m->values = rule_calloc(L, r, 1, sizeof(char *));
		m->values[m->value_count++] = rule_strdup(L, r, v);
		lua_pop(L, 1);
	}
	/* A table's order is its hashing's: by name, the fact's fields (and
	 * the command that records it) read the same every time. */
	qsort(w->matches, w->match_count, sizeof(*w->matches), cmp_match);
}

/* The `subject` of the what-if w, table t (default: its type); pops t. */
static void read_what_if_subject(lua_State *L, adv_rule *r,
	adv_rule_what_if *w, int t, const char *what)
{
	lua_getfield(L, t, "subject");
	if (!lua_isnil(L, -1) && (lua_type(L, -1) != LUA_TSTRING || !*lua_tostring(L, -1)))
		luaL_error(L, "%s: 'subject' must be a non-empty string", what);
	w->subject = rule_strdup(L, r, lua_isnil(L, -1) ? w->type : lua_tostring(L, -1));
	lua_pop(L, 2);
}

/* The rule's `what_if` (at the top of the stack): a list of
 * { change = "...", hide = { type = "...", FIELD = value(s)... },
 *   subject = "..." }, or the same with add = { type = "...", FIELD =
 *   value... } for a fact added. */
static void read_what_ifs(lua_State *L, adv_rule *r, const char *rule_what)
{
	char what[200];
	int list = lua_gettop(L);

	if (!lua_istable(L, list))
		luaL_error(L, "%s: 'what_if' must be a list of { change = ..., hide = { type = ..., ... } }",
			rule_what);
	lua_Integer n = luaL_len(L, list);
	if (n < 0 || n > 64) {
		luaL_error(L, "%s: 'what_if' may list at most 64 changes", rule_what);
		return;
	}
	r->what_ifs = rule_calloc(L, r, (size_t)n + 1, sizeof(*r->what_ifs));
	for (lua_Integer i = 1; i <= n; i++) {
		adv_rule_what_if *w = &r->what_ifs[r->what_if_count++];
		snprintf(what, sizeof(what), "%s: what_if[%d]", rule_what, (int)i);
		if (lua_geti(L, list, i) != LUA_TTABLE)
			luaL_error(L, "%s must be a table { change = ..., hide = { type = ..., ... } }", what);
		int t = lua_gettop(L);
		check_keys(L, t, what_if_keys, what);
		lua_getfield(L, t, "change");
		if (lua_type(L, -1) != LUA_TSTRING || !*lua_tostring(L, -1))
			luaL_error(L, "%s: 'change' must be a non-empty string", what);
		w->change = rule_strdup(L, r, lua_tostring(L, -1));
		lua_pop(L, 1);
		int hides = lua_getfield(L, t, "hide") != LUA_TNIL;
		lua_pop(L, 1);
		if (lua_getfield(L, t, "add") != LUA_TNIL) {
			if (hides || !lua_istable(L, -1))
				luaL_error(L, "%s: give either 'hide' or 'add', a table "
					"{ type = ..., FIELD = value }", what);
			read_what_if_add(L, r, w, what);
			lua_pop(L, 1);
			read_what_if_subject(L, r, w, t, what);
			continue;
		}
		lua_pop(L, 1);
		if (lua_getfield(L, t, "hide") != LUA_TTABLE)
			luaL_error(L, "%s: 'hide' (or 'add') must be a table { type = ..., FIELD = value(s) }", what);
		int h = lua_gettop(L);
		lua_getfield(L, h, "type");
		if (lua_type(L, -1) != LUA_TSTRING || !*lua_tostring(L, -1))
			luaL_error(L, "%s: hide's 'type' must be an event type", what);
		w->type = rule_strdup(L, r, lua_tostring(L, -1));
		lua_pop(L, 1);
		size_t fields = 0;
		lua_pushnil(L);
		while (lua_next(L, h)) {
			lua_pop(L, 1);
			if (lua_type(L, -1) != LUA_TSTRING)
				luaL_error(L, "%s: hide's keys must be field names", what);
			fields++;
		}
		w->matches = rule_calloc(L, r, fields + 1, sizeof(*w->matches));
		lua_pushnil(L);
		while (lua_next(L, h)) {
			if (strcmp(lua_tostring(L, -2), "type") != 0)
				read_what_if_match(L, r, &w->matches[w->match_count++], what);
			lua_pop(L, 1);
		}
		lua_pop(L, 1);
		read_what_if_subject(L, r, w, t, what);
	}
}

/* A veto forces a verdict; a note comes only from scores, so there is no
 * veto to connect_with_note (index = advisor_verdict). */
static const char *const verdict_names[] = { "connect", "", "wait",
	"dont_connect", "", "invited", NULL };

/* Fill r from the spec table at index t; every problem is a load error. */
static void read_rule_spec(lua_State *L, int t, adv_rule *r)
{
	char what[160];

	lua_getfield(L, t, "name");
	if (!lua_isstring(L, -1) || !valid_name(lua_tostring(L, -1)))
		luaL_error(L, "advisor.rule: 'name' must be a lower-case word "
			"(a-z, 0-9, _), got %s", lua_type(L, -1) == LUA_TSTRING
			? lua_pushfstring(L, "\"%s\"", lua_tostring(L, -1))
			: luaL_typename(L, -1));
	r->name = rule_strdup(L, r, lua_tostring(L, -1));
	lua_pop(L, 1);
	snprintf(what, sizeof(what), "advisor.rule '%s'", r->name);
	check_keys(L, t, rule_keys, what);

	lua_getfield(L, t, "description");
	if (lua_type(L, -1) != LUA_TSTRING || !*lua_tostring(L, -1))
		luaL_error(L, "%s: 'description' must be a non-empty string", what);
	r->description = rule_strdup(L, r, lua_tostring(L, -1));
	lua_pop(L, 1);

	lua_getfield(L, t, "score");
	if (!lua_isnil(L, -1)) {
		if (lua_type(L, -1) != LUA_TNUMBER || !isfinite(lua_tonumber(L, -1)))
			luaL_error(L, "%s: 'score' must be a number", what);
		r->score = lua_tonumber(L, -1);
	}
	lua_pop(L, 1);

	/* For a rule whose check returns its own score: the most it will,
	 * which the lint adds up and the engine holds it to. */
	lua_getfield(L, t, "max_score");
	if (!lua_isnil(L, -1)) {
		if (lua_type(L, -1) != LUA_TNUMBER || !isfinite(lua_tonumber(L, -1)) ||
		    lua_tonumber(L, -1) < 0)
			luaL_error(L, "%s: 'max_score' must be a number, 0 or more", what);
		r->max_score = lua_tonumber(L, -1);
		r->has_max_score = 1;
	}
	lua_pop(L, 1);

	lua_getfield(L, t, "fallback");
	r->fallback = lua_toboolean(L, -1);
	lua_pop(L, 1);

	lua_getfield(L, t, "signal");
	if (!lua_isnil(L, -1) && !lua_isboolean(L, -1))
		luaL_error(L, "%s: 'signal' must be true or false", what);
	r->signal = lua_toboolean(L, -1);
	lua_pop(L, 1);

	/* A string, or a function saying it for one person: kept in the
	 * registry, as check is. */
	lua_getfield(L, t, "why_not");
	if (lua_isfunction(L, -1)) {
		r->why_not_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	} else {
		if (!lua_isnil(L, -1) && (lua_type(L, -1) != LUA_TSTRING || !*lua_tostring(L, -1)))
			luaL_error(L, "%s: 'why_not' must be a non-empty string or a "
				"function(person, request)", what);
		if (!lua_isnil(L, -1))
			r->why_not = rule_strdup(L, r, lua_tostring(L, -1));
		lua_pop(L, 1);
	}

	lua_getfield(L, t, "what_if");
	if (!lua_isnil(L, -1))
		read_what_ifs(L, r, what);
	lua_pop(L, 1);

	lua_getfield(L, t, "intents");
	if (!lua_isnil(L, -1)) {
		if (!lua_istable(L, -1))
			luaL_error(L, "%s: 'intents' must be a list of words", what);
		lua_Integer n = luaL_len(L, -1);
		if (n < 0)
			luaL_error(L, "%s: 'intents' must be a list of words", what);
		r->intents = rule_calloc(L, r, (size_t)n + 1, sizeof(char *));
		for (lua_Integer i = 1; i <= n; i++) {
			lua_geti(L, -1, i);
			if (lua_type(L, -1) != LUA_TSTRING || !valid_name(lua_tostring(L, -1)))
				luaL_error(L, "%s: intents[%d] must be a lower-case word",
					what, (int)i);
			r->intents[r->intent_count++] = rule_strdup(L, r, lua_tostring(L, -1));
			lua_pop(L, 1);
		}
	}
	lua_pop(L, 1);

	lua_getfield(L, t, "veto");
	if (!lua_isnil(L, -1)) {
		int v = lua_gettop(L);
		if (!lua_istable(L, v))
			luaL_error(L, "%s: 'veto' must be a table { verdict = ..., when = ..., priority = ... }", what);
		check_keys(L, v, veto_keys, what);
		lua_getfield(L, v, "verdict");
		const char *verdict = lua_type(L, -1) == LUA_TSTRING
			? lua_tostring(L, -1) : NULL;
		int found = -1;
		for (int i = 0; verdict && verdict_names[i]; i++)
			if (*verdict_names[i] && strcmp(verdict, verdict_names[i]) == 0)
				found = i;
		if (found < 0)
			luaL_error(L, "%s: veto verdict '%s' is unknown; expected one of "
				"connect, wait, dont_connect, invited", what,
				verdict ? verdict : luaL_typename(L, -1));
		r->has_veto = 1;
		r->veto_verdict = (advisor_verdict)found;
		lua_pop(L, 1);
		lua_getfield(L, v, "when");
		const char *when = luaL_optstring(L, -1, "always");
		if (strcmp(when, "always") == 0)
			r->veto_when = ADV_VETO_BOTH;
		else if (strcmp(when, "outgoing") == 0)
			r->veto_when = ADV_VETO_OUTGOING;
		else if (strcmp(when, "incoming") == 0)
			r->veto_when = ADV_VETO_INCOMING;
		else
			luaL_error(L, "%s: veto 'when' must be \"always\", \"outgoing\" or \"incoming\"", what);
		lua_pop(L, 1);
		lua_getfield(L, v, "priority");
		r->veto_priority = luaL_optnumber(L, -1, 0);
		lua_pop(L, 1);
	}
	lua_pop(L, 1);

	lua_getfield(L, t, "check");
	if (!lua_isfunction(L, -1))
		luaL_error(L, "%s: 'check' must be a function(person, request)", what);
	r->check_ref = luaL_ref(L, LUA_REGISTRYINDEX);
}

/* A rule under construction lives in a userdata whose __gc frees what it
 * holds, so that a spec error thrown half-way leaks nothing. */
static int pending_rule_gc(lua_State *L)
{
	adv_rule *r = lua_touserdata(L, 1);
	free_rule(adv_vm_of(L), L, r);
	return 0;
}

/** advisor.rule{ name, description, score, max_score, check, intents, veto,
 * fallback, signal, why_not, what_if }
 * declares a rule; a later layer's rule of the same name replaces it. */
static int mod_rule(lua_State *L)
{
	adv_vm *e = loading_engine(L, "rule");
	lua_Debug ar;

	luaL_checktype(L, 1, LUA_TTABLE);
	lua_settop(L, 1);
	adv_rule *r = lua_newuserdatauv(L, sizeof(*r), 0);
	memset(r, 0, sizeof(*r));
	r->check_ref = r->why_not_ref = LUA_NOREF;
	if (luaL_newmetatable(L, "advisor.pending_rule")) {
		lua_pushcfunction(L, pending_rule_gc);
		lua_setfield(L, -2, "__gc");
	}
	lua_setmetatable(L, -2);
	r->layer = e->loading_layer;
	if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "Sl", &ar)) {
		r->file = rule_strdup(L, r, ar.short_src);
		r->line = ar.currentline;
	}
	read_rule_spec(L, 1, r);

	adv_rule *old = adv_rule_find(e, r->name);
	if (old && old->layer == r->layer)
		return luaL_error(L, "advisor.rule: '%s' is already declared at %s:%d",
			old->name, old->file ? old->file : "?", old->line);
	if (!old && e->rule_count == e->rule_cap) {
		size_t cap = e->rule_cap ? e->rule_cap * 2 : 16;
		if (adv_sandbox_mem_charge(e, (cap - e->rule_cap) * sizeof(adv_rule)) < 0)
			return adv_sandbox_memory_error(L);
		adv_rule *p = realloc(e->rules, cap * sizeof(*p));
		if (!p) {
			adv_sandbox_mem_release(e, (cap - e->rule_cap) * sizeof(adv_rule));
			return luaL_error(L, "out of memory");
		}
		e->charged += (cap - e->rule_cap) * sizeof(adv_rule);
		e->rules = p;
		e->rule_cap = cap;
	}
	if (old) {
		/* A higher layer replaces it in place; say what it replaced. */
		const char *was = lua_pushfstring(L, "%s:%d (%s)",
			old->file ? old->file : "?", old->line,
			adv_layer_name(e, old->layer));
		r->replaced = rule_strdup(L, r, was);
		lua_pop(L, 1);
		free_rule(e, L, old);
	} else {
		grow_index(L, e);
		old = &e->rules[e->rule_count++];
		e->rule_slots[find_slot(e, r->name)] = (uint32_t)e->rule_count;
	}
	*old = *r;
	memset(r, 0, sizeof(*r)); /* now owned by the engine */
	r->check_ref = r->why_not_ref = LUA_NOREF;
	return 0;
}

/** advisor.off(name) switches off a rule a lower layer declared. */
static int mod_off(lua_State *L)
{
	adv_vm *e = loading_engine(L, "off");
	const char *name = luaL_checkstring(L, 1);
	adv_rule *r = adv_rule_find(e, name);

	lua_Debug ar;

	if (!r)
		return luaL_error(L, "advisor.off: no rule named '%s' to switch off", name);
	if (r->off)
		adv_warn(e, "advisor.off: rule '%s' is already switched off (by %s)",
			name, r->off_where ? r->off_where : "?");
	r->off = 1;
	if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "Sl", &ar)) {
		char *where = rule_strdup(L, r, lua_pushfstring(L, "%s:%d",
			ar.short_src, ar.currentline));
		adv_rule_free_str(e, r, r->off_where);
		r->off_where = where;
	}
	return 0;
}

adv_setting *adv_setting_find(adv_vm *e, const char *name)
{
	for (size_t i = 0; i < e->setting_count; i++)
		if (strcmp(e->settings[i].name, name) == 0)
			return &e->settings[i];
	return NULL;
}

void adv_setting_names(const adv_vm *e, char *buf, size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < e->setting_count && len < size; i++) {
		int n = snprintf(buf + len, size - len, "%s%s", i ? ", " : "",
			e->settings[i].name);
		len += n > 0 ? (size_t)n : 0;
	}
	if (!e->setting_count)
		snprintf(buf, size, "none");
}

static const char *const setting_kind_names[] = { NULL, "a number",
	"a string", "true or false" };

/* The file of the Lua code that called the function now running. */
static const char *caller_file(lua_State *L)
{
	lua_Debug ar;
	if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "S", &ar))
		return lua_pushstring(L, ar.short_src);
	return lua_pushliteral(L, "?");
}

/* advisor.settings's NAME = value (key at -2, value at -1): the shipped
 * policy declares the setting; a layer changes the value of one declared,
 * keeping its kind (a new name there is a misspelling, and an error). */
static void set_setting(lua_State *L, adv_vm *e)
{
	const char *name = lua_tostring(L, -2);
	int t = lua_type(L, -1);
	adv_setting_kind kind = t == LUA_TNUMBER ? ADV_SETTING_NUMBER
		: t == LUA_TSTRING ? ADV_SETTING_STRING
		: t == LUA_TBOOLEAN ? ADV_SETTING_BOOLEAN : 0;
	adv_setting *s = adv_setting_find(e, name);

	if (!valid_name(name))
		luaL_error(L, "advisor.settings: '%s' is not a setting name (a "
			"lower-case word: a-z, 0-9, _)", name);
	if (!kind || (kind == ADV_SETTING_NUMBER && !isfinite(lua_tonumber(L, -1))))
		luaL_error(L, "advisor.settings: '%s' must be a number, a string or "
			"true or false, got %s", name, kind ? "a number that is not "
			"finite" : luaL_typename(L, -1));
	if (!s && e->loading_layer > 0) {
		char names[512];
		adv_setting_names(e, names, sizeof(names));
		luaL_error(L, "advisor.settings: unknown field '%s'; expected "
			"threshold, note_limit or a setting of the policy (%s)",
			name, names);
	}
	if (s && s->kind != kind)
		luaL_error(L, "advisor.settings: '%s' is %s (set by %s); got %s",
			name, setting_kind_names[s->kind], s->where,
			setting_kind_names[kind]);
	if (!s) {
		if (e->setting_count == e->setting_cap) {
			size_t cap = e->setting_cap ? e->setting_cap * 2 : 8;
			adv_setting *p = realloc(e->settings, cap * sizeof(*p));
			if (!p)
				luaL_error(L, "out of memory");
			e->settings = p;
			e->setting_cap = cap;
		}
		s = &e->settings[e->setting_count];
		memset(s, 0, sizeof(*s));
		s->name = vm_strdup(L, name);
		s->kind = kind;
		e->setting_count++;
	}
	char *where = vm_strdup(L, caller_file(L));
	lua_pop(L, 1);
	adv_vm_free_str(e, s->where);
	s->where = where;
	if (kind == ADV_SETTING_STRING) {
		char *v = vm_strdup(L, lua_tostring(L, -1));
		adv_vm_free_str(e, s->string);
		s->string = v;
	} else if (kind == ADV_SETTING_NUMBER) {
		s->number = lua_tonumber(L, -1);
	} else {
		s->boolean = lua_toboolean(L, -1);
	}
}

/** advisor.settings{ threshold = n, note_limit = n, NAME = value ... }:
 * the engine's two numbers, and the policy's own settings. */
static int mod_settings(lua_State *L)
{
	adv_vm *e = loading_engine(L, "settings");

	luaL_checktype(L, 1, LUA_TTABLE);
	lua_settop(L, 1);
	lua_pushnil(L);
	while (lua_next(L, 1)) {
		const char *key = lua_type(L, -2) == LUA_TSTRING
			? lua_tostring(L, -2) : NULL;
		if (!key)
			return luaL_error(L, "advisor.settings: unknown field '%s'",
				luaL_tolstring(L, -2, NULL));
		if (strcmp(key, "threshold") != 0 && strcmp(key, "note_limit") != 0)
			set_setting(L, e);
		lua_pop(L, 1);
	}
	lua_getfield(L, 1, "threshold");
	if (!lua_isnil(L, -1)) {
		if (lua_type(L, -1) != LUA_TNUMBER || !isfinite(lua_tonumber(L, -1)))
			return luaL_error(L, "advisor.settings: 'threshold' must be a number");
		e->threshold = lua_tonumber(L, -1);
	}
	lua_getfield(L, 1, "note_limit");
	if (!lua_isnil(L, -1)) {
		lua_Integer n;
		if (!lua_isinteger(L, -1) || (n = lua_tointeger(L, -1)) < ADV_NOTE_LIMIT_MIN ||
		    n > ADV_NOTE_LIMIT_MAX)
			return luaL_error(L, "advisor.settings: 'note_limit' must be an integer from %d to %d",
				ADV_NOTE_LIMIT_MIN, ADV_NOTE_LIMIT_MAX);
		/* The shipped policy's is a ceiling; a layer's is the limit. */
		if (e->loading_layer > 0)
			e->note_limit_layer = (unsigned int)n;
		else
			e->note_limit = (unsigned int)n;
	}
	return 0;
}

/** advisor.setting(name) -> the value of a setting the policy declared
 * (with advisor.settings), as the layers and settings.json left it. */
static int mod_setting(lua_State *L)
{
	adv_vm *e = advising_engine(L, "setting");
	const char *name = luaL_checkstring(L, 1);
	const adv_setting *s = adv_setting_find(e, name);

	if (!s) {
		char names[512];
		adv_setting_names(e, names, sizeof(names));
		return luaL_error(L, "advisor.setting: no setting named '%s'; the "
			"policy's settings are: %s", name, names);
	}
	if (s->kind == ADV_SETTING_NUMBER && s->number == floor(s->number) &&
	    fabs(s->number) < 9007199254740992.0)
		lua_pushinteger(L, (lua_Integer)s->number); /* 180, not 180.0 */
	else if (s->kind == ADV_SETTING_NUMBER)
		lua_pushnumber(L, s->number);
	else if (s->kind == ADV_SETTING_STRING)
		lua_pushstring(L, s->string);
	else
		lua_pushboolean(L, s->boolean);
	return 1;
}

/* Set a hook of the policy (the function, or for the plan the table of
 * functions, at 1) in *ref, and where it was set in *file and *line, for
 * messages. */
static int set_hook(lua_State *L, adv_vm *e, int *ref, char **file, int *line)
{
	lua_Debug ar;

	if (!lua_istable(L, 1))
		luaL_checktype(L, 1, LUA_TFUNCTION);
	lua_settop(L, 1);
	if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "Sl", &ar)) {
		const char *src = ar.short_src;
		if (adv_sandbox_mem_charge(e, strlen(src) + 1) < 0)
			adv_sandbox_memory_error(L);
		e->charged += strlen(src) + 1;
		char *copy = strdup(src);
		if (!copy)
			return luaL_error(L, "out of memory");
		if (*file)
			adv_sandbox_mem_release(e, strlen(*file) + 1);
		free(*file);
		*file = copy;
		*line = ar.currentline;
	}
	luaL_unref(L, LUA_REGISTRYINDEX, *ref);
	*ref = luaL_ref(L, LUA_REGISTRYINDEX);
	return 0;
}

/** advisor.note(function(person, request, parts) -> text) sets the note
 * composer: parts are the note lines of the rules that asked for one. */
static int mod_note(lua_State *L)
{
	adv_vm *e = loading_engine(L, "note");
	return set_hook(L, e, &e->note_ref, &e->note_file, &e->note_line);
}

/** advisor.suggest(function(person, request) -> list) sets the hook that
 * proposes facts to record: { { fact = { type = ..., NAME = value },
 * why = "..." }, ... }, read by the engine (engine.c). */
static int mod_suggest(lua_State *L)
{
	adv_vm *e = loading_engine(L, "suggest");
	return set_hook(L, e, &e->suggest_ref, &e->suggest_file,
		&e->suggest_line);
}

/** advisor.plan{ limits = f, rank = f, note = f } sets the week's plan's
 * policy (core/plan/plan.c calls them): limits(me) -> { invitations_a_week
 * = n, notes_a_month = n or nil }, rank(candidate, person) -> a number,
 * higher first, note(candidate, person) -> how much the note matters, or
 * nil. */
static int mod_plan(lua_State *L)
{
	static const char *const fns[] = { "limits", "rank", "note" };
	adv_vm *e = loading_engine(L, "plan");

	luaL_checktype(L, 1, LUA_TTABLE);
	for (size_t i = 0; i < sizeof(fns) / sizeof(fns[0]); i++) {
		if (lua_getfield(L, 1, fns[i]) != LUA_TFUNCTION)
			return luaL_error(L, "advisor.plan: %s is %s; expected a "
				"function", fns[i], luaL_typename(L, -1));
		lua_pop(L, 1);
	}
	return set_hook(L, e, &e->plan_ref, &e->plan_file, &e->plan_line);
}

/* ------------------------------------------------------------------------
 * Primitives
 * ------------------------------------------------------------------------ */

/** advisor.person(id) -> the person with this id (or me), or nil. */
static int mod_person(lua_State *L)
{
	adv_vm *e = advising_engine(L, "person");
	const adv_person *p = adv_network_person(e->net, luaL_checkstring(L, 1));
	if (p)
		adv_lua_push_person(L, p);
	else
		lua_pushnil(L);
	return 1;
}

/** advisor.me() -> you, the network's owner. */
static int mod_me(lua_State *L)
{
	adv_vm *e = advising_engine(L, "me");
	adv_lua_push_person(L, &e->net->me);
	return 1;
}

/* The graph and the nodes of the two people at arguments 1 and 2; NULL
 * when either is a transient person (a person given inline whom the
 * network does not have), who shares no one with anybody and is no
 * distance from anyone. */
static const adv_graph *two_people(lua_State *L, const char *fn, uint32_t *a,
	uint32_t *b)
{
	adv_vm *e = advising_engine(L, fn);
	*a = adv_lua_check_node(L, 1);
	*b = adv_lua_check_node(L, 2);
	return *a == ADV_NO_NODE || *b == ADV_NO_NODE ? NULL : &e->net->graph;
}

/** advisor.mutuals(a, b [, limit]) -> list of the ids a and b are both
 * linked to (at most limit of them, in id order of the graph), and how many
 * there are in all. */
static int mod_mutuals(lua_State *L)
{
	uint32_t a, b;
	const adv_graph *g = two_people(L, "mutuals", &a, &b);
	adv_vm *e = adv_vm_of(L);
	lua_Integer limit = luaL_optinteger(L, 3, LUA_MAXINTEGER);
	luaL_argcheck(L, limit >= 0, 3, "limit must be >= 0");
	if (!g) {
		lua_newtable(L);
		lua_pushinteger(L, 0);
		return 2;
	}
	uint32_t da = adv_graph_degree(g, a), db = adv_graph_degree(g, b);

	uint32_t small[256], *buf = small;
	if ((da < db ? da : db) > 256) /* a large list: Lua owns it, errors free it */
		buf = lua_newuserdatauv(L, (size_t)(da < db ? da : db) * 4, 0);
	size_t n = adv_graph_mutuals(g, a, b, buf);
	size_t shown = (lua_Integer)n < limit ? n : (size_t)limit;

	lua_createtable(L, (int)shown, 0);
	for (size_t i = 0; i < shown; i++) {
		lua_pushstring(L, adv_node_id(e->net, buf[i]));
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	lua_pushinteger(L, (lua_Integer)n);
	return 2;
}

/* The list adv_mentions() handed out, in a userdata whose __gc frees it,
 * so that a memory error while the people are pushed leaks nothing. */
static int mentions_gc(lua_State *L)
{
	const adv_person ***box = lua_touserdata(L, 1);
	free(*box);
	*box = NULL;
	return 0;
}

/** advisor.mentions(text) -> the people of the network the text names
 * (network/mentions.h: a whole name or a first name and another, folded,
 * and naming one person only), each once, in the order first named; you
 * among them if your name is there. */
static int mod_mentions(lua_State *L)
{
	adv_vm *e = advising_engine(L, "mentions");
	size_t len, n, words = 1;
	const char *text = luaL_checklstring(L, 1, &len);

	if (strlen(text) != len)
		return luaL_argerror(L, 1, "text holds a NUL byte");
	for (size_t i = 0; i < len; i++)
		words += text[i] == ' ';
	/* Every name is folded and looked for at each word: charged before
	 * the work, as the pattern functions are. */
	adv_sandbox_charge(L, (uint64_t)(e->net->people_count + 1) *
		(16 + words / 4) + len / 16);
	const adv_person ***box = lua_newuserdatauv(L, sizeof(*box), 0);
	*box = NULL;
	if (luaL_newmetatable(L, "advisor.mentions")) {
		lua_pushcfunction(L, mentions_gc);
		lua_setfield(L, -2, "__gc");
	}
	lua_setmetatable(L, -2);
	if (adv_mentions(e->net, text, box, &n) < 0)
		return luaL_error(L, "out of memory");
	lua_createtable(L, n < INT32_MAX ? (int)n : 0, 0);
	for (size_t i = 0; i < n; i++) {
		adv_lua_push_person(L, (*box)[i]);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	free(*box);
	*box = NULL;
	return 1;
}

/** advisor.mutual_count(a, b) -> how many connections a and b share. */
static int mod_mutual_count(lua_State *L)
{
	uint32_t a, b;
	const adv_graph *g = two_people(L, "mutual_count", &a, &b);
	lua_pushinteger(L, g ? (lua_Integer)adv_graph_mutual_count(g, a, b) : 0);
	return 1;
}

/** advisor.jaccard(a, b) -> shared / combined connections, 0 to 1. */
static int mod_jaccard(lua_State *L)
{
	uint32_t a, b;
	const adv_graph *g = two_people(L, "jaccard", &a, &b);
	lua_pushnumber(L, g ? adv_graph_jaccard(g, a, b) : 0);
	return 1;
}

/** advisor.adamic_adar(a, b) -> sum of 1/ln(degree) over shared connections. */
static int mod_adamic_adar(lua_State *L)
{
	uint32_t a, b;
	const adv_graph *g = two_people(L, "adamic_adar", &a, &b);
	lua_pushnumber(L, g ? adv_graph_adamic_adar(g, a, b) : 0);
	return 1;
}

/** advisor.resource_allocation(a, b) -> sum of 1/degree over shared connections. */
static int mod_resource_allocation(lua_State *L)
{
	uint32_t a, b;
	const adv_graph *g = two_people(L, "resource_allocation", &a, &b);
	lua_pushnumber(L, g ? adv_graph_resource_allocation(g, a, b) : 0);
	return 1;
}

/** advisor.degrees(a, b [, max = 6]) -> degrees of separation, or nil if
 * farther than max (at most 32). */
static int mod_degrees(lua_State *L)
{
	uint32_t a, b;
	const adv_graph *g = two_people(L, "degrees", &a, &b);
	lua_Integer max = luaL_optinteger(L, 3, 6);
	int d;

	luaL_argcheck(L, max >= 1 && max <= 32, 3, "max must be from 1 to 32");
	d = !g ? -1 : adv_graph_distance(g, a, b, (int)max, &adv_vm_of(L)->walk);
	if (d == -2)
		return luaL_error(L, "out of memory");
	if (d < 0)
		lua_pushnil(L);
	else
		lua_pushinteger(L, d);
	return 1;
}

static int32_t check_day(lua_State *L, int i)
{
	const adv_event *ev;
	adv_date d;
	const char *s;

	if ((ev = adv_lua_to_event(L, i))) {
		/* The event's day, or where it has none its span's end. */
		d = ev->date.precision ? ev->date : ev->to.precision ? ev->to : ev->from;
		if (!d.precision)
			luaL_argerror(L, i, "the event has no date");
		return d.day;
	}
	s = luaL_checkstring(L, i);
	if (adv_date_parse(&d, s) < 0)
		luaL_error(L, "'%s' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)", s);
	return d.day;
}

/** advisor.days_since(date_or_event) -> days from it to the request's as_of. */
static int mod_days_since(lua_State *L)
{
	adv_vm *e = advising_engine(L, "days_since");
	lua_pushinteger(L, (lua_Integer)e->as_of.day - check_day(L, 1));
	return 1;
}

/** advisor.days_between(a, b) -> days from date a to date b. */
static int mod_days_between(lua_State *L)
{
	int32_t a = check_day(L, 1), b = check_day(L, 2);
	lua_pushinteger(L, (lua_Integer)b - a);
	return 1;
}

/** advisor.fit(text, limit) -> text shortened to at most limit characters
 * (code points), at a word boundary, ending in an ellipsis if cut. */
static int mod_fit(lua_State *L)
{
	size_t len;
	const char *s = luaL_checklstring(L, 1, &len);
	lua_Integer limit = luaL_checkinteger(L, 2);
	luaL_Buffer b;

	luaL_argcheck(L, limit >= 1 && limit <= 100000, 2, "limit must be from 1 to 100000");
	if (adv_utf8_invalid_at(s, len) != len)
		return luaL_error(L, "advisor.fit: text is not valid UTF-8");
	char *out = luaL_buffinitsize(L, &b, len + 4);
	luaL_pushresultsize(&b, adv_text_fit(s, len, (size_t)limit, out, len + 4));
	return 1;
}

/** advisor.chars(text) -> length in characters (code points). */
static int mod_chars(lua_State *L)
{
	size_t len;
	const char *s = luaL_checklstring(L, 1, &len);
	lua_pushinteger(L, (lua_Integer)adv_utf8_length(s, len));
	return 1;
}

/** advisor.is_signal(name) -> whether the active rule of that name declared
 * itself a score-only signal (signal = true): it adds to the score but is
 * no reason to connect on its own.  False for a name no rule has. */
static int mod_is_signal(lua_State *L)
{
	const char *name = luaL_checkstring(L, 1);
	const adv_rule *r = adv_rule_find(adv_vm_of(L), name);
	lua_pushboolean(L, r && !r->off && r->signal);
	return 1;
}

static const luaL_Reg module[] = {
	{ "rule", mod_rule },
	{ "off", mod_off },
	{ "settings", mod_settings },
	{ "setting", mod_setting },
	{ "note", mod_note },
	{ "suggest", mod_suggest },
	{ "plan", mod_plan },
	{ "person", mod_person },
	{ "me", mod_me },
	{ "mutuals", mod_mutuals },
	{ "mutual_count", mod_mutual_count },
	{ "mentions", mod_mentions },
	{ "jaccard", mod_jaccard },
	{ "adamic_adar", mod_adamic_adar },
	{ "resource_allocation", mod_resource_allocation },
	{ "degrees", mod_degrees },
	{ "days_since", mod_days_since },
	{ "days_between", mod_days_between },
	{ "fit", mod_fit },
	{ "chars", mod_chars },
	{ "is_signal", mod_is_signal },
	{ NULL, NULL }
};

void adv_lua_open_module(lua_State *L)
{
	luaL_newlib(L, module);
	lua_pushliteral(L, ADVISOR_VERSION_STRING);
	lua_setfield(L, -2, "version");
}

void adv_rules_free(adv_vm *e)
{
	for (size_t i = 0; i < e->rule_count; i++)
		free_rule(e, NULL, &e->rules[i]);
	free(e->rules);
	e->rules = NULL;
	free(e->rule_slots);
	e->rule_slots = NULL;
	e->slot_count = 0;
	e->rule_count = e->rule_cap = 0;
	for (size_t i = 0; i < e->setting_count; i++) {
		free(e->settings[i].name);
		free(e->settings[i].string);
		free(e->settings[i].where);
	}
	free(e->settings);
	e->settings = NULL;
	e->setting_count = e->setting_cap = 0;
}
