#!/bin/sh
# End-to-end tests of `advisor init` and the data folder: commands use its
# network when --network is not given, $ADVISOR_NETWORK overrides it.
. "$(dirname "$0")/lib.sh"
mkzip=${ADVISOR_MKZIP:?}
LC_ALL=C.UTF-8
XDG_DATA_HOME="$tmp/data"
ADVISOR_NETWORK=
export LC_ALL XDG_DATA_HOME ADVISOR_NETWORK
home="$tmp/data/advisor"

run 0 init --help
has out "usage: advisor init [EXPORT]"

# Before init: no network, and the message says how to get one.
run 2 advise priya
has err "no network: give --network FILE, set ADVISOR_NETWORK, or import your LinkedIn export with 'advisor init EXPORT'"

# init alone makes the folder (private) and says what to do next.
run 0 init
has out "Your data folder is $home."
has out "advisor init --from docs/examples/network.json"
[ -d "$home" ] || fail "init made no $home"
[ "$(stat -c %a "$home")" = 700 ] || fail "$home is not private: $(stat -c %a "$home")"
run 2 advise priya
has err "no network"

# init --from: the network is checked, then used without --network.
run 0 init --from "$net"
has out "Imported $net into $home/network.json."
[ -f "$home/base.json" ] || fail "no base.json"
cmp -s "$net" "$home/network.json" || fail "network.json differs from the file given"
run 0 advise priya --as-of 2026-11-27 --json
has out '"person":"priya-natarajan","verdict":"connect_with_note"'
run 0 find zoe
has out zoe-muller
echo '{"person": "priya-natarajan", "as_of": "2026-11-27"}' >"$tmp/req"
"$bin" batch <"$tmp/req" >"$tmp/out" 2>"$tmp/err" || fail "batch without --network: $(cat "$tmp/err")"
has out '"verdict":"connect_with_note"'
run 0 init
has out "Rebuilt network.json from base.json (your import) and annotations.json"

# $ADVISOR_NETWORK, then --network, win over the data folder.
printf '{"format": "advisor-network/1", "me": {"id": "me", "name": "Me"}, "people": [{"id": "solo", "name": "Solo Person"}]}' >"$tmp/small.json"
ADVISOR_NETWORK="$tmp/small.json" "$bin" find priya >"$tmp/out" 2>"$tmp/err"
[ $? -eq 5 ] || fail "ADVISOR_NETWORK was not used"
ADVISOR_NETWORK="$tmp/small.json" "$bin" find solo --network "$net" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 5 ] || fail "--network did not win over ADVISOR_NETWORK"

# A bad file is refused and leaves the folder as it was.
printf '{"format": "advisor-network/1", "people": []}' >"$tmp/bad.json"
run 3 init --from "$tmp/bad.json"
has err "bad.json"
cmp -s "$net" "$home/network.json" || fail "a refused file changed network.json"
run 3 init --from "$tmp/missing.json"
has err "cannot open"
run 3 init a b
has err "init: a: No such file or directory"
run 2 init x.zip --from "$net"
has err "not both"
run 2 init --bogus
has err "unknown option '--bogus'"

# A LinkedIn export, and the user's facts in annotations.json merged over
# it, again after a re-import.
export_dir="$src/tests/fixtures/linkedin-export"
run 0 init "$export_dir"
has out "7 people (4 connections), 2 invitations waiting for your answer"
has out "Imported $export_dir into $home/network.json."
run 0 find "zoe angstrom"
has out "Zoë Ångström"
id=$(cut -d' ' -f1 "$tmp/out")
printf '{"format": "advisor-network/1", "me": {"id": "me", "name": "Me"}, "people": [{"id": "%s", "name": "Zoë Ångström", "events": [{"type": "met", "date": "2019-05", "context": "PyCon 2019", "tone": "cordial"}]}]}' "$id" >"$home/annotations.json"
run 0 init "$export_dir"
grep -qF '"PyCon 2019"' "$home/network.json" ||
	fail "the facts were not merged into network.json"
grep -qF '"PyCon 2019"' "$home/base.json" &&
	fail "the facts leaked into base.json, the import as it came"
run 3 init "$tmp/no-such-export"

# No home at all: a clear usage error.
env -u HOME -u XDG_DATA_HOME "$bin" init >"$tmp/out" 2>"$tmp/err"
[ $? -eq 2 ] || fail "init with no HOME should be a usage error"
has err "set HOME or XDG_DATA_HOME"

# An NDJSON network cannot be the data folder's one document: said so,
# nothing written.
XDG_DATA_HOME="$tmp/ndj" run 2 init --from "$src/tests/fixtures/example.ndjson"
has err "is NDJSON, and the data folder keeps one JSON document"
[ ! -e "$tmp/ndj/advisor/network.json" ] || fail "init --from NDJSON wrote a network"

# Two exports, as a glob over the Downloads folder finds them: the newest
# is imported, and the command says which.
mkdir -p "$tmp/dl"
"$mkzip" "$tmp/dl/Basic_LinkedInDataExport_10-01-2026.zip" "$src/tests/fixtures/linkedin-export" || fail "mkzip"
"$mkzip" "$tmp/dl/Basic_LinkedInDataExport_11-27-2026.zip" "$src/tests/fixtures/linkedin-export" || fail "mkzip"
touch -d 2026-10-01 "$tmp/dl/Basic_LinkedInDataExport_10-01-2026.zip"
XDG_DATA_HOME="$tmp/two" run 0 init "$tmp"/dl/Basic_*.zip
has err "2 exports given; importing the newest, $tmp/dl/Basic_LinkedInDataExport_11-27-2026.zip"

finish "init: all passed" failed
