#!/bin/sh
# End to end: a `remember` killed (SIGKILL) at delays spread over its run,
# and what readers and the next writer find in the data folder after it.
# Readers take no lock: each must still see a whole network.json, the old
# one or the new one; when no journal is left, annotations.json and
# network.json agree (both with the fact or both without it, never a mix);
# and the next command that changes the folder (`advisor init` with no
# export) completes a journal left behind, so the fact is then seen.
. "$(dirname "$0")/lib.sh"
LC_ALL=C.UTF-8
XDG_DATA_HOME="$tmp/data"
ADVISOR_NETWORK=
export LC_ALL XDG_DATA_HOME ADVISOR_NETWORK
home="$tmp/data/advisor"
asof="--as-of 2026-11-27"

run 0 init --from "$net"
cp -R "$home" "$tmp/pristine"

# verdict: what a reader (advise, no lock) answers on dana now.
verdict() {
	"$bin" advise dana $asof --json >"$tmp/out" 2>"$tmp/err" ||
		{ fail "$1: a reader failed (exit $?): $(cat "$tmp/err")"; echo none; return; }
	sed -n 's/.*"verdict":"\([a-z_]*\)".*/\1/p' "$tmp/out"
}
# has_fact: annotations.json holds the meeting.
has_fact() { grep -q 'PyCon 2019' "$home/annotations.json" 2>/dev/null; }

old=$(verdict before)
[ "$old" = dont_connect ] || fail "before: verdict $old, expected dont_connect"

journals=0 completed=0 untouched=0
i=0
for d in 0 0.005 0.01 0.015 0.02 0.025 0.03 0.035 0.04 0.05 0.06 0.07 \
	0.08 0.09 0.1 0.12 0.14 0.16 0.18 0.2 0.25 0.3 0.4 0.5; do
	i=$((i + 1))
	rm -rf "$home"
	cp -R "$tmp/pristine" "$home"
	"$bin" remember dana met --date 2019-05 --context "PyCon 2019" --tone cordial \
		>/dev/null 2>&1 &
	writer=$!
	sleep "$d"
	kill -9 "$writer" 2>/dev/null
	wait "$writer" 2>/dev/null
	status=$?

	# A reader now, before any writer has run again.
	now=$(verdict "kill $i after $d s")
	case "$now" in
	dont_connect | connect_with_note) ;;
	*) fail "kill $i after $d s: a reader saw '$now'" ;;
	esac
	if [ -e "$home/journal" ]; then
		journals=$((journals + 1))
	else
		# No journal: the two files agree.
		if has_fact; then
			[ "$now" = connect_with_note ] ||
				fail "kill $i after $d s: the fact is in annotations.json but a reader does not see it, and no journal is left"
		else
			[ "$now" = dont_connect ] ||
				fail "kill $i after $d s: a reader sees a fact annotations.json does not hold"
		fi
	fi
	[ "$status" -eq 0 ] && completed=$((completed + 1))
	[ "$now" = dont_connect ] && ! has_fact && untouched=$((untouched + 1))

	# The next writer completes what the journal holds.
	had_journal=0
	[ -e "$home/journal" ] && had_journal=1
	"$bin" init >"$tmp/out" 2>"$tmp/err" ||
		fail "kill $i after $d s: the next init failed: $(cat "$tmp/err")"
	[ -e "$home/journal" ] && fail "kill $i after $d s: the journal is still there after init"
	after=$(verdict "kill $i after $d s, after init")
	if [ "$had_journal" -eq 1 ]; then
		[ "$after" = connect_with_note ] ||
			fail "kill $i after $d s: a journal was left, and after init the fact is not seen ($after)"
		has_fact || fail "kill $i after $d s: a journal was left, and after init annotations.json lacks the fact"
	elif has_fact; then
		[ "$after" = connect_with_note ] || fail "kill $i after $d s: after init, the fact is recorded but not seen"
	else
		[ "$after" = dont_connect ] || fail "kill $i after $d s: after init, a fact is seen that is not recorded"
	fi
done
# How the kills fell (timing decides; the checks above hold for each).
echo "kills: $i; a journal left: $journals; untouched: $untouched; completed: $completed"

finish "crash readers: all passed"
