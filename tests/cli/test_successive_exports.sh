#!/bin/sh
# tools/gen/successive-exports.py: the successive exports of a synthetic
# user, imported one by one with `advisor init` (zips and folders, each on
# its own day under faketime), agree with the truth.json written beside
# them: each invitation, advised as of the day before it was sent, fires
# the rules and gets the verdict the truth says; after the last import
# each one is accepted (a connection since the day it was accepted),
# pending or ended (last seen on the import before it vanished), as
# drawn.  The same seed gives the same bytes; another gives other fates.
. "$(dirname "$0")/lib.sh"
LC_ALL=C.UTF-8
XDG_DATA_HOME="$tmp/data"
export LC_ALL XDG_DATA_HOME
unset ADVISOR_NETWORK
gen="$src/tools/gen/successive-exports.py"

python3 "$gen" --out "$tmp/gen" --seed 7 --people 48 --exports 5 --zip ||
	fail "the generator failed"
python3 "$gen" --out "$tmp/again" --seed 7 --people 48 --exports 5 --zip ||
	fail "the generator failed a second time"
for f in "$tmp/gen"/*/*.csv "$tmp/gen"/*.zip "$tmp/gen/truth.json"; do
	cmp -s "$f" "$tmp/again/${f#"$tmp/gen/"}" || fail "the same seed wrote another ${f#"$tmp/gen/"}"
done
python3 "$gen" --out "$tmp/other" --seed 8 --people 48 --exports 5 ||
	fail "the generator failed with another seed"
cmp -s "$tmp/gen/truth.json" "$tmp/other/truth.json" && fail "another seed wrote the same truth"
python3 "$gen" --out "$tmp/bad" --accept known=2 2>"$tmp/err" && fail "a probability of 2 was accepted"
has err "--accept: known: 2 is not between 0 and 1"

python3 - "$bin" "$tmp/gen" >"$tmp/check" 2>&1 <<'PY' || fail "$(cat "$tmp/check")"
import datetime, json, os, subprocess, sys
binary, folder = sys.argv[1], sys.argv[2]
truth = json.load(open(os.path.join(folder, "truth.json"), encoding="utf-8"))
invitations = truth["invitations"]
problems = []
kinds = {inv["kind"] for inv in invitations}
fates = {inv["fate"] for inv in invitations}
if kinds != {"known", "mutuals", "both", "stranger"}:
    problems.append("kinds: %s" % sorted(kinds))
if fates != {"accepted", "pending", "ended"}:
    problems.append("fates: %s" % sorted(fates))
if sum(inv["note"] for inv in invitations) in (0, len(invitations)):
    problems.append("all or none with a note")

def advisor(*args, day=None):
    cmd = [binary] + list(args)
    env = dict(os.environ)
    if day:
        cmd = ["faketime", day + " 12:00:00"] + cmd
        # faketime is preloaded before an ASan build's runtime.
        env["ASAN_OPTIONS"] = ":".join(filter(None, [
            env.get("ASAN_OPTIONS"), "verify_asan_link_order=0"]))
    r = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if r.returncode != 0:
        problems.append("advisor %s: exit %d: %s" % (" ".join(args), r.returncode, r.stderr))
    return r.stdout

for i, export in enumerate(truth["exports"]):
    what = export["zip"] if i % 2 == 0 else export["folder"]
    advisor("init", os.path.join(folder, what), day=export["date"])
    for inv in invitations:
        if inv["first_listed"] != export["date"]:
            continue
        before = (datetime.date.fromisoformat(inv["sent"]) - datetime.timedelta(days=1)).isoformat()
        out = advisor("advise", inv["person"], "--as-of", before, "--json")
        result = json.loads(out) if out else {}
        fired = sorted(r["rule"] for r in result.get("reasons", []) + result.get("also", []))
        if result.get("verdict") != inv["verdict"] or fired != sorted(inv["rules"]):
            problems.append("%s (%s) as of %s: %s %s, truth %s %s" % (
                inv["person"], inv["kind"], before, result.get("verdict"), fired,
                inv["verdict"], inv["rules"]))

home = os.path.join(os.environ["XDG_DATA_HOME"], "advisor")
network = json.load(open(os.path.join(home, "network.json"), encoding="utf-8"))
people = {p["id"]: p for p in network["people"]}
dates = [e["date"] for e in truth["exports"]]
counts = {}
for inv in invitations:
    person = people.get(inv["person"])
    if person is None:
        problems.append("%s: not in network.json" % inv["person"])
        continue
    out = [e for e in person.get("events", [])
           if e["type"] == "invitation" and e.get("direction") == "out"]
    if len(out) != 1:
        problems.append("%s: %d invitations" % (inv["person"], len(out)))
        continue
    ev = out[0]
    status = ev.get("status", "pending")
    if status != inv["fate"] or ev["date"] != inv["sent"] or \
            bool(ev.get("message")) != inv["note"]:
        problems.append("%s: %s %s note %s, truth %s %s note %s" % (
            inv["person"], status, ev["date"], bool(ev.get("message")),
            inv["fate"], inv["sent"], inv["note"]))
    if inv["fate"] == "accepted" and (not person.get("connected") or
                                      person.get("connected_on") != inv["resolved"]):
        problems.append("%s: accepted on %s, but connected %s on %s" % (
            inv["person"], inv["resolved"], person.get("connected"),
            person.get("connected_on")))
    if inv["fate"] == "ended":
        seen = max(d for d in dates if d < inv["resolved"])
        if ev.get("last_seen") != seen or person.get("connected"):
            problems.append("%s: ended after %s, last_seen %s" % (
                inv["person"], seen, ev.get("last_seen")))
    for rule in inv["rules"]:
        row = counts.setdefault(rule, {"sent": 0, "accepted": 0, "pending": 0, "ended": 0})
        row["sent"] += 1
        row[status] += 1
if counts != truth["counts"]["rule"]:
    problems.append("counts per rule: %s, truth %s" % (counts, truth["counts"]["rule"]))
total = truth["counts"]["all"]
if total["sent"] != len(invitations) or \
        total["accepted"] + total["pending"] + total["ended"] != total["sent"]:
    problems.append("counts: %s" % total)
print("\n".join(problems))
sys.exit(1 if problems else 0)
PY

finish "successive exports: PASSED"
