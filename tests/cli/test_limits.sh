#!/bin/sh
# End to end: the sandbox's bounds are options of every command that runs
# the policy (--max-instructions, --time-limit, --max-memory), and each one
# ends a hostile rule with its own error and the value it was given.  Bad
# values are usage errors.  The bounds are the command line's: low ones
# keep this test fast however loaded the machine is.
. "$(dirname "$0")/lib.sh"
export LC_ALL=C.UTF-8
export XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache"

asof=--as-of=2026-11-27
hostile_layer "$tmp/hostile"

# A rule that allocates without end, and one that compares two 256 KiB
# strings without end: each comparison is one instruction to the budget and
# dear to the clock (small enough that the clock, read every 1,000
# instructions, is read well within the watchdog's second of grace).
mkdir "$tmp/bomb" "$tmp/slow" "$tmp/load-spin"
cat >"$tmp/bomb/bomb.lua" <<'LUA'
advisor.rule { name = 'bomb', description = 'eats memory',
  check = function(person)
    local t = {}
    for i = 1, 1e9 do t[i] = ('x'):rep(64) .. i end
  end }
LUA
cat >"$tmp/slow/slow.lua" <<'LUA'
advisor.rule { name = 'slow', description = 'compares long strings',
  check = function(person)
    local s = ('a'):rep(1 << 18)
    local u, n = ('a'):rep((1 << 18) - 1) .. 'b', 0
    while true do if s == u then n = n + 1 end end
  end }
LUA
cat >"$tmp/load-spin/spin.lua" <<'LUA'
local n = 0
while true do n = n + 1 end
LUA

# --- advise: each bound ends the rule, named, with exit 4 ----------------
run 4 advise gregory-hale -n "$net" $asof --no-cache -p "$tmp/hostile" --max-instructions 100000
has err "rule spin: instruction limit exceeded (100000 instructions)"

run 4 advise priya -n "$net" $asof --no-cache -p "$tmp/bomb" --max-memory 16M
has err "rule bomb: memory limit exceeded (16777216 bytes)"

start=$(date +%s)
run 4 advise priya -n "$net" $asof --no-cache -p "$tmp/slow" --time-limit 0.5 --max-memory 256M
has err "rule slow: time limit exceeded (500 ms)"
[ $(($(date +%s) - start)) -le 5 ] || fail "--time-limit 0.5 took $(($(date +%s) - start)) s"

# The bounds hold while the policy loads too, and the error names the file.
run 4 rules -p "$tmp/load-spin" --max-instructions 200000
has err "spin.lua"
has err "instruction limit exceeded (200000 instructions)"

# Low bounds do not change a good answer.
run 0 advise priya -n "$net" $asof --no-cache --json
cp "$tmp/out" "$tmp/want"
run 0 advise priya -n "$net" $asof --no-cache --json --max-instructions 1000000 \
	--time-limit 30 --max-memory 32M
cmp -s "$tmp/want" "$tmp/out" || fail "low bounds changed the answer: $(diff "$tmp/want" "$tmp/out")"

# --- what the engine copies out of the state is charged to the cap --------
# One 1 MiB string named as the description of 100,000 rules would be
# 100 GB of copies: the copies count, and the load stops at the cap.
mkdir "$tmp/desc" "$tmp/detail" "$tmp/many"
cat >"$tmp/desc/many.lua" <<'LUA'
local big = ('d'):rep(1 << 20)
for i = 1, 100000 do
  advisor.rule { name = 'r' .. i, description = big, check = function() return nil end }
end
LUA
run 4 rules -p "$tmp/desc" --max-memory 32M
has err "desc/many.lua: memory limit exceeded (33554432 bytes)"
# 5,000 rules each giving a 16,000-byte detail: 80 MB of copies for one
# result, past a 16 MiB cap.
cat >"$tmp/detail/many.lua" <<'LUA'
local big = ('d'):rep(16000)
for i = 1, 5000 do
  advisor.rule { name = 'r' .. i, description = 'x', score = 0.001, check = function() return big end }
end
LUA
run 4 advise priya -n "$net" $asof --no-cache -p "$tmp/detail" --max-memory 16M
has err "memory limit exceeded (16777216 bytes)"
has err "detail/many.lua:3"
# Declaring 100,000 rules and 100,000 intent words is linear (it was
# quadratic: minutes), and the policy still answers.
cat >"$tmp/many/many.lua" <<'LUA'
for i = 1, 100000 do
  advisor.rule { name = 'r' .. i, description = 'x', check = function() return nil end }
end
local words = {}
for i = 1, 100000 do words[i] = 'w' .. i end
advisor.rule { name = 'words', description = 'x', intents = words, check = function() return nil end }
LUA
start=$(date +%s)
run 0 advise priya -n "$net" $asof --no-cache -p "$tmp/many" -i w99999 \
	--max-instructions 1000000000 --time-limit 120 --max-memory 512M
has out "Priya Natarajan"
[ $(($(date +%s) - start)) -le 40 ] || fail "100,000 rules and intents took $(($(date +%s) - start)) s"

# --- the other commands that run the policy take them ---------------------
printf '%s\n' '{"person": "priya-natarajan", "as_of": "2026-11-27"}' \
	'{"person": "gregory-hale", "as_of": "2026-11-27"}' >"$tmp/req"
for iso in "" --isolate; do
	"$bin" batch -n "$net" --no-cache -p "$tmp/hostile" --max-instructions 100000 $iso \
		<"$tmp/req" >"$tmp/out" 2>"$tmp/err"
	got=$?
	[ "$got" -eq 6 ] || fail "batch $iso: exit $got, expected 6: $(cat "$tmp/err")"
	has out '"line":2,"error":"rule spin: instruction limit exceeded (100000 instructions)'
	has out '"verdict"'
done
# With --isolate, the worker's watchdog follows the time limit (plus its
# second of grace), and the engine's own limit still answers first.
start=$(date +%s)
"$bin" batch -n "$net" --no-cache -p "$tmp/slow" --time-limit 0.3 --max-memory 256M --isolate \
	<"$tmp/req" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 6 ] || fail "batch --isolate --time-limit: $(cat "$tmp/err")"
[ "$(grep -c 'rule slow: time limit exceeded (300 ms)' "$tmp/out")" -eq 2 ] ||
	fail "batch --isolate --time-limit 0.3: $(cat "$tmp/out")"
[ $(($(date +%s) - start)) -le 6 ] || fail "batch --isolate --time-limit 0.3 took $(($(date +%s) - start)) s"

cat >"$tmp/cases.json" <<CASES
{ "format": "advisor-cases/1", "network": "$net",
  "cases": [ { "name": "gregory", "request": { "person": "gregory-hale", "as_of": "2026-11-27" },
               "expect": { "verdict": "dont_connect" } } ] }
CASES
run 6 test "$tmp/cases.json" -p "$tmp/hostile" --no-cache --max-instructions 100000
has out "instruction limit exceeded (100000 instructions)"

"$bin" diff -p "$tmp/hostile" -n "$net" --no-cache --max-instructions 100000 - \
	<"$tmp/req" >"$tmp/out" 2>"$tmp/err"
grep -qF "instruction limit exceeded (100000 instructions)" "$tmp/out" "$tmp/err" ||
	fail "diff --max-instructions: $(cat "$tmp/out" "$tmp/err")"

"$bin" triage -n "$net" $asof --no-cache -p "$tmp/hostile" --max-instructions 100000 \
	>"$tmp/out" 2>"$tmp/err"
got=$?
[ "$got" -eq 6 ] || fail "triage: exit $got, expected 6: $(cat "$tmp/err")"
grep -qF "instruction limit exceeded (100000 instructions)" "$tmp/out" "$tmp/err" ||
	fail "triage --max-instructions: $(cat "$tmp/out" "$tmp/err")"

# --- bad values: usage errors, naming the option ---------------------------
for v in 0 -5 1.5 12x 1000000000000001 ""; do
	run 2 advise priya -n "$net" --max-instructions "$v"
	has err "--max-instructions: '$v' is not a number of instructions from 1 to 10^15"
done
for v in 0 0.0 -1 .5 1. 0.0001 86401 1e3 abc ""; do
	run 2 advise priya -n "$net" --time-limit "$v"
	has err "--time-limit: '$v' is not a number of seconds from 0.001 to 86400"
done
for v in 0 -1 10X 1.5M ""; do
	run 2 batch -n "$net" --max-memory "$v" </dev/null
	has err "--max-memory: '$v' is not a size (bytes, or with K, M or G)"
done
run 2 advise priya -n "$net" --time-limit
has err "option '--time-limit' needs a value"

# --help says them, on every command that runs the policy.
for cmd in advise batch test diff triage rules; do
	run 0 $cmd --help
	for opt in --max-instructions --time-limit --max-memory; do
		has out "$opt"
	done
done

finish "ok"
