#!/bin/sh
# `advisor outcomes`: what became of the invitations you sent, over the
# successive exports of a synthetic user (tools/gen/successive-exports.py)
# imported one by one, each on its own day: the counts per rule, per
# verdict and note versus none are exactly the truth the generator drew;
# advice logged before an invitation was sent gives its features; a
# withdrawal and an invitation you record count at once; and nothing yet
# (no import, nothing sent) is said plainly.
. "$(dirname "$0")/lib.sh"
LC_ALL=C.UTF-8
XDG_DATA_HOME="$tmp/data"
export LC_ALL XDG_DATA_HOME
unset ADVISOR_NETWORK
gen="$src/tools/gen/successive-exports.py"

at() { # at DAY STATUS ARGS...: run at noon on DAY
	day=$1 want=$2
	shift 2
	# faketime is preloaded before an ASan build's runtime.
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
		faketime "$day 12:00:00" "$bin" "$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	[ "$got" -eq "$want" ] || fail "advisor $* on $day: exit $got, expected $want; stderr: $(cat "$tmp/err")"
}

run 0 outcomes --help
has out "usage: advisor outcomes [--network FILE] [options]"
has out "--json"
run 2 outcomes someone
has err "outcomes takes no person"
run 2 outcomes --as-of 2026-13-01 --network "$net"
has err "as_of"

# Nothing imported: said, not an error.
run 0 outcomes
has out "No outcomes yet: nothing is imported."
has out "advisor init EXPORT"

# An export with no invitation of yours: nothing sent yet.
mkdir "$tmp/none"
cp "$src/tests/fixtures/realistic-export/Profile.csv" \
	"$src/tests/fixtures/realistic-export/Connections.csv" "$tmp/none/"
run 0 init "$tmp/none"
run 0 outcomes
has out "No outcomes yet: no invitation you sent is in the network."
run 0 outcomes --json
has out '"groups":[{"kind":"all","name":"all","sent":0,"accepted":0,"pending":0,"ended":0,'
has out '"outcomes":[]}'
rm -rf "$tmp/data"

python3 "$gen" --out "$tmp/gen" --seed 11 --people 40 --exports 4 >/dev/null ||
	fail "the generator failed"
dates=$(python3 -c 'import json,sys; print(" ".join(e["date"] for e in json.load(open(sys.argv[1]))["exports"]))' "$tmp/gen/truth.json")
# One invitation the third export lists first (the last sent), to someone
# you had talked with: advised the day before it was sent, so that the
# decision log gives its features.
set -- $(python3 - "$tmp/gen/truth.json" <<'PY'
import datetime, json, sys
t = json.load(open(sys.argv[1]))
third = t["exports"][2]["date"]
inv = next(i for i in t["invitations"]
           if i["first_listed"] == third and i["kind"] in ("known", "both"))
before = datetime.date.fromisoformat(inv["sent"]) - datetime.timedelta(days=1)
print(inv["person"], before.isoformat(), inv["verdict"])
PY
)
logged_person=$1 logged_day=$2 logged_verdict=$3
n=0
for day in $dates; do
	n=$((n + 1))
	folder=$(python3 -c 'import json,sys; t=json.load(open(sys.argv[1])); print(next(e["folder"] for e in t["exports"] if e["date"]==sys.argv[2]))' "$tmp/gen/truth.json" "$day")
	if [ "$n" -eq 3 ]; then
		at "$logged_day" 0 advise "$logged_person" --outgoing
	fi
	at "$day" 0 init "$tmp/gen/$folder"
done
last=$day
[ -s "$tmp/data/advisor/decisions.ndjson" ] || fail "advise logged nothing"

at "$last" 0 outcomes --json
cp "$tmp/out" "$tmp/outcomes.json"
python3 - "$tmp/gen/truth.json" "$tmp/outcomes.json" "$logged_person" \
	"$logged_day" "$logged_verdict" >"$tmp/check" 2>&1 <<'PY' ||
import json, sys
truth = json.load(open(sys.argv[1]))
got = json.load(open(sys.argv[2]))
person, day, verdict = sys.argv[3:6]
problems = []
keys = ("sent", "accepted", "pending", "ended")
groups = {(g["kind"], g["name"]): {k: g[k] for k in keys} for g in got["groups"]}
want = {("all", "all"): truth["counts"]["all"]}
for rule, row in truth["counts"]["rule"].items():
    want[("rule", rule)] = row
for v, row in truth["counts"]["verdict"].items():
    want[("verdict", v)] = row
for name, row in truth["counts"]["note"].items():
    want[("note", "no_note" if name == "none" else name)] = row
if groups != want:
    problems.append("groups %s, truth %s" % (groups, want))
fates = {i["person"]: i for i in truth["invitations"]}
if len(got["outcomes"]) != len(truth["invitations"]):
    problems.append("%d outcomes, %d sent" % (len(got["outcomes"]), len(truth["invitations"])))
for o in got["outcomes"]:
    t = fates.get(o["person"])
    if not t:
        problems.append("%s: no such invitation" % o["person"])
        continue
    rules = sorted(r["rule"] for r in o["rules"])
    if (o["state"], o["sent"], o["with_note"], o["verdict"], rules) != \
            (t["fate"], t["sent"], t["note"], t["verdict"], sorted(t["rules"])):
        problems.append("%s: %s, truth %s" % (o["person"], o, t))
    if o["state"] == "accepted" and o["days"] is not None:
        import datetime
        d = (datetime.date.fromisoformat(t["resolved"]) -
             datetime.date.fromisoformat(t["sent"])).days
        if o["days"] != d:
            problems.append("%s: %s days, truth %d" % (o["person"], o["days"], d))
    want_basis = "logged" if o["person"] == person else "rejudged"
    if o["basis"] != want_basis:
        problems.append("%s: basis %s" % (o["person"], o["basis"]))
    if o["person"] == person and (o["logged"] != day or o["verdict"] != verdict):
        problems.append("%s: logged %s %s" % (person, o["logged"], o["verdict"]))
g = got["groups"][0]
if g["accepted"] + g["ended"] and abs(g["rate"] - round(g["accepted"] / (g["accepted"] + g["ended"]), 4)) > 1e-9:
    problems.append("rate %s" % g["rate"])
if not (0 <= g["low"] <= g["rate"] <= g["high"] <= 1):
    problems.append("interval %s %s %s" % (g["low"], g["rate"], g["high"]))
print("\n".join(problems))
sys.exit(1 if problems else 0)
PY
	fail "$(cat "$tmp/check")"

# The table says the same.
at "$last" 0 outcomes
all=$(python3 -c 'import json,sys; a=json.load(open(sys.argv[1]))["counts"]["all"]; print("%d invitations sent: %d accepted, %d pending, %d ended" % (a["sent"], a["accepted"], a["pending"], a["ended"]))' "$tmp/gen/truth.json")
has out "$all"
has out "Verdicts and rules: 1 from the decision log,"
has out "By rule that fired"
has out "  known "
has out "By verdict"
has out "With a note or without"
has out "Pending invitations are not counted as failures"

# As of an earlier import's day, what is known to have come after it is
# not yet so: an invitation accepted by a connection made later (the
# truth's day), or ended after that day (its ended_on, the day of the last
# import that listed it), was still pending then, its days counted to it.
second=$(echo $dates | cut -d' ' -f2)
at "$last" 0 outcomes --as-of "$second" --json
python3 - "$tmp/gen/truth.json" "$tmp/outcomes.json" "$tmp/out" "$second" >"$tmp/check" 2>&1 <<'PY' ||
import datetime, json, sys
truth = {i["person"]: i for i in json.load(open(sys.argv[1]))["invitations"]}
now = {o["person"]: o for o in json.load(open(sys.argv[2]))["outcomes"]}
then = {o["person"]: o for o in json.load(open(sys.argv[3]))["outcomes"]}
day = sys.argv[4]
problems = []
later = 0
def days(a, b):
    return (datetime.date.fromisoformat(b) - datetime.date.fromisoformat(a)).days
want = {p for p, t in truth.items() if t["sent"] <= day}
if set(then) != want:
    problems.append("as of %s: %s, sent by then %s" % (day, sorted(then), sorted(want)))
for p, o in then.items():
    t, n = truth[p], now[p]
    if t["fate"] == "accepted" and t["resolved"] <= day:
        state = "accepted"
    elif n["state"] == "ended" and n["ended_on"] <= day:
        state = "ended"
    else:
        state = "pending"
        later += t["fate"] != "pending"
    if o["state"] != state:
        problems.append("%s as of %s: %s, expected %s (now %s)" % (p, day, o["state"], state, n))
    elif state == "pending" and o["days"] != days(o["sent"], day):
        problems.append("%s as of %s: pending %s days" % (p, day, o["days"]))
if not later:
    problems.append("no invitation answered after %s to check" % day)
print("\n".join(problems))
sys.exit(1 if problems else 0)
PY
	fail "$(cat "$tmp/check")"

# A pending one withdrawn, and one recorded sent to someone new: counted
# at once, the withdrawal as known.
pending=$(python3 -c 'import json,sys; print(next(i["person"] for i in json.load(open(sys.argv[1]))["invitations"] if i["fate"]=="pending"))' "$tmp/gen/truth.json")
at "$last" 0 withdrew "$pending"
at "$last" 0 add "Nova Quist" --company Harbor
at "$last" 0 sent nova-quist --note
at "$last" 0 outcomes --json
python3 - "$tmp/gen/truth.json" "$tmp/out" "$pending" "$last" >"$tmp/check" 2>&1 <<'PY' ||
import json, sys
truth = json.load(open(sys.argv[1]))["counts"]["all"]
got = json.load(open(sys.argv[2]))
pending, last = sys.argv[3], sys.argv[4]
problems = []
a = got["groups"][0]
want = (truth["sent"] + 1, truth["accepted"], truth["pending"], truth["ended"] + 1)
if (a["sent"], a["accepted"], a["pending"], a["ended"]) != want:
    problems.append("all %s, want %s" % (a, want))
by = {o["person"]: o for o in got["outcomes"]}
w = by.get(pending, {})
if (w.get("state"), w.get("withdrawn"), w.get("ended_on")) != ("ended", True, last):
    problems.append("withdrawn: %s" % w)
n = by.get("nova-quist", {})
if (n.get("state"), n.get("with_note"), n.get("sent"), n.get("days")) != ("pending", True, last, 0):
    problems.append("recorded: %s" % n)
print("\n".join(problems))
sys.exit(1 if problems else 0)
PY
	fail "$(cat "$tmp/check")"

# As of a day before any was sent: none by then, not none at all.
at "$last" 0 outcomes --as-of 2020-01-01
has out "No outcomes as of 2020-01-01: no invitation you sent by then is in the network."
lacks out "Record one"

# Another network given: no decision log is read for it.
run 0 outcomes --network "$tmp/data/advisor/network.json" --as-of "$last" --json
grep -q '"basis":"logged"' "$tmp/out" && fail "--network read the folder's decision log"

finish "outcomes: PASSED"
