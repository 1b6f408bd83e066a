#!/bin/sh
# End-to-end tests of the people you consider beyond the export: `advisor
# add` (someone the export lacks), `advisor set` (fields the export lacks
# or has otherwise), `advisor remove`, `remember/forget A knows B`, `init`
# rebuilding from a hand-edited annotations.json, and profile URLs as
# PERSON and in batch requests; on the realistic export, as of 2026-12-02.
. "$(dirname "$0")/lib.sh"
LC_ALL=C.UTF-8
XDG_DATA_HOME="$tmp/data"
XDG_CONFIG_HOME="$tmp/config"
ADVISOR_NETWORK=
export LC_ALL XDG_DATA_HOME XDG_CONFIG_HOME ADVISOR_NETWORK
home="$tmp/data/advisor"
notes="$home/annotations.json"
day=2026-12-02

for cmd in add set remove; do
	run 0 "$cmd" --help
	has out "usage: advisor $cmd"
done
run 0 remember --help
has out "advisor remember PERSON knows OTHER"

# Before init there is nothing to add to.
run 2 add "Noa Levi"
has err "advisor init"

run 0 init "$src/tests/fixtures/realistic-export"

# Noa is not in the export: unknown, until added.
run 5 advise "Noa Levi" --as-of $day
run 0 add "Noa Levi" --company Tessellate --title "Design Lead" \
	--url "https://www.linkedin.com/in/noa-levi-42/"
has out "Added Noa Levi as noa-levi."
has out "advisor remember noa-levi met --date DATE --context WHERE"
has out "advisor advise noa-levi"
grep -q '"added":	true' "$notes" || fail "annotations.json lacks \"added\": true"
run 0 find noa
has out "noa-levi"
run 0 advise noa-levi --as-of $day --json
has out '"verdict":"dont_connect"'

# Met years ago at a conference: connect, with a note that reminds them.
run 0 remember noa met --date 2019-05 --context "PyCon 2019" --tone cordial
has out "Recorded: you met Noa Levi at PyCon 2019"
run 0 advise "Noa Levi" --as-of $day --json
has out '"verdict":"connect_with_note"'
has out '"note":"Hi Noa'
has out "PyCon 2019"

# The profile URL names them everywhere a PERSON is taken, and in batch
# (an id or a URL, never a name).
run 0 advise "linkedin.com/in/Noa-Levi-42" --as-of $day --json
has out '"person":"noa-levi"'
run 0 path "https://www.linkedin.com/in/noa-levi-42"
has out "Noa Levi (noa-levi)"
run 0 set "https://www.linkedin.com/in/noa-levi-42/" --location Berlin
has out "Set for Noa Levi (noa-levi): location Berlin."
printf '%s\n' '{"person":"https://linkedin.com/in/noa-levi-42","as_of":"2026-12-02"}' \
	'{"person":"https://www.linkedin.com/in/zoë-ångström-4b1a2c/","as_of":"2026-12-02"}' \
	'{"person":"Noa Levi","as_of":"2026-12-02"}' >"$tmp/req.ndjson"
"$bin" batch <"$tmp/req.ndjson" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 6 ] || fail "batch with a name among URLs: expected exit 6"
has out '"person":"noa-levi","verdict":"connect_with_note"'
has out '"person":"zoë-ångström-4b1a2c"'
has out 'no person with id \"Noa Levi\"'

# Someone already there is refused, saying who and what to run instead;
# the folder is unchanged.
cp "$notes" "$tmp/before"
cp "$home/network.json" "$tmp/net-before"
run 2 add "noa levi"
has err "Noa Levi (noa-levi, at Tessellate) is in your network already, by that name"
has err "advisor set noa-levi"
run 2 add "Priya Raman"
has err "(priya-raman-data, at Fernhill Analytics) is in your network already"
run 2 add "Z. A." --url "https://www.linkedin.com/in/zo%C3%AB-%C3%A5ngstr%C3%B6m-4b1a2c"
has err "Zoë Ångström (zoë-ångström-4b1a2c, at Nimbus Labs) is in your network already, with that profile URL"
# Bad values: refused by the option, nothing written.
run 2 add "Ravi Shah" --seniority boss
has err 'add: --seniority: "boss" is not a seniority; expected one of student'
has err "add: nothing added"
run 2 add "Ravi Shah" --followers many
has err "add: --followers: 'many' is not a whole number"
run 2 add "Ravi Shah" --influencer maybe
has err "add: --influencer: 'maybe' is not yes or no"
run 2 add "Ravi Shah" --url noa
has err "add: --url: 'noa' is not a LinkedIn profile URL"
run 2 add "Ravi
Shah"
has err "add: NAME: holds a line break"
run 2 add "Ravi Shah" --title "CTO
and more"
has err "add: --title: holds a line break"
run 2 add
run 2 set noa-levi
run 2 set noa-levi --clear colour
has err "'colour' is not a field"
run 2 set noa-levi --title X --clear title
run 2 set noa-levi --seniority chief
has err 'set: --seniority: "chief" is not a seniority'
has err "set: nothing changed"
run 2 set noa-levi --followers -3
run 2 set noa-levi --url "https://www.linkedin.com/in/zoë-ångström-4b1a2c"
has err "is the profile of Zoë Ångström (zoë-ångström-4b1a2c) already"
run 2 set me --industry Software
has err "is you"
run 5 set nobody-at-all --industry Software
has err "advisor add NAME"
cmp -s "$notes" "$tmp/before" || fail "a refused change changed annotations.json"
cmp -s "$home/network.json" "$tmp/net-before" || fail "a refused change changed network.json"

# set: the fields the export lacks reach the policy.  Noa is not in your
# industry, so hoping to learn from them says so; a director of it, and
# the learn rule fires.
run 0 forget noa met
run 0 advise noa --intent learn --as-of $day --json
lacks out '"rule":"learn","score":3,"detail"'
run 0 set noa --industry "Software Development" --seniority director \
	--followers 12000 --influencer no
has out "Set for Noa Levi (noa-levi): industry Software Development, seniority director, followers 12000, influencer no."
grep -q '"followers":	12000' "$notes" || fail "followers is not a number in annotations.json"
run 0 advise noa --intent learn --as-of $day --json
has out '"rule":"learn"'
has out "Software Development, your industry"
# On an imported person: the user's value wins over the export's, and
# --clear gives the export's back.
run 0 set priya-raman-data --company "Kestrel Robotics"
has out "Set for Priya Raman"
has err 'you wrote "Kestrel Robotics", the export says "Fernhill Analytics"; yours is kept'
# The conflict is said when it is made, not on every later change.
run 0 remember noa met --date 2020 --context "a meetup"
lacks err "Kestrel Robotics"
run 0 forget noa met
lacks err "Kestrel Robotics"
run 0 find "Kestrel Robotics"
has out "priya-raman-data"
run 0 set priya-raman-data --clear company --clear industry
has out "Cleared Priya Raman's company (the export's, if it has one, applies again)."
has out "You had not set Priya Raman's industry: nothing to clear."
run 5 find "Kestrel Robotics"
run 0 find "Fernhill"
has out "priya-raman-data"

# knows: a link between two people, seen by mutuals and paths; forget
# takes it back.
run 0 path noa --json
has out '"paths":[]'
run 0 remember noa knows "Marta Kowalska"
has out "Recorded: Noa Levi and Marta Kowalska know each other"
run 0 remember marta knows noa
has out "Already recorded: Marta Kowalska and Noa Levi know each other"
run 0 path noa
has out "you → Marta Kowalska → Noa Levi"
run 0 path noa --json
has out '"mutuals":["marta-kowalska-n26"]'
run 2 remember noa knows me
has err "is you"
run 2 remember noa knows noa
has err "the same person"
run 2 remember noa knows
has err "knows takes the other person"
run 2 remember noa knows marta --date 2020
run 5 remember noa knows nobody-at-all
run 0 forget marta knows noa
has out "Forgotten: Marta Kowalska and Noa Levi know each other"
run 5 forget marta knows noa
has err "you recorded no link between Marta Kowalska and Noa Levi"
run 0 path noa --json
has out '"paths":[]'

# A namesake with a profile URL of their own is someone else; a name
# then fits both, and is not guessed.
run 0 add "Noa Levi" --url "https://www.linkedin.com/in/noa-levi-berlin"
has out "Added Noa Levi as noa-levi-2."
run 7 advise "Noa Levi" --as-of $day
run 0 remove noa-levi-2
has out "Removed Noa Levi (noa-levi-2)"

# remove: only people you added; not while an introduction by them is
# recorded; with it, their links held by others go.
run 2 remove hiro
has err "Hiro Tanaka (hiro-tanaka"
has err "only people you added are removed"
run 0 remember marta knows noa
grep -q "\"noa-levi\"" "$notes" || fail "the link marta holds is not in annotations.json"
run 0 remember sofia introduced --by noa --date 2026-11
run 2 remove noa
has err "Noa Levi introduced you to someone"
has err "advisor forget sofia-marchetti"
run 0 forget sofia introduced
run 0 remove "https://www.linkedin.com/in/noa-levi-42"
has out "Removed Noa Levi (noa-levi), whom you added"
lacks_file() { if grep -qF -- "$2" "$1"; then fail "$1 has '$2'"; fi; }
lacks_file "$notes" "noa-levi"
lacks_file "$home/network.json" "noa-levi"
run 5 advise noa-levi --as-of $day

# init without an export rebuilds network.json from base.json and a
# hand-edited annotations.json, and says so; a bad edit changes nothing.
cat >"$notes" <<'JSON'
{ "format": "advisor-network/1",
  "people": [ { "id": "lea-stein", "name": "Lea Stein", "added": true,
                "company": "Orbit" } ] }
JSON
run 0 init
has out "Rebuilt network.json from base.json (your import) and annotations.json"
has out "1 you added"
run 0 find "lea stein"
has out "lea-stein"
cp "$home/network.json" "$tmp/net-before"
cat >"$notes" <<'JSON'
{ "people": [ { "id": "lea-stein", "name": "Lea Stein", "seniority": "boss" } ] }
JSON
run 3 init
has err '"boss" is not a seniority'
has err "init: nothing changed"
cmp -s "$home/network.json" "$tmp/net-before" || fail "a refused rebuild changed network.json"

finish "people: add, set, remove, knows, URLs, rebuild"
