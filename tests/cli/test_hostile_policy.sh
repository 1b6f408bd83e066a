#!/bin/sh
# End to end: a hostile policy in `advisor batch`.  The lines whose request
# makes the policy spin, or backtrack in a pattern, get an error object
# naming the limit; the lines before and after them are answered, and the
# same as without the hostile lines; the exit code is 6.
. "$(dirname "$0")/lib.sh"

hostile_layer "$tmp/hostile"

cat >"$tmp/req" <<'REQ'
{"person": "priya-natarajan", "as_of": "2026-11-27"}
{"person": "gregory-hale", "as_of": "2026-11-27"}
{"person": "dana-whitfield", "as_of": "2026-11-27"}
{"person": "elena-petrova", "as_of": "2026-11-27"}
REQ
grep -v -e gregory -e dana "$tmp/req" >"$tmp/req-good"

"$bin" batch --network "$net" --no-cache --policy "$tmp/hostile" <"$tmp/req" \
	>"$tmp/out" 2>"$tmp/err"
got=$?
[ "$got" -eq 6 ] || fail "batch with hostile lines: exit $got, expected 6: $(cat "$tmp/err")"
[ "$(wc -l <"$tmp/out")" -eq 4 ] || fail "expected 4 output lines, got $(wc -l <"$tmp/out")"
for n in 2 3; do
	case "$(sed -n "${n}p" "$tmp/out")" in
	"{\"line\":$n,\"error\":\"rule spin: instruction limit exceeded"*) ;;
	*) fail "line $n should be the instruction limit: $(sed -n "${n}p" "$tmp/out")" ;;
	esac
done

"$bin" batch --network "$net" --no-cache --policy "$tmp/hostile" <"$tmp/req-good" \
	>"$tmp/out-good" 2>"$tmp/err"
got=$?
[ "$got" -eq 0 ] || fail "batch without hostile lines: exit $got: $(cat "$tmp/err")"
sed -n '1p;4p' "$tmp/out" >"$tmp/out-kept"
cmp -s "$tmp/out-kept" "$tmp/out-good" ||
	fail "the other lines are answered otherwise next to hostile ones: $(diff "$tmp/out-kept" "$tmp/out-good")"
grep -q '"verdict"' "$tmp/out-good" || fail "no verdicts: $(cat "$tmp/out-good")"

# The same policy with two threads: the hostile lines do not disturb the rest.
"$bin" batch --network "$net" --no-cache --policy "$tmp/hostile" --jobs 2 \
	<"$tmp/req" >"$tmp/out2" 2>"$tmp/err"
got=$?
[ "$got" -eq 6 ] || fail "batch --jobs 2: exit $got, expected 6"
cmp -s "$tmp/out" "$tmp/out2" || fail "batch --jobs 2 answers otherwise"

# A request that tries to rewrite what every later request shares (the
# table behind the frozen advisor library, through pairs; a module from
# require; the globals), its errors swallowed by pcall: the lines after it
# are answered as without it.
mkdir "$tmp/tamper"
cat >"$tmp/tamper/tamper.lua" <<'LUA'
advisor.rule { name = 'tamper', description = 'rewrites shared tables',
  check = function(person)
    if person.id == 'gregory-hale' then
      pcall(function()
        local _, t = pairs(advisor)
        t.rule, t.fit = nil, function() return 'hijacked' end
      end)
      pcall(function()
        local facts = require('lib.facts')
        for k in pairs(facts) do facts[k] = function() return nil end end
      end)
      pcall(function() _G.tostring = function() return 'hijacked' end end)
      pcall(function() string.format = nil end)
    end
    return nil
  end }
LUA
"$bin" batch --network "$net" --no-cache --policy "$tmp/tamper" <"$tmp/req" \
	>"$tmp/tout" 2>"$tmp/err" || fail "batch with tampering: $(cat "$tmp/err")"
"$bin" batch --network "$net" --no-cache --policy "$tmp/tamper" <"$tmp/req-good" \
	>"$tmp/tout-good" 2>"$tmp/err" || fail "batch without tampering: $(cat "$tmp/err")"
sed -n '1p;4p' "$tmp/tout" >"$tmp/tout-kept"
cmp -s "$tmp/tout-kept" "$tmp/tout-good" ||
	fail "a request rewrote what later ones share: $(diff "$tmp/tout-kept" "$tmp/tout-good")"
grep -q hijacked "$tmp/tout" && fail "hijacked: $(cat "$tmp/tout")"

# Work inside one C call (issue: each ran forever, and in batch --jobs 4
# one such line stopped all output): charged before it runs, so each line
# gets its limit error at once, and every other line its answer.
mkdir "$tmp/cloops"
cat >"$tmp/cloops/cloops.lua" <<'LUA'
local big = 1 << 62
local attacks = {
  ['brent-walker'] = function() return string.rep('', big) end,
  ['amara-nwosu'] = function() return table.move({}, 1, big, 1, {}) end,
  ['kenji-watanabe'] = function()
    local t = setmetatable({}, { __index = function() return 'x' end })
    return table.concat(t, '', 1, big)
  end,
  ['ingrid-solberg'] = function()
    local t = setmetatable({}, { __len = function() return big end })
    return table.remove(t, 1)
  end,
  ['lucas-moreau'] = function()
    local s, t = string.rep('x', 30 << 20), {}
    for i = 1, 100000 do t[i] = s end
    table.sort(t)
  end,
  ['daniel-osei'] = function()
    local s = string.rep('a', 1 << 20)
    for _ = 1, 1e9 do utf8.len(s) end
  end,
}
advisor.rule { name = 'cloop', description = 'work inside C',
  check = function(person)
    local attack = attacks[person.id]
    if attack then attack() end
    return nil
  end }
LUA
for id in brent-walker priya-natarajan amara-nwosu kenji-watanabe mei-lin-chen \
	ingrid-solberg lucas-moreau daniel-osei rafael-souza; do
	printf '{"person": "%s", "as_of": "2026-11-27"}\n' "$id"
done >"$tmp/creq"
start=$(date +%s)
timeout 300 "$bin" batch --network "$net" --no-cache --policy "$tmp/cloops" --jobs 4 --time-limit 2 \
	<"$tmp/creq" >"$tmp/cout" 2>"$tmp/err"
got=$?
[ "$got" -eq 6 ] || fail "batch --jobs 4 with work inside C: exit $got, expected 6: $(cat "$tmp/err")"
[ "$(wc -l <"$tmp/cout")" -eq 9 ] || fail "expected 9 answers: $(cat "$tmp/cout")"
for n in 1 3 4 6 7 8; do
	case "$(sed -n "${n}p" "$tmp/cout")" in
	"{\"line\":$n,\"error\":\"rule cloop: "*"limit exceeded"*) ;;
	*) fail "line $n should be a limit error: $(sed -n "${n}p" "$tmp/cout")" ;;
	esac
done
for n in 2 5 9; do
	sed -n "${n}p" "$tmp/cout" | grep -q '"verdict"' ||
		fail "line $n should be answered: $(sed -n "${n}p" "$tmp/cout")"
done
# utf8.len in a loop is stopped by the clock (2 s here): within a few
# seconds of it, not 35 s after, even under a sanitizer.
took=$(( $(date +%s) - start ))
[ "$took" -lt 60 ] || fail "work inside C, 4 jobs: $took s"

[ "$failures" -eq 0 ] || exit 1
echo "ok"
