#!/bin/sh
# End to end: `advisor batch --isolate` runs the policy in a worker process.
# Every line is answered exactly as without --isolate, hostile lines (a
# policy that spins, one that backtracks) included; and a worker killed
# from outside between two lines is replaced, the next line answered.
. "$(dirname "$0")/lib.sh"

hostile_layer "$tmp/hostile"
# Low bounds: the spinning line ends at its instruction limit in
# milliseconds, even on a loaded machine under ASan, and the time limit is
# far enough that it never ends it first (which would change its message).
limits="--max-instructions 2000000 --time-limit 60"

cat >"$tmp/req" <<'REQ'
{"person": "priya-natarajan", "as_of": "2026-11-27"}
{"person": "gregory-hale", "as_of": "2026-11-27"}
{"person": "nobody-at-all", "as_of": "2026-11-27"}
{"person": "dana-whitfield", "as_of": "2026-11-27"}
{"person": "elena-petrova", "direction": "incoming", "as_of": "2026-11-27"}
{"person": "zoe-muller", "intent": ["learn"], "as_of": "2026-11-27"}
REQ

for jobs in 1 2; do
	"$bin" batch --network "$net" --no-cache --policy "$tmp/hostile" --jobs $jobs $limits \
		<"$tmp/req" >"$tmp/plain" 2>"$tmp/err"
	got=$?
	[ "$got" -eq 6 ] || fail "batch --jobs $jobs: exit $got, expected 6: $(cat "$tmp/err")"
	"$bin" batch --network "$net" --no-cache --policy "$tmp/hostile" --jobs $jobs $limits \
		--isolate <"$tmp/req" >"$tmp/isolated" 2>"$tmp/err"
	got=$?
	[ "$got" -eq 6 ] || fail "batch --isolate --jobs $jobs: exit $got, expected 6: $(cat "$tmp/err")"
	[ "$(wc -l <"$tmp/isolated")" -eq 6 ] ||
		fail "--isolate --jobs $jobs: expected 6 lines: $(cat "$tmp/isolated")"
	cmp -s "$tmp/plain" "$tmp/isolated" ||
		fail "--isolate --jobs $jobs answers otherwise: $(diff "$tmp/plain" "$tmp/isolated")"
	[ "$(grep -c '"verdict"' "$tmp/isolated")" -eq 3 ] ||
		fail "--isolate --jobs $jobs: expected 3 verdicts: $(cat "$tmp/isolated")"
done
grep -q '"line":2,"error":"rule spin: instruction limit exceeded (2000000 instructions)' "$tmp/isolated" ||
	fail "line 2 should be the instruction limit: $(sed -n 2p "$tmp/isolated")"

# A worker killed from outside (kill -9) between two lines: the second line
# is answered by a fresh worker, as it is without --isolate.
sed -n 1p "$tmp/req" >"$tmp/one"
sed -n 5p "$tmp/req" >"$tmp/two"
cat "$tmp/one" "$tmp/two" | "$bin" batch --network "$net" --no-cache >"$tmp/want" 2>"$tmp/err" ||
	fail "batch of two good lines: $(cat "$tmp/err")"
mkfifo "$tmp/in"
"$bin" batch --network "$net" --no-cache --isolate <"$tmp/in" >"$tmp/got" 2>"$tmp/err" &
apid=$!
exec 3>"$tmp/in"
cat "$tmp/one" >&3
wait_lines() {
	i=0
	while [ "$(wc -l <"$tmp/got")" -lt "$1" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}
wait_lines 1
child=$(ps -o pid= --ppid "$apid" | tr -d ' ')
if [ -z "$child" ]; then
	fail "no worker process under the batch ($apid)"
else
	kill -9 "$child"
	sleep 0.2
fi
cat "$tmp/two" >&3
exec 3>&-
wait "$apid"
got=$?
[ "$got" -eq 0 ] || fail "batch --isolate after its worker was killed: exit $got: $(cat "$tmp/err")"
cmp -s "$tmp/want" "$tmp/got" ||
	fail "a killed worker's replacement answers otherwise: $(diff "$tmp/want" "$tmp/got")"

[ "$failures" -eq 0 ] || exit 1
echo "ok"
