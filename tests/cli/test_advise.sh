#!/bin/sh
# End-to-end tests of `advisor advise`: the real binary, its output and its
# exit codes.  Run by CTest with ADVISOR_BIN and ADVISOR_SOURCE_DIR set.
. "$(dirname "$0")/lib.sh"
LC_ALL=C.UTF-8
export LC_ALL

# --help and --version are true.
run 0 --help
has out "advise PERSON"
has out "Exit codes"
run 0 --version
has out "advisor 0.1.0"
run 0 advise --help
has out "--network FILE"
has out "--incoming"
run 2
has err "usage: advisor"
run 2 frobnicate
has err "unknown command 'frobnicate'"

# Usage errors: exit 2.
run 2 advise priya-natarajan
has err "no network: give --network FILE, set ADVISOR_NETWORK"
run 2 advise --network "$net"
has err "which person?"
run 2 advise priya-natarajan --network "$net" --as-of 2026-13-01
has err 'as_of "2026-13-01" is not a date'
run 2 advise priya-natarajan --network "$net" --note-limit 5
has err "--note-limit"
run 2 advise priya-natarajan --network "$net" --bogus
run 2 advise priya-natarajan --network "$net" --intent fame
has err 'unknown intent "fame"'
has err "date, job, learn, network, reconnect"
# Intents ignore case, as names do.
run 0 advise dana-whitfield --network "$net" --as-of 2026-11-27 --intent LEARN --json
cp "$tmp/out" "$tmp/upper"
run 0 advise dana-whitfield --network "$net" --as-of 2026-11-27 --intent learn --json
cmp -s "$tmp/out" "$tmp/upper" || fail "--intent LEARN and --intent learn differ"
has out '"rule":"learn"'

# Unknown person: exit 5, naming the id.
run 5 advise nobody-at-all --network "$net"
has err 'no person with id "nobody-at-all"'
run 5 advise sam-bare --network "$net"
has err "only listed among someone's connections"

# Bad data: exit 3, naming the file and the place.
run 3 advise x --network "$tmp/missing.json"
has err "missing.json: cannot open"
printf '{"format": "advisor-network/1",\n "me": {"id": "me", "name": "Me"},\n "people": [ {"id": "a", "name": "A"}, ]\n}\n' >"$tmp/syntax.json"
run 3 advise a --network "$tmp/syntax.json"
has err "syntax.json:3:"
printf '{"format": "advisor-network/1", "me": {"id": "me", "name": "Me"}, "people": [{"id": "a", "name": "A", "events": [{"type": "met", "date": "2019-02-30"}]}]}' >"$tmp/date.json"
run 3 advise a --network "$tmp/date.json"
has err 'date.json: people[0].events[0].date: "2019-02-30" is not a date'
printf '{"format": "advisor-network/1", "me": {"id": "me", "name": "Me"}, "people": [{"id": "a", "name": "A", "events": [{"type": "introduced", "date": "2026-01-01", "by": "ghost"}]}]}' >"$tmp/by.json"
run 3 advise a --network "$tmp/by.json"
has err 'people[0].events[0].by: "ghost" names nobody'

# Policy failures: exit 4, naming the policy file and line.
mkdir "$tmp/broken" "$tmp/loop"
printf 'advisor.rule {\n  name = "oops",\n  description = "fails",\n  check = function(p, r) return p.name .. nil end,\n}\n' >"$tmp/broken/oops.lua"
run 4 advise priya-natarajan --network "$net" --policy "$tmp/broken"
has err "oops.lua:4:"
has err "rule oops"
# A plain loop: it spends the instruction budget in well under a second
# even under ASan on a busy machine.  (A closure and a pcall per turn took
# long enough there to meet the 10 s time limit first; pcall's escapes are
# test_hostile_policy.sh's business.)
printf 'advisor.rule { name = "spin", description = "never ends",\n  check = function() while true do end end }\n' >"$tmp/loop/spin.lua"
run 4 advise priya-natarajan --network "$net" --policy "$tmp/loop"
has err "instruction limit exceeded"
run 4 advise priya-natarajan --network "$net" --policy "$tmp/nonexistent"
has err "cannot open"

# Advice, for people.
run 0 advise priya-natarajan --network "$net" --as-of 2026-11-27
has out "Priya Natarajan (priya-natarajan): connect, with a note"
has out "known (+3.0)"
has out "We met at PyCon 2019."
# Gregory invited me: with no direction, whether to accept is the question;
# --outgoing asks whether to invite him.
run 0 advise gregory-hale --network "$net" --as-of 2026-11-27 --outgoing
has out "don't connect"
has out "bad_ending (decides)"
lacks out "Note, ready to copy"
run 0 advise gregory-hale --network "$net" --as-of 2026-11-27 --incoming
has out "accept their invitation"
run 0 advise gregory-hale --network "$net" --as-of 2026-11-27
has out "accept their invitation"
run 0 advise gregory-hale --network "$net" --as-of 2026-11-27 --json
has out '"direction":"incoming","invited_on":"2026-11-20"'
run 2 advise gregory-hale --network "$net" --incoming --outgoing
has err "--incoming and --outgoing ask opposite questions"
# Brent has not answered my invitation of 2024: invited, and withdraw it.
run 0 advise brent-walker --network "$net" --as-of 2024-06-01
has out "Brent Walker (brent-walker): invited already: wait for their answer"
has out "invited (decides): you already invited them on 2024-05-20"
lacks out "Note, ready to copy"
run 0 advise brent-walker --network "$net" --as-of 2026-11-27 --json
has out '"verdict":"invited"'
has out '"direction":"outgoing","invited_on":"2024-05-20","withdraw":true,"policy"'
run 0 advise brent-walker --network "$net" --as-of 2026-11-27
has out "withdraw your invitation"
has out "you invited them on 2024-05-20, 921 days ago"
# The age is a setting.
mkdir "$tmp/patient"
echo '{ "withdraw_after_days": 1000 }' >"$tmp/patient/settings.json"
run 0 advise brent-walker --network "$net" --as-of 2026-11-27 -p "$tmp/patient" --json
lacks out '"withdraw"'
has out '"verdict":"invited"' 

# Advice, for programs.
run 0 advise amara-nwosu --network "$net" --as-of 2026-11-27 --json
has out '"verdict":"connect_with_note"'
has out '"rule":"introduced"'
has out 'Zoë Müller suggested I get in touch with you.'
has out '"policy":"default"'
run 0 advise hannah-becker --network "$net" --as-of 2026-11-27 --intent job --json
has out '"verdict":"wait"'
has out '"rule":"job_pending","score":0,'
lacks out '"note"'
run 0 advise elena-petrova --network "$net" --as-of 2026-11-27 --intent learn --intent date --json
has out '"verdict":"dont_connect","score":6.'
has out '"reasons":[{"rule":"romance"'
run 0 advise zoe-muller --network "$net" --json
has out '{"person":"zoe-muller","verdict":"already_connected","score":0,"reasons":[],"direction":"outgoing","policy":"default"}'

# The note limit counts characters, not bytes.
run 0 advise amara-nwosu --network "$net" --as-of 2026-11-27 --json --note-limit 40
note=$(sed -n 's/.*"note":"\([^"]*\)".*/\1/p' "$tmp/out")
[ -n "$note" ] || fail "no note with --note-limit 40"
[ "$(printf '%s' "$note" | wc -m)" -le 40 ] || fail "note over 40 characters: $note"

# A note limit of 300 is the limit on a free (basic) account too, whether
# --note-limit or a layer's settings.json sets it; without one, the
# account's 200 is.
cat >"$tmp/long.json" <<'JSON'
{ "format": "advisor-network/1",
  "me": { "id": "me", "name": "Alex Kim", "industry": "Software Development" },
  "people": [ { "id": "max", "name": "Maximiliane Oppenheimer-Castellanos",
    "company": "Hoffmann-Brandt Quantum Infrastructure Solutions",
    "industry": "Software Development", "seniority": "founder" } ] }
JSON
whole="Hi Maximiliane! I have been following what you are building at Hoffmann-Brandt Quantum Infrastructure Solutions, and as someone in software development myself, I would love to learn from your experience. Would you like to connect?"
short="Hi Maximiliane! I would love to learn from your experience at Hoffmann-Brandt Quantum Infrastructure Solutions. Would you like to connect?"
run 0 advise max --network "$tmp/long.json" --as-of 2026-11-27 --intent learn --json
has out "\"note\":\"$short\""
run 0 advise max --network "$tmp/long.json" --as-of 2026-11-27 --intent learn --json --note-limit 300
has out "\"note\":\"$whole\""
mkdir "$tmp/limit300"
echo '{ "note_limit": 300 }' >"$tmp/limit300/settings.json"
run 0 advise max --network "$tmp/long.json" --as-of 2026-11-27 --intent learn --json --policy "$tmp/limit300"
has out "\"note\":\"$whole\""
# --note-limit wins over the layer's note_limit.
run 0 advise max --network "$tmp/long.json" --as-of 2026-11-27 --intent learn --json --policy "$tmp/limit300" --note-limit 200
has out "\"note\":\"$short\""

# When not even the shortest note fits the limit, the result says so (and
# gives no note that cannot be sent), in JSON and in words.
cat >"$tmp/unfit.json" <<'JSON'
{ "format": "advisor-network/1", "me": { "id": "me", "name": "Alex Kim" },
  "people": [ { "id": "bart", "name": "Bartholomew-Maximilian Featherstonehaugh",
    "events": [ { "type": "met", "date": "2019-05-03", "tone": "cordial",
      "context": "the 2015 Annual International Conference on Software Engineering in Pittsburgh" } ] } ] }
JSON
run 0 advise bart --network "$tmp/unfit.json" --as-of 2026-11-27 --note-limit 40 --json
has out '"verdict":"connect"'
has out '"no_note_fits":40,"direction":"outgoing","policy":"default"}'
lacks out '"note":'
has out 'no note fits the limit of 40 characters: invite without one'
COLUMNS=200 run 0 advise bart --network "$tmp/unfit.json" --as-of 2026-11-27 --note-limit 40
has out "No note fits the 40-character limit, not even the shortest greeting: send the invitation without one"
lacks out "Note, ready to copy"
# With room for one, neither says so.
run 0 advise bart --network "$tmp/unfit.json" --as-of 2026-11-27 --note-limit 41 --json
has out "\"note\":\"Hi Bartholomew-Maximilian! Let's connect.\""
lacks out 'no_note_fits'
run 0 advise bart --network "$tmp/unfit.json" --as-of 2026-11-27 --note-limit 41
lacks out "No note fits"
# Accepting their invitation needs no note: nothing to say.
run 0 advise bart --network "$tmp/unfit.json" --as-of 2026-11-27 --note-limit 40 --incoming --json
lacks out 'no_note_fits'

# A layer named in the result.
mkdir "$tmp/strict"
printf 'advisor.settings { threshold = 10 }\n' >"$tmp/strict/settings.lua"
run 0 advise priya-natarajan --network "$net" --as-of 2026-11-27 --policy "$tmp/strict" --json
has out '"verdict":"dont_connect"'
has out '"policy":"default+strict"'

# The example network declares its event type of its own: no warning on
# every command.
run 0 advise erik-lindqvist --network "$net" --as-of 2026-11-27 --json
[ ! -s "$tmp/err" ] || fail "the example network warns: $(cat "$tmp/err")"

# Warnings go to stderr, never into the JSON: a type the network does not
# declare warns, with how to declare it; one it declares does not.
sed 's/"custom_event_types": \["conference_talk"\],/"custom_event_types": ["hackathon"],/' "$net" >"$tmp/undeclared.json"
grep -q '"hackathon"' "$tmp/undeclared.json" || fail "the example network lost its custom_event_types"
run 0 advise erik-lindqvist --network "$tmp/undeclared.json" --as-of 2026-11-27 --json
has err 'unknown event type "conference_talk", kept for custom policies (list it in custom_event_types if it is yours)'
lacks err 'hackathon'
lacks out "warning"
sed 's/"custom_event_types": \["conference_talk"\],/"custom_event_types": ["met"],/' "$net" >"$tmp/builtin.json"
run 3 advise erik-lindqvist --network "$tmp/builtin.json" --as-of 2026-11-27
has err 'custom_event_types[0]: "met" is a type advisor defines; list only types of your own'

# A huge score is written as the number it is; scores that add up past
# what a number holds are a policy error, never a null score.
mkdir "$tmp/big"
cat >"$tmp/big/big.lua" <<'LUA'
advisor.rule { name = 'big1', description = 'huge', score = 1e308, check = function() return 'big' end }
LUA
run 0 advise priya-natarajan --network "$net" --as-of 2026-11-27 --policy "$tmp/big" --json
has out '"score":1e+308'
lacks out 'null'
cat >>"$tmp/big/big.lua" <<'LUA'
advisor.rule { name = 'big2', description = 'huge too', score = 1e308, check = function() return 'bigger' end }
LUA
run 4 advise priya-natarajan --network "$net" --as-of 2026-11-27 --policy "$tmp/big" --json
has err "add up to more than a number can hold"

# --drafts N: alternatives numbered under the note, each within the limit;
# in JSON a drafts array whose first is the note, only when N > 1.
run 0 advise --help
has out "--drafts N"
run 2 advise priya-natarajan --network "$net" --drafts 0
has err "--drafts: '0' is not a number of drafts from 1 to 3"
run 2 advise priya-natarajan --network "$net" --drafts 4
has err "--drafts: '4' is not a number of drafts from 1 to 3"
run 2 advise priya-natarajan --network "$net" --drafts two
has err "--drafts"
run 0 advise priya-natarajan --network "$net" --as-of 2026-11-27 --json
lacks out '"drafts"'
run 0 advise priya-natarajan --network "$net" --as-of 2026-11-27 --drafts 1 --json
lacks out '"drafts"'
run 0 advise priya-natarajan --network "$net" --as-of 2026-11-27 --drafts 3 --json
has out '"note":"Hi Priya! We met at PyCon 2019. Would you like to connect?","drafts":["Hi Priya! We met at PyCon 2019. Would you like to connect?","Hi Priya! We met at PyCon 2019. Let'"'"'s connect."],"direction":"outgoing","policy"'
# Introduced, and met before: led by the introduction, then by the meeting,
# then the introduction alone.
sed 's/^        { "type": "introduced", "by": "zoe-muller", "date": "2026-11-20",/        { "type": "met", "date": "2019-05-03", "context": "PyCon 2019", "tone": "cordial" },\n&/' "$net" >"$tmp/drafts.json"
grep -q '"context": "PyCon 2019", "tone": "cordial" },$' "$tmp/drafts.json" || fail "the drafts network has no added meeting"
run 0 advise amara-nwosu --network "$tmp/drafts.json" --as-of 2026-11-27 --drafts 3
cat >"$tmp/want" <<'TXT'

Note, ready to copy:
Hi Amara! Zoë Müller suggested I get in touch with you; we actually met at PyCon 2019. Would you like to connect?

Drafts to choose from (1 is the note above):
1. Hi Amara! Zoë Müller suggested I get in touch with you; we actually met at PyCon 2019. Would you like to connect?
2. Hi Amara! We met at PyCon 2019. Would you like to connect?
3. Hi Amara! Zoë Müller suggested I get in touch with you. Would you like to connect?
TXT
tail -n 8 "$tmp/out" | cmp -s - "$tmp/want" || fail "advise --drafts 3: $(cat "$tmp/out")"
run 0 advise amara-nwosu --network "$tmp/drafts.json" --as-of 2026-11-27 --drafts 2 --json
has out '"drafts":["Hi Amara! Zoë Müller suggested I get in touch with you; we actually met at PyCon 2019. Would you like to connect?","Hi Amara! We met at PyCon 2019. Would you like to connect?"],"direction":"outgoing","policy"'
# Each within the limit: at 60 characters the drafts are shorter forms, and
# fewer, the briefest being the note itself.
run 0 advise amara-nwosu --network "$tmp/drafts.json" --as-of 2026-11-27 --drafts 3 --note-limit 60 --json
has out '"note":"Hi Amara! Zoë Müller introduced us. Let'"'"'s connect.","drafts":["Hi Amara! Zoë Müller introduced us. Let'"'"'s connect.","Hi Amara! We met at PyCon 2019. Would you like to connect?"],"direction":"outgoing","policy"'
# A composer's list: empty items and repeats are dropped, as many kept as
# asked for; an item that is not a string is a policy error, by index.
mkdir "$tmp/list"
cat >"$tmp/list/n.lua" <<'LUA'
advisor.note(function() return { "Hi! One.", "", "Hi! One.", "Hi! Two.", "Hi! Three.", 4 } end)
LUA
run 0 advise priya-natarajan --network "$net" --as-of 2026-11-27 --policy "$tmp/list" --drafts 2 --json
has out '"note":"Hi! One.","drafts":["Hi! One.","Hi! Two."],"direction":"outgoing","policy"'
run 0 advise priya-natarajan --network "$net" --as-of 2026-11-27 --policy "$tmp/list" --json
has out '"note":"Hi! One.","direction":"outgoing","policy"'
cat >"$tmp/list/n.lua" <<'LUA'
advisor.note(function() return { "Hi! One.", 4 } end)
LUA
run 4 advise priya-natarajan --network "$net" --as-of 2026-11-27 --policy "$tmp/list" --drafts 2
has err "the note composer ($tmp/list/n.lua:1): its result[2] must be a string, got number"

# The request field, through batch: 0 and 4 are refused, by name.
printf '%s\n' '{"person":"priya-natarajan","as_of":"2026-11-27","drafts":0}' \
	'{"person":"priya-natarajan","as_of":"2026-11-27","drafts":4}' \
	'{"person":"priya-natarajan","as_of":"2026-11-27","drafts":2}' >"$tmp/drafts.ndjson"
run 6 batch --network "$net" <"$tmp/drafts.ndjson"
[ "$(grep -c 'request: drafts: expected a whole number from 1 to 3' "$tmp/out")" = 2 ] ||
	fail "batch: drafts 0 and 4 not both refused: $(cat "$tmp/out")"
has out '"drafts":["Hi Priya!'

# Below the threshold: the score against it, and what each rule that
# would add to it says was missing for this person.
run 0 advise brent-walker --network "$net" --as-of 2024-05-18
has out "Score 0.31 of the 3 needed to connect; missing:"
has out "known (+3): you met at DevOpsDays Chicago 2024, but it was awkward"
has out "introduced (+3): no one has introduced you to them, though 1 of your"
lacks out "mutuals: you share"
run 0 advise brent-walker --network "$net" --as-of 2024-05-18 --incoming
has out "Score 0.31 of the 3 needed to accept; missing:"
run 0 advise brent-walker --network "$net" --as-of 2024-05-18 --json
has out '"threshold":3,"missing":[{"rule":"introduced","score":3,"why_not":"no one has introduced you to them, though 1 of your connections knows them too"},{"rule":"known","score":3,"why_not":"you met at DevOpsDays Chicago 2024, but it was awkward"},'
# Reasons for that fall short: the shortfall comes first, not a reason
# for connecting under "don't connect".
mkdir -p "$tmp/stricter"
echo 'advisor.settings { threshold = 3.5 }' >"$tmp/stricter/settings.lua"
run 0 advise lucas-moreau --network "$net" --as-of 2026-11-27 --policy "$tmp/stricter"
sed -n 2p "$tmp/out" | grep -q "^  score 3.26 of the 3.5 needed to connect$" ||
	fail "the shortfall is not the first thing said: $(cat "$tmp/out")"
has out "For it:"
has out "  - known (+3.0): you met at Berlin Rust Meetup and it was cordial"
has out "Missing:"
run 0 advise lucas-moreau --network "$net" --as-of 2026-11-27 --policy "$tmp/stricter" --json
has out '"threshold":3.5,"missing":[{"rule":"introduced"'
# A verdict the scores did not decide against has neither.
run 0 advise priya-natarajan --network "$net" --as-of 2026-11-27 --json
lacks out '"threshold"'
lacks out '"missing"'
run 0 advise priya-natarajan --network "$net" --as-of 2026-11-27
lacks out "needed to connect"

# Someone as their profile shows them, given inline: judged on the fields
# given when the network does not have them, and nothing recorded.
run 0 advise --name "Noa Levi" --headline "Design Lead at Tessellate" --company Tessellate \
	--network "$net" --as-of 2026-11-27
has out "Noa Levi (not in your network): don't connect"
has out "stranger (+0.0)"
run 0 advise --name "Noa Levi" --industry Software --title Founder --location Berlin \
	--url https://www.linkedin.com/in/noa-levi-42 --network "$net" --as-of 2026-11-27 --json
has out '"person":"https://www.linkedin.com/in/noa-levi-42"'
has out '"transient":true'
# The network has them: judged as they are there, by URL or by name.
run 0 advise --name "priya natarajan" --network "$net" --as-of 2026-11-27 --json
has out '"person":"priya-natarajan","verdict":"connect_with_note"'
lacks out '"transient"'
run 0 advise --name "Priya Natarajan" --network "$net" --as-of 2026-11-27
has out "Priya Natarajan (priya-natarajan): connect, with a note"
run 0 advise --name "Noa Levi" --explain --network "$net" --as-of 2026-11-27
has out "Every rule:"
# A field without the name, or a person given both ways.
run 2 advise --company Tessellate --network "$net"
has err "advise: --company describes a person given inline: give their --name too"
run 2 advise priya --name "Priya" --network "$net"
has err "advise: 'priya' or --name 'Priya': one person at a time"
run 2 advise --name "" --network "$net"
has err "name"

finish "all advise checks passed"
