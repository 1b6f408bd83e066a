#!/bin/sh
# End-to-end tests of `advisor path`: chains from you to someone, as text,
# JSON and Graphviz.
. "$(dirname "$0")/lib.sh"
LC_ALL=C.UTF-8
export LC_ALL

run 0 path --help
has out "usage: advisor path PERSON"
run 0 --help
has out "path PERSON"

# By name, accents ignored: both chains through your mutual connections.
run 0 path "priya" --network "$net"
has out "Priya Natarajan (priya-natarajan) is 2 steps from you:"
has out "  you → Zoë Müller → Priya Natarajan"
has out "  you → Lena Fischer → Priya Natarajan"
run 0 path "Zoe Muller" --network "$net"
has out "Zoë Müller (zoe-muller) is one of your connections."
run 0 path kenji --network "$net"
has out "  you → Zoë Müller → Amara Nwosu → Kenji Watanabe"
# The introducer is named on the chain.
run 0 path amara --network "$net"
has out "  you → Zoë Müller (introduced you) → Amara Nwosu"
# No chain: said, not an error.
run 0 path rafael --network "$net"
has out "no chain of people you know leads there"

run 0 path amara-nwosu --network "$net" --json
has out '{"person":"amara-nwosu","name":"Amara Nwosu","paths":[{"steps":2,"people":["me","zoe-muller","amara-nwosu"],"introducer":"zoe-muller"}],"mutuals":["zoe-muller"]}'

# Graphviz: you, the person, the mutual connections, and the links.
run 0 path nadia --network "$net" --dot
has out "graph advisor {"
has out '"me" [label="you", style="rounded,bold"];'
has out '"nadia-rahman" [label="Nadia Rahman", style="rounded,bold"];'
has out '"jose-alvarez" [label="José Álvarez"];'
has out '"me" -- "david-cohen";'
has out '"david-cohen" -- "nadia-rahman";'
[ "$(grep -c -- ' -- ' "$tmp/out")" -eq 8 ] || fail "nadia: expected 8 links (4 mutuals): $(cat "$tmp/out")"
tail -n 1 "$tmp/out" | grep -qx "}" || fail "the graph is not closed"
run 0 path amara --network "$net" --dot
has out '"zoe-muller" -- "amara-nwosu" [color=blue, penwidth=2, fontcolor=blue, fontname="sans-serif", label="introduction"];'
if command -v dot >/dev/null 2>&1; then
	"$bin" path nadia --network "$net" --dot 2>/dev/null | dot -Tsvg >/dev/null ||
		fail "dot rejects the graph"
fi

# Errors.
run 7 path da --network "$net"
has err "'da' could be 3 people"
run 5 path nobody-at-all --network "$net"
has err 'no person with id "nobody-at-all"'
run 2 path me --network "$net"
has err "is you"
run 2 path --network "$net"
has err "give one PERSON"
run 2 path priya --json --dot --network "$net"
has err "not both"

finish "path: all passed" failed
