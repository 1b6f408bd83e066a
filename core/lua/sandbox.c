/*
 * sandbox.c - the Lua state a policy runs in.
 *
 * Libraries by allow-list (string, table, math, utf8 and the time helpers of
 * os), a counting allocator that caps the state's memory, and an
 * instruction budget enforced from a count hook.  Once the budget is blown
 * the hook errors again on every few instructions, so a pcall in the script
 * cannot swallow the limit and carry on.
 */
#include <lauxlib.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lua/vm.h"
#include "util/error.h"

#define HOOK_EVERY 1000
#define ALLOC_BYTES_PER_INSTRUCTION 64

/*
 * Small blocks (strings, tables, closures: most of what a request makes)
 * go back to a free list per 16-byte size class, up to SMALL_KEEP blocks a
 * class, and the next block of that class is taken from it: a request
 * makes and drops about 40 of them, and malloc and free cost several
 * times more than a list push and pop.  Every small block is allocated
 * with the full size of its class (rounded up to 16 bytes), so a block
 * freed from a class fits any request of that class.  The counted memory
 * stays the live blocks' sizes, as before.
 */
#define SMALL_GRAIN 16
#define SMALL_KEEP 512

struct adv_free_block {
	struct adv_free_block *next;
};

static size_t small_class(size_t size)
{
	return (size + SMALL_GRAIN - 1) / SMALL_GRAIN;
}

static void *alloc_block(adv_vm *e, void *ptr, size_t nsize)
{
	if (nsize > ADV_SMALL_CLASSES * SMALL_GRAIN)
		return realloc(ptr, nsize);
	size_t c = small_class(nsize);
	if (!ptr && e->small_free[c]) {
		struct adv_free_block *b = e->small_free[c];
		e->small_free[c] = b->next;
		e->small_kept[c]--;
		return b;
	}
	return realloc(ptr, c * SMALL_GRAIN);
}

static void free_block(adv_vm *e, void *ptr, size_t size)
{
	size_t c = small_class(size);
	if (ptr && size <= ADV_SMALL_CLASSES * SMALL_GRAIN &&
	    e->small_kept[c] < SMALL_KEEP) {
		struct adv_free_block *b = ptr;
		b->next = e->small_free[c];
		e->small_free[c] = b;
		e->small_kept[c]++;
		return;
	}
	free(ptr);
}

void adv_sandbox_release_blocks(adv_vm *e)
{
	for (size_t c = 0; c <= ADV_SMALL_CLASSES; c++) {
		while (e->small_free[c]) {
			struct adv_free_block *b = e->small_free[c];
			e->small_free[c] = b->next;
			free(b);
		}
		e->small_kept[c] = 0;
	}
}

static void *counting_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	adv_vm *e = ud;
	/* For a new block, osize is a type tag, not a size. */
	size_t old = ptr ? osize : 0;

	if (nsize == 0) {
		free_block(e, ptr, old);
		e->mem_used -= old;
		return NULL;
	}
	if (nsize > old && (e->mem_used > e->mem_limit ||
			    nsize - old > e->mem_limit - e->mem_used))
		return NULL;
	void *p = alloc_block(e, ptr, nsize);
	if (!p)
		return NULL;
	e->mem_used = e->mem_used - old + nsize;
	/* Growth is charged to the instruction budget too, a VM instruction
	 * per 64 bytes: a loop whose every turn builds a long string (s .. s,
	 * string.rep, table.concat) is bounded by the budget in time, not
	 * only by the cap in space.  The hook sees the charge on its next
	 * count. */
	if (nsize > old)
		e->budget_used += (nsize - old) / ALLOC_BYTES_PER_INSTRUCTION;
	return p;
}

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static void budget_hook(lua_State *L, lua_Debug *ar)
{
	adv_vm *e = adv_vm_of(L);
	(void)ar;

	if (!e->budget_blown) {
		e->budget_used += HOOK_EVERY;
		if (e->budget_used <= e->budget_limit && now_ns() <= e->deadline_ns)
			return;
		e->budget_blown = e->budget_used <= e->budget_limit ? 2 : 1;
		/* From now on, stop the script at its next instruction. */
		lua_sethook(L, budget_hook, LUA_MASKCOUNT, 1);
	}
	luaL_error(L, e->budget_blown == 2 ? "time limit exceeded"
		: "instruction limit exceeded");
}

uint64_t adv_sandbox_budget_left(lua_State *L)
{
	adv_vm *e = adv_vm_of(L);

	if (e->budget_blown || e->budget_used >= e->budget_limit)
		return 0;
	return e->budget_limit - e->budget_used;
}

void adv_sandbox_charge(lua_State *L, uint64_t n)
{
	adv_vm *e = adv_vm_of(L);

	if (!e->budget_blown && n <= adv_sandbox_budget_left(L)) {
		e->budget_used += n;
		return;
	}
	e->budget_used = e->budget_limit + 1;
	e->budget_blown = 1;
	lua_sethook(L, budget_hook, LUA_MASKCOUNT, 1);
	luaL_error(L, "instruction limit exceeded");
}

static int mem_fits(const adv_vm *e, size_t n)
{
	return e->mem_used <= e->mem_limit && n <= e->mem_limit - e->mem_used;
}

int adv_sandbox_mem_charge(adv_vm *e, size_t n)
{
	/* Garbage may hold the room, as it may for Lua's own allocations,
	 * whose emergency collection this is. */
	if (!mem_fits(e, n) && e->L)
		lua_gc(e->L, LUA_GCCOLLECT, 0);
	if (!mem_fits(e, n))
		return -1;
	e->mem_used += n;
	e->budget_used += n / ALLOC_BYTES_PER_INSTRUCTION;
	return 0;
}

void adv_sandbox_mem_release(adv_vm *e, size_t n)
{
	/* After lua_close the state's own count is 0, and the rules freed
	 * then give back what is no longer counted. */
	e->mem_used -= n < e->mem_used ? n : e->mem_used;
}

int adv_sandbox_memory_error(lua_State *L)
{
	adv_vm *e = adv_vm_of(L);
	/* A block one byte over the whole cap never fits: Lua collects,
	 * tries again and raises its memory error, whatever is free. */
	if (e->mem_limit < SIZE_MAX / 4)
		lua_newuserdatauv(L, e->mem_limit + 1, 0);
	return luaL_error(L, "not enough memory");
}

void adv_sandbox_budget(adv_vm *e, uint64_t limit)
{
	e->budget_limit = limit;
	e->budget_used = 0;
	e->budget_blown = 0;
	e->deadline_ns = now_ns() + e->time_limit_ns;
	lua_sethook(e->L, budget_hook, LUA_MASKCOUNT, HOOK_EVERY);
}

/* collectgarbage("count") only: the rest would let a policy stall the
 * collector or force full collections on every request. */
static int safe_collectgarbage(lua_State *L)
{
	const char *opt = luaL_optstring(L, 1, "count");
	if (strcmp(opt, "count") != 0)
		return luaL_error(L, "collectgarbage: only \"count\" is allowed in a policy");
	lua_pushnumber(L, (lua_Number)lua_gc(L, LUA_GCCOUNT, 0) +
		(lua_Number)lua_gc(L, LUA_GCCOUNTB, 0) / 1024.0);
	return 1;
}

/* load(chunk [, chunkname [, mode [, env]]]) for text chunks only, in the
 * policy's environment unless one is given. */
static int safe_load(lua_State *L)
{
	size_t len;
	const char *s = luaL_checklstring(L, 1, &len);
	const char *given = luaL_optstring(L, 2, NULL);
	const char *mode = luaL_optstring(L, 3, "t");
	int has_env = !lua_isnone(L, 4);

	if (strcmp(mode, "t") != 0)
		return luaL_error(L, "load: only text chunks (mode \"t\") are allowed in a policy");
	/* The chunk's name is always shown as a loaded string: a name like
	 * "@scripts/policy/known.lua" would otherwise make its errors pose as
	 * a file of the policy. */
	char name[80] = "=(load)";
	if (given) {
		while (*given == '@' || *given == '=')
			given++;
		snprintf(name, sizeof(name), "=(load %.60s)", given);
	}
	if (luaL_loadbufferx(L, s, len, name, "t") != LUA_OK) {
		lua_pushnil(L);
		lua_insert(L, -2);
		return 2;
	}
	if (has_env)
		lua_pushvalue(L, 4);
	else
		lua_rawgeti(L, LUA_REGISTRYINDEX, adv_vm_of(L)->env_ref);
	if (!lua_setupvalue(L, -2, 1))
		lua_pop(L, 1);
	return 1;
}

/* No rawset: it would write through the read-only globals and libraries;
 * setmetatable is wrapped (no __gc). */
static const char *const base_allowed[] = { "assert", "error", "ipairs",
	"next", "pairs", "pcall", "rawequal", "rawget", "rawlen", "select",
	"getmetatable", "tonumber", "tostring", "type", "_VERSION", NULL };

/*
 * xpcall(f, handler, ...) as pcall followed by handler(error).  Lua runs a
 * message handler where the error was raised; when that is the budget's
 * count hook, hooks are off (Lua clears allowhook while a hook runs, and
 * an error leaving the hook does not restore it until the pcall returns),
 * so a handler that loops would never be stopped.  Here the handler runs
 * after the unwinding, under the hook like any code.  A policy has no
 * debug library, so it loses nothing it could see from the handler.
 */
static int safe_xpcall(lua_State *L)
{
	int n = lua_gettop(L);

	luaL_checktype(L, 2, LUA_TFUNCTION);
	lua_pushvalue(L, 1);
	for (int i = 3; i <= n; i++)
		lua_pushvalue(L, i);
	if (lua_pcall(L, n - 2, LUA_MULTRET, 0) == LUA_OK) {
		lua_pushboolean(L, 1);
		lua_insert(L, n + 1);
		return lua_gettop(L) - n;
	}
	lua_pushvalue(L, 2);
	lua_insert(L, -2);
	lua_call(L, 1, 1);
	lua_pushboolean(L, 0);
	lua_insert(L, -2);
	return 2;
}

/* setmetatable without finalizers: a __gc of the script's would run at
 * collection or at lua_close, outside any request and its budget. */
static int safe_setmetatable(lua_State *L)
{
	if (lua_type(L, 2) == LUA_TTABLE &&
	    lua_getfield(L, 2, "__gc") != LUA_TNIL)
		return luaL_error(L, "setmetatable: __gc metamethods are not allowed in a policy");
	lua_settop(L, 2);
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, 2, 1);
	return 1;
}

static const char *const os_allowed[] = { "time", "date", "clock",
	"difftime", NULL };

/* Copy the named fields of the table at src into a fresh table. */
static void copy_fields(lua_State *L, int src, const char *const *names)
{
	lua_newtable(L);
	for (int i = 0; names[i]; i++) {
		lua_getfield(L, src, names[i]);
		lua_setfield(L, -2, names[i]);
	}
}

/* Copy every field of the library table at the top into a fresh table, so
 * that a policy changing string.format changes only its own copy. */
static void copy_library(lua_State *L, const char *skip)
{
	lua_newtable(L);
	lua_pushnil(L);
	while (lua_next(L, -3)) {
		if (skip && lua_type(L, -2) == LUA_TSTRING &&
		    strcmp(lua_tostring(L, -2), skip) == 0) {
			lua_pop(L, 1);
			continue;
		}
		lua_pushvalue(L, -2);
		lua_insert(L, -2);
		lua_settable(L, -4);
	}
	lua_remove(L, -2);
}

static int open_sandbox(lua_State *L)
{
	adv_vm *e = adv_vm_of(L);
	static const luaL_Reg libs[] = {
		{ LUA_GNAME, luaopen_base }, { LUA_STRLIBNAME, luaopen_string },
		{ LUA_TABLIBNAME, luaopen_table }, { LUA_MATHLIBNAME, luaopen_math },
		{ LUA_UTF8LIBNAME, luaopen_utf8 }, { LUA_OSLIBNAME, luaopen_os },
		{ NULL, NULL } };

	for (const luaL_Reg *lib = libs; lib->func; lib++) {
		luaL_requiref(L, lib->name, lib->func, 1);
		lua_pop(L, 1);
	}
	lua_pushglobaltable(L);
	int g = lua_gettop(L);

	/* Pattern functions under the budget, in the library itself: string
	 * methods reach it through the string metatable. */
	lua_getfield(L, g, LUA_STRLIBNAME);
	adv_sandbox_meter_patterns(L, -1);
	lua_pop(L, 1);
	/* And the functions whose work in C grows with their arguments. */
	adv_sandbox_meter_libraries(L, g);

	/* The policy's environment. */
	copy_fields(L, g, base_allowed);
	int env = lua_gettop(L);
	lua_pushcfunction(L, safe_load);
	lua_setfield(L, env, "load");
	lua_pushcfunction(L, safe_xpcall);
	lua_setfield(L, env, "xpcall");
	lua_pushcfunction(L, safe_collectgarbage);
	lua_setfield(L, env, "collectgarbage");
	lua_getfield(L, g, "setmetatable");
	lua_pushcclosure(L, safe_setmetatable, 1);
	lua_setfield(L, env, "setmetatable");
	lua_pushvalue(L, env);
	lua_setfield(L, env, "_G");

	lua_getfield(L, g, LUA_STRLIBNAME);
	copy_library(L, "dump");
	lua_setfield(L, env, LUA_STRLIBNAME);
	lua_getfield(L, g, LUA_TABLIBNAME);
	copy_library(L, NULL);
	lua_setfield(L, env, LUA_TABLIBNAME);
	lua_getfield(L, g, LUA_MATHLIBNAME);
	copy_library(L, NULL);
	lua_setfield(L, env, LUA_MATHLIBNAME);
	lua_getfield(L, g, LUA_UTF8LIBNAME);
	copy_library(L, NULL);
	lua_setfield(L, env, LUA_UTF8LIBNAME);
	lua_getfield(L, g, LUA_OSLIBNAME);
	copy_fields(L, lua_gettop(L), os_allowed);
	lua_remove(L, -2);
	lua_setfield(L, env, LUA_OSLIBNAME);

	/* Strings share one metatable, whose __index is the real string
	 * library: take string.dump out of it (("").dump would reach it), and
	 * hide the metatable so that a policy cannot swap string methods under
	 * every other rule. */
	lua_getfield(L, g, LUA_STRLIBNAME);
	lua_pushnil(L);
	lua_setfield(L, -2, "dump");
	lua_pop(L, 1);
	lua_pushliteral(L, "");
	lua_getmetatable(L, -1);
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 2);

	adv_lua_open_person(L);
	adv_lua_open_module(L);
	lua_setfield(L, env, "advisor");

	lua_pushvalue(L, env);
	e->env_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	return 0;
}

/* ------------------------------------------------------------------------
 * Freezing.  Once the policy has loaded, its globals and the library tables
 * become read-only proxies: a rule that assigns a global, or replaces
 * string.format, fails instead of changing what the next request sees.
 * ------------------------------------------------------------------------ */

static int frozen_newindex(lua_State *L)
{
	return luaL_error(L, "%s is read-only once the policy has loaded (assigning '%s')",
		lua_tostring(L, lua_upvalueindex(1)), luaL_tolstring(L, 2, NULL));
}

/* The iterator of a frozen view: next over the hidden table, which stays
 * an upvalue (handing it out as pairs' state would give a policy the
 * writable table behind the view). */
static int frozen_next(lua_State *L)
{
	lua_settop(L, 2); /* the view, the key */
	if (lua_next(L, lua_upvalueindex(1)))
		return 2;
	lua_pushnil(L);
	return 1;
}

/* # of a frozen view: the length of the table behind it, so that a
 * frozen list still counts (ipairs and table.concat read through
 * __index and __len). */
static int frozen_len(lua_State *L)
{
	lua_pushinteger(L, (lua_Integer)lua_rawlen(L, lua_upvalueindex(1)));
	return 1;
}

static int frozen_pairs(lua_State *L)
{
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_pushcclosure(L, frozen_next, 1);
	lua_pushvalue(L, 1); /* the view itself as the state */
	lua_pushnil(L);
	return 3;
}

/* Move the fields of the table at idx into a hidden table and make idx a
 * read-only view of it; the hidden table is left on the stack. */
static void freeze_table(lua_State *L, int idx, const char *what)
{
	idx = lua_absindex(L, idx);
	lua_newtable(L);                     /* data */
	int data = lua_gettop(L);
	lua_pushnil(L);
	while (lua_next(L, idx)) {
		lua_pushvalue(L, -2);
		lua_insert(L, -2);
		lua_rawset(L, data);
	}
	lua_pushnil(L);
	while (lua_next(L, data)) {
		lua_pop(L, 1);
		lua_pushvalue(L, -1);
		lua_pushnil(L);
		lua_rawset(L, idx);
	}
	lua_createtable(L, 0, 5);            /* the metatable */
	lua_pushvalue(L, data);
	lua_setfield(L, -2, "__index");
	lua_pushstring(L, what);
	lua_pushcclosure(L, frozen_newindex, 1);
	lua_setfield(L, -2, "__newindex");
	lua_pushvalue(L, data);
	lua_pushcclosure(L, frozen_pairs, 1);
	lua_setfield(L, -2, "__pairs");
	lua_pushvalue(L, data);
	lua_pushcclosure(L, frozen_len, 1);
	lua_setfield(L, -2, "__len");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_setmetatable(L, idx);
}

/* Is the table at idx a frozen view already? */
static int is_frozen(lua_State *L, int idx)
{
	int frozen = 0;
	if (lua_getmetatable(L, idx)) {
		lua_getfield(L, -1, "__newindex");
		frozen = lua_tocfunction(L, -1) == frozen_newindex;
		lua_pop(L, 2);
	}
	return frozen;
}

/* Freeze the table at idx and every table reachable from it through
 * fields, once each (seen: a table of the tables done). */
static void freeze_deep(lua_State *L, int idx, const char *what, int seen)
{
	idx = lua_absindex(L, idx);
	if (is_frozen(L, idx))
		return;
	lua_pushvalue(L, idx);
	if (lua_rawget(L, seen) != LUA_TNIL) {
		lua_pop(L, 1);
		return;
	}
	lua_pop(L, 1);
	lua_pushvalue(L, idx);
	lua_pushboolean(L, 1);
	lua_rawset(L, seen);
	luaL_checkstack(L, 8, "freezing nested tables");
	freeze_table(L, idx, what);
	int data = lua_gettop(L);
	lua_pushnil(L);
	while (lua_next(L, data)) {
		if (lua_type(L, -1) == LUA_TTABLE)
			freeze_deep(L, -1, "a table of the policy", seen);
		lua_pop(L, 1);
	}
	lua_pop(L, 1); /* data */
}

static int freeze(lua_State *L)
{
	static const char *const libs[] = { LUA_STRLIBNAME, LUA_TABLIBNAME,
		LUA_MATHLIBNAME, LUA_UTF8LIBNAME, LUA_OSLIBNAME, "advisor", NULL };
	adv_vm *e = adv_vm_of(L);

	lua_newtable(L);
	int seen = lua_gettop(L);
	lua_rawgeti(L, LUA_REGISTRYINDEX, e->env_ref);
	int env = lua_gettop(L);
	for (int i = 0; libs[i]; i++) {
		if (lua_getfield(L, env, libs[i]) == LUA_TTABLE) {
			lua_pushfstring(L, "the %s library", libs[i]);
			freeze_deep(L, -2, lua_tostring(L, -1), seen);
			lua_pop(L, 1);
		}
		lua_pop(L, 1);
	}
	/* The modules loaded with require, and what they hold. */
	if (lua_getfield(L, LUA_REGISTRYINDEX, ADV_LOADED_KEY) == LUA_TTABLE) {
		int loaded = lua_gettop(L);
		lua_pushnil(L);
		while (lua_next(L, loaded)) {
			if (lua_type(L, -1) == LUA_TTABLE) {
				lua_pushfstring(L, "module %s",
					lua_tostring(L, -2));
				freeze_deep(L, -2, lua_tostring(L, -1), seen);
				lua_pop(L, 1);
			}
			lua_pop(L, 1);
		}
	}
	lua_pop(L, 1);
	freeze_deep(L, env, "the policy's global table", seen);
	return 0;
}

void adv_sandbox_freeze_value(lua_State *L, int idx, const char *what)
{
	idx = lua_absindex(L, idx);
	if (lua_type(L, idx) != LUA_TTABLE)
		return;
	lua_newtable(L);
	freeze_deep(L, idx, what, lua_gettop(L));
	lua_pop(L, 1);
}

int adv_sandbox_freeze(adv_vm *e, advisor_error *err)
{
	int rc;
	lua_pushcfunction(e->L, freeze);
	rc = adv_sandbox_call(e, 0, 0, "freezing the policy", NULL, err);
	if (rc == ADVISOR_OK)
		e->frozen = 1;
	return rc;
}

int adv_sandbox_open(adv_vm *e, advisor_error *err)
{
	lua_State *L = lua_newstate(counting_alloc, e);
	if (!L)
		return adv_error_set(err, ADVISOR_ENOMEM,
			"cannot create the Lua state: out of memory");
	*(adv_vm **)lua_getextraspace(L) = e;
	e->L = L;
	lua_pushcfunction(L, open_sandbox);
	return adv_sandbox_call(e, 0, 0, "opening the sandbox", NULL, err);
}

/*
 * The message handler: every error leaves with the policy file and line
 * that caused it.  Errors raised from C (a bad argument to an advisor
 * function, say) carry no position of their own, so the first Lua frame on
 * the stack lends its own.
 */
static int has_position(const char *msg)
{
	const char *colon = strchr(msg, ':');
	const char *p = colon ? colon + 1 : NULL;

	if (!p || colon == msg || *p < '0' || *p > '9')
		return 0;
	while (*p >= '0' && *p <= '9')
		p++;
	return *p == ':';
}

static int message_handler(lua_State *L)
{
	const char *msg = lua_tostring(L, 1);
	lua_Debug ar;

	if (!msg) {
		/* A non-string error value: say what it was, without running
		 * the script's __tostring outside the budget's reach. */
		msg = lua_pushfstring(L, "(error object is a %s value)",
			luaL_typename(L, 1));
	}
	for (int level = 0; !has_position(msg) && lua_getstack(L, level, &ar);
	     level++) {
		if (!lua_getinfo(L, "Sl", &ar) || ar.currentline <= 0)
			continue;
		msg = lua_pushfstring(L, "%s:%d: %s", ar.short_src,
			ar.currentline, msg);
	}
	lua_pushstring(L, msg);
	return 1;
}

int adv_sandbox_call(adv_vm *e, int nargs, int nresults,
	const char *what, const char *name, advisor_error *err)
{
	char where[300];
	lua_State *L = e->L;
	int base = lua_gettop(L) - nargs;
	int status;

	lua_pushcfunction(L, message_handler);
	lua_insert(L, base);
	status = lua_pcall(L, nargs, nresults, base);
	lua_remove(L, base);
	if (status == LUA_OK && !e->budget_blown)
		return ADVISOR_OK;

	int code = ADVISOR_EPOLICY;
	const char *msg = lua_tostring(L, -1);
	if (e->call_what) {
		/* A rule or the note composer failed under this call. */
		what = e->call_what;
		name = e->call_name;
		e->call_what = NULL;
	}
	snprintf(where, sizeof(where), "%s%s%s", what, name ? " " : "",
		name ? name : "");
	if (status == LUA_ERRMEM) {
		code = ADVISOR_ELIMIT;
		adv_error_set(err, code, "%s: memory limit exceeded (%zu bytes)",
			where, e->mem_limit);
	} else if (e->budget_blown == 2) {
		code = ADVISOR_ELIMIT;
		adv_error_set(err, code, "%s: time limit exceeded (%llu ms)", where,
			(unsigned long long)(e->time_limit_ns / 1000000ULL));
	} else if (e->budget_blown) {
		code = ADVISOR_ELIMIT;
		adv_error_set(err, code,
			"%s: instruction limit exceeded (%llu instructions)", where,
			(unsigned long long)e->budget_limit);
	} else {
		adv_error_set(err, code, "%s: %s", where, msg ? msg : "(no message)");
	}
	lua_settop(L, base - 1);
	return code;
}
