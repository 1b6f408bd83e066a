#!/bin/sh
# End-to-end tests of `advisor advise --explain`: every rule with why it did
# or did not count, and the single changes that flip the verdict.  Run by
# CTest with ADVISOR_BIN and ADVISOR_SOURCE_DIR set.
. "$(dirname "$0")/lib.sh"
LC_ALL=C.UTF-8
COLUMNS=200
export LC_ALL COLUMNS

ask() {
	run 0 advise "$@" --network "$net" --as-of 2026-11-27 --explain
}

run 0 advise --help
has out "--explain"

# An open hiring process: wait; deciding it, or their inviting you, flips it.
ask hannah-becker --intent job
has out "job_pending  decided: its veto forces wait"
has out "known        fired (+3), but the veto of job_pending decided"
has out 'romance      did not fire: it needs the intent "date", which the request does not have'
has out "stranger     did not fire: it runs last and saw other reasons (job_pending, known, mutuals)"
has out "What would change the verdict:"
has out "  - once the hiring decision is made: connect (known)"
has out "  - if they invited you: connect (job_pending)"
has out '  - with the intent "date": dont_connect (romance)'
lacks out 'without the intent "job"'

# Wanting to date vetoes a known person: dropping the intent flips it.
ask priya-natarajan --intent date
has out "romance      decided: its veto forces dont_connect"
has out '  - without the intent "date": connect_with_note (known)'

# A stranger: only a fact you could record would flip it, each with its
# command.
ask robert-castellanos --intent job
has out "stranger     fired: the reason not to connect"
has out "  - if you had met them: connect (known) — advisor remember robert-castellanos met --tone neutral --date DATE"
lacks out "No single change"
# Wanting to date a stranger: no single change flips it, no fact either.
ask robert-castellanos --intent date
has out "No single change of intent, direction or fact changes the verdict."

# A bad ending: accepting their invitation is fine; the veto direction shows.
ask gregory-hale --incoming
has out "bad_ending   fired; its veto is only for outgoing invitations, so it adds +3"
has out "  - if you were the one inviting: dont_connect (bad_ending)"

# A fact taken away: without the meeting, a known person is a stranger.
ask elena-petrova --incoming
has out "  - without the meeting at Craft Conference 2026: dont_connect (stranger)"

# Rules switched off by a layer say so.
mkdir "$tmp/off"
echo 'advisor.off("mutuals")' >"$tmp/off/off.lua"
ask priya-natarajan --policy "$tmp/off"
has out "mutuals      switched off by $tmp/off/off.lua:1"

# JSON: the result plus "rules" and "what_if".
run 0 advise hannah-becker --intent job --network "$net" --as-of 2026-11-27 --explain --json
has out '"verdict":"wait"'
has out '{"rule":"job_pending","outcome":"decided","score":0,"why":"decided: its veto forces wait"}'
has out '"what_if":[{"change":"with the intent \"date\"","kind":"add_intent","subject":"date","verdict":"dont_connect","score":3.26,"rule":"romance"}'
has out '{"change":"once the hiring decision is made","kind":"drop_fact","subject":"interview","verdict":"connect","score":3.26,"rule":"known"}'

# Already connected: no rule runs, nothing to change.
run 0 advise zoe-muller --network "$net" --as-of 2026-11-27 --explain --json
has out '"outcome":"not_run"'
has out '"what_if":[]'

# Every change that can be tried, tried: the example's explanations are
# complete.
has out '"what_if_complete":true'

# A person with 20,000 facts: one advice per fact took minutes.  The
# changes together get one request's budget; those past it are not tried,
# and the explanation says so, in seconds.
awk 'BEGIN {
	printf "{\"format\": \"advisor-network/1\", \"me\": {\"id\": \"me\", \"name\": \"Alex Kim\"},\n"
	printf "\"people\": [{\"id\": \"pat-doe\", \"name\": \"Pat Doe\", \"events\": [\n"
	for (i = 0; i < 20000; i++)
		printf "%s{\"type\": \"met\", \"date\": \"2018-%02d\", \"context\": \"meetup %d\", \"tone\": \"awkward\"}\n", i ? "," : "", i % 12 + 1, i
	printf "]}]}\n"
}' >"$tmp/many-facts.json"
start=$(date +%s)
run 0 advise pat-doe --network "$tmp/many-facts.json" --no-cache --as-of 2026-11-27 --explain \
	--max-instructions 5000000
has out "Not every change was tried: together they get one request's budget"
run 0 advise pat-doe --network "$tmp/many-facts.json" --no-cache --as-of 2026-11-27 --explain --json \
	--max-instructions 5000000
has out '"what_if_complete":false'
[ $(($(date +%s) - start)) -le 30 ] || fail "explaining 20,000 facts took $(($(date +%s) - start)) s"

# A what-if's words are cut to fit their buffer on a character boundary:
# a context of 100 euro signs (300 bytes) once left --json with half a
# character, invalid UTF-8.
ctx=$(printf '\342\202\254%.0s' $(seq 100))
printf '{"format": "advisor-network/1", "me": {"id": "me", "name": "Alex Kim"}, "people": [{"id": "pat-doe", "name": "Pat Doe", "events": [{"type": "met", "date": "2025-05", "context": "%s", "tone": "cordial"}]}]}\n' \
	"$ctx" >"$tmp/long-context.json"
run 0 advise pat-doe --network "$tmp/long-context.json" --no-cache --as-of 2026-11-27 --explain --json
has out '"change":"without the meeting at '
iconv -f UTF-8 -t UTF-8 <"$tmp/out" >/dev/null 2>&1 ||
	fail "--explain --json wrote invalid UTF-8: $(cat "$tmp/out")"

finish "all explain tests passed"
