#!/bin/sh
# A new user's first triage on the realistic export (the zip LinkedIn
# sends, no fact recorded by hand): advice that tells the invitations
# apart, the facts the export suggests with the command that records
# each, and that running the command changes the advice.
. "$(dirname "$0")/lib.sh"
mkzip=${ADVISOR_MKZIP:?}
LC_ALL=C.UTF-8
export LC_ALL
XDG_DATA_HOME="$tmp/data"
export XDG_DATA_HOME
unset ADVISOR_NETWORK
COLUMNS=200
export COLUMNS
day=2026-12-02

"$mkzip" "$tmp/Complete_LinkedInDataExport_11-30-2026.zip" \
	"$src/tests/fixtures/realistic-export" || fail "mkzip"
run 0 init "$tmp/Complete_LinkedInDataExport_11-30-2026.zip"

# The row of one person in triage's table: from their name to the next
# person's row.
row() {
	awk -v who="$1" 'index($0, "  " who " ") == 1 { on = 1; print; next }
		on && /^  [^ ]/ { on = 0 } on { print }' "$tmp/out" >"$tmp/row"
	[ -s "$tmp/row" ] || fail "triage has no row for $1: $(cat "$tmp/out")"
}

run 0 triage --as-of $day
row "Tomás Herrera"
has row "2026-11-25  accept"
has row "their_word: their invitation says Priya Raman, one of your connections, sent them; only their word, but enough to accept"
has row "suggested: Priya Raman introduced you: their invitation says so"
has row "advisor remember tomás-herrera-lumen introduced --by priya-raman-data --date 2026-11-25"
row "Noor Haddad"
has row "2026-11-21  accept"
has row "their_word: their invitation says you met at the Berlin Product Meetup"
has row "suggested: you met at the Berlin Product Meetup: their invitation says so"
has row "advisor remember noor-haddad met --context 'the Berlin Product Meetup' --date 2026-11"
row "Marcus Wellington"
has row "2026-11-18  ignore"
has row "stranger: no relationship, no introducer and no purpose"
lacks row "suggested:"
row "Hiro Tanaka"
has row "2026-11-09  ignore"
has row "stranger: no relationship, no introducer and no purpose"
lacks row "suggested:"
row "Jessica Tran"
has row "2026-11-27  ignore"
has row "stranger:"

# The same as NDJSON: the verdicts, and the facts as data.
run 0 triage --as-of $day --json
grep -F '"person":"tomás-herrera-lumen","verdict":"connect"' "$tmp/out" |
	grep -qF '"suggestions":[{"fact":{"type":"introduced","by":"priya-raman-data","date":"2026-11-25"},"why":"Priya Raman introduced you: their invitation says so"}],"direction":"incoming"' ||
	fail "triage --json: Tomás: $(cat "$tmp/out")"
grep -F '"person":"noor-haddad","verdict":"connect"' "$tmp/out" |
	grep -qF '"suggestions":[{"fact":{"type":"met","context":"the Berlin Product Meetup","date":"2026-11"}' ||
	fail "triage --json: Noor: $(cat "$tmp/out")"
grep -F '"person":"marcus-wellington-invest","verdict":"dont_connect"' "$tmp/out" |
	grep -qvF '"suggestions"' || fail "triage --json: Marcus: $(cat "$tmp/out")"
grep -F '"person":"hiro-tanaka-7731","verdict":"dont_connect"' "$tmp/out" |
	grep -qvF '"suggestions"' || fail "triage --json: Hiro: $(cat "$tmp/out")"

# The recruiter: up to your intent.
run 0 advise jessica --as-of $day
has out "ignore their invitation"
has out "their_word (+3): their invitation is about a job; it counts when you are looking for one (intent job)"
run 0 advise jessica --as-of $day --intent job
has out "accept their invitation"
has out "their_word (+3.0): their invitation is about a job, and you are looking for one"
# Their word is enough to accept, never to invite.
run 0 advise tomas --as-of $day --outgoing
has out "don't connect"
lacks out "their_word ("

# A colleague of a past job, connected already: the question, and the
# command; the same for a colleague of today's job.
run 0 advise priyanka --as-of $day
has out "Priyanka Bose (priyanka-bose-7): already connected"
has out "Suggested fact, not recorded (run the command if it is true):"
has out "  - did you work together at Brightwave Media? They work there, and you did (2018–2022)"
has out "    advisor remember priyanka-bose-7 worked_together --org 'Brightwave Media' --from 2018-06 --to 2022-02 --ending good"
run 0 advise priyanka --as-of $day --json
has out '"suggestions":[{"fact":{"type":"worked_together","org":"Brightwave Media","from":"2018-06","to":"2022-02","ending":"good"}'
run 0 advise "hannah schmidt" --as-of $day
has out "did you work together at Kestrel Consulting? They work there, and you did (2015–2018)"
run 0 advise jonas --as-of $day
has out "do you work together at Fernhill Analytics? You both work there"
has out "advisor remember jonasweber worked_together --org 'Fernhill Analytics' --from 2022-03"
# No suggestion where the export holds no hint.
run 0 advise hiro --as-of $day
lacks out "Suggested"
run 0 advise marcus --as-of $day
lacks out "Suggested"

# Run the suggested commands, as printed: the advice then rests on the
# facts recorded, and suggests them no more.
run 0 advise tomas --as-of $day
cmd=$(grep -o "advisor remember tomás-herrera-lumen introduced .*" "$tmp/out")
[ -n "$cmd" ] || fail "advise tomas: no command: $(cat "$tmp/out")"
eval "\"\$ADVISOR_BIN\" ${cmd#advisor }" >"$tmp/rec" 2>&1 || fail "$cmd: $(cat "$tmp/rec")"
has rec "Recorded: Priya Raman introduced you to Tomás Herrera on 25 November 2026"
run 0 advise tomas --as-of $day
has out "accept their invitation"
has out "introduced (+3.0): Priya Raman is introducing you"
lacks out "their_word ("
lacks out "Suggested"
# Inviting him is now worth it too, with a note naming Priya.
run 0 advise tomas --as-of $day --outgoing
has out "connect"
has out "Priya Raman suggested I get in touch with you."

run 0 advise noor --as-of $day
cmd=$(grep -o "advisor remember noor-haddad met .*" "$tmp/out")
[ -n "$cmd" ] || fail "advise noor: no command: $(cat "$tmp/out")"
eval "\"\$ADVISOR_BIN\" ${cmd#advisor }" >"$tmp/rec" 2>&1 || fail "$cmd: $(cat "$tmp/rec")"
has rec "Recorded: you met Noor Haddad at the Berlin Product Meetup in November 2026"
run 0 advise noor --as-of $day
has out "known (+3.0): you met at the Berlin Product Meetup"
lacks out "Suggested"

run 0 advise priyanka --as-of $day
cmd=$(grep -o "advisor remember priyanka-bose-7 worked_together .*" "$tmp/out")
eval "\"\$ADVISOR_BIN\" ${cmd#advisor }" >"$tmp/rec" 2>&1 || fail "$cmd: $(cat "$tmp/rec")"
has rec "Recorded: you worked with Priyanka Bose at Brightwave Media from June 2018 to February 2022; it ended well"
run 0 advise priyanka --as-of $day
lacks out "Suggested"
# Nor does the explanation.
run 0 advise priyanka --as-of $day --explain --json
lacks out '"suggestions"'

run 0 triage --as-of $day
row "Tomás Herrera"
has row "introduced: Priya Raman is introducing you"
lacks row "suggested:"
row "Noor Haddad"
has row "known: you met at the Berlin Product Meetup"

finish "suggested facts: PASSED"
