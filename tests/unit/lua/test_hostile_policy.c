/*
 * test_hostile_policy.c - policies that attack the sandbox.
 *
 * Each test is one attack, written as a policy layer in a fresh temporary
 * folder: an escape (io, os, package, debug, dofile, bytecode, ...), a bomb
 * (loops, memory, recursion, patterns that backtrack for ever) or a trick
 * (finalizers, metatables, non-string errors, changing what the next
 * request sees).  An attack made while advising must end the request with
 * the exact error class and a message that says what happened, in bounded
 * time; and the SAME engine must then answer a normal request exactly as a
 * fresh engine does.  An attack made while the policy loads must fail the
 * engine, and a good layer in its place must load and answer.
 *
 * The limits are small (half a million instructions, 8 MiB) so that the bombs
 * go off quickly, under valgrind too.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"

static const char NETWORK[] =
	"{ \"format\": \"advisor-network/1\",\n"
	"  \"me\": { \"id\": \"me\", \"name\": \"Alex Kim\", \"industry\": \"Software\" },\n"
	"  \"people\": [\n"
	"    { \"id\": \"ann\", \"name\": \"Ann Lee\", \"company\": \"Foo\",\n"
	"      \"industry\": \"Software\", \"connections\": [\"bob\"],\n"
	"      \"events\": [ { \"type\": \"met\", \"date\": \"2025-05-03\",\n"
	"        \"context\": \"PyCon\", \"tone\": \"cordial\" } ] },\n"
	"    { \"id\": \"bob\", \"name\": \"Bob Stone\", \"connected\": true,\n"
	"      \"connections\": [\"me\", \"ann\"] }\n"
	"  ] }\n";

#define AS_OF "2026-06-01"
#define INSTRUCTIONS 500000
#define MEMORY (8u << 20)

static struct {
	char root[512];
	char dir[600];
	char file[700];
} layer;

static advisor_network *net;

static void setup(void)
{
	advisor_error err;
	const char *tmp = getenv("TMPDIR");

	memset(&layer, 0, sizeof(layer));
	snprintf(layer.root, sizeof(layer.root), "%s/advisor-hostile-XXXXXX",
		tmp && *tmp ? tmp : "/tmp");
	cr_assert_not_null(mkdtemp(layer.root), "mkdtemp %s", layer.root);
	snprintf(layer.dir, sizeof(layer.dir), "%s/attack", layer.root);
	cr_assert_eq(mkdir(layer.dir, 0700), 0);
	snprintf(layer.file, sizeof(layer.file), "%s/attack.lua", layer.dir);
	cr_assert_eq(load_text(&net, NETWORK, &err), ADVISOR_OK, "%s", err.message);
}

static void teardown(void)
{
	advisor_network_free(net);
	net = NULL;
	unlink(layer.file);
	rmdir(layer.dir);
	rmdir(layer.root);
}

TestSuite(hostile, .init = setup, .fini = teardown, .timeout = 300);

static void write_layer(const char *text)
{
	FILE *f = fopen(layer.file, "wb");
	cr_assert_not_null(f, "cannot write %s", layer.file);
	cr_assert_eq(fwrite(text, 1, strlen(text), f), strlen(text));
	cr_assert_eq(fclose(f), 0);
}

static int new_engine(advisor_engine **out, uint64_t instructions,
	size_t memory, advisor_error *err)
{
	advisor_engine_options o = ADVISOR_ENGINE_OPTIONS_INIT;
	const char *layers[1] = { layer.dir };

	o.policy_layers = layers;
	o.policy_layer_count = 1;
	o.instruction_limit = instructions;
	o.memory_limit = memory;
	return advisor_engine_new(out, &o, err);
}

static int advise(advisor_engine *e, advisor_result **r, const char *intent,
	advisor_error *err)
{
	advisor_request req = ADVISOR_REQUEST_INIT;
	const char *intents[1] = { intent };

	req.person = "ann";
	req.as_of = AS_OF;
	req.intents = intents;
	req.intent_count = intent ? 1 : 0;
	return advisor_advise(r, e, net, &req, err);
}

/* The engine's answer to the normal request, as JSON (malloc'ed). */
static char *normal_answer(advisor_engine *e)
{
	advisor_result *r = NULL;
	advisor_error err;
	char *json = NULL;

	cr_assert_eq(advise(e, &r, NULL, &err), ADVISOR_OK,
		"the normal request failed: %s", err.message);
	cr_assert_eq(advisor_result_to_json(&json, r, &err), ADVISOR_OK, "%s", err.message);
	advisor_result_free(r);
	char *copy = strdup(json);
	advisor_string_free(json);
	cr_expect(strstr(copy, "\"detail\":\"fine\"") != NULL,
		"the probe rule should answer 'fine': %s", copy);
	return copy;
}

static void expect_mentions(const char *what, const char *text,
	const char *const *needles)
{
	for (; *needles; needles++)
		cr_expect(strstr(text, *needles) != NULL,
			"%s \"%s\" should mention \"%s\"", what, text, *needles);
}

/* The layer's rule runs `body` when the request has the intent "attack",
 * and answers "fine" otherwise. */
static void write_attack(const char *body)
{
	static char src[8192];

	snprintf(src, sizeof(src),
		"advisor.rule { name = 'probe', description = 'the attack',\n"
		"  intents = { 'attack' },\n"
		"  check = function(person, request)\n"
		"    if not request.intents.attack then return 'fine' end\n"
		"%s\n"
		"  end }\n", body);
	write_layer(src);
}

/*
 * An attack while advising: the request fails with `code` (or, for
 * ADVISOR_OK, the attack was harmless and the probe's detail mentions the
 * needles), twice in a row; after each, the same engine answers the
 * normal request as a fresh engine does.
 */
static void attack_request(const char *body, int code, uint64_t instructions,
	size_t memory, const char *const *needles)
{
	advisor_engine *e = NULL, *fresh = NULL;
	advisor_error err;

	write_attack(body);
	cr_assert_eq(new_engine(&e, instructions, memory, &err), ADVISOR_OK,
		"engine: %s", err.message);
	cr_assert_eq(new_engine(&fresh, instructions, memory, &err), ADVISOR_OK,
		"engine: %s", err.message);
	char *expected = normal_answer(fresh);
	for (int round = 0; round < 2; round++) {
		advisor_result *r = (advisor_result *)&r;
		memset(&err, 0, sizeof(err));
		int rc = advise(e, &r, "attack", &err);
		cr_assert_eq(rc, code, "round %d: rc %d, expected %d: %s", round,
			rc, code, err.message);
		if (code == ADVISOR_OK) {
			cr_assert_eq(advisor_result_reason_count(r) > 0, 1);
			const char *detail = NULL;
			for (size_t i = 0; i < advisor_result_reason_count(r); i++)
				if (strcmp(advisor_result_reason(r, i)->rule, "probe") == 0)
					detail = advisor_result_reason(r, i)->detail;
			cr_assert_not_null(detail, "the probe rule did not fire");
			expect_mentions("detail", detail, needles);
			advisor_result_free(r);
		} else {
			cr_expect_eq(err.code, code);
			cr_expect_null(r, "a failed request must leave no result");
			cr_expect(strstr(err.message, "rule probe") == err.message,
				"the message should start with the rule: %s", err.message);
			expect_mentions("message", err.message, needles);
		}
		char *got = normal_answer(e);
		cr_expect_str_eq(got, expected, "after the attack the engine answers otherwise");
		free(got);
	}
	free(expected);
	advisor_engine_free(fresh);
	advisor_engine_free(e);
}

/* An attack while the policy loads: no engine, then a good layer in the
 * same place loads and answers. */
static void attack_load(const char *text, int code, const char *const *needles)
{
	advisor_engine *e = (advisor_engine *)&e;
	advisor_error err;

	write_layer(text);
	memset(&err, 0, sizeof(err));
	int rc = new_engine(&e, INSTRUCTIONS, MEMORY, &err);
	cr_assert_eq(rc, code, "rc %d, expected %d: %s", rc, code, err.message);
	cr_expect_eq(err.code, code);
	cr_expect_null(e, "a failed engine must not be handed out");
	expect_mentions("message", err.message, needles);

	write_attack("return 'fine'");
	cr_assert_eq(new_engine(&e, INSTRUCTIONS, MEMORY, &err), ADVISOR_OK, "%s", err.message);
	free(normal_answer(e));
	advisor_engine_free(e);
}

#define NEEDLES(...) ((const char *const[]){ __VA_ARGS__, NULL })

/* AT_REQUEST(test, Lua body, code, needles...) */
#define AT_REQUEST(name, body, code, ...) \
	Test(hostile, name) \
	{ \
		attack_request(body, code, INSTRUCTIONS, MEMORY, NEEDLES(__VA_ARGS__)); \
	}

/* The same with the limits given (0: the default). */
#define AT_REQUEST_LIMITS(name, instructions, memory, body, code, ...) \
	Test(hostile, name) \
	{ \
		attack_request(body, code, instructions, memory, NEEDLES(__VA_ARGS__)); \
	}

#define AT_LOAD(name, text, code, ...) \
	Test(hostile, name) \
	{ \
		attack_load(text, code, NEEDLES(__VA_ARGS__)); \
	}

/* A run of 40 a's, and a pattern that backtracks over it without end. */
#define AS "local s = ('a'):rep(40)\n"
#define BAD_PATTERN "('a*'):rep(8) .. 'b'"

/* ------------------------------------------------------------------------
 * Escapes: nothing of the machine is reachable.
 * ------------------------------------------------------------------------ */

AT_REQUEST(io_is_not_there,
	"return io.open('/etc/passwd'):read('a')",
	ADVISOR_EPOLICY, "attack.lua:5:", "global 'io'")
AT_REQUEST(os_execute_is_not_there,
	"return os.execute('touch /tmp/advisor-pwned')",
	ADVISOR_EPOLICY, "attack.lua:5:", "field 'execute'")
AT_REQUEST(os_remove_and_getenv_are_not_there,
	"return os.getenv('HOME') or os.remove('/tmp/x')",
	ADVISOR_EPOLICY, "field 'getenv'")
AT_REQUEST(package_loadlib_is_not_there,
	"return package.loadlib('libc.so.6', 'system')",
	ADVISOR_EPOLICY, "global 'package'")
AT_REQUEST(debug_is_not_there,
	"debug.sethook()",
	ADVISOR_EPOLICY, "global 'debug'")
AT_REQUEST(dofile_is_not_there,
	"return dofile('/etc/passwd')",
	ADVISOR_EPOLICY, "global 'dofile'")
AT_REQUEST(loadfile_is_not_there,
	"return loadfile('/etc/passwd')",
	ADVISOR_EPOLICY, "global 'loadfile'")
AT_REQUEST(require_outside_the_policy_folder_is_refused,
	"return require('../../../etc/passwd')",
	ADVISOR_EPOLICY, "not a module name")
AT_REQUEST(require_of_a_system_module_finds_nothing,
	"return require('io')",
	ADVISOR_EPOLICY, "no module")
AT_REQUEST(a_bytecode_chunk_is_refused,
	"return assert(load('\\27LuaT\\0\\25\\147\\r\\n\\26\\n'))",
	ADVISOR_EPOLICY, "binary")
AT_REQUEST(a_loaded_chunk_cannot_pose_as_a_policy_file,
	"local f = load('error(\\'boom\\')', '@scripts/policy/known.lua')\n"
	"f()",
	ADVISOR_EPOLICY, "(load scripts/policy/known.lua):1: boom")
AT_REQUEST(load_in_binary_mode_is_refused,
	"return load('return 1', 'x', 'b')",
	ADVISOR_EPOLICY, "only text chunks")
AT_REQUEST(load_with_the_global_table_gains_nothing,
	"return tostring(load('return io', 'x', 't', _G)())",
	ADVISOR_OK, "nil")
AT_REQUEST(string_dump_is_not_there,
	"return string.dump(function() end)",
	ADVISOR_EPOLICY, "field 'dump'")
AT_REQUEST(string_dump_through_a_string_value_is_not_there,
	"return (''):dump()",
	ADVISOR_EPOLICY, "method 'dump'")
AT_REQUEST(collectgarbage_collect_is_refused,
	"collectgarbage('collect')",
	ADVISOR_EPOLICY, "only \"count\"")
AT_REQUEST(collectgarbage_stop_is_refused,
	"collectgarbage('stop')",
	ADVISOR_EPOLICY, "only \"count\"")
AT_REQUEST(coroutines_are_not_there,
	"return coroutine.close(coroutine.create(function() end))",
	ADVISOR_EPOLICY, "global 'coroutine'")

/* ------------------------------------------------------------------------
 * Bombs: the limits hold and cannot be swallowed.
 * ------------------------------------------------------------------------ */

AT_REQUEST(an_infinite_loop_hits_the_instruction_limit,
	"while true do end",
	ADVISOR_ELIMIT, "instruction limit exceeded (500000 instructions)")
AT_REQUEST(an_infinite_loop_inside_pcall_is_not_swallowed,
	"for i = 1, 100 do pcall(function() while true do end end) end\n"
	"return 'swallowed'",
	ADVISOR_ELIMIT, "instruction limit exceeded")
AT_REQUEST(a_looping_xpcall_handler_is_not_swallowed,
	"xpcall(function() while true do end end, function() while true do end end)\n"
	"return 'swallowed'",
	ADVISOR_ELIMIT, "instruction limit exceeded")
AT_REQUEST(xpcall_still_answers_as_lua_does,
	"local a, b, c = xpcall(function(x, y) return x + y, 'ok' end, error, 1, 2)\n"
	"local d, e = xpcall(function() error('no', 0) end, function(m) return m .. '!' end)\n"
	"return tostring(a) .. b .. c .. tostring(d) .. e",
	ADVISOR_OK, "true3okfalseno!")
AT_REQUEST(an_infinite_loop_inside_a_metamethod_hits_the_limit,
	"local t = setmetatable({}, { __index = function() while true do end end })\n"
	"return t.x",
	ADVISOR_ELIMIT, "instruction limit exceeded")
AT_REQUEST_LIMITS(a_growing_table_hits_the_memory_limit, 0, MEMORY,
	"local t = {}\n"
	"for i = 1, math.maxinteger do t[i] = ('x'):rep(64) .. i end",
	ADVISOR_ELIMIT, "memory limit exceeded (8388608 bytes)")
AT_REQUEST(a_string_rep_bomb_hits_the_memory_limit,
	"return ('x'):rep(1 << 30)",
	ADVISOR_ELIMIT, "memory limit exceeded")
AT_REQUEST(a_string_rep_over_lua_s_own_limit_is_refused,
	"return ('x'):rep(1 << 40, ',')",
	ADVISOR_EPOLICY, "resulting string too large")
AT_REQUEST(a_string_rep_bomb_inside_pcall_is_still_refused,
	"local ok = pcall(string.rep, 'x', 1 << 30)\n"
	"return ok and 'made it' or 'refused'",
	ADVISOR_OK, "refused")
AT_REQUEST(a_table_concat_bomb_hits_the_memory_limit,
	"local t, mb = {}, ('x'):rep(1 << 20)\n"
	"for i = 1, 64 do t[i] = mb end\n"
	"return table.concat(t)",
	ADVISOR_ELIMIT, "memory limit exceeded")
AT_REQUEST(doubling_a_string_hits_the_memory_limit,
	"local s = 'x'\n"
	"while true do s = s .. s end",
	ADVISOR_ELIMIT, "memory limit exceeded")
AT_REQUEST(building_long_strings_in_a_loop_is_charged_to_the_budget,
	"local mb = ('x'):rep(1 << 20)\n"
	"for i = 1, math.maxinteger do local s = mb .. i end",
	ADVISOR_ELIMIT, "instruction limit exceeded")
AT_REQUEST(string_format_with_a_huge_width_is_refused,
	"return string.format('%99999d', 1)",
	ADVISOR_EPOLICY, "invalid conversion")
/* Loops inside one C call: each is charged before it starts. */
AT_REQUEST(a_string_rep_of_nothing_a_huge_number_of_times_is_charged,
	"return ('').rep('', 1 << 62)",
	ADVISOR_ELIMIT, "instruction limit exceeded")
AT_REQUEST(a_table_move_over_a_huge_range_is_charged,
	"table.move({}, 1, 1 << 62, 1, {})",
	ADVISOR_ELIMIT, "instruction limit exceeded")
AT_REQUEST(a_table_concat_to_a_huge_j_through_index_is_charged,
	"local t = setmetatable({}, { __index = function() return '' end })\n"
	"return table.concat(t, '', 1, 1 << 62)",
	ADVISOR_ELIMIT, "instruction limit exceeded")
AT_REQUEST(a_table_remove_under_a_lying_len_is_charged,
	"local t = setmetatable({}, { __len = function() return 1 << 62 end })\n"
	"table.remove(t, 1)",
	ADVISOR_ELIMIT, "instruction limit exceeded")
AT_REQUEST(a_table_insert_under_a_lying_len_is_charged,
	"local t = setmetatable({}, { __len = function() return (1 << 62) - 2 end })\n"
	"table.insert(t, 1, 'x')",
	ADVISOR_ELIMIT, "instruction limit exceeded")
AT_REQUEST(a_table_unpack_of_a_huge_range_is_charged,
	"return table.unpack({}, 1, 1 << 40)",
	ADVISOR_ELIMIT, "instruction limit exceeded")
AT_REQUEST(a_sort_of_many_references_to_one_long_string_is_charged,
	"local s, t = ('x'):rep(2 << 20), {}\n"
	"for i = 1, 20000 do t[i] = s end\n"
	"table.sort(t)",
	ADVISOR_ELIMIT, "instruction limit exceeded")
AT_REQUEST(a_sort_with_a_comparator_is_charged_too,
	"local s, t = ('x'):rep(2 << 20), {}\n"
	"for i = 1, 20000 do t[i] = s end\n"
	"table.sort(t, function(a, b) return a < b end)",
	ADVISOR_ELIMIT, "instruction limit exceeded")
AT_REQUEST(a_loop_of_utf8_len_on_a_long_string_is_charged,
	"local s = ('x'):rep(2 << 20)\n"
	"for _ = 1, 1e9 do utf8.len(s) end",
	ADVISOR_ELIMIT, "instruction limit exceeded")
AT_REQUEST(a_loop_of_upper_on_a_long_string_is_charged,
	"local s = ('x'):rep(2 << 20)\n"
	"for _ = 1, 1e9 do s:upper() end",
	ADVISOR_ELIMIT, "instruction limit exceeded")
AT_REQUEST(a_sort_still_sorts,
	"local t = { 'c', 'a', 'b' }\n"
	"table.sort(t)\n"
	"local u = { 3, 1, 2 }\n"
	"table.sort(u, function(a, b) return a > b end)\n"
	"return table.concat(t) .. table.concat(u)",
	ADVISOR_OK, "abc321")
AT_LOAD(a_loop_inside_c_at_load_time_is_charged,
	"local s = string.rep('', 1 << 62)\n",
	ADVISOR_ELIMIT, "loading the policy file", "attack.lua: instruction limit exceeded")
AT_REQUEST(a_huge_format_repeat_hits_the_memory_limit,
	"return string.format(('%s'):rep(100), table.unpack((function()\n"
	"  local t = {} for i = 1, 100 do t[i] = ('y'):rep(1 << 20) end return t end)()))",
	ADVISOR_ELIMIT, "memory limit exceeded")
AT_REQUEST(a_recursion_through_metamethods_is_a_c_stack_overflow,
	"local t = setmetatable({}, { __index = function(t, k) return t[k] end })\n"
	"return t.x",
	ADVISOR_EPOLICY, "stack overflow")
AT_REQUEST(a_recursion_through_gsub_callbacks_is_a_c_stack_overflow,
	"local function f(s) return (('ab' .. s):gsub('.', f)) end\n"
	"return f('x')",
	ADVISOR_EPOLICY, "stack overflow")
AT_REQUEST(a_recursion_through_tostring_is_a_c_stack_overflow,
	"local t\n"
	"t = setmetatable({}, { __tostring = function() return tostring(t) end })\n"
	"return tostring(t)",
	ADVISOR_EPOLICY, "stack overflow")

/* A module of the layer, lib/listy.lua, for the tests of what freezing
 * does to the tables a module holds. */
static void with_list_module(const char *body, int code, const char *needle)
{
	char lib[700], mod[760];
	snprintf(lib, sizeof(lib), "%s/lib", layer.dir);
	snprintf(mod, sizeof(mod), "%s/listy.lua", lib);
	cr_assert_eq(mkdir(lib, 0700), 0);
	FILE *f = fopen(mod, "wb");
	cr_assert_not_null(f);
	fputs("return { list = { 'a', 'b', 'c' }, deeper = { more = { 1 } } }\n", f);
	cr_assert_eq(fclose(f), 0);
	attack_request(body, code, INSTRUCTIONS, MEMORY, NEEDLES(needle));
	unlink(mod);
	rmdir(lib);
}

Test(hostile, a_frozen_list_keeps_its_length_and_order)
{
	with_list_module("local m = require('lib.listy')\n"
		"local s = ''\n"
		"for _, v in ipairs(m.list) do s = s .. v end\n"
		"return 'length ' .. #m.list .. ' ' .. table.concat(m.list, '') .. ' ' .. s",
		ADVISOR_OK, "length 3 abc abc");
}

Test(hostile, a_table_inside_a_module_is_read_only)
{
	with_list_module("local m = require('lib.listy')\n"
		"m.deeper.more[1] = 2",
		ADVISOR_EPOLICY, "is read-only");
}

Test(hostile, a_deep_lua_recursion_is_a_stack_overflow)
{
	/* The default limits: the stack overflows before either. */
	attack_request("local function f(n) return 1 + f(n + 1) end\nreturn f(1)",
		ADVISOR_EPOLICY, 0, 0, NEEDLES("stack overflow"));
}

/* ------------------------------------------------------------------------
 * Patterns: Lua's matcher backtracks inside one C call; the meter stops
 * it before it starts.
 * ------------------------------------------------------------------------ */

AT_REQUEST(a_backtracking_find_hits_the_instruction_limit,
	AS "return s:find(" BAD_PATTERN ")",
	ADVISOR_ELIMIT, "instruction limit exceeded")
AT_REQUEST(a_backtracking_match_hits_the_instruction_limit,
	AS "return string.match(s, " BAD_PATTERN ")",
	ADVISOR_ELIMIT, "instruction limit exceeded")
AT_REQUEST(a_backtracking_gmatch_hits_the_instruction_limit,
	AS "for w in s:gmatch(" BAD_PATTERN ") do return w end",
	ADVISOR_ELIMIT, "instruction limit exceeded")
AT_REQUEST(a_backtracking_gsub_hits_the_instruction_limit,
	AS "return (s:gsub(" BAD_PATTERN ", 'x'))",
	ADVISOR_ELIMIT, "instruction limit exceeded")
AT_REQUEST(optional_items_that_backtrack_hit_the_instruction_limit,
	"local s = ('a'):rep(60)\n"
	"return s:find(('a?'):rep(60) .. ('a'):rep(60) .. 'b')",
	ADVISOR_ELIMIT, "instruction limit exceeded")
AT_REQUEST(lazy_items_that_backtrack_hit_the_instruction_limit,
	AS "return s:match(('a-'):rep(8) .. 'b')",
	ADVISOR_ELIMIT, "instruction limit exceeded")
AT_REQUEST(the_huge_optional_pattern_ends_with_an_error,
	"local s = string.rep('a', 1e5)\n"
	"return s:find(string.rep('a?', 1e5) .. string.rep('a', 1e5))",
	ADVISOR_EPOLICY, "pattern too complex")
AT_REQUEST(a_long_literal_pattern_over_a_long_text_is_charged,
	"local s = ('a'):rep(1 << 20)\n"
	"return s:match(('a'):rep(1 << 12) .. 'b')",
	ADVISOR_ELIMIT, "instruction limit exceeded")
AT_REQUEST(a_backtracking_pattern_inside_pcall_is_not_swallowed,
	AS "for i = 1, 10 do pcall(string.find, s, " BAD_PATTERN ") end\n"
	"return 'swallowed'",
	ADVISOR_ELIMIT, "instruction limit exceeded")
AT_REQUEST(plain_find_in_a_long_text_is_linear,
	"local s = ('a'):rep(1 << 20)\n"
	"local i = s:find(('a'):rep(1 << 12) .. 'b', 1, true)\n"
	"local j, k = s:find(('a'):rep(10), -12, true)\n"
	"return tostring(i) .. ' ' .. j .. ' ' .. k",
	ADVISOR_OK, "nil 1048565 1048574")
AT_REQUEST(ordinary_patterns_still_answer_as_lua_does,
	"local t = {}\n"
	"for w in ('one two  three'):gmatch('%a+') do t[#t + 1] = w end\n"
	"local a, b, c = ('key = value'):match('^(%w+)%s*=%s*(%w+)()$')\n"
	"local g, n = ('hello world'):gsub('o', '0')\n"
	"local f1, f2, cap = ('[x]'):find('%[(.)%]')\n"
	"return table.concat(t, ',') .. '|' .. a .. b .. c .. '|' .. g .. n ..\n"
	"  '|' .. f1 .. f2 .. cap .. '|' .. tostring(('abc'):find('b', 1, true)) ..\n"
	"  '|' .. ('THE (quick) fox'):find('%f[%a]%a+%f[%A]') .. ('x(a(b)c)y'):match('%b()') ..\n"
	"  '|' .. tostring(('aXb'):match('^(a)(.)%1')) .. ('  trim  '):match('^%s*(.-)%s*$')",
	ADVISOR_OK, "one,two,three|keyvalue12|hell0 w0rld2|13x|2|1(a(b)c)|niltrim")
AT_REQUEST(a_malformed_pattern_is_lua_s_own_error,
	"return ('abc'):find('[a')",
	ADVISOR_EPOLICY, "malformed pattern (missing ']')")

/* ------------------------------------------------------------------------
 * Tricks: finalizers, metatables, errors that are not strings, results
 * with metamethods, changing what the next request sees.
 * ------------------------------------------------------------------------ */

AT_REQUEST(a_finalizer_is_refused,
	"setmetatable({}, { __gc = function() while true do end end })",
	ADVISOR_EPOLICY, "__gc metamethods are not allowed")
AT_REQUEST(a_finalizer_added_after_setmetatable_never_runs,
	"local mt = {}\n"
	"local t = setmetatable({}, mt)\n"
	"mt.__gc = function() while true do end end\n"
	"return 'harmless'",
	ADVISOR_OK, "harmless")
AT_REQUEST(the_string_metatable_is_hidden,
	"getmetatable('').__index = { upper = function() return 'hijacked' end }",
	ADVISOR_EPOLICY, "attempt to index a boolean value")
AT_REQUEST(a_library_function_cannot_be_replaced,
	"string.upper = function() return 'hijacked' end",
	ADVISOR_EPOLICY, "the string library is read-only")
AT_REQUEST(a_global_cannot_be_set,
	"leaked = true",
	ADVISOR_EPOLICY, "the policy's global table is read-only", "'leaked'")
AT_REQUEST(rawset_is_not_there,
	"rawset(string, 'upper', print)",
	ADVISOR_EPOLICY, "global 'rawset'")
AT_REQUEST(the_global_metatable_is_protected,
	"setmetatable(_G, nil)",
	ADVISOR_EPOLICY, "protected metatable")
AT_REQUEST(the_advisor_library_is_read_only,
	"advisor.rule = nil",
	ADVISOR_EPOLICY, "the advisor library is read-only")
AT_REQUEST(pairs_does_not_hand_out_the_table_behind_a_frozen_view,
	"local _, t = pairs(advisor)\n"
	"t.fit = function() return 'hijacked' end",
	ADVISOR_EPOLICY, "the advisor library is read-only")
AT_REQUEST(pairs_on_a_frozen_view_still_lists_its_fields,
	"local n = 0\n"
	"for k, v in pairs(string) do if k == 'upper' and v then n = n + 1 end end\n"
	"return 'upper listed ' .. n",
	ADVISOR_OK, "upper listed 1")
AT_REQUEST(a_module_is_read_only,
	"local facts = require('lib.facts')\n"
	"for k in pairs(facts) do facts[k] = nil end",
	ADVISOR_EPOLICY, "module lib.facts is read-only")
AT_REQUEST(an_error_with_a_table_value_is_reported,
	"error({ code = 1 })",
	ADVISOR_EPOLICY, "attack.lua:5:", "(error object is a table value)")
AT_REQUEST(an_error_with_nil_is_reported,
	"error(nil)",
	ADVISOR_EPOLICY, "(error object is a nil value)")
AT_REQUEST(an_error_whose_tostring_loops_is_reported_without_running_it,
	"error(setmetatable({}, { __tostring = function() while true do end end }))",
	ADVISOR_EPOLICY, "(error object is a table value)")
AT_REQUEST(a_result_with_looping_metamethods_is_refused_in_bounded_time,
	"local loop = function() while true do end end\n"
	"return setmetatable({}, { __index = loop, __tostring = loop, __len = loop,\n"
	"  __pairs = loop, __name = 'evil' })",
	ADVISOR_EPOLICY, "'detail' must be a string")
AT_REQUEST(a_to_be_closed_variable_that_loops_is_stopped,
	"local x <close> = setmetatable({}, { __close = function() while true do end end })\n"
	"error('leaving')",
	ADVISOR_ELIMIT, "instruction limit exceeded")
AT_REQUEST(a_detail_that_is_a_table_with_tostring_is_refused,
	"return { detail = setmetatable({}, { __tostring = function() return 'x' end }) }",
	ADVISOR_EPOLICY, "detail")
AT_REQUEST(a_huge_detail_is_refused_or_fitted,
	"return { detail = 'd', note = ('n'):rep(1 << 20) }",
	ADVISOR_OK, "d")
AT_REQUEST(a_detail_longer_than_any_reason_is_refused,
	"return ('d'):rep(1 << 20)",
	ADVISOR_EPOLICY, "the detail is 1048576 bytes; at most 16384")
AT_REQUEST(a_note_that_is_not_a_string_is_refused,
	"return { detail = 'd', note = 42 }",
	ADVISOR_EPOLICY, "note")
AT_REQUEST(a_nul_in_the_detail_is_refused,
	"return 'fi\\0ne'",
	ADVISOR_EPOLICY, "not valid UTF-8")
AT_REQUEST(invalid_utf8_in_the_detail_is_refused,
	"return 'fi\\255ne'",
	ADVISOR_EPOLICY, "UTF-8")

/* ------------------------------------------------------------------------
 * While the policy loads.
 * ------------------------------------------------------------------------ */

AT_LOAD(io_at_load_time_is_not_there,
	"local f = io.open('/etc/passwd')\n",
	ADVISOR_EPOLICY, "attack.lua:1:", "global 'io'")
AT_LOAD(an_infinite_loop_at_load_time_hits_the_limit,
	"while true do end\n",
	ADVISOR_ELIMIT, "loading the policy file", "attack.lua: instruction limit exceeded")
AT_LOAD(a_memory_bomb_at_load_time_hits_the_limit,
	"local s = 'x'\nwhile true do s = s .. s end\n",
	ADVISOR_ELIMIT, "loading the policy", "memory limit exceeded")
AT_LOAD(a_backtracking_pattern_at_load_time_hits_the_limit,
	AS "local i = s:find(" BAD_PATTERN ")\n",
	ADVISOR_ELIMIT, "loading the policy file", "attack.lua: instruction limit exceeded")
AT_LOAD(a_finalizer_at_load_time_is_refused,
	"KEEP = setmetatable({}, { __gc = function() while true do end end })\n",
	ADVISOR_EPOLICY, "__gc metamethods are not allowed")
AT_LOAD(an_error_with_a_table_at_load_time_is_reported,
	"error(setmetatable({}, { __tostring = function() while true do end end }))\n",
	ADVISOR_EPOLICY, "attack.lua:1:", "(error object is a table value)")
AT_LOAD(a_bytecode_module_at_load_time_is_refused,
	"local f = assert(load('\\27LuaT\\0'))\n",
	ADVISOR_EPOLICY, "attack.lua:1:", "binary")

/* One VM instruction can take long: comparing two equal-length 4 MB
 * strings that differ only at the end.  The instruction budget counts it
 * once; the wall-clock backstop ends the request. */
Test(hostile, a_loop_of_long_string_compares_hits_the_time_limit)
{
	advisor_engine_options o = ADVISOR_ENGINE_OPTIONS_INIT;
	const char *layers[1] = { layer.dir };
	advisor_engine *e = NULL;
	advisor_result *r = NULL;
	advisor_error err;

	write_attack(
		"    local a = ('x'):rep(4 << 20) .. 'a'\n"
		"    local b = ('x'):rep(4 << 20) .. 'b'\n"
		"    local same = 0\n"
		"    while true do if a == b then same = same + 1 end end");
	o.policy_layers = layers;
	o.policy_layer_count = 1;
	o.memory_limit = 64u << 20;
	o.instruction_limit = 50000000;
	o.time_limit_ms = 300;
	cr_assert_eq(advisor_engine_new(&e, &o, &err), ADVISOR_OK, "%s", err.message);
	cr_assert_eq(advise(e, &r, "attack", &err), ADVISOR_ELIMIT, "%s", err.message);
	cr_expect_null(r);
	cr_expect(strstr(err.message, "rule probe: time limit exceeded (300 ms)") != NULL,
		"%s", err.message);
	char *got = normal_answer(e);
	free(got);
	advisor_engine_free(e);
}
