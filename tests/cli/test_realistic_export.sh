#!/bin/sh
# A new user's first day: tests/fixtures/realistic-export (a whole export,
# every quirk of the real files) imported into a fresh data folder, as a
# folder and as the zip LinkedIn sends, with no fact recorded by hand.
. "$(dirname "$0")/lib.sh"
mkzip=${ADVISOR_MKZIP:?}
export_dir="$src/tests/fixtures/realistic-export"
LC_ALL=C.UTF-8
export LC_ALL
XDG_DATA_HOME="$tmp/data"
export XDG_DATA_HOME
unset ADVISOR_NETWORK

# The zip as LinkedIn names it, and the folder, give the same network.
"$mkzip" "$tmp/Complete_LinkedInDataExport_11-30-2026.zip" "$export_dir" || fail "mkzip"
run 0 import linkedin "$export_dir" -o "$tmp/folder.json"
run 0 import linkedin "$tmp/Complete_LinkedInDataExport_11-30-2026.zip" -o "$tmp/zip.json"
cmp -s "$tmp/folder.json" "$tmp/zip.json" || fail "the zip and the folder give different networks"

# What was read, and what was skipped: the blank member, the sponsored
# mail and the draft.
has err "Connections.csv               30 rows, 1 skipped"
has err "messages.csv                  18 rows, 2 skipped"
has err "36 people, 29 of them connections; 5 invitations to you waiting, 2 of yours waiting"
has err "0 warnings"
# The evidence of knowing people: every row matched someone.
has err "Recommendations_Received.csv  2 rows"
has err "Endorsement_Received_Info.csv 4 rows"
lacks err "naming nobody"
has err "4 recommendations, 6 endorsements"

# One person of the network written, its tabs and line ends taken out.
person_of() {
	tr -d '\t\n' <"$1" | sed 's/{"id":"/\n&/g' | grep "^{\"id\":\"$2\"" >"$tmp/person"
}
person_of "$tmp/folder.json" sofia-marchetti-design
has person '{"type":"recommendation","date":"2022-03-02","direction":"in","message":"Daniel is the rare product manager'
for who in aisha-bello-pm weichen-data fatima-al-sayed mateogarcia; do
	person_of "$tmp/folder.json" "$who"
	has person '"type":"endorsement"'
	has person '"direction":"in","skill":'
done
person_of "$tmp/folder.json" mateogarcia
has person '{"type":"endorsement","date":"2024-12-07","direction":"in","skill":"Product Strategy"}'
person_of "$tmp/folder.json" graceliu-ds
has person '{"type":"endorsement","date":"2026-04-02","direction":"out","skill":"Machine Learning"}'
for who in jonasweber tomfischer-dev; do
	person_of "$tmp/folder.json" "$who"
	has person '"type":"recommendation"'
	has person '"direction":"out","message":'
done

# me.positions: every job of Positions.csv, as the policy reads it.
tr -d '\t\n' <"$tmp/folder.json" >"$tmp/flat"
has flat '"positions":[{"org":"Fernhill Analytics","title":"Senior Product Manager","from":"2022-03"}, '
has flat '{"org":"Brightwave Media","title":"Product Manager","from":"2018-06","to":"2022-02"}, '
has flat '{"org":"Kestrel Consulting","title":"Business Analyst","from":"2015-09","to":"2018-05"}],'

# init puts it in the data folder; commands then need no --network.
run 0 init "$tmp/Complete_LinkedInDataExport_11-30-2026.zip"
has out "5 invitations waiting for your answer, 2 of yours waiting"
has out "4 recommendations, 6 endorsements."
[ -s "$XDG_DATA_HOME/advisor/network.json" ] || fail "init wrote no network.json"

# Names as the export spells them are found as people type them.
run 0 find "zoe angstrom"
has out "zoë-ångström-4b1a2c"
run 0 find "lindqvist"
has out "Erik Lindqvist, PhD"
run 0 find "priyanka"
has out "Priyanka Bose"
lacks out "Priyanka  Bose"
run 0 find "mehmet yilmaz"
has out "Mehmet Yılmaz"

# A profile URL, raw as Invitations.csv writes it or percent-encoded as
# Connections.csv does, names the person.
run 0 advise "https://www.linkedin.com/in/zoë-ångström-4b1a2c/" --as-of 2026-12-02 --json
has out '"person":"zoë-ångström-4b1a2c"'
run 0 advise "https://www.linkedin.com/in/zo%C3%AB-%C3%A5ngstr%C3%B6m-4b1a2c/" --as-of 2026-12-02 --json
has out '"person":"zoë-ångström-4b1a2c"'
run 0 advise "https://www.linkedin.com/in/kai-müller-product" --as-of 2026-12-02 --json
has out '"person":"kai-müller-product"'

# Everyone waiting on an answer is in triage, newest first, both ways.
run 0 triage --as-of 2026-12-02
has out "Invitations to you, accept or not (5)"
has out "Your invitations still waiting (2)"
for who in "Jessica Tran" "Tomás Herrera" "Noor Haddad" "Marcus Wellington" "Hiro Tanaka" "Lena Fischer" "Kai Müller"; do
	has out "$who"
done
first=$(grep -n "Jessica Tran" "$tmp/out" | cut -d: -f1)
last=$(grep -n "Hiro Tanaka" "$tmp/out" | cut -d: -f1)
[ "$first" -lt "$last" ] || fail "triage is not newest first"

# Pending invitations answer themselves: Hiro invited me, so without
# --incoming the question is whether to accept (he is a stranger: no);
# --outgoing still asks whether to invite him.  Mine to Lena waits: never
# a second invitation; mine to Kai is over five months old: withdraw it.
run 0 advise hiro --as-of 2026-12-02
has out "Hiro Tanaka (hiro-tanaka-7731): ignore their invitation"
run 0 advise hiro --as-of 2026-12-02 --json
has out '"direction":"incoming","invited_on":"2026-11-09"'
run 0 advise hiro --as-of 2026-12-02 --outgoing
has out "Hiro Tanaka (hiro-tanaka-7731): don't connect"
run 0 advise hiro --as-of 2026-12-02 --outgoing --json
has out '"direction":"outgoing","policy"'
lacks out '"invited_on"'
run 0 advise lena --as-of 2026-12-02
has out "Lena Fischer (lena-fischer-pricing): invited already: wait for their answer"
has out "invited (decides): you already invited them on 2026-10-30"
lacks out "Note, ready to copy"
lacks out "stranger"
run 0 advise lena --as-of 2026-12-02 --json
has out '"verdict":"invited"'
has out '"direction":"outgoing","invited_on":"2026-10-30","policy"'
run 0 advise kai --as-of 2026-12-02
has out "Kai Müller (kai-müller-product): withdraw your invitation"
has out "173 days ago"
run 0 advise kai --as-of 2026-12-02 --json
has out '"invited_on":"2026-06-12","withdraw":true'
run 0 triage --as-of 2026-12-02 --json
grep -F '"person":"lena-fischer-pricing","verdict":"invited"' "$tmp/out" | grep -qvF '"withdraw"' ||
	fail "triage: Lena is not invited, waiting"
grep -F '"person":"kai-müller-product","verdict":"invited"' "$tmp/out" | grep -qF '"withdraw":true' ||
	fail "triage: Kai is not to be withdrawn"
run 0 triage --as-of 2026-12-02
grep -q "Lena Fischer .*keep waiting" "$tmp/out" || fail "triage: Lena's row: $(cat "$tmp/out")"
grep -q "Kai Müller .*withdraw" "$tmp/out" || fail "triage: Kai's row: $(cat "$tmp/out")"
# The same in batch: a request without a direction.
printf '%s\n' '{"person":"hiro-tanaka-7731","as_of":"2026-12-02"}' \
	'{"person":"lena-fischer-pricing","as_of":"2026-12-02"}' >"$tmp/pending.ndjson"
run 0 batch <"$tmp/pending.ndjson"
has out '"person":"hiro-tanaka-7731","verdict":"dont_connect"'
has out '"direction":"incoming","invited_on":"2026-11-09"'
has out '"person":"lena-fischer-pricing","verdict":"invited"'

# A newer export: Lena accepted my invitation, Noa is a new connection,
# Ravi invited me.  init says so, and what to do next.
mkdir "$tmp/newer"
cp "$export_dir"/*.csv "$tmp/newer/"
sed -i '4a\
Lena,Fischer,https://www.linkedin.com/in/lena-fischer-pricing,,Pricewise,Head of Pricing,29 Nov 2026\
Noa,Levi,https://www.linkedin.com/in/noa-levi,,Wix,Product Lead,28 Nov 2026' "$tmp/newer/Connections.csv"
sed -i '1a\
Ravi Kumar,Daniel Okoye,"11/29/26, 7:15 PM",,INCOMING,https://www.linkedin.com/in/ravi-kumar-ml,https://www.linkedin.com/in/daniel-okoye' "$tmp/newer/Invitations.csv"
run 0 init "$tmp/newer"
has out "Since the last import:"
has out "1 accepted your invitation: Lena Fischer"
has out "1 new connection: Noa Levi"
has out "1 new invitation to you: Ravi Kumar"
has out "advisor triage     (6 invitations wait for your answer)"
run 0 init "$tmp/newer"
has out "Nothing new since the last import"
lacks out "Since the last import"

finish "realistic export: PASSED"
