#!/bin/sh
# Re-importing: tests/fixtures/realistic-export, then a copy edited into a
# later export (Kai's invitation gone, Lena a connection now, messages.csv
# dropped as in a Basic export) imported over it.  What the first export
# held is kept; the invitation that vanished is ended, not forgotten.
. "$(dirname "$0")/lib.sh"
export_dir="$src/tests/fixtures/realistic-export"
LC_ALL=C.UTF-8
export LC_ALL
XDG_DATA_HOME="$tmp/data"
export XDG_DATA_HOME
unset ADVISOR_NETWORK
home="$tmp/data/advisor"
today=$(date +%Y-%m-%d)

later="$tmp/later"
mkdir "$later"
cp "$export_dir"/*.csv "$later"/
rm "$later/messages.csv"
grep -v 'Kai Müller' "$export_dir/Invitations.csv" >"$later/Invitations.csv"
awk 'NR == 5 { print; print "Lena,Fischer,https://www.linkedin.com/in/lena-fischer-pricing,,Pricefield,Head of Pricing,20 Nov 2026"; next } { print }' \
	"$export_dir/Connections.csv" >"$later/Connections.csv"

run 0 init "$export_dir"
grep -qF "\"imported\":	\"$today\"" "$home/base.json" ||
	fail "base.json does not say when it was imported"
messages=$(grep -c '"type":	"message"' "$home/base.json")

run 0 init "$later"
has out "Kept from earlier imports, no longer in this export: 1 person, $((messages + 1)) events ($messages messages)."
has out "Invitations no longer listed are kept, marked: 1 ended (withdrawn, ignored or expired)."
has out "1 accepted your invitation: Lena Fischer"
has out "1 invitation of yours no longer listed, not accepted (withdrawn, ignored or expired): Kai Müller"
[ "$(grep -c '"type":	"message"' "$home/base.json")" -eq "$messages" ] ||
	fail "the earlier export's messages were not all kept in base.json"
grep -qF '"type":	"message"' "$home/network.json" ||
	fail "the kept messages are not in network.json"

# Kai's invitation: ended, last seen on the day of the first import; no
# longer waiting, so no withdraw advice in triage.
grep -A3 '"date":	"2026-06-12"' "$home/base.json" >"$tmp/kai"
grep -qF '"status":	"ended"' "$tmp/kai" || fail "Kai's invitation is not ended: $(cat "$tmp/kai")"
grep -qF "\"last_seen\":	\"$today\"" "$tmp/kai" || fail "Kai's invitation has no last_seen: $(cat "$tmp/kai")"
run 0 triage --as-of 2026-12-02
lacks out "Kai Müller"
has out "Invitations to you, accept or not (5)"
# Kenji's two-way history of 2023 (messages only the first export had).
run 0 advise kenji-watanabe --as-of 2026-12-02 --json
grep -q '"message"' "$home/network.json" || fail "no message events"

# Once more: nothing new, nothing kept twice.
run 0 init "$later"
has out "Nothing new since the last import"
lacks out "Invitations no longer listed"
[ "$(grep -c '"type":	"message"' "$home/base.json")" -eq "$messages" ] ||
	fail "a second re-import repeated the kept messages"
[ "$(grep -c '"status":	"ended"' "$home/base.json")" -eq 1 ] ||
	fail "a second re-import marked another invitation ended"

# A base.json that no longer reads is not replaced: it holds the evidence.
cp "$home/base.json" "$tmp/base.before"
cp "$home/network.json" "$tmp/network.before"
printf '{"format": "advisor-network/1", "imported": "%s", ' "$today" >"$home/base.json"
cp "$home/base.json" "$tmp/broken"
run 3 init "$later"
has err "base.json: line 1: not valid JSON; it holds the evidence of your earlier imports"
has err "init: nothing changed in $home"
cmp -s "$home/base.json" "$tmp/broken" || fail "a failed re-import changed base.json"
cmp -s "$home/network.json" "$tmp/network.before" || fail "a failed re-import changed network.json"
cp "$tmp/base.before" "$home/base.json"

# An invitation's outcome is checked when the network is read.
sed 's/"status":	"ended"/"status":	"gone"/' "$home/network.json" >"$tmp/bad.json"
run 3 advise lena-fischer-pricing --network "$tmp/bad.json"
has err "status: \"gone\" is not an invitation's status; expected \"accepted\", \"ended\" or \"withdrawn\""

# People you added by hand meet the export: Noa by profile URL, Sam by
# name and company (his export company spelt otherwise), Alex fits two.
home2="$tmp/data2/advisor"
XDG_DATA_HOME="$tmp/data2" run 0 init "$export_dir"
cat >"$home2/annotations.json" <<'EOF2'
{"format": "advisor-network/1", "people": [
 {"id": "noa-levi", "name": "Noa Levi", "added": true, "company": "Pricefield",
  "profile_url": "linkedin.com/in/noa-levi-4b2/",
  "events": [{"type": "met", "date": "2026-11-20", "context": "ProductCon", "tone": "cordial"}]},
 {"id": "sam-cohen", "name": "Sam Cohen", "added": true, "company": "Acme",
  "events": [{"type": "met", "date": "2026-10-01", "tone": "cordial"}]},
 {"id": "alex-kim", "name": "Alex Kim", "added": true, "company": "Orbit"},
 {"id": "marta-kowalska-n26", "connections": ["samcohen"]}
]}
EOF2
later2="$tmp/later2"
mkdir "$later2"
cp "$later"/*.csv "$later2"/
awk 'NR == 5 { print; print "Noa,Levi,https://www.linkedin.com/in/noa-levi-4b2,,Pricefield,PM,25 Nov 2026"; print "Sam,Cohen,https://www.linkedin.com/in/samcohen,,Acme,CTO,24 Nov 2026"; print "Alex,Kim,https://www.linkedin.com/in/alex-kim-1,,Orbit,Engineer,23 Nov 2026"; print "Alex,Kim,https://www.linkedin.com/in/alex-kim-2,,Orbit,PM,23 Nov 2026"; next } { print }' \
	"$later/Connections.csv" >"$later2/Connections.csv"
XDG_DATA_HOME="$tmp/data2" run 0 init "$later2"
has out "Noa Levi, whom you added, is now in your export: merged (the export's id noa-levi-4b2 names them too; yours, noa-levi, stays)."
has out "Sam Cohen, whom you added, is now in your export: merged (the export's id samcohen names them too; yours, sam-cohen, stays)."
has out "Alex Kim, whom you added, fits several people in your export (the same name and company): alex-kim-1 (https://www.linkedin.com/in/alex-kim-1), alex-kim-2 (https://www.linkedin.com/in/alex-kim-2). Not merged; if one is them, give yours their profile URL:"
has out "  advisor set alex-kim --url URL"
lacks err "profile_url"
# Either id names the one person, who has the facts you recorded and the
# export's fields.
for who in noa-levi noa-levi-4b2 "https://www.linkedin.com/in/noa-levi-4b2"; do
	XDG_DATA_HOME="$tmp/data2" run 0 advise "$who" --as-of 2026-12-02 --json
	has out '"person":"noa-levi"'
done
XDG_DATA_HOME="$tmp/data2" run 0 path samcohen
has out "Sam Cohen (sam-cohen) is one of your connections."
printf '{"person": "noa-levi-4b2", "as_of": "2026-12-02"}\n' >"$tmp/req"
XDG_DATA_HOME="$tmp/data2" "$bin" batch <"$tmp/req" >"$tmp/out" 2>"$tmp/err" ||
	fail "batch by the import's id: $(cat "$tmp/err")"
has out '"person":"noa-levi"'
grep -A40 '"id":	"noa-levi"' "$home2/network.json" >"$tmp/noa"
grep -qF '"ProductCon"' "$tmp/noa" || fail "Noa's meeting was not kept: $(cat "$tmp/noa")"
grep -qF '"connected":	true' "$tmp/noa" || fail "Noa is not the export's connection: $(cat "$tmp/noa")"
[ "$(grep -c '"name":	"Noa Levi"' "$home2/network.json")" -eq 1 ] ||
	fail "Noa Levi is two people in network.json"
# Marta's link, written to the import's id, is to Sam's.
[ "$(grep -c '"samcohen"' "$home2/network.json")" -eq 1 ] ||
	fail "a reference to the import's id was not rewritten"
grep -A30 '"id":	"marta-kowalska-n26"' "$home2/network.json" | grep -qF '"sam-cohen"' ||
	fail "Marta's link to Sam is lost"
# Said once: the same export again merges in silence; Alex is still asked.
XDG_DATA_HOME="$tmp/data2" run 0 init "$later2"
lacks out "Noa Levi, whom you added"
has out "Alex Kim, whom you added, fits several people"

# init --from a network file replaces the import: nothing accumulates.
run 0 init --from "$net"
lacks out "Kept from earlier imports"
grep -qF '"imported"' "$home/base.json" && fail "init --from stamped the network file as an import"
run 0 init "$later"
lacks out "Kept from earlier imports"

finish "reimport: all passed" failed
