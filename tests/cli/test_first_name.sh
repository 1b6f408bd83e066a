#!/bin/sh
# The export's First Name, kept by the import, is the name a note greets
# the person by: tests/fixtures/realistic-export with one connection whose
# first name is two words ("Ana Paula", which the joined name alone would
# make "Ana").
. "$(dirname "$0")/lib.sh"
LC_ALL=C.UTF-8
export LC_ALL
unset ADVISOR_NETWORK

cp -R "$src/tests/fixtures/realistic-export" "$tmp/export" || fail "copy"
sed 's/^Ana,Souza,/Ana Paula ,Souza,/' "$src/tests/fixtures/realistic-export/Connections.csv" \
	>"$tmp/export/Connections.csv"
grep -q '^Ana Paula ,Souza,' "$tmp/export/Connections.csv" || fail "the fixture has no Ana Souza"
run 0 import linkedin "$tmp/export" -o "$tmp/net.json"

# Kept on the person, trimmed; me's from Profile.csv.
has_net() { grep -q "$1" "$tmp/net.json" || fail "the network lacks $1"; }
has_net '"first_name":	"Ana Paula"'
has_net '"first_name":	"Priyanka"'
has_net '"first_name":	"Daniel"'

# A note is written for someone not connected: Ana, as if she had since
# removed the connection, with a meeting to mention.
sed '/"id":	"ana-souza-br"/,/}/ s/"connected":	true,/"connected": false, "events": [{"type": "met", "date": "2021-11-20", "tone": "cordial", "context": "Campus Party Brasil 2021"}],/' \
	"$tmp/net.json" >"$tmp/edited.json"
grep -q '"connected": false, "events"' "$tmp/edited.json" || fail "the network was not edited"
run 0 advise ana-souza-br --network "$tmp/edited.json" --as-of 2026-12-02 --no-cache
has out "Hi Ana Paula! We met at Campus Party Brasil 2021."

# Without the export's first name the name is read whole, as before.
sed '/"id":	"ana-souza-br"/,/"connected_on"/{/"first_name":/d;}' "$tmp/edited.json" >"$tmp/guess.json"
grep -q '"first_name":	"Ana Paula"' "$tmp/guess.json" && fail "the first name was not taken out"
run 0 advise ana-souza-br --network "$tmp/guess.json" --as-of 2026-12-02 --no-cache
has out "Hi Ana! We met at Campus Party Brasil 2021."
lacks out "Hi Ana Paula!"

finish "first name: PASSED"
