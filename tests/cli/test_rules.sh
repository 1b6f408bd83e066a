#!/bin/sh
# End-to-end tests of policy layers and `advisor rules`: the user's folder
# ($XDG_CONFIG_HOME/advisor/policy), --policy folders, settings.json, and
# where each rule comes from.  Run by CTest with ADVISOR_BIN and
# ADVISOR_SOURCE_DIR set.
. "$(dirname "$0")/lib.sh"
LC_ALL=C.UTF-8
XDG_CONFIG_HOME="$tmp/config"
export LC_ALL XDG_CONFIG_HOME

run 0 rules --help
has out "--policy DIR"
has out "Exit codes"

# The shipped policy: every rule with its file and line.
run 0 rules
has out "Policy default: connect at a score of 3 or more"
has out "known  score +3  reads: reconnect"
has out "scripts/policy/known.lua:9 (shipped)"
has out "romance  veto dont_connect (always, priority 30)  reads: date"
has out "stranger  score from its check  fallback  reads: network"
lacks out "Switched off"
run 0 rules --json
has out '"name":"job_pending","kind":"veto"'
has out '"veto":{"verdict":"wait","when":"outgoing","priority":10}'

# The user's folder: settings without Lua.
mkdir -p "$tmp/config/advisor/policy"
cat >"$tmp/config/advisor/policy/settings.json" <<'JSON'
{ "threshold": 2.5, "note_limit": 40,
  "rules": { "mutuals": { "score": 0.5 }, "learn": { "off": true } } }
JSON
run 0 rules
has out "Policy default+user: connect at a score of 2.5 or more"
has out "score set by $tmp/config/advisor/policy/settings.json"
has out "Switched off:"
has out "switched off by $tmp/config/advisor/policy/settings.json"
has err "intent 'learn' is read only by rule 'learn', which is switched off"
# The note limit of the user's settings applies.
run 0 advise priya-natarajan --network "$net" --as-of 2026-11-27 --json
has out '"verdict":"connect_with_note"'
note=$(sed 's/.*"note":"\([^"]*\)".*/\1/' "$tmp/out")
[ "$(printf '%s' "$note" | wc -m)" -le 40 ] || fail "note over 40 characters: $note"
# learn is off, so its intent is unknown now.
run 2 advise dana-whitfield --network "$net" --intent learn
has err 'unknown intent "learn"'

# A --policy folder over the user's: replace a rule, switch one off.
mkdir "$tmp/mine"
cat >"$tmp/mine/rules.lua" <<'LUA'
advisor.off("known")
advisor.rule {
  name = "introduced",
  description = "an introduction counts double",
  score = 6,
  check = function(person) return person:latest("introduced") and "introduced" end,
}
LUA
run 0 rules --policy "$tmp/mine"
has out "Policy default+user+mine"
has out "introduced  score +6"
has out "$tmp/mine/rules.lua:2 ($tmp/mine)"
has out "replaces scripts/policy/introduced.lua:4 (shipped)"
has out "switched off by $tmp/mine/rules.lua:1"

# A settings file alone makes a layer; mistakes name the file and path.
rm -rf "$tmp/config/advisor"
mkdir "$tmp/only"
echo '{ "rules": { "known": { "score": 1 } } }' >"$tmp/only/settings.json"
run 0 rules --policy "$tmp/only" --json
has out '"name":"known","kind":"score","score":1'
echo '{ "rules": { "nope": { "off": true } } }' >"$tmp/only/settings.json"
run 4 rules --policy "$tmp/only"
has err "$tmp/only/settings.json: rules.nope: no rule of this name is loaded"
echo '{ "rules": { "known": { "score": "high" } } }' >"$tmp/only/settings.json"
run 4 rules --policy "$tmp/only"
has err "$tmp/only/settings.json: rules.known.score: expected a number"
# A rule of a 400-character name, with a wrong-typed score and off: the
# path in the message was formatted into a 300-byte buffer and overran it
# (a stack-buffer-overflow under ASan, an abort in a hardened build); now
# the message is the usual one, with the name cut to fit.
long=$(printf '%0400d' 0 | tr 0 r)
cat >"$tmp/only/long.lua" <<LUA
advisor.rule { name = '$long', description = 'x', check = function() return nil end }
LUA
printf '{ "rules": { "%s": { "score": "high" } } }' "$long" >"$tmp/only/settings.json"
run 4 rules --policy "$tmp/only"
has err "$tmp/only/settings.json: rules.rrrrrrrrrr"
has err ": expected a number"
printf '{ "rules": { "%s": { "off": "yes" } } }' "$long" >"$tmp/only/settings.json"
run 4 rules --policy "$tmp/only"
has err ": expected true or false"
printf '{ "rules": { "%s": { "score": 2, "off": true } } }' "$long" >"$tmp/only/settings.json"
run 0 rules --policy "$tmp/only" --json
has out '"score_set_by"'
rm "$tmp/only/long.lua"
echo '{ "threshold": 3, "colour": "red" }' >"$tmp/only/settings.json"
run 4 rules --policy "$tmp/only"
has err "$tmp/only/settings.json: colour: unknown field"
echo '{ "note_limit": 5 }' >"$tmp/only/settings.json"
run 4 rules --policy "$tmp/only"
has err "note_limit: expected a whole number of characters from 20 to 10000"
echo '{ "threshold": 3,' >"$tmp/only/settings.json"
run 4 rules --policy "$tmp/only"
has err "$tmp/only/settings.json"
rm "$tmp/only/settings.json"
run 4 rules --policy "$tmp/only"
has err "no .lua files and no settings.json"

# Lint: a threshold nothing reaches, two vetoes that tie.
mkdir "$tmp/lint"
cat >"$tmp/lint/lint.lua" <<'LUA'
advisor.off("mutuals")
advisor.off("stranger")
advisor.settings { threshold = 100 }
advisor.rule {
  name = "recruiter", description = "agency recruiters", score = 0,
  veto = { verdict = "wait", priority = 20 },
  check = function() return nil end,
}
LUA
run 0 rules --policy "$tmp/lint"
has err "threshold 100 is above what every score rule together adds"
has err "$tmp/lint/lint.lua:4: veto of rule 'recruiter' (wait) has the same priority 20 as rule 'bad_ending'"
has err "intent 'network' is read only by rule 'stranger'"

# Lint with the shipped rules as they are: a settings.json threshold of
# 100 (every rule at its most, max_score counted, adds far less), and an intent
# a layer declares that no function reads.  The shipped policy lints clean.
run 0 rules
lacks err "warning"
mkdir "$tmp/high"
echo '{ "threshold": 100 }' >"$tmp/high/settings.json"
run 0 rules --policy "$tmp/high"
has err "advisor: warning: policy: threshold 100 is above what every score rule together adds ("
mkdir "$tmp/unread"
cat >"$tmp/unread/alumni.lua" <<'LUA'
advisor.rule {
  name = "alumni", description = "you studied at the same school", score = 3,
  intents = { "alumni" },
  check = function(person, request)
    if person.school and person.school == request.me.school then
      return "you studied at the same school"
    end
  end,
}
LUA
run 0 rules --policy "$tmp/unread"
has err "advisor: warning: $tmp/unread/alumni.lua:1: intent 'alumni' of rule 'alumni' is read by no function of the policy (request.intents.alumni): a request with it is accepted and changes nothing"
run 0 advise priya-natarajan --network "$net" --as-of 2026-11-27 --policy "$tmp/unread" --intent alumni
has err "intent 'alumni' of rule 'alumni' is read by no function"

# A chunk made with load cannot pose as a file of the shipped policy,
# whatever name it is given: its error shows as (load NAME).
mkdir "$tmp/pose"
cat >"$tmp/pose/pose.lua" <<'LUA'
load("error('boom')", "=scripts/policy/known.lua")()
LUA
run 4 rules --policy "$tmp/pose"
has err "(load scripts/policy/known.lua):1: boom"
lacks err "advisor: scripts/policy/known.lua:1"

finish "all rules tests passed"
