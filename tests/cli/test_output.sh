#!/bin/sh
# End-to-end tests of the output made for people: the verdict and the
# deciding reason first, the note on a line of its own, lines wrapped to
# the width, colour only on a terminal and never with NO_COLOR.  A
# terminal is had with script(1) (util-linux).
. "$(dirname "$0")/lib.sh"
LC_ALL=C.UTF-8
export LC_ALL
unset NO_COLOR COLUMNS
esc=$(printf '\033')

has() {
	grep -qF -- "$2" "$tmp/$1" || fail "$1 lacks '$2': $(cat "$tmp/$1")"
}

lacks() {
	if grep -qF -- "$2" "$tmp/$1"; then fail "$1 has '$2': $(cat "$tmp/$1")"; fi
}

# The widest line of a file, in columns (wc counts characters, not bytes,
# in a UTF-8 locale).
widest() {
	wc -L <"$1"
}

ask() {
	"$bin" advise "$@" --network "$net" --as-of 2026-11-27 2>/dev/null
}

# Not a terminal: no colour, 80 columns.
ask priya >"$tmp/plain" || fail "advise priya failed"
lacks plain "$esc"
[ "$(head -n 1 "$tmp/plain")" = "Priya Natarajan (priya-natarajan): connect, with a note" ] ||
	fail "the verdict is not the first line: $(head -n 1 "$tmp/plain")"
# The deciding reason comes second, before the others.
sed -n 2p "$tmp/plain" | grep -q '^  known (+3.0): you met at PyCon 2019' ||
	fail "the deciding reason is not second: $(sed -n 2p "$tmp/plain")"
has plain "Also (score 3.6 in all):"
has plain "  - mutuals (+0.6): 2 shared connections"
# The note: alone on the line after its heading, whole, unindented.
grep -A1 -x "Note, ready to copy:" "$tmp/plain" | tail -n 1 >"$tmp/note"
[ "$(cat "$tmp/note")" = "Hi Priya! We met at PyCon 2019. Would you like to connect?" ] ||
	fail "the note is not ready to copy: $(cat "$tmp/note")"
[ "$(widest "$tmp/plain")" -le 80 ] || fail "lines wider than 80: $(widest "$tmp/plain")"

# A veto decides: it comes first, and no note.
ask gregory --intent date --outgoing >"$tmp/veto"
sed -n 2p "$tmp/veto" | grep -q '^  romance (decides):' || fail "romance does not lead: $(cat "$tmp/veto")"
has veto "  - bad_ending (veto):"
lacks veto "Note"

# $COLUMNS narrows the lines; continuation lines are indented.
COLUMNS=50 ask hannah >"$tmp/narrow"
[ "$(widest "$tmp/narrow")" -le 50 ] || fail "COLUMNS=50 gave lines of $(widest "$tmp/narrow")"
grep -q '^    ' "$tmp/narrow" || fail "no indented continuation line: $(cat "$tmp/narrow")"
tr -s ' \n' ' ' <"$tmp/narrow" | grep -qF "status scheduled since November 2026): wait until it is decided" ||
	fail "wrapping lost words: $(cat "$tmp/narrow")"
COLUMNS=abc ask hannah >"$tmp/badcols"
[ "$(widest "$tmp/badcols")" -le 80 ] || fail "a bad COLUMNS is not ignored"

# --json is never coloured nor wrapped.
ask priya --json >"$tmp/json"
lacks json "$esc"
[ "$(wc -l <"$tmp/json")" -eq 1 ] || fail "--json is not one line"

# A terminal: colour, unless NO_COLOR is set (and not empty).
if command -v script >/dev/null 2>&1; then
	script -qec "'$bin' advise priya --network '$net' --as-of 2026-11-27" /dev/null >"$tmp/tty" 2>&1
	has tty "${esc}[1;32mconnect, with a note${esc}[0m"
	has tty "Hi Priya! We met at PyCon 2019."
	NO_COLOR=1 script -qec "'$bin' advise priya --network '$net' --as-of 2026-11-27" /dev/null >"$tmp/nocolor" 2>&1
	lacks nocolor "$esc["
	has nocolor "connect, with a note"
	NO_COLOR= script -qec "'$bin' advise priya --network '$net' --as-of 2026-11-27" /dev/null >"$tmp/empty" 2>&1
	has empty "${esc}[1;32m"
	TERM=dumb script -qec "'$bin' advise priya --network '$net' --as-of 2026-11-27" /dev/null >"$tmp/dumb" 2>&1
	lacks dumb "$esc["
	# The terminal's own width wins over $COLUMNS.
	script -qec "stty cols 60; COLUMNS=200 '$bin' advise hannah --network '$net' --as-of 2026-11-27" /dev/null >"$tmp/w60" 2>&1
	sed "s/${esc}\[[0-9;]*m//g; s/\r//g" "$tmp/w60" | grep -v '^advisor: warning' >"$tmp/w60.txt"
	[ "$(widest "$tmp/w60.txt")" -le 60 ] || fail "a 60-column terminal got lines of $(widest "$tmp/w60.txt")"
else
	echo "script(1) not found: terminal checks skipped"
fi

finish "output: all passed" failed
