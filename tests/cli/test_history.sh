#!/bin/sh
# history.json: the successive exports of a synthetic user
# (tools/gen/successive-exports.py), imported one by one with `advisor
# init` on their own days, leave one record each of what that export
# showed, as deltas: the invitations first listed there, those gone
# (accepted or ended, as the truth drew them), the connections and the
# new ones, and a withdrawal recorded between two imports.  `init --from`
# writes none; deleting the file starts a new history.
. "$(dirname "$0")/lib.sh"
LC_ALL=C.UTF-8
XDG_DATA_HOME="$tmp/data"
export LC_ALL XDG_DATA_HOME
unset ADVISOR_NETWORK
home="$tmp/data/advisor"
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

run 0 init --from "$net"
[ -e "$home/history.json" ] && fail "init --from wrote a history"
rm -rf "$tmp/data"

python3 "$gen" --out "$tmp/gen" --seed 5 --people 36 --exports 4 >/dev/null ||
	fail "the generator failed"
set -- $(python3 -c 'import json,sys; print(" ".join(e["date"] + "=" + e["folder"] for e in json.load(open(sys.argv[1]))["exports"]))' "$tmp/gen/truth.json")
n=0
for pair in "$@"; do
	n=$((n + 1))
	day=${pair%%=*}
	if [ "$n" -eq 3 ]; then
		# Between the second import and the third: one withdrawn.
		who=$(python3 -c 'import json,sys; t=json.load(open(sys.argv[1])); print(next(i["person"] for i in t["invitations"] if i["fate"]=="pending" and i["first_listed"]==t["exports"][0]["date"]))' "$tmp/gen/truth.json")
		at "$day" 0 withdrew "$who"
	fi
	at "$day" 0 init "$tmp/gen/${pair#*=}"
done

python3 - "$tmp/gen/truth.json" "$home/history.json" "$who" >"$tmp/check" 2>&1 <<'PY' ||
import json, sys
truth = json.load(open(sys.argv[1]))
text = open(sys.argv[2], encoding="utf-8").read()
history = json.loads(text)
who = sys.argv[3]
problems = []
dates = [e["date"] for e in truth["exports"]]
lines = text.split("\n")
if lines[0] != '{"format":"advisor-history/1","imports":[' or len(lines) != len(dates) + 3:
    problems.append("not one record a line: %r" % lines[:2])
records = history["imports"]
if [r["imported"] for r in records] != dates:
    problems.append("imported: %s" % [r["imported"] for r in records])
invs = truth["invitations"]
for k, (r, day) in enumerate(zip(records, dates)):
    want = sorted((i["person"], i["sent"], i["note"]) for i in invs
                  if i["first_listed"] == day)
    got = sorted((s["person"], s["date"], s["note"]) for s in r["sent"])
    if got != want:
        problems.append("%s: sent %s, truth %s" % (day, got, want))
    gone = []
    for i in invs:
        if i["fate"] == "pending" or i["first_listed"] >= day:
            continue
        vanished = min(d for d in dates if d >= i["resolved"])
        if vanished == day:
            gone.append((i["person"], i["sent"], i["fate"]))
    got = sorted((g["person"], g["date"], g["became"]) for g in r["gone"])
    if got != sorted(gone):
        problems.append("%s: gone %s, truth %s" % (day, got, sorted(gone)))
    fresh = sorted(i["person"] for i in invs if i["fate"] == "accepted" and
                   k and dates[k - 1] < i["resolved"] <= day)
    news = r["connections"].get("new")
    if k == 0:
        if news is not None or not r.get("first"):
            problems.append("%s: the first record: %s" % (day, r))
    elif not set(fresh) <= {c["person"] for c in news}:
        problems.append("%s: new connections %s lack %s" % (day, news, fresh))
    listed = r["listed"]["sent"]
    if listed != len([i for i in invs if i["first_listed"] <= day and
                      (i["fate"] == "pending" or i["resolved"] > day)]):
        problems.append("%s: %d listed" % (day, listed))
    wd = [w["person"] for w in r["withdrawn"]]
    if wd != ([who] if k == 2 else []):
        problems.append("%s: withdrawn %s" % (day, wd))
print("\n".join(problems))
sys.exit(1 if problems else 0)
PY
	fail "$(cat "$tmp/check")"

# Purged: the next import starts a new history (its record still a delta
# from the import before, which base.json remembers).
last=${pair%%=*}
rm "$home/history.json"
at "$last" 0 init "$tmp/gen/${pair#*=}"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["imports"]; sys.exit(0 if len(r)==1 and r[0]["imported"]==sys.argv[2] and "first" not in r[0] else 1)' "$home/history.json" "$last" ||
	fail "after deleting it: $(cat "$home/history.json")"

# One that is not a history: the import is refused, nothing changes.
printf '{"imports": 3}\n' >"$home/history.json"
cp "$home/base.json" "$tmp/base.before"
at "$last" 3 init "$tmp/gen/${pair#*=}"
has err "history.json: not a history"
has err "move it away"
cmp -s "$home/base.json" "$tmp/base.before" || fail "a refused import changed base.json"

finish "history: PASSED"
