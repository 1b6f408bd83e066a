#!/bin/sh
# End-to-end tests of people by name: `advisor find`, and names in place of
# ids where a command takes a PERSON.  Run by CTest with ADVISOR_BIN and
# ADVISOR_SOURCE_DIR set.
. "$(dirname "$0")/lib.sh"
LC_ALL=C.UTF-8
export LC_ALL

lines() {
	n=$(wc -l <"$tmp/$1")
	[ "$n" -eq "$2" ] || fail "$1 of the last command has $n lines, expected $2: $(cat "$tmp/$1")"
}

run 0 find --help
has out "usage: advisor find TEXT"
run 0 --help
has out "find TEXT"
has out "7  a name that fits several people"

# Accents and case ignored, both ways.
run 0 find "zoe muller" --network "$net"
has out "zoe-muller"
has out "Zoë Müller"
lines out 1
run 0 find "ZOË" --network "$net"
has out "zoe-muller"
run 0 find "Jose Alvarez" --network "$net"
has out "jose-alvarez"
run 0 find "tomás" --network "$net"
has out "Tomás Herrera"
run 0 find "mei-lin" --network "$net"
has out "Mei Lin Chen  Lumen Health"
# You are "me", your id and your name.
run 2 advise "Alex Kim" --network "$net"
has err "is you"

# Several matches: all listed, best first; JSON lines say how each matched.
run 0 find da --network "$net" --json
lines out 4
has out '{"id":"dana-whitfield","name":"Dana Whitfield","company":"Whitfield Advisory"'
has out '"match":"words"'
# The fourth only works somewhere whose name starts with "da": last.
tail -1 "$tmp/out" | grep -q '"id":"ingrid-solberg".*"match":"about"' ||
	fail "the company match is not last: $(cat "$tmp/out")"
# Columns line up whatever the widths of the names.
run 0 find da --network "$net"
has out "dana-whitfield  Dana Whitfield  Whitfield Advisory"
has out "daniel-osei     Daniel Osei     Kestrel Analytics"
run 0 find priya-natarajan --network "$net" --json
has out '"match":"id"'
run 5 find "nobody here" --network "$net"
has err "no one matches 'nobody here'"
lines out 0
run 2 find --network "$net"
has err "give one TEXT"
run 2 find a b --network "$net"

# Names wherever a PERSON is asked for.
run 0 advise priya --network "$net" --as-of 2026-11-27 --json
has out '"person":"priya-natarajan"'
run 0 advise "Zoe Muller" --network "$net" --as-of 2026-11-27
has out "Zoë Müller (zoe-muller): already connected"
run 0 advise "JOSÉ" --network "$net" --as-of 2026-11-27 --json
has out '"person":"jose-alvarez"'
run 7 advise da --network "$net"
has err "'da' could be 3 people"
has err "dana-whitfield"
has err "daniel-osei     Daniel Osei at Kestrel Analytics"
has err "Give the id of the one you mean (dana-whitfield, say)."
has err "david-cohen"
lines out 0
run 5 advise "no such person" --network "$net"
has err 'no person with id "no such person"'

# The network from the environment, then from the data folder.
ADVISOR_NETWORK="$net" "$bin" find priya >"$tmp/out" 2>"$tmp/err" || fail "ADVISOR_NETWORK not used: $(cat "$tmp/err")"
has out priya-natarajan
XDG_DATA_HOME="$tmp/data" ADVISOR_NETWORK= "$bin" find priya >"$tmp/out" 2>"$tmp/err"
[ $? -eq 2 ] || fail "no network should be a usage error"
has err "advisor init"
mkdir -p "$tmp/data/advisor"
cp "$net" "$tmp/data/advisor/network.json"
XDG_DATA_HOME="$tmp/data" ADVISOR_NETWORK= "$bin" find priya >"$tmp/out" 2>"$tmp/err" || fail "data folder network not used: $(cat "$tmp/err")"
has out priya-natarajan

# Nothing to look for is a usage error in the command's own words.
run 2 find "" --network "$net"
has err "find: give one TEXT to look for"
lacks err "advisor_network_find"
run 2 find "   " --network "$net"
has err "find: give one TEXT to look for"

finish "find: all passed" failed
