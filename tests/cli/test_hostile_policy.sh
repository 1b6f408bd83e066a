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

[ "$failures" -eq 0 ] || exit 1
echo "ok"
