#!/bin/sh
# End-to-end tests of `advisor remember` and `advisor forget`: facts go to
# the data folder's annotations.json, network.json is rebuilt with them,
# bad values are refused by the library with the valid ones listed, and a
# re-import keeps them.
. "$(dirname "$0")/lib.sh"
LC_ALL=C.UTF-8
XDG_DATA_HOME="$tmp/data"
ADVISOR_NETWORK=
export LC_ALL XDG_DATA_HOME ADVISOR_NETWORK
home="$tmp/data/advisor"
notes="$home/annotations.json"

run 0 remember --help
has out "usage: advisor remember PERSON TYPE"
run 0 forget --help
has out "usage: advisor forget PERSON TYPE"

# Before init: no network to record facts about.
run 2 remember dana met --date 2019-05
has err "advisor init"

run 0 init --from "$net"

# A stranger, then a cordial meeting: the verdict changes.
run 0 advise dana --as-of 2026-11-27 --json
has out '"verdict":"dont_connect"'
run 0 remember "Dana Whitfield" met --date 2019-05 --context "PyCon 2019" --tone cordial
has out "Recorded: you met Dana Whitfield at PyCon 2019 in May 2019, and it was cordial"
[ -f "$notes" ] || fail "remember wrote no $notes"
run 0 advise dana --as-of 2026-11-27 --json
has out '"verdict":"connect_with_note"'
has out "you met at PyCon 2019"
# The same fact again is one fact: said so, and the file is untouched.
cp "$notes" "$tmp/once"
run 0 remember dana met --date 2019-05 --context "PyCon 2019" --tone cordial
has out "Already recorded: you met Dana Whitfield at PyCon 2019 in May 2019, and it was cordial"
cmp -s "$notes" "$tmp/once" || fail "remembering a fact twice changed $notes"

# An accented name; an ex that ended badly vetoes.
run 0 advise "Tomás" --as-of 2026-11-27 --json
has out '"verdict":"connect"'
run 0 remember "Tomás Herrera" personal --date 2015 --relation ex --ending bad
has out "Recorded: Tomás Herrera is your ex from 2015, and it ended badly"
run 0 advise tomas --as-of 2026-11-27 --json
has out '"verdict":"dont_connect"'
has out '"rule":"bad_ending"'

# The other types.
run 0 remember olivia worked_together --from 2015 --to 2017-06 --org Acme --relation boss --ending bad --reason fired
has out "Recorded: you worked with Olivia Grant at Acme from 2015 to June 2017; they were your boss, and it ended badly (fired)"
run 0 remember kenji introduced --by "Priya" --date 2020-03-04
has out "Recorded: Priya Natarajan introduced you to Kenji Watanabe on 4 March 2020"
grep -qF '"by":	"priya-natarajan"' "$notes" || fail "introduced: --by not stored as an id: $(cat "$notes")"
run 0 remember ingrid interview --date 2026-11 --role recruiter --status scheduled
has out "Recorded: your interview with Ingrid Solberg, the recruiter, is scheduled for November 2026"

# Every confirmation in plain words: no field names, no raw values.
run 0 remember ingrid interview --date 2026-10-02 --role hiring_manager --status applied
has out "Recorded: you applied on 2 October 2026, with Ingrid Solberg as the hiring manager"
run 0 remember ingrid interview --date 2026-11-20 --role hiring_manager --status done
has out "Recorded: you had your interview with Ingrid Solberg, the hiring manager, on 20 November 2026; the decision is open"
run 0 remember ingrid interview --date 2026-11-25 --role interviewer --status rejected
has out "Recorded: Ingrid Solberg, an interviewer, turned you down on 25 November 2026"
run 0 remember ingrid interview --date 2026-11-26 --status offer
has out "Recorded: Ingrid Solberg made you an offer on 26 November 2026"
run 0 remember ingrid interview --date 2026-11-27 --status hired --role hiring_manager
has out "Recorded: Ingrid Solberg, the hiring manager, hired you on 27 November 2026"
run 0 remember ingrid interview --date 2026-11-28 --status withdrawn --role recruiter
has out "Recorded: you withdrew from the hiring process with Ingrid Solberg, the recruiter, on 28 November 2026"
run 0 remember olivia worked_together --from 2019-03 --org Orbit --relation peer
has out "Recorded: you have worked with Olivia Grant at Orbit since March 2019; you are peers"
run 0 remember olivia worked_together --from 2010 --to 2012 --relation report --ending neutral --reason laid_off
has out "Recorded: you worked with Olivia Grant from 2010 to 2012; they reported to you, and it ended on neutral terms (laid off)"
run 0 remember ingrid personal --date 2012 --relation friend
has out "Recorded: Ingrid Solberg has been a friend of yours since 2012"
run 0 remember dana met --date 2021-03 --context "through a friend of Priya's"
has out "Recorded: you met Dana Whitfield through a friend of Priya's in March 2021"
run 0 forget dana met --date 2021-03
has out "Forgotten: you met Dana Whitfield through a friend of Priya's in March 2021"

# Bad values: refused, with the valid ones, and nothing written.
cp "$notes" "$tmp/before"
run 2 remember dana met --date 2019-05 --tone warm
has err 'remember: --tone: "warm" is not a tone; expected one of cordial, neutral, awkward, hostile'
has err "nothing recorded"
run 2 remember dana met --date 2019-13
has err 'remember: --date: "2019-13" is not a date; expected YYYY-MM-DD, YYYY-MM or YYYY'
run 2 remember dana worked_together --from 2015 --relation ex
has err "expected one of boss, report, peer, client, employer"
run 2 remember dana interview --date 2020 --role boss --status done
has err "expected one of hiring_manager, interviewer, recruiter"
run 2 remember dana met
has err "--date: missing; expected a date"
run 2 remember dana met --date 2019 --org Acme
has err "--org does not apply to met"
run 2 remember dana dinner --date 2019
has err "unknown fact type 'dinner'; expected one of met, worked_together"
cmp -s "$notes" "$tmp/before" || fail "a refused fact changed $notes"

# Unknown and ambiguous people.
run 5 remember nobody-at-all met --date 2019
run 7 remember da met --date 2019
has err "could be"
has err dana-whitfield
has err david-cohen

# A re-import keeps the facts.
run 0 init --from "$net"
run 0 advise dana --as-of 2026-11-27 --json
has out '"verdict":"connect_with_note"'
run 0 advise tomas --as-of 2026-11-27 --json
has out '"verdict":"dont_connect"'

# forget: one fact, or say which.
run 0 remember dana met --date 2021 --context "a meetup" --tone awkward
run 7 forget dana met
has err "2 met facts about Dana Whitfield"
has err "1. you met Dana Whitfield at PyCon 2019 in May 2019, and it was cordial"
has err "2. you met Dana Whitfield at a meetup in 2021, and it was awkward"
run 5 forget dana met --index 3
run 5 forget dana met --date 2018
has err "recorded:"
run 2 forget dana met --index 1 --date 2021
run 0 forget dana met --date 2021
has out "Forgotten: you met Dana Whitfield at a meetup in 2021, and it was awkward"
run 0 forget dana met
has out "Forgotten: you met Dana Whitfield at PyCon 2019 in May 2019, and it was cordial"
run 0 advise dana --as-of 2026-11-27 --json
has out '"verdict":"dont_connect"'
run 5 forget dana met
has err "no met fact recorded about Dana Whitfield"
lacks out Forgotten
run 0 forget "Tomás" personal --index 1
run 0 advise tomas --as-of 2026-11-27 --json
has out '"verdict":"connect"'
grep -qF dana-whitfield "$notes" && fail "a person with no facts left stays in $notes"

# Two at once: the folder's lock makes one wait for the other, and
# neither fact is lost.
"$bin" remember dana met --date 2018 --context "a first meetup" >"$tmp/one" 2>&1 &
one=$!
"$bin" remember olivia met --date 2018 --context "a second meetup" >"$tmp/two" 2>&1 &
two=$!
wait $one || fail "the first of two remembers at once failed: $(cat "$tmp/one")"
wait $two || fail "the second of two remembers at once failed: $(cat "$tmp/two")"
grep -qF '"a first meetup"' "$notes" && grep -qF '"a second meetup"' "$notes" ||
	fail "two remembers at once lost a fact: $(cat "$notes")"
grep -qF '"a first meetup"' "$home/network.json" &&
	grep -qF '"a second meetup"' "$home/network.json" ||
	fail "two remembers at once left network.json without a fact"
# A lock held by another program: remember waits for it.
flock "$home/lock" sleep 1 &
holder=$!
sleep 0.3
run 0 remember kenji met --date 2018 --context "a third meetup"
wait $holder
grep -qF '"a third meetup"' "$notes" || fail "remember after a held lock recorded nothing"
[ "$(cat "$home/format")" = advisor-data/1 ] || fail "the data folder has no format file"
[ ! -e "$home/journal" ] || fail "a change left its journal behind"

# A change killed after its commit point (the journal written, the files
# not yet) is completed by the next command that opens the folder.
cp "$notes" "$tmp/notes-before"
sed 's/a third meetup/a fourth meetup/' "$notes" >"$tmp/notes-new"
size=$(wc -c <"$tmp/notes-new")
{ printf 'advisor-journal/1\nannotations.json %s\n' "$size"
  cat "$tmp/notes-new"; printf '\nend\n'; } >"$home/journal"
run 0 forget kenji met --date 2018
has out "Forgotten: you met Kenji Watanabe at a fourth meetup in 2018"
[ ! -e "$home/journal" ] || fail "the journal was not completed"

# A folder of a layout this advisor does not know is refused, not misread.
echo advisor-data/9 >"$home/format"
cp "$notes" "$tmp/notes-before"
run 3 remember dana met --date 2017
has err '"advisor-data/9", and this advisor reads "advisor-data/1"'
cmp -s "$notes" "$tmp/notes-before" || fail "a folder of another format was changed"
echo advisor-data/1 >"$home/format"

# init over annotations that no longer merge: refused, the folder as it was.
cp "$home/base.json" "$tmp/base-before"
cp "$notes" "$tmp/notes-before"
sed 's/"a first meetup"/"a first meetup", "tone": "warm"/' "$tmp/notes-before" >"$notes"
sed 's/Dana Whitfield/Dana Whitfield-Lee/' "$net" >"$tmp/newer.json"
run 3 init --from "$tmp/newer.json"
has err '"warm" is not a tone'
has err "nothing changed"
lacks out "Imported"
cmp -s "$home/base.json" "$tmp/base-before" || fail "a refused init changed base.json"
cp "$tmp/notes-before" "$notes"

# A fact that cannot be true or sent is refused, naming the option, and
# nothing is written: a line break in a context, a meeting next year, an
# introduction by the person themselves.  An interview can be ahead.
cp "$notes" "$tmp/notes-before"
run 2 remember dana met --date 2019-05 --context "$(printf 'PyCon\n2019')"
has err "remember: --context: holds a line break; expected text on one line"
has err "nothing recorded"
run 2 remember dana met --date 2999-05 --context "PyCon 2999"
has err "remember: --date: 2999-05 is after today"
run 2 remember dana introduced --by dana --date 2020
has err "remember: --by:"
has err "is the person introduced"
cmp -s "$notes" "$tmp/notes-before" || fail "a refused fact changed annotations.json"
run 0 remember dana interview --date 2999-01-10 --role recruiter --status scheduled
has out "Recorded: your interview with Dana Whitfield, the recruiter, is scheduled for 10 January 2999"

# From a LinkedIn export: remember by an accented name, re-import the
# export, the fact stays (in network.json, not in base.json).
XDG_DATA_HOME="$tmp/export-data"
home="$tmp/export-data/advisor"
export_dir="$src/tests/fixtures/linkedin-export"
run 0 init "$export_dir"
run 0 remember "Zoë Ångström" met --date 2019-05 --context "PyCon 2019" --tone cordial
has out "Recorded: you met Zoë Ångström at PyCon 2019 in May 2019, and it was cordial"
run 0 init "$export_dir"
grep -qF '"PyCon 2019"' "$home/network.json" ||
	fail "the fact was lost by the re-import"
grep -qF '"PyCon 2019"' "$home/base.json" &&
	fail "the fact leaked into base.json"
run 0 forget "zoe angstrom" met
has out "Forgotten: you met Zoë Ångström at PyCon 2019 in May 2019, and it was cordial"
grep -qF '"PyCon 2019"' "$home/network.json" &&
	fail "forget left the fact in network.json"

# Out of disk (a file size limit, its signal ignored, so that each write
# past it fails as on a full disk) at many sizes: remember either records
# the fact in both files or fails naming the folder and leaves both as
# they were; the retry records it then, once (the issue's case: the fact
# in annotations.json only, and the retry said "Already recorded").  The
# journal, which holds both files, is the largest write: a limit it passes
# lets the rest pass; a writer stopped past it is test_crash_readers.sh's
# and tests/unit/store/test_folder_kill.c's.
XDG_DATA_HOME="$tmp/disk"
home="$tmp/disk/advisor"
notes="$home/annotations.json"
run 0 init --from "$net"
run 0 remember rafael-souza met --date 2020-01 --context "Before"
n=0
for blocks in 1 2 4 8 12 16 24 32 48 64 96; do
	n=$((n + 1))
	ctx="Disk $n"
	cp "$home/network.json" "$tmp/net.before"
	cp "$notes" "$tmp/notes.before"
	(trap '' XFSZ; ulimit -f "$blocks"; exec "$bin" remember rafael-souza met \
		--date 2024-03 --context "$ctx") >"$tmp/out" 2>"$tmp/err"
	got=$?
	[ "$got" -lt 128 ] || fail "out of disk at $blocks blocks: killed by signal $((got - 128))"
	in_notes=$(grep -c "\"$ctx\"" "$notes")
	in_net=$(grep -c "\"$ctx\"" "$home/network.json")
	if [ "$got" -eq 0 ]; then
		[ "$in_notes" -eq 1 ] && [ "$in_net" -eq 1 ] ||
			fail "out of disk at $blocks blocks: succeeded, but the fact is in annotations.json $in_notes times, network.json $in_net"
	else
		cmp -s "$notes" "$tmp/notes.before" && cmp -s "$home/network.json" "$tmp/net.before" ||
			fail "out of disk at $blocks blocks: failed ($(cat "$tmp/err")) and changed the folder"
		has err "$home"
		run 0 remember rafael-souza met --date 2024-03 --context "$ctx"
		has out "Recorded: you met Rafael Souza at $ctx"
		[ "$(grep -c "\"$ctx\"" "$home/network.json")" -eq 1 ] ||
			fail "out of disk at $blocks blocks: the retry left network.json without the fact"
	fi
done

finish "remember: all passed"
