#!/bin/sh
# End-to-end tests of `advisor test`: the shipped cases through the binary,
# failures reported with what differed, inline networks, expected errors,
# coverage, and malformed case files.  Run by CTest with ADVISOR_BIN and
# ADVISOR_SOURCE_DIR set.
. "$(dirname "$0")/lib.sh"
LC_ALL=C.UTF-8
export LC_ALL

run 0 test --help
has out "--coverage"
has out "Exit codes"
run 2 test
has err "which case files?"

# The shipped cases, every one of them (counted from the files, a
# "request" a case), and every shipped rule fires.
shipped=$(cat "$src"/tests/policy/*.json | grep -o '"request"' | wc -l | tr -d ' ')
[ "$shipped" -gt 100 ] || fail "counted only $shipped shipped cases"
run 0 test "$src"/tests/policy/*.json --coverage
has out "$shipped cases: $shipped passed, 0 failed"
has out "Coverage: 11 of 11 active rules fired"
lacks out "never fired"
lacks out "never asked"
lacks out "FAIL"

# A case file with an inline network: passes, fails with what differed,
# expects an error.
cat >"$tmp/mine.cases.json" <<'JSON'
{
  "network": {
    "format": "advisor-network/1",
    "me": { "id": "me", "name": "Alex Kim", "industry": "Software" },
    "people": [
      { "id": "sam", "name": "Sam Park",
        "events": [ { "type": "met", "date": "2026-10-01", "context": "RustConf", "tone": "cordial" } ] },
      { "id": "kai", "name": "Kai Doe" }
    ]
  },
  "cases": [
    { "name": "sam is known",
      "request": { "person": "sam", "as_of": "2026-11-27" },
      "expect": { "verdict": "connect", "first_rule": "known", "rules": ["known"], "not_rules": ["stranger"], "no_note": true } },
    { "name": "kai is wrongly expected to be known",
      "request": { "person": "kai", "as_of": "2026-11-27" },
      "expect": { "verdict": "connect", "rules": ["known"], "note_contains": ["hello"] } },
    { "name": "an unknown intent is an error",
      "request": { "person": "sam", "intent": ["fame"], "as_of": "2026-11-27" },
      "expect": { "error": "unknown intent \"fame\"" } },
    { "name": "a what-if that flips nothing",
      "request": { "person": "sam", "as_of": "2026-11-27" },
      "expect": { "verdict": "connect", "what_if": ["if they invited you", "without the meeting at RustConf"],
                  "why": { "mutuals": "you share no connection", "introduced": "someone introduced you", "fame": "x" } } },
    { "name": "an error nobody expected",
      "request": { "person": "nobody", "as_of": "2026-11-27" },
      "expect": { "verdict": "connect" } }
  ]
}
JSON
run 6 test "$tmp/mine.cases.json" --coverage
has out "PASS  $tmp/mine.cases.json: sam is known"
has out "FAIL  $tmp/mine.cases.json: kai is wrongly expected to be known"
has out "verdict: got dont_connect, expected connect (rules fired: stranger)"
has out "rule known did not fire (fired: stranger)"
has out 'note: none lacks "hello"'
has out "PASS  $tmp/mine.cases.json: an unknown intent is an error"
has out 'error: '
has out 'no person with id "nobody"'
has out "FAIL  $tmp/mine.cases.json: a what-if that flips nothing"
has out 'what if: "if they invited you" does not flip the verdict (changes that do: "with the intent "date"", "with the intent "reconnect"", "without the meeting at RustConf")'
lacks out 'what if: "without the meeting at RustConf"'
has out 'why: introduced says "did not fire: no one has introduced you to them, and no connection of yours knows them", which lacks "someone introduced you"'
lacks out 'why: mutuals'
has out 'why: the policy has no rule fame'
has out "5 cases: 2 passed, 3 failed"
has out "never fired learn"
has out "intent never asked: reconnect"
lacks out "intent never asked: fame"
run 6 test "$tmp/mine.cases.json" --json
has out '"passed":2,"failed":3'
has out '"name":"sam is known","pass":true,"verdict":"connect","differences":[]'

# The exact note, and the note limit a case is judged with: the whole
# note must equal, where note_contains needs only a part; a case's own
# note_limit is used in place of --note-limit, and only for that case.
cat >"$tmp/notes.cases.json" <<JSON
{ "format": "advisor-cases/1", "network": "$net",
  "cases": [
    { "name": "the whole note",
      "request": { "person": "priya-natarajan", "as_of": "2026-11-27" },
      "expect": { "note": "Hi Priya! We met at PyCon 2019. Would you like to connect?" } },
    { "name": "a part is not the whole",
      "request": { "person": "priya-natarajan", "as_of": "2026-11-27" },
      "expect": { "note": "Hi Priya! We met at PyCon 2019.", "note_contains": ["Hi Priya! We met at PyCon 2019."] } },
    { "name": "40 characters leave the greeting and the meeting",
      "note_limit": 40,
      "request": { "person": "priya-natarajan", "as_of": "2026-11-27" },
      "expect": { "note": "Hi Priya! We met at PyCon 2019." } },
    { "name": "no note is not a note",
      "request": { "person": "lucas-moreau", "as_of": "2026-11-27" },
      "expect": { "note": "Hi Lucas!" } }
  ] }
JSON
run 6 test "$tmp/notes.cases.json"
has out "PASS  $tmp/notes.cases.json: the whole note"
has out "FAIL  $tmp/notes.cases.json: a part is not the whole"
has out 'note: got "Hi Priya! We met at PyCon 2019. Would you like to connect?", expected "Hi Priya! We met at PyCon 2019."'
lacks out 'lacks "Hi Priya! We met at PyCon 2019."'
has out "PASS  $tmp/notes.cases.json: 40 characters leave the greeting and the meeting"
has out "FAIL  $tmp/notes.cases.json: no note is not a note"
has out 'note: got none, expected "Hi Lucas!"'
has out "4 cases: 2 passed, 2 failed"
# --note-limit is every other case's limit; the case's own still wins.
run 6 test "$tmp/notes.cases.json" --note-limit 40
has out "FAIL  $tmp/notes.cases.json: the whole note"
has out "PASS  $tmp/notes.cases.json: a part is not the whole"
has out "PASS  $tmp/notes.cases.json: 40 characters leave the greeting and the meeting"
echo '{ "network": "n.json", "cases": [ { "name": "x", "note_limit": 5, "request": { "person": "a" } } ] }' >"$tmp/bad.json"
run 3 test "$tmp/bad.json"
has err "$tmp/bad.json: cases[0].note_limit: expected a whole number of characters from 20 to 10000"
echo '{ "network": "n.json", "cases": [ { "name": "x", "request": { "person": "a" }, "expect": { "note": "Hi!", "no_note": true } } ] }' >"$tmp/bad.json"
run 3 test "$tmp/bad.json"
has err "$tmp/bad.json: cases[0].expect.no_note: true, but expect.note gives the note"

# A request the reader refuses fails its case (or passes, expected), and
# the other cases run.
cat >"$tmp/req.cases.json" <<JSON
{ "network": "$net",
  "cases": [
    { "name": "a number for an intent",
      "request": { "person": "priya-natarajan", "intent": ["learn", 7] },
      "expect": { "error": "intent[1]: expected a word" } },
    { "name": "an unexpected bad direction",
      "request": { "person": "priya-natarajan", "direction": "sideways" } }
  ] }
JSON
run 6 test "$tmp/req.cases.json"
has out "PASS  $tmp/req.cases.json: a number for an intent"
has out "FAIL  $tmp/req.cases.json: an unexpected bad direction"
has out 'error: request: direction: expected "outgoing" or "incoming"'

# The wrong kind of file is told for what it is.
run 3 test "$net"
has err 'format: "advisor-network/1" is a network file, not a case file'
printf '{"person":"priya-natarajan"}\n{"person":"lucas-moreau"}\n' >"$tmp/reqs.json"
run 3 test "$tmp/reqs.json"
has err "$tmp/reqs.json:2: not a case file: line 1 is a whole JSON object and more follows"

# The same cases pass under a layer that makes kai known.
mkdir "$tmp/layer"
cat >"$tmp/layer/kai.lua" <<'LUA'
advisor.rule {
  name = "kai", description = "kai is a friend", score = 3,
  check = function(person) if person.id == "kai" then return { detail = "kai", note = "hello" } end end,
}
LUA
run 6 test "$tmp/mine.cases.json" --policy "$tmp/layer"
has out "rule known did not fire (fired: kai"
has out "verdict: got connect_with_note, expected connect (rules fired: kai)"

# Malformed case files: the file and the JSON path.
echo '{ "network": "net.json", "cases": [ { "name": "x", "request": { "person": "a" }, "expect": { "verdit": "connect" } } ] }' >"$tmp/bad.json"
run 3 test "$tmp/bad.json"
has err "$tmp/bad.json: cases[0].expect.verdit: unknown field"
echo '{ "network": "net.json", "cases": [ { "name": "x", "request": { "person": "a" }, "expect": { "rules": "known" } } ] }' >"$tmp/bad.json"
run 3 test "$tmp/bad.json"
has err "$tmp/bad.json: cases[0].expect.rules: expected a list of strings"
echo '{ "network": "missing.json", "cases": [ { "name": "x", "request": { "person": "a" } } ] }' >"$tmp/bad.json"
run 3 test "$tmp/bad.json"
has err "$tmp/missing.json"
printf '{ "cases": [\n  { "name": 1 ' >"$tmp/bad.json"
run 3 test "$tmp/bad.json"
has err "$tmp/bad.json:2:15: the text ends before every [ and { is closed"
run 3 test "$tmp/none.json"
has err "$tmp/none.json: cannot open"

finish "all test tests passed"
