#!/bin/sh
# advise --explain on a new user's realistic export (no fact recorded by
# hand): the what-ifs name the facts you could record that would flip the
# verdict, each with the `advisor remember` command that records it, in
# the human output and in JSON; pasting that command, its date filled in,
# gives the verdict the what-if predicted.
. "$(dirname "$0")/lib.sh"
LC_ALL=C.UTF-8
export LC_ALL
XDG_DATA_HOME="$tmp/data"
XDG_CACHE_HOME="$tmp/cache"
export XDG_DATA_HOME XDG_CACHE_HOME
unset ADVISOR_NETWORK
day=2026-12-02

run 0 init "$src/tests/fixtures/realistic-export"

# The what-if's command for the change $2 in the output of the last
# --explain, with DATE and FROM filled in, run as a shell would.
record() {
	line=$(grep -F -- "  - $1: " "$tmp/out")
	[ -n "$line" ] || { fail "no what-if '$1': $(cat "$tmp/out")"; return; }
	cmd=$(printf '%s\n' "$line" | sed 's/^.* — advisor //; s/ DATE$/ 2026-12-01/; s/ FROM$/ 2019-03/')
	eval "set -- $cmd"
	run 0 "$@"
}

# Hiro invites me, no message, nobody in common: a stranger.  A meeting,
# or work together that ended well, would make him someone I know.
run 0 advise hiro-tanaka-7731 --as-of $day --explain
has out "Hiro Tanaka (hiro-tanaka-7731): ignore their invitation"
has out "What would change the verdict:"
has out "  - if you had met them: connect (known) — advisor remember hiro-tanaka-7731 met --tone neutral --date DATE"
has out "  - if you had worked together and it ended well: connect (known) — advisor remember hiro-tanaka-7731 worked_together --ending good --from FROM"
lacks out "introduced you: "
cp "$tmp/out" "$tmp/human"

# In JSON, each such what-if carries its fact as the network format writes
# an event, its date left out; the same answer every time (the second run
# reads the network's snapshot).
run 0 advise hiro-tanaka-7731 --as-of $day --explain --json
has out '{"change":"if you had met them","kind":"add_fact","subject":"met","verdict":"connect","score":3,"rule":"known","fact":{"type":"met","tone":"neutral"}}'
has out '"fact":{"type":"worked_together","ending":"good"}}'
has out '"what_if_complete":true'
cp "$tmp/out" "$tmp/first.json"
run 0 advise hiro-tanaka-7731 --as-of $day --explain --json
cmp -s "$tmp/out" "$tmp/first.json" || fail "a second explanation differs: $(cat "$tmp/out")"
# Explaining recorded nothing.
run 0 advise hiro-tanaka-7731 --as-of $day --json
has out '"verdict":"dont_connect"'

# The meeting recorded with the command shown: the verdict predicted.
cp "$tmp/human" "$tmp/out"
record "if you had met them"
has out "Recorded:"
run 0 advise hiro-tanaka-7731 --as-of $day --json
has out '"verdict":"connect","score":3,'
has out '"rule":"known"'
# Now that it holds, a meeting is no longer a change that matters.
run 0 advise hiro-tanaka-7731 --as-of $day --explain
lacks out "if you had met them"

# Work together that ended well, for Marcus, the same way.
run 0 advise marcus-wellington-invest --as-of $day --explain
record "if you had worked together and it ended well"
run 0 advise marcus-wellington-invest --as-of $day --json
has out '"verdict":"connect"'
has out '"rule":"known"'

# Once I record that Priya, a connection, knows Jessica, she could
# introduce us: that is a what-if, naming her, and recording it connects.
run 0 advise jessica-tran-recruiting --as-of $day --explain
lacks out "introduced you: "
run 0 remember jessica-tran-recruiting knows priya-raman-data
run 0 advise jessica-tran-recruiting --as-of $day --explain
has out "  - if Priya Raman introduced you: connect (introduced) — advisor remember jessica-tran-recruiting introduced --by priya-raman-data --date DATE"
record "if Priya Raman introduced you"
run 0 advise jessica-tran-recruiting --as-of $day --json
has out '"verdict":"connect"'
has out '{"rule":"introduced","score":3,"detail":"Priya Raman is introducing you'

# No fact flips a veto: wanting to date them decides whatever I record.
run 0 advise marcus-wellington-invest --as-of $day --intent date --explain --json
lacks out '"add_fact"'

finish "fact what-ifs: OK"
