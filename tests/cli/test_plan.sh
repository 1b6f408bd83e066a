#!/bin/sh
# `advisor plan`: the week's invitations within LinkedIn's limits, over
# the realistic export (LinkedIn's own format) and copies of it with more
# invitations sent, plus what `advisor sent` and `advisor withdrew`
# recorded since.  Each limit has a test built to break it: the weekly
# allowance (98 sent this week leave 2), the month's notes (5 sent leave
# none; the last ones go to an introduction and an acquaintance before a
# request to learn), the re-invite block, and the invitations to
# withdraw; and the candidates from each source.
. "$(dirname "$0")/lib.sh"
export_dir="$src/tests/fixtures/realistic-export"
LC_ALL=C.UTF-8
XDG_DATA_HOME="$tmp/data"
export LC_ALL XDG_DATA_HOME
unset ADVISOR_NETWORK
day=2026-12-02

run 0 plan --help
has out "usage: advisor plan [PERSON...|-] [options]"
has out "invitations_a_week"
run 2 plan --bogus
run 2 plan - ines
has err "'-' reads the candidates from standard input"

# An export that is LinkedIn's, with N more invitations sent on
# 2026-11-30, to people the export shows nowhere else.
export_with() { # export_with DIR N
	mkdir -p "$1"
	cp "$export_dir"/*.csv "$1/"
	# The export's last line has no newline of its own.
	[ -z "$(tail -c1 "$1/Invitations.csv")" ] || echo >>"$1/Invitations.csv"
	i=0
	while [ "$i" -lt "$2" ]; do
		printf 'Daniel Okoye,Person%s Sent,"11/30/26, 9:%02d AM",,OUTGOING,https://www.linkedin.com/in/daniel-okoye,https://www.linkedin.com/in/person%s-sent\n' \
			"$i" $((i % 60)) "$i" >>"$1/Invitations.csv"
		i=$((i + 1))
	done
}

# Prospects: people you add by hand, each worth inviting with a note.
prospects() {
	run 0 add "Ines Park" --company Pricefield
	run 0 remember ines met --date 2019-05 --context "ProductCon" --tone cordial
	run 0 add "Omar Aziz" --company Lumen
	run 0 remember omar introduced --by priya-raman-data --date 2026-11-28
	run 0 add "Leah Stone" --industry "Software Development" --seniority executive
	run 0 add "Kim Lee" --company Northpoint
	run 0 remember kim met --date 2018-03 --context "Brightwave" --tone cordial
}

# The realistic export alone: nothing sent this week, Kai's invitation of
# 2026-06-12 old enough to withdraw, Lena's waiting (not proposed).
run 0 init "$export_dir"
run 0 plan --as-of $day --json
has out '"limits":{"invitations_a_week":100,"sent_this_week":0,"invitations_left":100,"week_frees_on":null,"notes_a_month":5,"notes_this_month":0,"notes_left":5,"notes_reset_on":"2027-01-01"}'
has out '"withdraw":[{"person":"kai-müller-product","name":"Kai Müller","invited_on":"2026-06-12","days":173,"expires_on":"2026-12-09",'
lacks out '"person":"lena-fischer","name"'
run 0 plan --as-of $day
has out "The week's plan, $day"
has out "Invitations: 0 sent in the last seven days, of 100 a week: 100 left."
has out "Kai Müller (kai-müller-product), invited 2026-06-12, 173 days ago; LinkedIn drops it around 2026-12-09"

# Candidates from each source: the prospects added by hand, by default.
prospects
run 0 plan --as-of $day --json
has out '"person":"ines-park"'
has out '"person":"omar-aziz"'
has out '"added":true'
# Given on the command line (names or ids), or on standard input.
run 0 plan ines --as-of $day --json
has out '"candidates":1,'
has out '"invitations":[{"person":"ines-park"'
printf 'ines-park\n\n# a comment\nOmar Aziz\n' | "$bin" plan - --as-of $day --json >"$tmp/out" 2>"$tmp/err" ||
	fail "plan - failed: $(cat "$tmp/err")"
has out '"candidates":2,'
run 5 plan nobody-at-all --as-of $day
printf '' | "$bin" plan - --as-of $day --json >"$tmp/out" 2>"$tmp/err" || fail "plan - of nothing failed"
has out '"invitations":[],"later":[]'

# The re-invite block: Kai withdrawn on 2026-11-30 is neither proposed nor
# to withdraw, and the withdrawal is no invitation sent.
run 0 withdrew kai --date 2026-11-30
run 0 plan --as-of $day --json
lacks out '"person":"kai-müller-product"'
has out '"sent_this_week":0,'
has out '"wait":'

# The month's notes: three sent with a note leave two, for the
# introduction and the acquaintance ranked first; the leader you hope to
# learn from goes without.
run 0 add "Ana One"
run 0 add "Ana Two"
run 0 add "Ana Three"
for p in ana-one ana-two ana-three; do run 0 sent $p --note --date 2026-12-01; done
run 0 plan --as-of $day -i learn --json
has out '"sent_this_week":3,"invitations_left":97,"week_frees_on":"2026-12-08","notes_a_month":5,"notes_this_month":3,"notes_left":2,'
python3 - "$tmp/out" <<'PY' || fail "the notes went elsewhere: $(cat "$tmp/out")"
import json, sys
plan = json.load(open(sys.argv[1]))
noted = sorted(i["person"] for i in plan["invitations"] if i["note"])
held = sorted(i["person"] for i in plan["invitations"] if i.get("held_note"))
assert noted == ["ines-park", "omar-aziz"] or noted == ["kim-lee", "omar-aziz"], noted
assert "leah-stone" in held, held
PY
# Two more: the month's notes are spent, and every note is held.
run 0 add "Ana Four"
run 0 add "Ana Five"
for p in ana-four ana-five; do run 0 sent $p --note --date 2026-12-02; done
run 0 plan --as-of $day --json
has out '"notes_this_month":5,"notes_left":0,'
lacks out '"note":"'
has out '"held_note":"'
run 0 plan --as-of $day
has out "Notes: 5 this month, of 5: none left until 2027-01-01."
has out "without a note: the month's notes are spent"
# advise and triage read the same limits: the note is still drafted, and
# said to be one LinkedIn will not send this month.
run 0 advise ines --outgoing --as-of $day
has out "This month's personalised notes are spent (5 of 5): LinkedIn will not let you"
has out "send this note before 2027-01-01."
run 0 advise ines --outgoing --as-of 2027-01-04
lacks out "notes are spent"
run 0 triage --as-of $day
has out "Limits: 5 of 100 invitations sent in the last seven days, 95 left;"

# The weekly allowance: 97 in the export this week and one recorded
# leave two of the three prospects worth inviting this week, the third later.
rm -rf "$tmp/data"
export_with "$tmp/export98" 97
run 0 init "$tmp/export98"
prospects
run 0 add "Ana One"
run 0 sent ana-one --date 2026-12-01
run 0 plan --as-of $day --json
has out '"sent_this_week":98,"invitations_left":2,"week_frees_on":"2026-12-07",'
python3 - "$tmp/out" <<'PY' || fail "the weekly allowance was not kept: $(cat "$tmp/out")"
import json, sys
plan = json.load(open(sys.argv[1]))
assert len(plan["invitations"]) == 2, plan["invitations"]
assert len(plan["later"]) == 1, plan["later"]
PY
run 0 plan --as-of $day
has out "Invite this week (2)"
has out "Later: beyond this week's allowance"
# Two more sent: nobody this week.
run 0 add "Ana Two"
run 0 add "Ana Three"
run 0 sent ana-two --date 2026-12-02
run 0 sent ana-three --date 2026-12-02
run 0 plan --as-of $day
has out "0 left (one more on 2026-12-07)"
has out "no one: the week's invitations are spent"

finish "plan: every limit kept"
