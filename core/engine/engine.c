/*
 * engine.c - engines, and the evaluation of one request.
 *
 * The policy declares its rules; the engine runs them and decides, in this
 * order (docs/policy.md): an already connected person needs no rules; otherwise
 * every rule's check runs (fallback rules last, seeing what fired); a veto
 * that applies decides, the strongest first; else the scores add up against
 * the threshold, and a rule that asked for a note makes it
 * connect_with_note.  Anything going wrong in Lua ends the request with an
 * error, never with a verdict.
 */
#include <lauxlib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "engine/engine.h"
#include "engine/fact.h"
#include "engine/inline.h"
#include "engine/result.h"
#include "util/error.h"
#include "util/utf8.h"

/* "default", then "+user" for the user's folder and "+" each folder's
 * base name. */
static char *join_layer_names(const char *const *layers, size_t n, int user)
{
	size_t len = sizeof("default+user");
	for (size_t i = 0; i < n; i++)
		len += strlen(layers[i]) + 1;
	char *name = malloc(len);
	if (!name)
		return NULL;
	strcpy(name, user ? "default+user" : "default");
	for (size_t i = user ? 1 : 0; i < n; i++) {
		const char *base = layers[i], *end = base + strlen(base);
		while (end > base && end[-1] == '/')
			end--;
		const char *slash = end;
		while (slash > base && slash[-1] != '/')
			slash--;
		strcat(name, "+");
		strncat(name, slash, (size_t)(end - slash));
	}
	return name;
}

int advisor_engine_new(advisor_engine **out, const advisor_engine_options *opts,
	advisor_error *err)
{
	advisor_engine_options defaults = ADVISOR_ENGINE_OPTIONS_INIT;
	advisor_engine *e;
	int rc;
	adv_error_clear(err);

	if (!out)
		return adv_error_set(err, ADVISOR_EINVAL, "advisor_engine_new: out is NULL");
	*out = NULL;
	if (!opts)
		opts = &defaults;
	if ((rc = adv_check_version(err, "advisor_engine_options", opts->version,
			ADVISOR_ENGINE_OPTIONS_VERSION)) < 0)
		return rc;
	const char *user = opts->user_policy;
	struct stat st;
	int has_user = user && stat(user, &st) == 0 && S_ISDIR(st.st_mode);
	if (opts->policy_layer_count && !opts->policy_layers)
		return adv_error_set(err, ADVISOR_EINVAL,
			"advisor_engine_new: policy_layers is NULL");
	if (!(e = calloc(1, sizeof(*e))))
		return adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
	e->vm.env_ref = LUA_NOREF;
	e->vm.note_ref = LUA_NOREF;
	e->vm.suggest_ref = LUA_NOREF;
	e->vm.plan_ref = LUA_NOREF;
	e->vm.loading_layer = -1;
	e->vm.warning = opts->warning;
	e->vm.warning_payload = opts->warning_payload;
	/* Unset: the shipped settings.lua sets them (adv_policy_load checks). */
	e->vm.threshold = NAN;
	e->vm.note_limit = 0;
	e->vm.note_limit_option = opts->note_limit;
	e->vm.mem_limit = opts->memory_limit ? opts->memory_limit : ADV_DEFAULT_MEMORY;
	e->vm.budget_limit = opts->instruction_limit ? opts->instruction_limit
		: ADV_DEFAULT_INSTRUCTIONS;
	uint64_t ms = opts->time_limit_ms
		? opts->time_limit_ms : ADV_DEFAULT_TIME_MS;
	e->vm.time_limit_ns = (ms < UINT64_MAX / 2000000ULL ? ms
		: UINT64_MAX / 2000000ULL) * 1000000ULL; /* now + limit cannot wrap */
	rc = ADVISOR_ENOMEM;
	e->vm.layers = calloc(opts->policy_layer_count + 2, sizeof(char *));
	if (!e->vm.layers)
		goto fail;
	if (has_user) {
		if (!(e->vm.layers[0] = strdup(user)))
			goto fail;
		e->vm.layer_count++;
		e->vm.user_layer = 1;
	}
	for (size_t i = 0; i < opts->policy_layer_count; i++) {
		if (!opts->policy_layers[i]) {
			rc = adv_error_set(err, ADVISOR_EINVAL,
				"advisor_engine_new: policy_layers[%zu] is NULL", i);
			goto fail;
		}
		if (!(e->vm.layers[e->vm.layer_count] = strdup(opts->policy_layers[i])))
			goto fail;
		e->vm.layer_count++;
	}
	if (!(e->vm.policy_name = join_layer_names((const char *const *)e->vm.layers,
						  e->vm.layer_count, has_user)))
		goto fail;
	if ((rc = adv_sandbox_open(&e->vm, err)) < 0)
		goto fail;
	adv_sandbox_budget(&e->vm, e->vm.budget_limit);
	if ((rc = adv_policy_load(&e->vm, err)) < 0 ||
	    (rc = adv_sandbox_freeze(&e->vm, err)) < 0 ||
	    (rc = adv_engine_rule_info(e, err)) < 0)
		goto fail;
	/* Requests make many small short-lived objects: the generational
	 * collector handles those with less work than the incremental one. */
	lua_gc(e->vm.L, LUA_GCGEN, 0, 0);
	*out = e;
	return ADVISOR_OK;
fail:
	if (rc == ADVISOR_ENOMEM && (!err || err->code != ADVISOR_ENOMEM))
		adv_error_set(err, ADVISOR_ENOMEM, "out of memory creating the engine");
	advisor_engine_free(e);
	return rc;
}

void advisor_engine_free(advisor_engine *e)
{
	if (!e)
		return;
	if (e->vm.L)
		lua_close(e->vm.L);
	adv_sandbox_release_blocks(&e->vm);
	adv_rules_free(&e->vm);
	free(e->rule_info);
	free(e->rule_intents);
	free(e->vm.intents); /* the strings belong to the rules */
	for (size_t i = 0; i < e->vm.layer_count; i++)
		free(e->vm.layers[i]);
	free(e->vm.layers);
	free(e->vm.policy_name);
	free(e->vm.note_file);
	free(e->vm.suggest_file);
	free(e->vm.plan_file);
	adv_walk_free(&e->vm.walk);
	free(e);
}

const char *advisor_engine_policy_name(const advisor_engine *e)
{
	return e ? e->vm.policy_name : NULL;
}

size_t advisor_engine_intent_count(const advisor_engine *e)
{
	return e ? e->vm.intent_count : 0;
}

const char *advisor_engine_intent(const advisor_engine *e, size_t i)
{
	return e && i < e->vm.intent_count ? e->vm.intents[i] : NULL;
}

/* ------------------------------------------------------------------------
 * One request
 * ------------------------------------------------------------------------ */

typedef struct fired_rule {
	const adv_rule *rule;
	double score;
	char *detail;
	char *note;
	unsigned int no_note_fits; /* the limit it says no note fits, or 0 */
	int withdraw;         /* it advises withdrawing your invitation */
	int veto_applies;
} fired_rule;

/* Everything C owns during one request lives here, outside the Lua stack,
 * so that an error unwinding through Lua leaks nothing. */
typedef struct evaluation {
	advisor_engine *e;
	const adv_person *person;
	const advisor_request *req;
	advisor_direction direction;
	fired_rule *fired;
	size_t count;
	int person_idx, request_idx; /* stack slots */
	advisor_result *result;
	advisor_error *err;
	int rc;
	/* The bytes of the copies this request made (details, notes, the
	 * result's texts), charged to the state's memory cap until it ends:
	 * a request's memory is its Lua state's and its copies' together. */
	size_t charged;
	/* Already connected: no rule runs, only the suggestion hook. */
	int connected;
	/* Reading the suggestion hook's answer: messages name it, and the
	 * suggestion being read lives here until it is the result's. */
	int suggesting;
	advisor_fact *fact;
	char *why;
} evaluation;

static void evaluation_free(evaluation *ev)
{
	for (size_t i = 0; i < ev->count; i++) {
		free(ev->fired[i].detail);
		free(ev->fired[i].note);
	}
	free(ev->fired);
	adv_fact_free(ev->fact);
	free(ev->why);
}

/* Who returned a value, for messages: a rule, or (r == NULL) the note
 * composer; formatted only when something is wrong. */
static const char *who(char buf[400], const advisor_engine *e, const adv_rule *r)
{
	if (r)
		snprintf(buf, 400, "rule %s (%s:%d)", r->name,
			r->file ? r->file : "?", r->line);
	else
		snprintf(buf, 400, "the note composer (%s:%d)",
			e->vm.note_file ? e->vm.note_file : "?", e->vm.note_line);
	return buf;
}

/* The same for what a request is running: a rule, the note composer or,
 * while its answer is read, the suggestion hook. */
static const char *ev_who(char buf[400], const evaluation *ev,
	const adv_rule *r)
{
	const adv_vm *vm = &ev->e->vm;

	if (!r && ev->suggesting) {
		snprintf(buf, 400, "the suggestions (%s:%d)",
			vm->suggest_file ? vm->suggest_file : "?", vm->suggest_line);
		return buf;
	}
	return who(buf, ev->e, r);
}

/* Charge n bytes of a copy to the request (evaluation.charged): 0, or
 * ADVISOR_ELIMIT naming who made it (r, or the note composer). */
static int charge(evaluation *ev, size_t n, const adv_rule *r,
	advisor_error *err)
{
	char buf[400];

	if (adv_sandbox_mem_charge(&ev->e->vm, n) < 0)
		return adv_error_set(err, ADVISOR_ELIMIT,
			"%s: memory limit exceeded (%zu bytes)", ev_who(buf, ev, r),
			ev->e->vm.mem_limit);
	ev->charged += n;
	return ADVISOR_OK;
}

/* A string the policy returned, checked and copied. */
/* The longest detail a rule may give, and the most of a note that is kept
 * for the composer to fit to the limit: each copy is charged to the
 * request's memory as well (charge()), and these keep one rule from
 * making one result huge. */
#define MAX_DETAIL_BYTES 16384
#define MAX_NOTE_BYTES 65536

static int take_string(evaluation *ev, int idx, char **out,
	const adv_rule *r, const char *what, size_t max, int cut,
	advisor_error *err)
{
	lua_State *L = ev->e->vm.L;
	char buf[400];
	size_t len;
	const char *s;

	*out = NULL;
	if (lua_type(L, idx) != LUA_TSTRING)
		return adv_error_set(err, ADVISOR_EPOLICY,
			"%s: %s must be a string, got %s", ev_who(buf, ev, r), what,
			luaL_typename(L, idx));
	s = lua_tolstring(L, idx, &len);
	if (adv_utf8_invalid_at(s, len) != len || strlen(s) != len)
		return adv_error_set(err, ADVISOR_EPOLICY,
			"%s: %s is not valid UTF-8 text", ev_who(buf, ev, r), what);
	if (len > max && !cut)
		return adv_error_set(err, ADVISOR_EPOLICY,
			"%s: %s is %zu bytes; at most %zu", ev_who(buf, ev, r), what,
			len, max);
	if (len > max) {
		len = max; /* back to the start of a character */
		while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;
	}
	int rc = charge(ev, len + 1, r, err);
	if (rc < 0)
		return rc;
	if (!(*out = malloc(len + 1)))
		return adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
	memcpy(*out, s, len);
	(*out)[len] = '\0';
	return ADVISOR_OK;
}

/*
 * Read what a check returned (at the top of the stack): nil or false (did
 * not fire), a string (the detail), or a table { detail, note, score }.
 * Only raw reads: no metamethod of the script runs outside a protected call.
 */
static int read_outcome(evaluation *ev, const adv_rule *r, advisor_error *err)
{
	lua_State *L = ev->e->vm.L;
	int top = lua_gettop(L);
	fired_rule f = { r, r->score, NULL, NULL, 0, 0, 0 };
	int rc = ADVISOR_OK;
	char buf[400];

	if (lua_isnil(L, top) || (lua_isboolean(L, top) && !lua_toboolean(L, top)))
		goto done;
	if (lua_type(L, top) == LUA_TSTRING) {
		rc = take_string(ev, top, &f.detail, r, "the detail",
			MAX_DETAIL_BYTES, 0, err);
	} else if (lua_type(L, top) == LUA_TTABLE) {
		/* Push the keys before taking any string: a Lua memory error
		 * here must not leave a malloc'd detail behind. */
		lua_checkstack(L, 8);
		lua_pushliteral(L, "withdraw");
		lua_pushliteral(L, "no_note_fits");
		lua_pushliteral(L, "score");
		lua_pushliteral(L, "note");
		lua_pushliteral(L, "detail");
		lua_rawget(L, top);           /* replaces "detail" by the value */
		rc = take_string(ev, -1, &f.detail, r, "'detail'",
			MAX_DETAIL_BYTES, 0, err);
		lua_pop(L, 1);
		if (lua_rawget(L, top) != LUA_TNIL && rc == ADVISOR_OK)
			rc = take_string(ev, -1, &f.note, r, "'note'",
				MAX_NOTE_BYTES, 1, err);
		lua_pop(L, 1);
		int t = lua_rawget(L, top);   /* the score */
		if (rc == ADVISOR_OK && t != LUA_TNIL) {
			if (t != LUA_TNUMBER || !isfinite(lua_tonumber(L, -1)))
				rc = adv_error_set(err, ADVISOR_EPOLICY,
					"%s: 'score' must be a finite number", who(buf, ev->e, r));
			else if (r->has_max_score &&
				 lua_tonumber(L, -1) > r->max_score)
				rc = adv_error_set(err, ADVISOR_EPOLICY,
					"%s: returned score %g, above its max_score %g",
					who(buf, ev->e, r), lua_tonumber(L, -1), r->max_score);
			else
				f.score = lua_tonumber(L, -1);
		}
		lua_pop(L, 1);
		t = lua_rawget(L, top);       /* no_note_fits */
		if (rc == ADVISOR_OK && t != LUA_TNIL) {
			lua_Integer n = lua_isinteger(L, -1) ? lua_tointeger(L, -1) : 0;
			if (n < 1 || n > ADV_NOTE_LIMIT_MAX)
				rc = adv_error_set(err, ADVISOR_EPOLICY,
					"%s: 'no_note_fits' must be the note limit, a whole "
					"number of characters from 1 to %d", who(buf, ev->e, r),
					ADV_NOTE_LIMIT_MAX);
			else
				f.no_note_fits = (unsigned int)n;
		}
		lua_pop(L, 1);
		t = lua_rawget(L, top);       /* withdraw */
		if (rc == ADVISOR_OK && t != LUA_TNIL && t != LUA_TBOOLEAN)
			rc = adv_error_set(err, ADVISOR_EPOLICY,
				"%s: 'withdraw' must be true or false", who(buf, ev->e, r));
		f.withdraw = lua_toboolean(L, -1);
	} else {
		rc = adv_error_set(err, ADVISOR_EPOLICY,
			"%s: check returned %s; expected nil, a detail string or "
			"a table { detail = ..., note = ..., score = ... }",
			who(buf, ev->e, r), luaL_typename(L, top));
	}
	if (rc == ADVISOR_OK) {
		fired_rule *p = realloc(ev->fired, (ev->count + 1) * sizeof(*p));
		if (!p) {
			rc = adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
		} else {
			ev->fired = p;
			f.veto_applies = r->has_veto &&
				(r->veto_when == ADV_VETO_BOTH ||
				 (r->veto_when == ADV_VETO_OUTGOING) ==
					 (ev->direction == ADVISOR_OUTGOING));
			ev->fired[ev->count++] = f;
			f.detail = f.note = NULL;
		}
	}
done:
	free(f.detail);
	free(f.note);
	lua_settop(L, top - 1);
	return rc;
}

/*
 * Call a function of the policy (below its nargs arguments) for one
 * result.  The whole request runs under one protected call (evaluate's):
 * an error here unwinds to it, and its message names what was running, as
 * e->vm.call_what and e->vm.call_name say.  A protected call for each rule cost
 * as much as a small rule.
 */
static void call_policy(advisor_engine *e, int nargs, const char *what,
	const char *name)
{
	e->vm.call_what = what;
	e->vm.call_name = name;
	lua_call(e->vm.L, nargs, 1);
	/* A script that caught the limit's error is stopped here. */
	if (e->vm.budget_blown)
		luaL_error(e->vm.L, "limit exceeded");
	e->vm.call_what = NULL;
}

static int run_rules(evaluation *ev, int fallback, advisor_error *err)
{
	advisor_engine *e = ev->e;
	lua_State *L = e->vm.L;

	if (fallback) {
		/* Fallback rules see what fired: request.fired[name] = the score
		 * it adds (0 for a rule whose veto applies). */
		lua_createtable(L, 0, (int)ev->count);
		for (size_t i = 0; i < ev->count; i++) {
			lua_pushnumber(L, ev->fired[i].veto_applies ? 0 : ev->fired[i].score);
			lua_setfield(L, -2, ev->fired[i].rule->name);
		}
		lua_setfield(L, ev->request_idx, "fired");
	}
	for (size_t i = 0; i < e->vm.rule_count; i++) {
		const adv_rule *r = &e->vm.rules[i];
		int rc;
		if (r->off || r->fallback != fallback)
			continue;
		lua_rawgeti(L, LUA_REGISTRYINDEX, r->check_ref);
		lua_pushvalue(L, ev->person_idx);
		lua_pushvalue(L, ev->request_idx);
		call_policy(e, 2, "rule", r->name);
		if ((rc = read_outcome(ev, r, err)) < 0)
			return rc;
	}
	return ADVISOR_OK;
}

/* The request as the policy sees it. */
/* The policy's spelling of an intent, matched with ASCII case ignored
 * ("Learn" is learn, as names ignore case); NULL if none declares it. */
static const char *declared_intent(const adv_vm *vm, const char *w)
{
	return adv_intent_find(vm, w);
}

/* How many drafts the request asks for (drafts came with version 2). */
static unsigned int request_drafts(const advisor_request *req)
{
	return req->version >= 2 ? req->drafts : 1;
}

/* The note limit the embedder or a layer set (the embedder's wins); 0 if
 * neither did. */
static unsigned int set_note_limit(const adv_vm *vm)
{
	return vm->note_limit_option ? vm->note_limit_option : vm->note_limit_layer;
}

static int push_request(evaluation *ev, const advisor_request *req)
{
	lua_State *L = ev->e->vm.L;
	char as_of[ADV_DATE_BUF];

	lua_createtable(L, 0, 8);
	lua_pushstring(L, ev->direction == ADVISOR_INCOMING ? "incoming" : "outgoing");
	lua_setfield(L, -2, "direction");
	lua_pushboolean(L, ev->direction == ADVISOR_INCOMING);
	lua_setfield(L, -2, "incoming");
	lua_pushboolean(L, ev->direction == ADVISOR_OUTGOING);
	lua_setfield(L, -2, "outgoing");
	adv_date_format(as_of, ev->e->vm.as_of);
	lua_pushstring(L, as_of);
	lua_setfield(L, -2, "as_of");
	lua_createtable(L, 0, (int)req->intent_count);
	for (size_t i = 0; i < req->intent_count; i++) {
		lua_pushboolean(L, 1);
		lua_setfield(L, -2, declared_intent(&ev->e->vm, req->intents[i]));
	}
	lua_setfield(L, -2, "intents");
	adv_lua_push_person(L, &ev->e->vm.net->me);
	lua_setfield(L, -2, "me");
	/* Only a limit someone set: without one the policy's own applies
	 * (the shipped one's is the account's). */
	if (set_note_limit(&ev->e->vm)) {
		lua_pushinteger(L, set_note_limit(&ev->e->vm));
		lua_setfield(L, -2, "note_limit");
	}
	lua_pushinteger(L, request_drafts(ev->req));
	lua_setfield(L, -2, "drafts");
	return 0;
}

static int cmp_fired(const void *a, const void *b)
{
	const fired_rule *x = a, *y = b;
	/* Applied vetoes first, strongest first; then fallback rules (the
	 * reason for not connecting), then by score, highest first. */
	if (x->veto_applies != y->veto_applies)
		return y->veto_applies - x->veto_applies;
	if (x->veto_applies && x->rule->veto_priority != y->rule->veto_priority)
		return x->rule->veto_priority < y->rule->veto_priority ? 1 : -1;
	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	/* Keep declaration order for ties. */
	return x->rule < y->rule ? -1 : x->rule > y->rule;
}

/* One note the composer gave (at idx), fitted to the limit and added to
 * the result's drafts unless it is empty or one of them already. */
static int add_draft(evaluation *ev, int idx, const char *what, size_t limit,
	advisor_error *err)
{
	advisor_result *r = ev->result;
	char *text = NULL;
	int rc = take_string(ev, idx, &text, NULL, what, MAX_NOTE_BYTES, 1,
		err);

	if (rc < 0)
		return rc;
	size_t len = strlen(text);
	if (len && (rc = charge(ev, len + 4, NULL, err)) < 0) {
		free(text);
		return rc;
	}
	char *fitted = len ? malloc(len + 4) : NULL;
	if (len && !fitted) {
		free(text);
		return adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
	}
	if (fitted)
		adv_text_fit(text, len, limit, fitted, len + 4);
	free(text);
	if (!fitted)
		return ADVISOR_OK;
	for (size_t i = 0; i < r->draft_count; i++)
		if (strcmp(r->drafts[i], fitted) == 0) {
			free(fitted);
			return ADVISOR_OK;
		}
	r->drafts[r->draft_count++] = fitted;
	return ADVISOR_OK;
}

/* Call the note composer (or join the parts) and fit the limit: the
 * result's drafts, the first of them its note (none when the composer
 * gave only empty text).  The composer returns the note, or a list of
 * drafts, of which as many as were asked for are kept. */
static int compose_note(evaluation *ev, advisor_error *err)
{
	advisor_engine *e = ev->e;
	advisor_result *r = ev->result;
	lua_State *L = e->vm.L;
	size_t limit = set_note_limit(&e->vm) ? set_note_limit(&e->vm) : e->vm.note_limit;
	unsigned int want = request_drafts(ev->req);
	int rc = ADVISOR_OK, n = 0;

	if (!(r->drafts = calloc(want, sizeof(*r->drafts))))
		return adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
	if (e->vm.note_ref == LUA_NOREF) {
		/* No composer: the parts, joined by spaces. */
		luaL_Buffer b;
		luaL_buffinit(L, &b);
		for (size_t i = 0, k = 0; i < ev->count; i++)
			if (ev->fired[i].note) {
				if (k++)
					luaL_addchar(&b, ' ');
				luaL_addstring(&b, ev->fired[i].note);
			}
		luaL_pushresult(&b);
	} else {
		/* composer(person, request, parts) */
		lua_rawgeti(L, LUA_REGISTRYINDEX, e->vm.note_ref);
		lua_pushvalue(L, ev->person_idx);
		lua_pushvalue(L, ev->request_idx);
		lua_newtable(L);
		for (size_t i = 0; i < ev->count; i++)
			if (ev->fired[i].note) {
				lua_pushstring(L, ev->fired[i].note);
				lua_rawseti(L, -2, ++n);
			}
		call_policy(e, 3, "the note", NULL);
	}
	if (lua_type(L, -1) == LUA_TTABLE) {
		/* A list of drafts: read raw, as many as were asked for. */
		for (lua_Integer i = 1; rc == ADVISOR_OK && r->draft_count < want; i++) {
			char what[48];
			if (lua_rawgeti(L, -1, i) == LUA_TNIL) {
				lua_pop(L, 1);
				break;
			}
			snprintf(what, sizeof(what), "its result[%lld]", (long long)i);
			rc = add_draft(ev, -1, what, limit, err);
			lua_pop(L, 1);
		}
	} else {
		rc = add_draft(ev, -1, "its result", limit, err);
	}
	lua_pop(L, 1);
	if (rc < 0)
		return rc;
	if (r->draft_count) {
		if ((rc = charge(ev, strlen(r->drafts[0]) + 1, NULL, err)) < 0)
			return rc;
		if (!(r->note = strdup(r->drafts[0])))
			return adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
	}
	/* One draft asked for: the note alone, no list. */
	if (want < 2) {
		for (size_t i = 0; i < r->draft_count; i++)
			free(r->drafts[i]);
		free(r->drafts);
		r->drafts = NULL;
		r->draft_count = 0;
	}
	return ADVISOR_OK;
}

static int new_result(advisor_result **out, const advisor_engine *e,
	const char *person)
{
	advisor_result *r = calloc(1, sizeof(*r));
	if (!r || !(r->person = strdup(person)) ||
	    !(r->policy = strdup(e->vm.policy_name))) {
		advisor_result_free(r);
		return ADVISOR_ENOMEM;
	}
	*out = r;
	return ADVISOR_OK;
}

static int decide(evaluation *ev, advisor_result *r, advisor_error *err)
{
	advisor_engine *e = ev->e;
	int wants_note = 0, rc;

	/* A rule whose veto applies forces the verdict and adds nothing. */
	for (size_t i = 0; i < ev->count; i++)
		if (ev->fired[i].veto_applies)
			ev->fired[i].score = 0;
	qsort(ev->fired, ev->count, sizeof(*ev->fired), cmp_fired);
	r->score = 0;
	for (size_t i = 0; i < ev->count; i++) {
		r->score += ev->fired[i].score;
		wants_note |= ev->fired[i].note != NULL;
	}
	if (!isfinite(r->score))
		return adv_error_set(err, ADVISOR_EPOLICY,
			"the scores of the rules that fired add up to more than a number can hold");
	/* A sum of decimal weights: 3 + 0.28 is 3.2800000000000002 in binary.
	 * Millionths are more than any policy means (and past 2^53 / 1e6 a
	 * double holds no millionths to round). */
	if (fabs(r->score) < 9e9)
		r->score = round(r->score * 1e6) / 1e6;
	if (ev->count && ev->fired[0].veto_applies) {
		r->verdict = ev->fired[0].rule->veto_verdict;
	} else if (r->score >= e->vm.threshold) {
		/* Accepting an invitation needs no note. */
		r->verdict = wants_note && ev->direction == ADVISOR_OUTGOING
			? ADVISOR_CONNECT_WITH_NOTE : ADVISOR_CONNECT;
	} else {
		r->verdict = ADVISOR_DONT_CONNECT;
		/* Say first why not: a fallback rule (stranger) if one fired. */
		for (size_t i = 0; i < ev->count; i++)
			if (ev->fired[i].rule->fallback) {
				fired_rule f = ev->fired[i];
				memmove(ev->fired + 1, ev->fired, i * sizeof(f));
				ev->fired[0] = f;
				break;
			}
	}
	/* Withdrawing is advice about your invitation, so only with it. */
	for (size_t i = 0; r->verdict == ADVISOR_INVITED && i < ev->count; i++)
		r->withdraw |= ev->fired[i].withdraw;
	if (r->verdict == ADVISOR_CONNECT_WITH_NOTE) {
		if ((rc = compose_note(ev, err)) < 0)
			return rc;
		if (!r->note)
			r->verdict = ADVISOR_CONNECT;
	}
	/* A note was called for but none fits: say so (a rule's word for it). */
	if (r->verdict == ADVISOR_CONNECT && !r->note &&
	    ev->direction == ADVISOR_OUTGOING &&
	    !(ev->count && ev->fired[0].veto_applies))
		for (size_t i = 0; i < ev->count && !r->no_note_fits; i++)
			r->no_note_fits = ev->fired[i].no_note_fits;

	advisor_reason *reasons = calloc(ev->count ? ev->count : 1, sizeof(*reasons));
	if (!reasons)
		return adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
	r->reasons = reasons;
	for (size_t i = 0; i < ev->count; i++) {
		if ((rc = charge(ev, strlen(ev->fired[i].rule->name) + 1,
				ev->fired[i].rule, err)) < 0)
			return rc;
		if (!(reasons[i].rule = strdup(ev->fired[i].rule->name)))
			return adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
		r->reason_count++;
		reasons[i].detail = ev->fired[i].detail;
		ev->fired[i].detail = NULL;
		reasons[i].score = ev->fired[i].score;
		reasons[i].vetoed = ev->fired[i].veto_applies;
	}
	return ADVISOR_OK;
}

/* What rule r says it needed, in *out (NULL when it says nothing): its
 * why_not function's answer for this person, or its why_not line. */
static int ask_why_not(evaluation *ev, const adv_rule *r, char **out,
	advisor_error *err)
{
	advisor_engine *e = ev->e;
	lua_State *L = e->vm.L;
	char buf[400];
	int rc = ADVISOR_OK;

	*out = NULL;
	if (r->why_not_ref == LUA_NOREF) {
		if (r->why_not && !(*out = strdup(r->why_not)))
			return adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
		return ADVISOR_OK;
	}
	lua_rawgeti(L, LUA_REGISTRYINDEX, r->why_not_ref);
	lua_pushvalue(L, ev->person_idx);
	lua_pushvalue(L, ev->request_idx);
	call_policy(e, 2, "why_not of rule", r->name);
	int t = lua_type(L, -1);
	if (t == LUA_TSTRING)
		rc = take_string(ev, -1, out, r, "its why_not", MAX_DETAIL_BYTES, 0, err);
	else if (!(t == LUA_TNIL || (t == LUA_TBOOLEAN && !lua_toboolean(L, -1))))
		rc = adv_error_set(err, ADVISOR_EPOLICY,
			"%s: why_not returned %s; expected nil or a string",
			who(buf, e, r), luaL_typename(L, -1));
	lua_pop(L, 1);
	if (rc == ADVISOR_OK && *out && !**out) {
		free(*out); /* an empty answer says nothing */
		*out = NULL;
	}
	return rc;
}

static int fired(const evaluation *ev, const adv_rule *r)
{
	for (size_t i = 0; i < ev->count; i++)
		if (ev->fired[i].rule == r)
			return 1;
	return 0;
}

/* Below the threshold, the rules that would have added to the score and
 * why each did not fire (the result's missing), highest scores first; for
 * an explanation, every rule's why_not.  Run only then: a why_not function
 * costs a call, and advice that connects needs none. */
static int why_nots(evaluation *ev, advisor_error *err)
{
	advisor_engine *e = ev->e;
	advisor_result *r = ev->result;
	int below = r->verdict == ADVISOR_DONT_CONNECT &&
		!(ev->count && ev->fired[0].veto_applies);
	size_t n = e->vm.rule_count;
	int rc = ADVISOR_OK;

	if (!below && !e->why_not_all)
		return ADVISOR_OK;
	r->below = below;
	r->threshold = below ? e->vm.threshold : 0;
	if ((below && !(r->missing = calloc(n + 1, sizeof(*r->missing)))) ||
	    (e->why_not_all && !(r->why_not = calloc(n + 1, sizeof(char *)))))
		return adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
	if (e->why_not_all)
		r->why_not_count = n;
	for (size_t i = 0; i < n && rc == ADVISOR_OK; i++) {
		const adv_rule *rule = &e->vm.rules[i];
		int listed = below && !rule->fallback && !rule->has_veto &&
			(rule->score > 0 || rule->signal);
		char *why = NULL;
		if (rule->off || fired(ev, rule) || (!listed && !e->why_not_all))
			continue;
		if ((rc = ask_why_not(ev, rule, &why, err)) < 0)
			break;
		if (!why)
			continue;
		if (listed) {
			advisor_missing *m = &r->missing[r->missing_count];
			m->score = rule->signal ? 0 : rule->score;
			if (!(m->rule = strdup(rule->name)) || !(m->why = strdup(why))) {
				free((char *)m->rule);
				free(why);
				return adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
			}
			/* Highest scores first, ties in rule order. */
			advisor_missing k = *m;
			size_t at = r->missing_count++;
			for (; at > 0 && r->missing[at - 1].score < k.score; at--)
				r->missing[at] = r->missing[at - 1];
			r->missing[at] = k;
		}
		if (e->why_not_all)
			r->why_not[i] = why;
		else
			free(why);
	}
	return rc;
}

/* ------------------------------------------------------------------------
 * Suggestions: facts the policy proposes to record (advisor.suggest)
 * ------------------------------------------------------------------------ */

/* The most suggestions a result carries, fields a fact has and bytes a
 * field's value holds: a suggestion is a line for a person to read. */
#define MAX_SUGGESTIONS 16
#define MAX_FACT_FIELDS 16
#define MAX_FACT_VALUE_BYTES 1024

/* The order a command gives a fact's fields in, as a person reads one
 * ("introduced --by priya --date 2026-11-25"); others after, by name. */
static const char *const field_order[] = { "by", "org", "context", "date",
	"from", "to", "relation", "tone", "ending", "reason", "role", "status",
	"note" };

static size_t field_rank(const char *name)
{
	size_t n = sizeof(field_order) / sizeof(*field_order);
	for (size_t i = 0; i < n; i++)
		if (strcmp(field_order[i], name) == 0)
			return i;
	return n;
}

typedef struct fact_field {
	const char *name;   /* the key, a string of the Lua table */
	int value_idx;      /* where its value was pushed */
} fact_field;

static int by_field_order(const void *a, const void *b)
{
	const fact_field *x = a, *y = b;
	size_t rx = field_rank(x->name), ry = field_rank(y->name);
	if (rx != ry)
		return rx < ry ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* A fact's type or field name: a-z and _, at most 32 bytes. */
static int fact_name(const char *s, size_t len)
{
	if (!len || len > 32)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || s[i] == '_'))
			return 0;
	return 1;
}

/* The value at idx, a string or a person (written as their id), copied
 * into *out. */
static int take_value(evaluation *ev, int idx, const char *name, char **out,
	advisor_error *err)
{
	lua_State *L = ev->e->vm.L;
	char buf[400], what[64];

	snprintf(what, sizeof(what), "fact.%s", name);
	int t = lua_type(L, idx);
	if ((t == LUA_TUSERDATA || t == LUA_TLIGHTUSERDATA) &&
	    !adv_lua_to_event(L, idx)) {
		/* A person: the id of their node (the check raises for
		 * anything else); one given inline has none. */
		uint32_t node = adv_lua_check_node(L, idx);
		if (node >= ev->e->vm.net->node_count)
			return adv_error_set(err, ADVISOR_EPOLICY,
				"%s: %s is a person not in the network",
				ev_who(buf, ev, NULL), what);
		const char *id = adv_node_id(ev->e->vm.net, node);
		int rc = charge(ev, strlen(id) + 1, NULL, err);
		if (rc < 0)
			return rc;
		if (!(*out = strdup(id)))
			return adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
		return ADVISOR_OK;
	}
	if (lua_type(L, idx) != LUA_TSTRING)
		return adv_error_set(err, ADVISOR_EPOLICY,
			"%s: %s must be a string or a person, got %s",
			ev_who(buf, ev, NULL), what, luaL_typename(L, idx));
	return take_string(ev, idx, out, NULL, what, MAX_FACT_VALUE_BYTES, 0, err);
}

/* The fact of a suggestion (the table at idx) into ev->fact. */
static int read_fact(evaluation *ev, int idx, advisor_error *err)
{
	lua_State *L = ev->e->vm.L;
	fact_field fields[MAX_FACT_FIELDS];
	size_t n = 0, len;
	const char *type = NULL;
	char buf[400];
	int rc = ADVISOR_OK;

	lua_checkstack(L, 2 * MAX_FACT_FIELDS + 4);
	lua_pushnil(L);
	while (lua_next(L, idx)) {
		/* Keys as they are (no conversion), values left on the stack
		 * to be read in the command's order. */
		if (lua_type(L, -2) != LUA_TSTRING)
			return adv_error_set(err, ADVISOR_EPOLICY,
				"%s: a fact's keys must be field names, got %s",
				ev_who(buf, ev, NULL), luaL_typename(L, -2));
		const char *key = lua_tolstring(L, -2, &len);
		if (!fact_name(key, len))
			return adv_error_set(err, ADVISOR_EPOLICY,
				"%s: fact field \"%s\" is not a field name (a-z and _)",
				ev_who(buf, ev, NULL), key);
		if (strcmp(key, "type") == 0) {
			if (lua_type(L, -1) != LUA_TSTRING ||
			    !fact_name(lua_tostring(L, -1), lua_rawlen(L, -1)))
				return adv_error_set(err, ADVISOR_EPOLICY,
					"%s: fact.type must be an event type (a-z and _)",
					ev_who(buf, ev, NULL));
			type = lua_tostring(L, -1);
			lua_pop(L, 1);
			continue;
		}
		if (n == MAX_FACT_FIELDS)
			return adv_error_set(err, ADVISOR_EPOLICY,
				"%s: a fact has at most %d fields", ev_who(buf, ev, NULL),
				MAX_FACT_FIELDS);
		/* Keep key and value: push the key again for lua_next. */
		fields[n].name = key;
		fields[n].value_idx = lua_gettop(L);
		n++;
		lua_pushvalue(L, -2);
	}
	if (!type)
		return adv_error_set(err, ADVISOR_EPOLICY,
			"%s: a fact needs its type (fact.type = \"met\", ...)",
			ev_who(buf, ev, NULL));
	qsort(fields, n, sizeof(*fields), by_field_order);
	if ((rc = charge(ev, strlen(type) + 1, NULL, err)) < 0)
		return rc;
	if (!(ev->fact = adv_fact_new(type)))
		return adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
	for (size_t i = 0; i < n && rc == ADVISOR_OK; i++) {
		char *value = NULL;
		if ((rc = take_value(ev, fields[i].value_idx, fields[i].name, &value,
				err)) < 0)
			break;
		if ((rc = charge(ev, strlen(fields[i].name) + 1, NULL, err)) == 0 &&
		    adv_fact_add(ev->fact, fields[i].name, value) < 0)
			rc = adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
		free(value);
	}
	return rc;
}

/* What the hook returned (at idx): nil, or a list of { fact = {...},
 * why = "..." }, read raw into the result's suggestions. */
static int read_suggestions(evaluation *ev, int idx, advisor_error *err)
{
	lua_State *L = ev->e->vm.L;
	advisor_result *r = ev->result;
	char buf[400];
	int rc = ADVISOR_OK;

	if (lua_isnil(L, idx) || (lua_isboolean(L, idx) && !lua_toboolean(L, idx)))
		return ADVISOR_OK;
	if (lua_type(L, idx) != LUA_TTABLE)
		return adv_error_set(err, ADVISOR_EPOLICY,
			"%s: returned %s; expected nil or a list of "
			"{ fact = { type = ..., ... }, why = \"...\" }",
			ev_who(buf, ev, NULL), luaL_typename(L, idx));
	for (lua_Integer i = 1; rc == ADVISOR_OK; i++) {
		int top = lua_gettop(L);
		if (lua_rawgeti(L, idx, i) == LUA_TNIL) {
			lua_settop(L, top);
			break;
		}
		if (i > MAX_SUGGESTIONS)
			return adv_error_set(err, ADVISOR_EPOLICY,
				"%s: at most %d suggestions", ev_who(buf, ev, NULL),
				MAX_SUGGESTIONS);
		int item = lua_gettop(L);
		if (lua_type(L, item) != LUA_TTABLE)
			return adv_error_set(err, ADVISOR_EPOLICY,
				"%s: suggestion %lld is %s; expected "
				"{ fact = { type = ..., ... }, why = \"...\" }",
				ev_who(buf, ev, NULL), (long long)i, luaL_typename(L, item));
		lua_checkstack(L, 4);
		lua_pushliteral(L, "fact");
		lua_pushliteral(L, "why");
		lua_rawget(L, item);
		rc = take_string(ev, -1, &ev->why, NULL, "its why", MAX_DETAIL_BYTES,
			0, err);
		lua_pop(L, 1);
		if (rc < 0)
			return rc;
		if (lua_rawget(L, item) != LUA_TTABLE)
			return adv_error_set(err, ADVISOR_EPOLICY,
				"%s: suggestion %lld: fact must be a table "
				"{ type = ..., NAME = value }", ev_who(buf, ev, NULL),
				(long long)i);
		if ((rc = read_fact(ev, lua_gettop(L), err)) < 0)
			return rc;
		if (!r->suggestions &&
		    !(r->suggestions = calloc(MAX_SUGGESTIONS, sizeof(*r->suggestions))))
			return adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
		r->suggestions[r->suggestion_count].fact = ev->fact;
		r->suggestions[r->suggestion_count++].why = ev->why;
		ev->fact = NULL;
		ev->why = NULL;
		lua_settop(L, top);
	}
	return rc;
}

/* Ask the policy's advisor.suggest hook, if it set one, which facts to
 * propose (request.verdict says what the advice was). */
static int suggest(evaluation *ev, advisor_error *err)
{
	advisor_engine *e = ev->e;
	lua_State *L = e->vm.L;

	if (e->vm.suggest_ref == LUA_NOREF)
		return ADVISOR_OK;
	lua_pushstring(L, advisor_verdict_name(ev->result->verdict));
	lua_setfield(L, ev->request_idx, "verdict");
	lua_rawgeti(L, LUA_REGISTRYINDEX, e->vm.suggest_ref);
	lua_pushvalue(L, ev->person_idx);
	lua_pushvalue(L, ev->request_idx);
	call_policy(e, 2, "the suggestions", NULL);
	ev->suggesting = 1;
	int rc = read_suggestions(ev, lua_gettop(L), err);
	ev->suggesting = 0;
	lua_pop(L, 1);
	return rc;
}

/* The person given inline (came with version 3), or NULL. */
static const advisor_inline_person *request_inline(const advisor_request *req)
{
	return req->version >= 3 ? req->inline_person : NULL;
}

/* Check the request and find its person: one of net, or (*person NULL) the
 * transient person in t, a person given inline whom net does not have. */
static int check_request(advisor_engine *e, const advisor_network *net,
	const advisor_request *req, const adv_person **person, adv_inline *t,
	adv_date *as_of, advisor_error *err)
{
	const advisor_inline_person *given = request_inline(req);
	int rc = adv_check_version(err, "advisor_request", req->version,
		ADVISOR_REQUEST_VERSION);
	if (rc < 0)
		return rc;
	if (given && req->person)
		return adv_error_set(err, ADVISOR_EINVAL,
			"request: person and inline_person are both given; "
			"the request is about one of them");
	if (!given && (!req->person || !*req->person))
		return adv_error_set(err, ADVISOR_EINVAL, "request: person is required");
	if (req->direction != ADVISOR_OUTGOING && req->direction != ADVISOR_INCOMING &&
	    req->direction != ADVISOR_DIRECTION_AUTO)
		return adv_error_set(err, ADVISOR_EINVAL,
			"request: direction must be outgoing, incoming or not said (ADVISOR_DIRECTION_AUTO)");
	if (req->as_of) {
		if (adv_date_parse_day(as_of, req->as_of) < 0)
			return adv_error_set(err, ADVISOR_EINVAL,
				"request: as_of \"%s\" is not a date; expected YYYY-MM-DD",
				req->as_of);
	} else {
		*as_of = adv_date_today();
	}
	if (request_drafts(req) < 1 || request_drafts(req) > ADVISOR_MAX_DRAFTS)
		return adv_error_set(err, ADVISOR_EINVAL,
			"request: drafts is %u; expected 1 to %d", request_drafts(req),
			ADVISOR_MAX_DRAFTS);
	if (req->intent_count && !req->intents)
		return adv_error_set(err, ADVISOR_EINVAL, "request: intents is NULL");
	for (size_t i = 0; i < req->intent_count; i++) {
		const char *w = req->intents[i];
		if (!w || !declared_intent(&e->vm, w)) {
			char list[512] = "";
			for (size_t k = 0; k < e->vm.intent_count &&
			     strlen(list) + 1 < sizeof(list); k++) {
				if (k)
					strncat(list, ", ", sizeof(list) - strlen(list) - 1);
				strncat(list, e->vm.intents[k], sizeof(list) - strlen(list) - 1);
			}
			return adv_error_set(err, ADVISOR_EINTENT,
				"unknown intent \"%s\"; the policy knows: %s",
				w ? w : "(null)", list);
		}
	}
	if (given) {
		if ((rc = adv_inline_resolve(net, given, person, t, err)) < 0)
			return rc;
		if (*person == &net->me)
			return adv_error_set(err, ADVISOR_EINVAL,
				"request: inline person %s is you (me); advice is about "
				"someone else", given->profile_url);
		return ADVISOR_OK;
	}
	/* An id, else a profile URL (programs have either; a name, which can
	 * fit several people, is the command's to resolve). */
	*person = adv_network_person(net, req->person);
	if (!*person) {
		int nomem = 0;
		*person = adv_network_person_by_url(net, req->person, &nomem);
		if (nomem)
			return adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
	}
	if (!*person)
		return adv_error_set(err, ADVISOR_ENOTFOUND,
			"%s: no person with id %s\"%s\"%s", net->source,
			strstr(req->person, "linkedin.com/") ? "or profile URL " : "",
			req->person, adv_network_find(net, req->person) != ADV_NO_NODE
			? " (only listed among someone's connections)" : "");
	if (*person == &net->me)
		return adv_error_set(err, ADVISOR_EINVAL,
			"\"%s\" is you (me); advice is about someone else", req->person);
	return ADVISOR_OK;
}

/* Runs under lua_pcall, so that every Lua API call is protected: a memory
 * error while building the request table ends the request, not the
 * process.  The rules and the note composer run under the same protected
 * call (call_policy); what they return wrongly comes back in ev->rc. */
static int evaluate(lua_State *L)
{
	evaluation *ev = lua_touserdata(L, 1);

	adv_lua_push_person(L, ev->person);
	ev->person_idx = lua_gettop(L);
	push_request(ev, ev->req);
	ev->request_idx = lua_gettop(L);
	if (ev->connected) {
		ev->rc = suggest(ev, ev->err);
		return 0;
	}
	if ((ev->rc = run_rules(ev, 0, ev->err)) < 0 ||
	    (ev->rc = run_rules(ev, 1, ev->err)) < 0)
		return 0;
	if ((ev->rc = decide(ev, ev->result, ev->err)) < 0)
		return 0;
	if ((ev->rc = why_nots(ev, ev->err)) < 0)
		return 0;
	ev->rc = suggest(ev, ev->err);
	return 0;
}

static int advise(advisor_result **out, advisor_engine *e,
	const advisor_network *net, const advisor_request *req,
	advisor_error *err)
{
	evaluation ev;
	advisor_error outer;
	advisor_result *r = NULL;
	const adv_person *person = NULL;
	adv_inline transient;
	adv_date as_of;
	int rc;
	adv_error_clear(err);
	memset(&transient, 0, sizeof(transient));

	if (!out)
		return adv_error_set(err, ADVISOR_EINVAL, "advisor_advise: out is NULL");
	*out = NULL;
	if (!e || !net || !req)
		return adv_error_set(err, ADVISOR_EINVAL,
			"advisor_advise: engine, network and request are required");
	if ((rc = check_request(e, net, req, &person, &transient, &as_of, err)) < 0) {
		adv_inline_release(&transient);
		return rc;
	}
	if (!person)
		person = &transient.rec;
	if (new_result(&r, e, adv_str(net, person->id)) < 0) {
		adv_inline_release(&transient);
		return adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
	}
	r->transient = person == &transient.rec;
	/* Their invitation waiting for your answer makes the question theirs,
	 * unless the request says which; the one pending in the direction
	 * answered is the result's invited_on. */
	const adv_event *waiting = adv_pending_invitation(net, person, as_of.day,
		&e->vm.overlay);
	advisor_direction waiting_way = waiting &&
		waiting->direction == ADV_DIRECTION_IN ? ADVISOR_INCOMING
		: ADVISOR_OUTGOING;
	r->direction = req->direction != ADVISOR_DIRECTION_AUTO ? req->direction
		: waiting ? waiting_way : ADVISOR_OUTGOING;
	if (waiting && waiting_way == r->direction) {
		char day[ADV_DATE_BUF];
		adv_date_format(day, waiting->date);
		size_t n = strlen(day); /* a day, "YYYY-MM-DD", always fits */
		if (n < sizeof(r->invited_on))
			memcpy(r->invited_on, day, n + 1);
	}
	int connected = adv_person_connected(person, as_of.day, &e->vm.overlay);
	if (connected) {
		r->verdict = ADVISOR_ALREADY_CONNECTED;
		/* No rule runs; the policy may still suggest facts. */
		if (e->vm.suggest_ref == LUA_NOREF) {
			*out = r;
			adv_inline_release(&transient);
			return ADVISOR_OK;
		}
	}

	lua_State *L = e->vm.L;
	int top = lua_gettop(L);
	memset(&ev, 0, sizeof(ev));
	ev.e = e;
	ev.person = person;
	ev.req = req;
	ev.direction = r->direction;
	ev.connected = connected;
	ev.result = r;
	ev.err = err;
	e->vm.net = net;
	e->vm.transient = r->transient ? person : NULL;
	e->vm.as_of = as_of;
	e->vm.generation++;
	adv_sandbox_budget(&e->vm, e->vm.budget_limit);

	lua_pushcfunction(L, evaluate);
	lua_pushlightuserdata(L, &ev);
	e->vm.call_what = NULL;
	rc = adv_sandbox_call(&e->vm, 1, 0, "advising", NULL, &outer);
	e->vm.call_what = NULL;
	if (ev.rc < 0) {
		rc = ev.rc; /* the policy's own failure says more */
	} else if (rc < 0) {
		if (err)
			*err = outer;
	} else {
		*out = r;
		r = NULL;
	}
	lua_settop(L, top);
	e->vm.net = NULL;
	e->vm.transient = NULL;
	adv_inline_release(&transient);
	adv_sandbox_mem_release(&e->vm, ev.charged);
	evaluation_free(&ev);
	advisor_result_free(r);
	return rc;
}

int advisor_advise(advisor_result **out, advisor_engine *e,
	const advisor_network *net, const advisor_request *req,
	advisor_error *err)
{
	advisor_error mine;
	advisor_error *use = err ? err : &mine;

	return advise(out, e, net, req, use);
}

void advisor_engine_options_init(advisor_engine_options *opts)
{
	static const advisor_engine_options init = ADVISOR_ENGINE_OPTIONS_INIT;

	if (opts)
		*opts = init;
}

void advisor_request_init(advisor_request *req)
{
	static const advisor_request init = ADVISOR_REQUEST_INIT;

	if (req)
		*req = init;
}
