/*
 * sandbox_meter.c - the library functions whose work in C grows with their
 * arguments, charged to the instruction budget before they run.
 *
 * The count hook sees Lua instructions only: string.rep("", 1 << 62) is
 * one instruction that loops 2^62 times inside C, table.concat with a huge
 * j one that calls __index billions of times, and a sort of 100,000
 * references to one long string compares it, in C, millions of times.
 * Each function below works out from its arguments how much it is about
 * to do, charges that (adv_sandbox_charge raises the instruction-limit
 * error if it does not fit), and only then calls Lua's own function.  The
 * unit is one instruction per element read or called, and per 64 bytes
 * copied (about what a Lua instruction costs in time).
 *
 * The wrappers replace the functions in the library tables themselves, so
 * string methods (through the string metatable) are metered too.
 */
#include <lauxlib.h>
#include <lualib.h>
#include <stdint.h>

#include "lua/vm.h"

#define BYTES_PER_STEP 64

/* n, clamped to what a charge can say: any count past the budget is as
 * good as infinite. */
static uint64_t steps_of(lua_Integer n)
{
	return n > 0 ? (uint64_t)n : 0;
}

static uint64_t bytes_of(size_t n)
{
	return (uint64_t)n / BYTES_PER_STEP;
}

/* a * b without wrapping. */
static uint64_t times(uint64_t a, uint64_t b)
{
	return b && a > UINT64_MAX / b ? UINT64_MAX : a * b;
}

static uint64_t plus(uint64_t a, uint64_t b)
{
	return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

/* Would a result of this many bytes fit the state's memory?  When it
 * would not, the original runs uncharged: it fails at its first
 * allocation with the memory-limit error, which says more than the
 * instruction limit would. */
static int fits_memory(lua_State *L, uint64_t bytes)
{
	const adv_vm *e = adv_vm_of(L);
	return e->mem_used <= e->mem_limit && bytes <= e->mem_limit - e->mem_used;
}

/* Work of a few steps is left uncharged: it is no more than the call's
 * own instruction, and most calls (a format, a lower of a name) are that
 * small. */
#define FREE_STEPS 16

static void charge(lua_State *L, uint64_t steps)
{
	if (steps > FREE_STEPS)
		adv_sandbox_charge(L, steps);
}

/* Run the original (upvalue 1: one of Lua's library functions, a C
 * function without upvalues of its own) on the arguments as given: a
 * direct C call, so that metering adds no Lua call to every format. */
static int call_original(lua_State *L)
{
	return lua_tocfunction(L, lua_upvalueindex(1))(L);
}

/* The length of table argument i, through __len as the library reads it. */
static lua_Integer length_of(lua_State *L, int i)
{
	luaL_checktype(L, i, LUA_TTABLE);
	return luaL_len(L, i);
}

/* ------------------------------------------------------------------------
 * string
 * ------------------------------------------------------------------------ */

/* string.rep(s, n [, sep]): n copies, even of nothing. */
static int meter_rep(lua_State *L)
{
	size_t ls, lsep = 0;
	luaL_checklstring(L, 1, &ls);
	lua_Integer n = luaL_checkinteger(L, 2);
	luaL_optlstring(L, 3, "", &lsep);
	uint64_t copies = steps_of(n), total = times(copies, (uint64_t)ls + lsep);
	if (fits_memory(L, total))
		charge(L, 1 + plus(copies, total) / BYTES_PER_STEP);
	return call_original(L);
}

/* upper, lower, reverse, len-proportional copies of argument 1. */
static int meter_copy(lua_State *L)
{
	size_t ls;
	luaL_checklstring(L, 1, &ls);
	charge(L, 1 + bytes_of(ls));
	return call_original(L);
}

/* string.byte(s [, i [, j]]) and utf8.codepoint: one value each. */
static int meter_slice(lua_State *L)
{
	size_t ls;
	luaL_checklstring(L, 1, &ls);
	lua_Integer i = luaL_optinteger(L, 2, 1);
	lua_Integer j = luaL_optinteger(L, 3, i);
	if (i < 0)
		i = (lua_Integer)ls + i + 1;
	if (j < 0)
		j = (lua_Integer)ls + j + 1;
	charge(L, 1 + (j >= i ? steps_of(j - i + 1) : 0));
	return call_original(L);
}

/* string.char(...), utf8.char(...): one step an argument. */
static int meter_args(lua_State *L)
{
	charge(L, 1 + (uint64_t)lua_gettop(L));
	return call_original(L);
}

/* string.format(fmt, ...): the strings it copies. */
static int meter_format(lua_State *L)
{
	uint64_t bytes = 0;
	int n = lua_gettop(L);
	for (int i = 1; i <= n; i++)
		if (lua_type(L, i) == LUA_TSTRING)
			bytes = plus(bytes, lua_rawlen(L, i));
	if (fits_memory(L, bytes))
		charge(L, 1 + (uint64_t)n + bytes_of(bytes));
	return call_original(L);
}

/* ------------------------------------------------------------------------
 * table
 * ------------------------------------------------------------------------ */

/* table.concat(list [, sep [, i [, j]]]): j - i + 1 reads and copies. */
static int meter_concat(lua_State *L)
{
	lua_Integer i = luaL_optinteger(L, 3, 1);
	lua_Integer j = lua_isnoneornil(L, 4) ? length_of(L, 1)
		: luaL_checkinteger(L, 4);
	size_t lsep = 0;
	luaL_optlstring(L, 2, "", &lsep);
	uint64_t n = j >= i ? steps_of(j - i) + 1 : 0;
	charge(L, plus(n, times(n, bytes_of(lsep))));
	return call_original(L);
}

/* table.unpack(list [, i [, j]]): j - i + 1 values. */
static int meter_unpack(lua_State *L)
{
	lua_Integer i = luaL_optinteger(L, 2, 1);
	lua_Integer j = lua_isnoneornil(L, 3) ? length_of(L, 1)
		: luaL_checkinteger(L, 3);
	charge(L, 1 + (j >= i ? steps_of(j - i) + 1 : 0));
	return call_original(L);
}

/* table.move(a1, f, e, t [, a2]): e - f + 1 moves. */
static int meter_move(lua_State *L)
{
	lua_Integer f = luaL_checkinteger(L, 2), e = luaL_checkinteger(L, 3);
	charge(L, 1 + (e >= f ? steps_of(e - f) + 1 : 0));
	return call_original(L);
}

/* table.insert and table.remove shift up to the whole list, whose length
 * __len may claim to be anything. */
static int meter_shift(lua_State *L)
{
	charge(L, 1 + steps_of(length_of(L, 1)));
	return call_original(L);
}

/* A comparison of the sort: charged by the strings it compares (equal
 * prefixes are compared byte by byte), then the policy's comparator
 * (upvalue 1), or <. */
static int metered_less(lua_State *L)
{
	uint64_t cost = 1;
	if (lua_type(L, 1) == LUA_TSTRING && lua_type(L, 2) == LUA_TSTRING) {
		size_t a = lua_rawlen(L, 1), b = lua_rawlen(L, 2);
		cost += bytes_of(a < b ? a : b);
	}
	charge(L, cost);
	if (lua_isnil(L, lua_upvalueindex(1))) {
		lua_pushboolean(L, lua_compare(L, 1, 2, LUA_OPLT));
		return 1;
	}
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_settop(L, 3);
	lua_call(L, 2, 1);
	return 1;
}

/* table.sort(list [, comp]): n log n comparisons up front, and each one
 * charged as it is made. */
static int meter_sort(lua_State *L)
{
	lua_Integer n = length_of(L, 1);
	if (!lua_isnoneornil(L, 2))
		luaL_checktype(L, 2, LUA_TFUNCTION);
	uint64_t steps = steps_of(n);
	uint64_t log2n = 1;
	while (log2n < 64 && (UINT64_C(1) << log2n) < steps)
		log2n++;
	charge(L, plus(steps, times(steps, log2n)));
	lua_settop(L, 2);
	lua_pushcclosure(L, metered_less, 1);  /* over the comparator, or nil */
	return call_original(L);
}

/* ------------------------------------------------------------------------
 * utf8
 * ------------------------------------------------------------------------ */

/* utf8.len(s [, i [, j]]) and utf8.offset: a walk over the bytes. */
static int meter_walk(lua_State *L)
{
	size_t ls;
	luaL_checklstring(L, 1, &ls);
	charge(L, 1 + bytes_of(ls));
	return call_original(L);
}

/* ------------------------------------------------------------------------ */

typedef struct metered {
	const char *name;
	lua_CFunction meter;
} metered;

static void meter_library(lua_State *L, int lib, const metered *list)
{
	for (const metered *m = list; m->name; m++) {
		/* Only a plain C function can be called directly. */
		if (lua_getfield(L, lib, m->name) != LUA_TFUNCTION ||
		    !lua_iscfunction(L, -1) || lua_getupvalue(L, -1, 1)) {
			lua_settop(L, lib);
			continue;
		}
		lua_pushcclosure(L, m->meter, 1);
		lua_setfield(L, lib, m->name);
	}
}

void adv_sandbox_meter_libraries(lua_State *L, int globals)
{
	static const metered string_fns[] = { { "rep", meter_rep },
		{ "upper", meter_copy }, { "lower", meter_copy },
		{ "reverse", meter_copy }, { "sub", meter_copy },
		{ "byte", meter_slice }, { "char", meter_args },
		{ "format", meter_format }, { NULL, NULL } };
	static const metered table_fns[] = { { "concat", meter_concat },
		{ "unpack", meter_unpack }, { "move", meter_move },
		{ "insert", meter_shift }, { "remove", meter_shift },
		{ "sort", meter_sort }, { NULL, NULL } };
	static const metered utf8_fns[] = { { "len", meter_walk },
		{ "offset", meter_walk }, { "codepoint", meter_slice },
		{ "char", meter_args }, { NULL, NULL } };
	static const struct {
		const char *lib;
		const metered *fns;
	} libs[] = { { LUA_STRLIBNAME, string_fns }, { LUA_TABLIBNAME, table_fns },
		{ LUA_UTF8LIBNAME, utf8_fns } };

	globals = lua_absindex(L, globals);
	for (size_t i = 0; i < sizeof(libs) / sizeof(*libs); i++) {
		if (lua_getfield(L, globals, libs[i].lib) == LUA_TTABLE)
			meter_library(L, lua_gettop(L), libs[i].fns);
		lua_pop(L, 1);
	}
}
