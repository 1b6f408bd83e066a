#!/bin/sh
# End-to-end tests of `advisor batch`: NDJSON in and out, order, per-line
# errors, exit codes, threads, and use as an interactive filter.
. "$(dirname "$0")/lib.sh"
ndnet="$src/tests/fixtures/example.ndjson"

# run EXPECTED_STATUS INPUT_FILE ARGS...
run() {
	want=$1
	input=$2
	shift 2
	"$bin" "$@" <"$input" >"$tmp/out" 2>"$tmp/err"
	got=$?
	[ "$got" -eq "$want" ] || fail "advisor $*: exit $got, expected $want; stderr: $(cat "$tmp/err")"
}

line() { sed -n "${1}p" "$tmp/out"; }

has_line() {
	case "$(line "$1")" in
	*"$2"*) ;;
	*) fail "output line $1 lacks '$2': $(line "$1")" ;;
	esac
}

cat >"$tmp/req" <<'REQ'
{"person": "priya-natarajan", "as_of": "2026-11-27"}
{"person": "gregory-hale", "direction": "incoming", "as_of": "2026-11-27"}

{"person": "nobody", "as_of": "2026-11-27"}
not json
{"person": "dana-whitfield", "intent": ["learn"], "as_of": "2026-11-27", "extra": 1}
{"person": "dana-whitfield", "intent": "learn", "as_of": "2026-11-27"}
{"person": "hannah-becker", "intent": ["job", "fame"], "as_of": "2026-11-27"}
{"person": "zoe-muller", "direction": "sideways"}
{"person": "elena-petrova", "intent": ["learn", "date"], "as_of": "2026-11-27"}
REQ

run 6 "$tmp/req" batch --network "$net"
[ "$(wc -l <"$tmp/out")" -eq 9 ] || fail "expected 9 output lines (the blank line is skipped), got $(wc -l <"$tmp/out")"
has_line 1 '"person":"priya-natarajan","verdict":"connect_with_note"'
has_line 2 '"person":"gregory-hale","verdict":"connect"'
has_line 3 '{"line":4,"error":"'
has_line 3 'no person with id \"nobody\"'
has_line 4 '{"line":5,"error":"request:1:1: invalid JSON'
has_line 5 '{"line":6,"error":"request: extra: unknown field'
has_line 6 '"person":"dana-whitfield","verdict":"connect_with_note"'
has_line 7 '{"line":8,"error":"unknown intent \"fame\"'
has_line 8 '{"line":9,"error":"request: direction: expected'
has_line 9 '"verdict":"dont_connect"'
has_line 9 '"rule":"romance"'

# All good lines: exit 0; the NDJSON network gives the same answers.
grep -v -e nobody -e 'not json' -e extra -e fame -e sideways -e '^$' "$tmp/req" >"$tmp/good"
run 0 "$tmp/good" batch --network "$net"
cp "$tmp/out" "$tmp/from-json"
run 0 "$tmp/good" batch --network "$ndnet"
cmp -s "$tmp/out" "$tmp/from-json" || fail "the .ndjson network answers differently from the .json one"

# Threads: the same output, in the same order, for a long input.
i=0
: >"$tmp/many"
while [ $i -lt 300 ]; do
	cat "$tmp/good" >>"$tmp/many"
	i=$((i + 1))
done
run 0 "$tmp/many" batch --network "$net"
cp "$tmp/out" "$tmp/one"
[ "$(wc -l <"$tmp/one")" -eq 1200 ] || fail "expected 1200 results, got $(wc -l <"$tmp/one")"
run 0 "$tmp/many" batch --network "$net" --jobs 2
cmp -s "$tmp/out" "$tmp/one" || fail "--jobs 2 changed the output"
run 0 "$tmp/many" batch --network "$net" -j 7
cmp -s "$tmp/out" "$tmp/one" || fail "--jobs 7 changed the output"

# Usage and load errors.
run 2 /dev/null batch
grep -qF -- "no network: give --network FILE" "$tmp/err" || fail "missing --network not explained"
run 2 /dev/null batch --network "$net" --jobs 0
run 2 /dev/null batch --network "$net" extra-arg
run 3 /dev/null batch --network "$tmp/missing.json"
run 3 /dev/null batch --network "$net" --max-size 100
grep -qF "over the limit of 100 bytes" "$tmp/err" || fail "--max-size not in the message"
run 0 /dev/null batch --network "$net"
[ -s "$tmp/out" ] && fail "no input should give no output"
run 0 /dev/null batch --help
grep -qF -- "--jobs N" "$tmp/out" || fail "batch --help lacks --jobs"

# A request line over 1 MiB is an error for that line only.
{
	printf '{"person": "'
	head -c 1100000 /dev/zero | tr '\0' x
	printf '"}\n{"person": "zoe-muller"}\n'
} >"$tmp/long"
run 6 "$tmp/long" batch --network "$net"
has_line 1 '{"line":1,"error":"request line longer than 1 MiB'
has_line 2 '"verdict":"already_connected"'

# An interactive filter: the answer to a line comes before the next line is
# sent (the writer waits for it).
mkfifo "$tmp/in"
"$bin" batch --network "$net" <"$tmp/in" >"$tmp/live" 2>/dev/null &
pid=$!
exec 3>"$tmp/in"
echo '{"person": "zoe-muller"}' >&3
n=0
while [ $n -lt 50 ] && ! grep -q already_connected "$tmp/live"; do
	sleep 0.1
	n=$((n + 1))
done
grep -q already_connected "$tmp/live" || fail "no answer while the input stays open"
exec 3>&-
wait $pid || fail "batch as a filter exited non-zero"

# A line that starts with a NUL byte is answered with an error, not
# dropped as if it were blank: one output line per request line.
printf '\000{"person": "priya-natarajan"}\n{"person": "priya-natarajan"}\n' >"$tmp/nul"
"$bin" batch --network "$net" --no-cache <"$tmp/nul" >"$tmp/out" 2>"$tmp/err"
got=$?
[ "$got" -eq 6 ] || fail "batch with a NUL line: exit $got, expected 6"
[ "$(wc -l <"$tmp/out")" -eq 2 ] || fail "a NUL line was dropped: $(cat "$tmp/out")"
grep -q '^{"line":1,"error":"request:1:1: NUL byte' "$tmp/out" || fail "no error for the NUL line: $(cat "$tmp/out")"

# The request shown in --help is answered as shown.
"$bin" batch --help | grep '^  {"person"' | sed 's/^  //' >"$tmp/help-req"
[ -s "$tmp/help-req" ] || fail "no example request in batch --help"
"$bin" batch --network "$net" --no-cache <"$tmp/help-req" >"$tmp/out" 2>"$tmp/err" ||
	fail "the request of batch --help fails: $(cat "$tmp/out" "$tmp/err")"
grep -q '"verdict"' "$tmp/out" || fail "the request of batch --help gets no verdict: $(cat "$tmp/out")"

finish "all batch checks passed"
