#!/bin/sh
# End-to-end tests of `advisor diff`: two policies on the same requests,
# from case files and from NDJSON request streams.  Run by CTest with
# ADVISOR_BIN and ADVISOR_SOURCE_DIR set.
. "$(dirname "$0")/lib.sh"
cases="$src/tests/policy/default.cases.json"
LC_ALL=C.UTF-8
export LC_ALL

mkdir "$tmp/strict" "$tmp/nomutuals" "$tmp/same"
echo 'advisor.settings { threshold = 3.5 }' >"$tmp/strict/strict.lua"
echo 'advisor.off("mutuals")' >"$tmp/nomutuals/off.lua"
echo '{ "threshold": 3 }' >"$tmp/same/settings.json"

run 0 diff --help
has out "--policy A"
run 2 diff "$cases"
has err "give one --policy DIR"
run 2 diff -p "$tmp/strict"
has err "which requests?"

# One layer: the shipped policy against it.  A stricter threshold turns
# every known-only acquaintance without shared connections to dont_connect.
run 0 diff --policy "$tmp/strict" "$cases"
has out "lucas-moreau (outgoing, as of 2026-11-27): connect -> dont_connect"
has out "  A default: connect (score 3.26) - known: you met at Berlin Rust Meetup and it was cordial"
has out "  B default+strict: dont_connect (score 3.26) - known:"
lacks out "priya-natarajan"
has out "37 requests, 16 changed verdict (A default, B default+strict)"

# A policy that changes nothing.
run 0 diff --policy "$tmp/same" "$cases"
has out "37 requests, 0 changed verdict"

# Two layers: A against B, as JSON lines.
run 0 diff --policy "$tmp/strict" --policy "$tmp/nomutuals" "$cases" --json
has out '"request":{"person":"jonas-berg","direction":"incoming","intent":[],"as_of":"2026-11-27"},"a":{"person":"jonas-berg","verdict":"dont_connect"'
has out '"b":{"person":"jonas-berg","verdict":"connect"'
[ "$(wc -l <"$tmp/out")" -eq 16 ] || fail "expected 16 changed lines, got $(wc -l <"$tmp/out")"

# A request stream on a network: blank lines skipped, bad lines reported.
printf '{"person":"lucas-moreau","as_of":"2026-11-27"}\n\n{"person":"nobody","as_of":"2026-11-27"}\nnot json\n' >"$tmp/requests.ndjson"
run 0 diff --policy "$tmp/strict" "$tmp/requests.ndjson" --network "$net"
has out "lucas-moreau (outgoing, as of 2026-11-27): connect -> dont_connect"
has out "3 requests, 1 changed verdict"
has err "$tmp/requests.ndjson:3: "
has err 'no person with id "nobody"'
has err "$tmp/requests.ndjson:4: request:1:1: invalid JSON near 'not json'"
printf '{"person":"lucas-moreau","as_of":"2026-11-27"}\n' | "$bin" diff -p "$tmp/strict" -n "$net" - >"$tmp/out" 2>"$tmp/err" || fail "diff from stdin failed: $(cat "$tmp/err")"
has out "1 request, 1 changed verdict"
run 2 diff --policy "$tmp/strict" "$tmp/requests.ndjson"
has err "holds requests, one a line; request files need --network FILE"
# A bad request is located the way batch locates it, and counted.
printf '{"person":"lucas-moreau","intent":["learn",7]}\n' >"$tmp/bad.jsonl"
run 0 diff --policy "$tmp/strict" "$tmp/bad.jsonl" --network "$net"
has err "$tmp/bad.jsonl:1: request: intent[1]: expected a word"
has out "1 request, 0 changed verdict"

# Which kind of file an INPUT is goes by its name, as for networks: .ndjson,
# .jsonl and '-' hold requests, anything else is a case file, which says
# what it is when it is not one.
cp "$tmp/requests.ndjson" "$tmp/requests.json"
run 3 diff --policy "$tmp/strict" "$tmp/requests.json" --network "$net"
has err "$tmp/requests.json:3: not a case file: line 1 is a whole JSON object and more follows, as in requests one a line"
run 3 diff --policy "$tmp/strict" "$net"
has err "$net: format: \"advisor-network/1\" is a network file, not a case file"
run 4 diff --policy "$tmp/missing" "$cases"
has err "$tmp/missing"

finish "all diff tests passed"
