/*
 * sandbox_pattern.c - Lua's pattern functions under the instruction budget.
 *
 * string.find, match, gmatch and gsub do their whole search inside one C
 * call, where the count hook cannot reach, and Lua's matcher backtracks:
 * ("a*"):rep(6) .. "b" against a long run of a's takes time to the sixth
 * power of the text's length.  So before each call a meter walks the same
 * backtracking search the matcher will walk (the algorithm of Lua 5.4's
 * lstrlib.c, keeping capture positions but building no values), counting
 * its steps against what is left of the request's budget.  A search that
 * would blow the budget fails with the instruction-limit error before the
 * real matcher starts; one that fits is charged to the budget, and then
 * Lua's own function runs, so results and error messages stay Lua's.
 *
 * A pattern the meter finds malformed (a trailing '%', a missing ']', an
 * unclosed capture) stops the metering: Lua's function reports it, after
 * no more work than the meter has counted.  find with plain text (or a
 * pattern without magic characters) is answered here with memmem, which
 * is linear where Lua's memchr-and-memcmp loop is not.
 */
#define _GNU_SOURCE /* memmem */
#include <ctype.h>
#include <lauxlib.h>
#include <stddef.h>
#include <string.h>

#include "lua/vm.h"

#define L_ESC '%'
#define SPECIALS "^$*+?.([%-"
#define MAX_DEPTH 200          /* lstrlib.c's MAXCCALLS */
#define MAX_CAPTURES 32        /* luaconf.h's LUA_MAXCAPTURES */
#define CAP_UNFINISHED (-1)
#define CAP_POSITION (-2)

enum { GOING = 0, OUT_OF_BUDGET, MALFORMED };

typedef struct meter {
	const char *src, *src_end, *p_end;
	uint64_t steps, limit;
	int stop;
	int depth;
	int level;
	struct {
		const char *init;
		ptrdiff_t len;
	} cap[MAX_CAPTURES];
} meter;

static void tick(meter *m, uint64_t n)
{
	m->steps += n;
	if (m->steps > m->limit && !m->stop)
		m->stop = OUT_OF_BUDGET;
}

static const char *bad(meter *m)
{
	if (!m->stop)
		m->stop = MALFORMED;
	return NULL;
}

/* The end of the single-character class at p; NULL if malformed. */
static const char *class_end(meter *m, const char *p)
{
	switch (*p++) {
	case L_ESC:
		if (p == m->p_end)
			return bad(m);
		return p + 1;
	case '[':
		if (*p == '^')
			p++;
		do { /* the pattern is a Lua string: *p_end is a '\0' */
			if (p == m->p_end)
				return bad(m);
			if (*(p++) == L_ESC && p < m->p_end)
				p++;
		} while (*p != ']');
		return p + 1;
	default:
		return p;
	}
}

static int match_class(int c, int cl)
{
	int res;

	switch (tolower(cl)) {
	case 'a': res = isalpha(c); break;
	case 'c': res = iscntrl(c); break;
	case 'd': res = isdigit(c); break;
	case 'g': res = isgraph(c); break;
	case 'l': res = islower(c); break;
	case 'p': res = ispunct(c); break;
	case 's': res = isspace(c); break;
	case 'u': res = isupper(c); break;
	case 'w': res = isalnum(c); break;
	case 'x': res = isxdigit(c); break;
	default: return cl == c;
	}
	if (isupper(cl))
		res = !res;
	return res;
}

/* c against the set [...] from p to ec (the ']'). */
static int match_set(int c, const char *p, const char *ec)
{
	int sig = 1;

	if (*(p + 1) == '^') {
		sig = 0;
		p++;
	}
	while (++p < ec) {
		if (*p == L_ESC) {
			p++;
			if (match_class(c, (unsigned char)*p))
				return sig;
		} else if (*(p + 1) == '-' && p + 2 < ec) {
			p += 2;
			if ((unsigned char)*(p - 2) <= c && c <= (unsigned char)*p)
				return sig;
		} else if ((unsigned char)*p == c) {
			return sig;
		}
	}
	return !sig;
}

/* One character of the text against the class p..ep; a set costs its
 * length. */
static int single(meter *m, const char *s, const char *p, const char *ep)
{
	if (s >= m->src_end)
		return 0;
	int c = (unsigned char)*s;
	tick(m, (uint64_t)(ep - p));
	switch (*p) {
	case '.': return 1;
	case L_ESC: return match_class(c, (unsigned char)*(p + 1));
	case '[': return match_set(c, p, ep - 1);
	default: return (unsigned char)*p == c;
	}
}

static const char *do_match(meter *m, const char *s, const char *p);

static const char *balance(meter *m, const char *s, const char *p)
{
	if (p >= m->p_end - 1)
		return bad(m);
	if (s >= m->src_end || *s != *p)
		return NULL;
	const char *start = s;
	int b = *p, e = *(p + 1), open = 1;
	while (++s < m->src_end) {
		if (*s == e) {
			if (--open == 0)
				break;
		} else if (*s == b) {
			open++;
		}
	}
	tick(m, (uint64_t)(s - start));
	return s < m->src_end ? s + 1 : NULL;
}

static const char *max_expand(meter *m, const char *s, const char *p,
	const char *ep)
{
	ptrdiff_t i = 0;

	while (!m->stop && single(m, s + i, p, ep))
		i++;
	for (; i >= 0 && !m->stop; i--) {
		tick(m, 1);
		const char *res = do_match(m, s + i, ep + 1);
		if (res)
			return res;
	}
	return NULL;
}

static const char *min_expand(meter *m, const char *s, const char *p,
	const char *ep)
{
	while (!m->stop) {
		const char *res = do_match(m, s, ep + 1);
		if (res)
			return res;
		if (!single(m, s, p, ep))
			return NULL;
		s++;
	}
	return NULL;
}

static const char *start_capture(meter *m, const char *s, const char *p,
	ptrdiff_t what)
{
	if (m->level >= MAX_CAPTURES)
		return bad(m);
	m->cap[m->level].init = s;
	m->cap[m->level].len = what;
	m->level++;
	const char *res = do_match(m, s, p);
	if (!res)
		m->level--;
	return res;
}

static const char *end_capture(meter *m, const char *s, const char *p)
{
	int l = m->level - 1;

	while (l >= 0 && m->cap[l].len != CAP_UNFINISHED)
		l--;
	if (l < 0)
		return bad(m);
	m->cap[l].len = s - m->cap[l].init;
	const char *res = do_match(m, s, p);
	if (!res)
		m->cap[l].len = CAP_UNFINISHED;
	return res;
}

static const char *back_reference(meter *m, const char *s, int digit)
{
	int l = digit - '1';

	if (l < 0 || l >= m->level || m->cap[l].len == CAP_UNFINISHED)
		return bad(m);
	ptrdiff_t len = m->cap[l].len;
	if (len < 0 || m->src_end - s < len)
		return NULL; /* a position capture never matches text */
	tick(m, (uint64_t)len / 16);
	return memcmp(m->cap[l].init, s, (size_t)len) == 0 ? s + len : NULL;
}

/* Lua's match(): where a match of p starting at s ends, or NULL. */
static const char *do_match(meter *m, const char *s, const char *p)
{
	if (m->stop)
		return NULL;
	if (m->depth-- == 0) {
		m->depth++;
		return bad(m); /* Lua says "pattern too complex" */
	}
	while (p != m->p_end) {
		tick(m, 1);
		if (m->stop) {
			s = NULL;
			break;
		}
		if (*p == '(') {
			s = *(p + 1) == ')'
				? start_capture(m, s, p + 2, CAP_POSITION)
				: start_capture(m, s, p + 1, CAP_UNFINISHED);
			break;
		}
		if (*p == ')') {
			s = end_capture(m, s, p + 1);
			break;
		}
		if (*p == '$' && p + 1 == m->p_end) {
			s = s == m->src_end ? s : NULL;
			break;
		}
		if (*p == L_ESC && *(p + 1) == 'b') {
			if ((s = balance(m, s, p + 2)) == NULL)
				break;
			p += 4;
			continue;
		}
		if (*p == L_ESC && *(p + 1) == 'f') {
			p += 2;
			if (*p != '[') {
				s = bad(m);
				break;
			}
			const char *ep = class_end(m, p);
			if (!ep) {
				s = NULL;
				break;
			}
			int prev = s == m->src ? '\0' : (unsigned char)*(s - 1);
			tick(m, (uint64_t)(ep - p));
			if (!match_set(prev, p, ep - 1) &&
			    match_set((unsigned char)*s, p, ep - 1)) {
				p = ep;
				continue;
			}
			s = NULL;
			break;
		}
		if (*p == L_ESC && isdigit((unsigned char)*(p + 1))) {
			if ((s = back_reference(m, s, *(p + 1))) == NULL)
				break;
			p += 2;
			continue;
		}
		/* A single-character class, maybe with a repetition. */
		const char *ep = class_end(m, p);
		if (!ep) {
			s = NULL;
			break;
		}
		if (!single(m, s, p, ep)) {
			if (*ep == '*' || *ep == '?' || *ep == '-') {
				p = ep + 1;
				continue;
			}
			s = NULL;
			break;
		}
		if (*ep == '?') {
			const char *res = do_match(m, s + 1, ep + 1);
			if (res) {
				s = res;
				break;
			}
			p = ep + 1;
			continue;
		}
		if (*ep == '+') {
			s = max_expand(m, s + 1, p, ep);
			break;
		}
		if (*ep == '*') {
			s = max_expand(m, s, p, ep);
			break;
		}
		if (*ep == '-') {
			s = min_expand(m, s, p, ep);
			break;
		}
		s++;
		p = ep;
	}
	m->depth++;
	return s;
}

/* ------------------------------------------------------------------------
 * The four functions: meter, charge, then call Lua's (upvalue 1).
 * ------------------------------------------------------------------------ */

/* lstrlib.c's posrelatI: a 1-based start position, negative from the end. */
static size_t start_position(lua_Integer pos, size_t len)
{
	if (pos > 0)
		return (size_t)pos;
	if (pos == 0)
		return 1;
	if (pos < -(lua_Integer)len)
		return 1;
	return len + (size_t)pos + 1;
}

static void meter_init(meter *m, lua_State *L, const char *s, size_t ls,
	const char *p, size_t lp)
{
	memset(m, 0, sizeof(*m));
	m->src = s;
	m->src_end = s + ls;
	m->p_end = p + lp;
	m->limit = adv_sandbox_budget_left(L);
}

static const char *meter_try(meter *m, const char *s, const char *p)
{
	m->level = 0;
	m->depth = MAX_DEPTH;
	return do_match(m, s, p);
}

/* Charge what the meter counted; raises the limit error if it ran out. */
static void meter_charge(lua_State *L, const meter *m)
{
	adv_sandbox_charge(L, m->stop == OUT_OF_BUDGET ? m->limit + 1 : m->steps);
}

static int call_original(lua_State *L)
{
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
	return lua_gettop(L);
}

static int no_specials(const char *p, size_t lp)
{
	for (size_t i = 0; i < lp; i++)
		if (p[i] && strchr(SPECIALS, p[i]))
			return 0;
	return 1;
}

/* find and match: the first match from init on. */
static int find_or_match(lua_State *L, int find)
{
	size_t ls, lp;
	const char *s = luaL_checklstring(L, 1, &ls);
	const char *p = luaL_checklstring(L, 2, &lp);
	size_t init = start_position(luaL_optinteger(L, 3, 1), ls) - 1;

	if (init > ls)
		return call_original(L);
	if (find && (lua_toboolean(L, 4) || no_specials(p, lp))) {
		adv_sandbox_charge(L, (ls - init + lp) / 64 + 1);
		const char *at = lp ? memmem(s + init, ls - init, p, lp) : s + init;
		if (!at) {
			lua_pushnil(L); /* Lua 5.4's fail */
			return 1;
		}
		lua_pushinteger(L, (lua_Integer)(at - s) + 1);
		lua_pushinteger(L, (lua_Integer)(at - s) + (lua_Integer)lp);
		return 2;
	}
	meter m;
	int anchor = lp > 0 && *p == '^';
	const char *pat = anchor ? p + 1 : p;
	const char *from = s + init;
	meter_init(&m, L, s, ls, p, lp);
	do {
		if (meter_try(&m, from, pat))
			break;
	} while (!m.stop && from++ < m.src_end && !anchor);
	meter_charge(L, &m);
	return call_original(L);
}

static int metered_find(lua_State *L)
{
	return find_or_match(L, 1);
}

static int metered_match(lua_State *L)
{
	return find_or_match(L, 0);
}

/* gmatch: the whole walk is charged when the iterator is made. */
static int metered_gmatch(lua_State *L)
{
	size_t ls, lp;
	const char *s = luaL_checklstring(L, 1, &ls);
	const char *p = luaL_checklstring(L, 2, &lp);
	size_t init = start_position(luaL_optinteger(L, 3, 1), ls) - 1;
	const char *last = NULL;
	meter m;

	if (init > ls)
		init = ls + 1;
	meter_init(&m, L, s, ls, p, lp);
	for (const char *from = s + init; from <= m.src_end && !m.stop;) {
		const char *e = meter_try(&m, from, p);
		if (e && e != last)
			from = last = e;
		else
			from++;
	}
	meter_charge(L, &m);
	return call_original(L);
}

/* gsub: the matches it will replace, up to its n. */
static int metered_gsub(lua_State *L)
{
	size_t ls, lp;
	const char *s = luaL_checklstring(L, 1, &ls);
	const char *p = luaL_checklstring(L, 2, &lp);
	int t = lua_type(L, 3);

	if (t != LUA_TSTRING && t != LUA_TNUMBER && t != LUA_TTABLE &&
	    t != LUA_TFUNCTION)
		return call_original(L); /* Lua's own argument error */
	lua_Integer max = luaL_optinteger(L, 4, (lua_Integer)ls + 1);
	int anchor = lp > 0 && *p == '^';
	const char *pat = anchor ? p + 1 : p;
	const char *from = s, *last = NULL;
	meter m;

	meter_init(&m, L, s, ls, p, lp);
	for (lua_Integer n = 0; n < max && !m.stop;) {
		const char *e = meter_try(&m, from, pat);
		if (e && e != last) {
			n++;
			from = last = e;
		} else if (from < m.src_end) {
			from++;
		} else {
			break;
		}
		if (anchor)
			break;
	}
	meter_charge(L, &m);
	return call_original(L);
}

void adv_sandbox_meter_patterns(lua_State *L, int strlib)
{
	static const luaL_Reg metered[] = { { "find", metered_find },
		{ "match", metered_match }, { "gmatch", metered_gmatch },
		{ "gsub", metered_gsub }, { NULL, NULL } };

	strlib = lua_absindex(L, strlib);
	for (const luaL_Reg *f = metered; f->name; f++) {
		lua_getfield(L, strlib, f->name);
		lua_pushcclosure(L, f->func, 1);
		lua_setfield(L, strlib, f->name);
	}
}
