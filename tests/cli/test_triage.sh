#!/bin/sh
# End-to-end tests of `advisor triage`: every pending invitation of an
# imported export advised on, incoming first, as a table and as NDJSON.
. "$(dirname "$0")/lib.sh"
export_dir="$src/tests/fixtures/linkedin-export"
LC_ALL=C.UTF-8
export LC_ALL

run 0 triage --help
has out "usage: advisor triage"
has out "--json"
run 2 triage sam-okafor --network "$export_dir"
has err "triage takes no person"

# The user's facts make Sam someone they met, and Lena someone they want
# to learn from.
cat >"$tmp/facts.json" <<'JSON'
{ "format": "advisor-network/1",
  "me": { "industry": "Software Development" },
  "people": [
    { "id": "sam-okafor",
      "events": [ { "type": "met", "date": "2026-09-12",
                    "context": "the Lisbon meetup", "tone": "cordial" } ] },
    { "id": "recruiter-bot",
      "events": [ { "type": "interview", "date": "2026-11-20",
                    "role": "recruiter", "status": "scheduled" } ] } ] }
JSON
run 0 import linkedin "$export_dir" -a "$tmp/facts.json" -o "$tmp/net.json" -q
cp "$tmp/net.json" "$tmp/keep.json"

# NDJSON: one line per pending invitation, incoming first, newest first.
run 0 triage --network "$tmp/net.json" --as-of 2026-11-27 --json
[ "$(wc -l <"$tmp/out")" -eq 3 ] || fail "expected 3 lines: $(cat "$tmp/out")"
sed -n 1p "$tmp/out" >"$tmp/line1"
sed -n 2p "$tmp/out" >"$tmp/line2"
sed -n 3p "$tmp/out" >"$tmp/line3"
# Each line is the result of advise --json: it says the direction answered
# and when the invitation was sent.
grep -qF '{"person":"sam-okafor","verdict":"connect"' "$tmp/line1" &&
	grep -qF '"direction":"incoming","invited_on":"2026-11-20","policy"' "$tmp/line1" ||
	fail "first line is not Sam, accepted: $(cat "$tmp/line1")"
grep -qF '"rule":"known"' "$tmp/line1" || fail "Sam's reason is not known"
grep -qF '{"person":"recruiter-bot"' "$tmp/line2" &&
	grep -qF '"direction":"incoming","invited_on":"2026-10-01"' "$tmp/line2" ||
	fail "second line is not the recruiter: $(cat "$tmp/line2")"
# Lena has not answered my invitation: invited, not a second one.
grep -qF '{"person":"lena-fischer-99","verdict":"invited"' "$tmp/line3" &&
	grep -qF '"direction":"outgoing","invited_on":"2026-11-02"' "$tmp/line3" ||
	fail "third line is not Lena: $(cat "$tmp/line3")"
lacks out '"withdraw"'

# As of an earlier day, only the invitations sent by then: not Sam's of
# 2026-11-20, on the 10th; and none before the first.
run 0 triage --network "$tmp/net.json" --as-of 2026-11-10 --json
[ "$(wc -l <"$tmp/out")" -eq 2 ] || fail "as of 2026-11-10, expected 2 lines: $(cat "$tmp/out")"
lacks out '"sam-okafor"'
has out '{"person":"recruiter-bot"'
has out '{"person":"lena-fischer-99","verdict":"invited"'
run 0 triage --network "$tmp/net.json" --as-of 2026-09-30
has out "No pending invitations"

# The same verdicts as advise.
run 0 advise sam-okafor --incoming --network "$tmp/net.json" --as-of 2026-11-27 --json
grep -qF '"verdict":"connect"' "$tmp/out" || fail "advise disagrees with triage on Sam"

# The table: two groups, names, actions, reasons.
run 0 triage --network "$tmp/net.json" --as-of 2026-11-27
has out "Invitations to you, accept or not (2)"
has out "Your invitations still waiting (1)"
has out "Sam Okafor"
has out "accept"
has out "known:"
has out "Lena Fischer"
has out "keep waiting"
has out "invited: you already invited"
awk '/Invitations to you/ { a = NR } /Your invitations/ { b = NR } END { exit !(a && b && a < b) }' "$tmp/out" ||
	fail "incoming invitations are not listed first"

# Nothing pending.
cat >"$tmp/none.json" <<'JSON'
{ "format": "advisor-network/1", "me": { "id": "me", "name": "A" },
  "people": [ { "id": "b", "name": "B", "connected": true } ] }
JSON
run 0 triage --network "$tmp/none.json"
has out "No pending invitations"
run 0 triage --network "$tmp/none.json" --json
[ ! -s "$tmp/out" ] || fail "--json with nothing pending printed: $(cat "$tmp/out")"

# A bad date is a usage error.
run 2 triage --network "$tmp/net.json" --as-of 2026-13-01

# Columns line up by display width: wide (CJK, emoji) and accented names
# are padded to the same column, a name too wide for its column is cut
# with an ellipsis, two people of one name are told apart by their ids,
# and the reason wraps inside its own column.
cat >"$tmp/wide.json" <<'JSON'
{ "format": "advisor-network/1",
  "me": { "id": "me", "name": "Me" },
  "people": [
    { "id": "tanaka-yuki", "name": "田中 ゆき",
      "events": [ { "type": "invitation", "date": "2026-11-20", "direction": "in" } ] },
    { "id": "jose-alvarez", "name": "José Álvarez",
      "events": [ { "type": "invitation", "date": "2026-11-19", "direction": "in" } ] },
    { "id": "zoe-rocket", "name": "Zoë 🚀 Müller",
      "events": [ { "type": "invitation", "date": "2026-11-18", "direction": "in" } ] },
    { "id": "long-name", "name": "Maximilian Alexander von Hohenberg-Steinfeld",
      "events": [ { "type": "invitation", "date": "2026-11-17", "direction": "in" } ] },
    { "id": "dmitri-volkov", "name": "Dmitri Volkov",
      "events": [ { "type": "invitation", "date": "2026-11-16", "direction": "in" } ] },
    { "id": "dmitri-volkov-2", "name": "Dmitri Volkov",
      "events": [ { "type": "invitation", "date": "2026-11-15", "direction": "in" } ] } ] }
JSON
COLUMNS=120 run 0 triage --network "$tmp/wide.json" --as-of 2026-11-27
# 32 columns for the name, two spaces, the date, two, the action in 18.
has out "  田中 ゆき                         2026-11-20  ignore            stranger:"
has out "  José Álvarez                      2026-11-19  ignore            stranger:"
has out "  Zoë 🚀 Müller                     2026-11-18  ignore            stranger:"
has out "  Maximilian Alexander von Hohenb…  2026-11-17  ignore            stranger:"
has out "  Dmitri Volkov (dmitri-volkov)     2026-11-16  ignore"
has out "  Dmitri Volkov (dmitri-volkov-2)   2026-11-15  ignore"
# Continued lines start at the reason's column, never under the name.
awk 'NR > 1 && /^ / && !/^  [^ ]/ { if (index($0, "purpose") && match($0, /^ +/) && RLENGTH != 66) bad = 1 } END { exit bad }' "$tmp/out" ||
	fail "a reason's continuation is not in its column: $(cat "$tmp/out")"
# Too narrow for a reason column: the reason goes below, indented.
COLUMNS=70 run 0 triage --network "$tmp/wide.json" --as-of 2026-11-27
has out "  José Álvarez                      2026-11-19  ignore"
has out "    stranger: no relationship"

finish "triage: all passed"
