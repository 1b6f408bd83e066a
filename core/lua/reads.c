/*
 * reads.c - the words the policy's functions use, for the lint's check of
 * intents no function reads.
 *
 * `request.intents.reconnect` compiles to a field read whose key is the
 * string constant "reconnect" of the function that reads it; so does a
 * helper called as wants(request, "reconnect").  The rule's declaration,
 * `intents = { "reconnect" }`, is in the file's top-level code, never in
 * a function.  So every string constant of every function of every policy
 * file (and module) loaded, the top level left out, is noted, and an
 * intent that is none of them is read nowhere.
 *
 * Why the constants and not a trace of what requests read: a rule reads
 * an intent on one path of its check (known reads reconnect only for an
 * acquaintance you were in touch with lately), which no trial request
 * made at load time is sure to take; the constants are there whatever
 * the path.  Why not the source text: the compiler has already dealt with
 * comments, escapes and long strings.  The constants come from
 * lua_dump(), stripped, read as Lua 5.4 writes it (lundump.c); a dump of
 * another format is not read, and then nothing is noted and the lint
 * says nothing rather than guess.  What it cannot see: a word built at
 * run time ("re" .. "connect"), or code compiled later with load(); and
 * a word read for another purpose (event.date) counts as read.  It errs
 * towards silence.
 */
#include <lauxlib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lua/vm.h"

#define READS_KEY "advisor.reads"
/* Set in the words when a dump could not be read: no word is a control
 * character. */
#define UNREAD "\x01unread"

/* lua_dump's writer: counts, then (data set) copies. */
typedef struct dump {
	unsigned char *data;
	size_t len, cap;
} dump;

static int write_dump(lua_State *L, const void *p, size_t n, void *ud)
{
	dump *d = ud;
	(void)L;
	if (d->data) {
		if (n > d->cap - d->len)
			return 1; /* the function changed between the passes? */
		memcpy(d->data + d->len, p, n);
	}
	d->len += n;
	return 0;
}

typedef struct reader {
	lua_State *L;
	const unsigned char *p, *end;
	int set;          /* stack index of the words table */
	size_t int_size, num_size;
	int bad;
} reader;

static unsigned byte_of(reader *r)
{
	if (r->p >= r->end) {
		r->bad = 1;
		return 0;
	}
	return *r->p++;
}

static void skip(reader *r, size_t n)
{
	if ((size_t)(r->end - r->p) < n) {
		r->bad = 1;
		r->p = r->end;
		return;
	}
	r->p += n;
}

/* A size as dumpSize writes it: 7 bits a byte, most significant first, the
 * last byte's high bit set. */
static size_t size_of(reader *r)
{
	size_t x = 0;
	unsigned b;
	do {
		b = byte_of(r);
		if (x > (SIZE_MAX >> 7))
			r->bad = 1;
		x = (x << 7) | (b & 0x7f);
	} while (!(b & 0x80) && !r->bad);
	return x;
}

/* A string: its size + 1 (0 for none), then its bytes; noted if `note`. */
static void string_of(reader *r, int note)
{
	size_t n = size_of(r);
	if (n-- == 0 || r->bad)
		return;
	const unsigned char *s = r->p;
	skip(r, n);
	if (note && !r->bad) {
		lua_pushlstring(r->L, (const char *)s, n);
		lua_pushboolean(r->L, 1);
		lua_rawset(r->L, r->set);
	}
}

/* One function and, within it, its functions: the constants of those at
 * depth 1 and below are noted. */
static void function_of(reader *r, int depth)
{
	if (depth > 200) { /* the parser allows no deeper nesting */
		r->bad = 1;
		return;
	}
	string_of(r, 0);          /* source */
	size_of(r);               /* linedefined */
	size_of(r);               /* lastlinedefined */
	skip(r, 3);               /* numparams, is_vararg, maxstacksize */
	size_t n = size_of(r);    /* code */
	if (n > (size_t)(r->end - r->p) / 4)
		r->bad = 1;
	skip(r, n * 4);
	n = size_of(r);           /* constants */
	for (size_t i = 0; i < n && !r->bad; i++) {
		switch (byte_of(r)) {
		case 0: case 1: case 17:   /* nil, false, true */
			break;
		case 3:                    /* integer */
			skip(r, r->int_size);
			break;
		case 19:                   /* float */
			skip(r, r->num_size);
			break;
		case 4: case 20:           /* short and long strings */
			string_of(r, depth > 0);
			break;
		default:
			r->bad = 1;
		}
	}
	n = size_of(r);           /* upvalues: instack, idx, kind */
	if (n > (size_t)(r->end - r->p) / 3)
		r->bad = 1;
	skip(r, n * 3);
	n = size_of(r);           /* nested functions */
	for (size_t i = 0; i < n && !r->bad; i++)
		function_of(r, depth + 1);
	/* Debug information: stripped, so each list is empty. */
	for (int i = 0; i < 4 && !r->bad; i++)
		if (size_of(r) != 0)
			r->bad = 1;
}

/* The header lundump.c checks: signature, version 5.4, format 0, the
 * conversion check bytes, then the sizes. */
static int header_of(reader *r)
{
	static const unsigned char head[] = "\x1bLua\x54\x00\x19\x93\r\n\x1a\n";
	if ((size_t)(r->end - r->p) < sizeof(head) - 1 + 3 ||
	    memcmp(r->p, head, sizeof(head) - 1) != 0)
		return -1;
	r->p += sizeof(head) - 1;
	if (byte_of(r) != 4) /* sizeof(Instruction) */
		return -1;
	r->int_size = byte_of(r);
	r->num_size = byte_of(r);
	skip(r, r->int_size + r->num_size); /* LUAC_INT, LUAC_NUM */
	skip(r, 1);                         /* the main closure's upvalues */
	return r->bad ? -1 : 0;
}

/* adv_reads_note's work, under a protected call: the chunk is argument 1. */
static int note_chunk(lua_State *L)
{
	dump d = { NULL, 0, 0 };
	lua_settop(L, 1);
	luaL_checkstack(L, 6, "noting the policy's words");
	/* Twice: once to size the dump, once into a userdata of that size,
	 * so that a memory error of Lua's leaves nothing to free. */
	if (lua_dump(L, write_dump, &d, 1) != 0)
		return 0;
	lua_pushvalue(L, -1);
	d.cap = d.len;
	d.len = 0;
	d.data = lua_newuserdatauv(L, d.cap ? d.cap : 1, 0);
	lua_insert(L, -2);
	int status = lua_dump(L, write_dump, &d, 1);
	lua_pop(L, 1);
	if (status != 0 || d.len != d.cap) {
		lua_pop(L, 1);
		return 0;
	}
	if (lua_getfield(L, LUA_REGISTRYINDEX, READS_KEY) != LUA_TTABLE) {
		lua_pop(L, 1);
		lua_newtable(L);
		lua_pushvalue(L, -1);
		lua_setfield(L, LUA_REGISTRYINDEX, READS_KEY);
	}
	reader r = { L, d.data, d.data + d.len, lua_gettop(L), 0, 0, 0 };
	if (header_of(&r) == 0)
		function_of(&r, 0);
	else
		r.bad = 1;
	if (r.bad) {
		/* A dump not read to its end: what it holds is unknown. */
		lua_pushboolean(L, 1);
		lua_setfield(L, r.set, UNREAD);
	}
	lua_pop(L, 2); /* the words, the dump */
	return 0;
}

void adv_reads_note(lua_State *L)
{
	if (!lua_isfunction(L, -1) || lua_iscfunction(L, -1) ||
	    !lua_checkstack(L, 2))
		return;
	lua_pushcfunction(L, note_chunk);
	lua_pushvalue(L, -2);
	/* Out of memory here leaves the words unknown for this chunk; the
	 * load that follows meets the same limit. */
	if (lua_pcall(L, 1, 0, 0) != LUA_OK)
		lua_pop(L, 1);
}

/* adv_reads_has's work, under a protected call: the word is argument 1,
 * a light userdata; the answer is pushed. */
static int has_word(lua_State *L)
{
	const char *word = lua_touserdata(L, 1);
	int found = -1; /* nothing was noted */
	if (lua_getfield(L, LUA_REGISTRYINDEX, READS_KEY) == LUA_TTABLE) {
		lua_getfield(L, -1, UNREAD);
		found = lua_toboolean(L, -1) ? -1 : 0;
		lua_pop(L, 1);
		if (found == 0) {
			lua_getfield(L, -1, word);
			found = lua_toboolean(L, -1);
		}
	}
	lua_pushinteger(L, found);
	return 1;
}

int adv_reads_has(lua_State *L, const char *word)
{
	int found = -1;
	if (!lua_checkstack(L, 2))
		return -1;
	lua_pushcfunction(L, has_word);
	lua_pushlightuserdata(L, (void *)word);
	if (lua_pcall(L, 1, 1, 0) == LUA_OK)
		found = (int)lua_tointeger(L, -1);
	lua_pop(L, 1);
	return found;
}
