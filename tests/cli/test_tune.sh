#!/bin/sh
# `advisor tune`: the rules' scores fitted to what became of the
# invitations sent, over the successive exports of a synthetic user
# (tools/gen/successive-exports.py) imported one by one.  Where the people
# rule known fires on accept nearly always, known's score goes up and no
# verdict changes; where they mostly ignore the invitation, it goes down
# below the threshold and their verdicts change, the agreement with what
# happened rises.  Too few outcomes: nothing proposed, nothing written.
# --write: a settings.json layer of its own, merged over, that every
# command then loads and that tune itself sets aside.
. "$(dirname "$0")/lib.sh"
LC_ALL=C.UTF-8
XDG_DATA_HOME="$tmp/data"
XDG_CONFIG_HOME="$tmp/config"
export LC_ALL XDG_DATA_HOME XDG_CONFIG_HOME
unset ADVISOR_NETWORK
gen="$src/tools/gen/successive-exports.py"
tuned="$tmp/config/advisor/tuned"

# Import the exports the generator wrote in $1, each on its own day.
import_all() {
	for day_folder in $(python3 -c "import json, sys
for e in json.load(open(sys.argv[1]))['exports']: print(e['date'] + '/' + e['folder'])" "$1/truth.json"); do
		# faketime is preloaded before an ASan build's runtime.
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
			faketime "${day_folder%%/*} 12:00:00" "$bin" init "$1/${day_folder#*/}" >/dev/null 2>"$tmp/err" ||
			fail "init ${day_folder#*/}: $(cat "$tmp/err")"
	done
}

# The value of rule $1's member $2 in the tuning JSON in $tmp/out.
rule() {
	python3 -c "import json, sys
t = json.load(open(sys.argv[1]))
print([r for r in t['rules'] if r['rule'] == sys.argv[2]][0][sys.argv[3]])" "$tmp/out" "$1" "$2"
}
field() {
	python3 -c "import json, sys
v = json.load(open(sys.argv[1]))
for k in sys.argv[2:]: v = v[k]
print(v)" "$tmp/out" "$@"
}

run 0 tune --help
has out "usage: advisor tune [--json] [--write] [options]"
has out "--penalty X"
run 2 tune someone
has err "tune takes no person"
run 2 tune --min 0
has err "--min: '0' is not a whole number from 1"
run 2 tune --penalty -1
has err "--penalty: '-1' is not a number above 0"

# Nothing imported: said, and nothing to tune on.
run 6 tune
has out "Nothing to tune on yet: nothing is imported."
run 6 tune --json
has err "tune: no network: nothing is imported"

# Known people accept 19 times in 20: known goes up.
python3 "$gen" --out "$tmp/eager" --people 80 --exports 5 \
	--accept known=0.95,both=0.95,mutuals=0.3,stranger=0.2 >/dev/null || fail "generator"
import_all "$tmp/eager"
run 0 tune --as-of 2026-12-01 --json
[ "$(field fitted)" = True ] || fail "not fitted: $(cat "$tmp/out")"
[ "$(field threshold)" = 3 ] || fail "the threshold moved"
python3 -c "import sys; sys.exit(not float(sys.argv[1]) > 3.5)" "$(rule known proposed)" ||
	fail "known did not go up: $(rule known proposed)"
[ "$(rule known current)" = 3 ] || fail "known's current score: $(rule known current)"
[ "$(rule known tuned)" = True ] || fail "known not tuned"
[ "$(rule mutuals tuned)" = False ] || fail "mutuals tuned (its check gives its score)"
[ "$(rule learn proposed)" = 3 ] || fail "learn moved without evidence"
[ "$(rule learn fired)" = 0 ] || fail "learn fired"
python3 -c "import json, sys
t = json.load(open(sys.argv[1]))
assert not [r for r in t['rules'] if r['rule'] in ('invited', 'bad_ending', 'romance')], 'a veto is listed'
assert t['agreement']['of'] == t['resolved'] >= 60, t['agreement']
assert t['agreement']['after'] >= t['agreement']['before'], t['agreement']" "$tmp/out" ||
	fail "tuning JSON: $(cat "$tmp/out")"
run 0 tune --as-of 2026-12-01
has out "threshold 3 (unchanged):"
has out "  known  "
has out "(its check gives the score: not tuned)"
has out "No verdict would change."
has out "'advisor tune --write' puts these scores in $tuned/settings.json,"
[ -e "$tuned" ] && fail "tune without --write made $tuned"

# Too few: nothing proposed, and --write writes nothing.
run 6 tune --as-of 2026-12-01 --min 1000 --write
has out "tuning needs at least 1000"
has out "Nothing was proposed or written."
[ -e "$tuned" ] && fail "tune --write with too few outcomes made $tuned"
run 6 tune --as-of 2026-12-01 --min 1000 --json
[ "$(field fitted)" = False ] || fail "fitted with too few"
[ "$(field needed)" = 1000 ] || fail "needed: $(field needed)"
rm -rf "$tmp/data"

# Known people mostly ignore the invitation: known goes below the
# threshold, their verdicts change, and the verdicts agree more often.
python3 "$gen" --out "$tmp/shy" --people 80 --exports 5 --note-bonus 0 \
	--accept known=0.1,both=0.1,mutuals=0.6,stranger=0.5 >/dev/null || fail "generator"
import_all "$tmp/shy"
run 0 tune --as-of 2026-12-01 --json
cp "$tmp/out" "$tmp/shy.json"
low=$(rule known proposed)
python3 -c "import sys; sys.exit(not float(sys.argv[1]) < 2)" "$low" ||
	fail "known did not go down: $low"
python3 -c "import json, sys
t = json.load(open(sys.argv[1]))
assert t['agreement']['after'] > t['agreement']['before'], t['agreement']
assert len(t['changes']) >= 30, len(t['changes'])
for c in t['changes']:
    assert c['before'] in ('connect', 'connect_with_note') and c['after'] == 'dont_connect', c
    assert c['score_before'] >= 3 > c['score_after'], c" "$tmp/out" ||
	fail "changes: $(cat "$tmp/out")"
person=$(python3 -c "import json, sys
print(json.load(open(sys.argv[1]))['changes'][0]['person'])" "$tmp/out")
run 0 tune --as-of 2026-12-01
has out "Verdicts that would change ("
has out "-> dont_connect (score 3 -> $low)"
has out "... and "

# --write: the layer, which every command loads over the user's folder.
mkdir -p "$tmp/config/advisor/policy"
printf '{ "rules": { "known": { "score": 3 } } }\n' >"$tmp/config/advisor/policy/settings.json"
run 0 tune --as-of 2026-12-01 --write
has out "Wrote $tuned/settings.json."
has out "delete $tuned to go back."
python3 -c "import json, sys
s = json.load(open(sys.argv[1]))
assert s == {'rules': {'known': {'score': float(sys.argv[2])}}}, s" "$tuned/settings.json" "$low" ||
	fail "the layer: $(cat "$tuned/settings.json")"
run 0 rules
has out "Policy default+user+tuned: connect at a score of 3 or more"
has out "score set by $tuned/settings.json"
run 0 advise "$person" --as-of 2026-12-01 --json
has out '"policy":"default+user+tuned"'
# Tuning again starts from the policy without it: the same proposal.
run 0 tune --as-of 2026-12-01 --json
cmp -s "$tmp/out" "$tmp/shy.json" || fail "tuning again proposed otherwise: $(cat "$tmp/out")"
run 0 tune --as-of 2026-12-01
has out "\"now\" is your policy without the earlier tuning in $tuned,"
# What the layer holds besides the scores is kept.
printf '{ "note_limit": 200, "rules": { "known": { "score": 9, "off": false } } }\n' >"$tuned/settings.json"
run 0 tune --as-of 2026-12-01 --write --json
has err "Wrote $tuned/settings.json."
python3 -c "import json, sys
s = json.load(open(sys.argv[1]))
assert s == {'note_limit': 200, 'rules': {'known': {'score': float(sys.argv[2]), 'off': False}}}, s" \
	"$tuned/settings.json" "$low" || fail "the merged layer: $(cat "$tuned/settings.json")"
# A layer that is not a settings.json: said, left as it was.
printf '{ "rules": [] }\n' >"$tuned/settings.json"
run 3 tune --as-of 2026-12-01 --write
has err "tune: $tuned/settings.json: rules: expected an object (left as it was)"
grep -qF '"rules": []' "$tuned/settings.json" || fail "a bad layer was replaced"
printf '{ "rules": ' >"$tuned/settings.json"
run 3 tune --as-of 2026-12-01 --write
has err "tune: $tuned/settings.json:1:12: "
[ "$(cat "$tuned/settings.json")" = '{ "rules": ' ] || fail "a cut layer was replaced"
rm -rf "$tuned"
run 0 rules
has out "Policy default+user: connect"

finish "tune: PASSED"
