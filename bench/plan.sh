#!/bin/sh
# bench/plan.sh - `advisor plan` over 30,000 connections and about 5,000
# people you are not connected to, beside `advisor batch` on the same
# requests, one run.
#
#   bench/plan.sh [--build DIR] [--data DIR] [--rounds R]
#
# Builds the project (Release) in DIR (default build-bench next to this
# folder) if its advisor is missing, and writes into the data folder
# (default ${TMPDIR:-/tmp}/advisor-bench) a network from advisor-gen
# (35,000 people, 85.7% of them connections; seed fixed) and the requests
# `advisor plan` answers on its own: one outgoing request for each of its
# candidates (everyone not connected whose invitation does not wait for
# your answer), as of the same day.  Then, each the best of R rounds
# (default 3): `advisor plan --json` (every candidate advised, then ranked
# and shared out by the policy, and every pending invitation of yours
# judged for withdrawal) and `advisor batch --jobs 1` on those requests,
# wall and CPU seconds, with the snapshot made beforehand.  Target: the
# plan under a second, said of the wall time and of the CPU time.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build="$root/build-bench"
data="${TMPDIR:-/tmp}/advisor-bench"
rounds=3
day=2026-11-27

while [ $# -gt 0 ]; do
	case "$1" in
	--build) build=$2; shift ;;
	--data) data=$2; shift ;;
	--rounds) rounds=$2; shift ;;
	-h|--help) sed -n '2,19p' "$0"; exit 0 ;;
	*) echo "plan.sh: unknown argument $1" >&2; exit 2 ;;
	esac
	shift
done

echo "== machine"
echo "date:      $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "nproc:     $(nproc)"
echo "cpu:       $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
echo "load:      $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)"

if [ ! -x "$build/advisor" ] || [ ! -x "$build/tools/gen/advisor-gen" ]; then
	echo "== building in $build (Release)"
	cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DADVISOR_TESTS=OFF >/dev/null
	cmake --build "$build" -j"$(nproc)" >/dev/null
fi
bin="$build/advisor"

mkdir -p "$data"
net="$data/plan-35000.ndjson"
req="$data/plan-35000-requests.ndjson"
[ -s "$net" ] || "$build/tools/gen/advisor-gen" network --people 35000 \
	--connected-fraction 85.7% --seed 1 --format ndjson -o "$net"

# An empty config folder: the user's own policy left out.
config=$(mktemp -d)
trap 'rm -rf "$config"' EXIT
export XDG_CONFIG_HOME="$config"
"$bin" plan --network "$net" --as-of "$day" --json >"$data/plan-35000.out" # the snapshot
# The plan's own candidates, as requests (their order does not matter).
python3 - "$net" "$data/plan-35000.out" "$req" "$day" <<'PY'
import json, sys
net_path, plan_path, req_path, day = sys.argv[1:]
plan = json.load(open(plan_path))
with open(net_path) as f:
    next(f)
    people = [json.loads(line) for line in f]
# Those whose invitation waits for your answer are not candidates: the
# latest invitation of someone not connected is pending unless a status
# says otherwise.
def incoming(p):
    invs = [e for e in p.get("events", []) if e.get("type") == "invitation"
            and e.get("date", "") <= day]
    if not invs:
        return False
    last = max(invs, key=lambda e: e["date"])
    return last.get("direction") == "in" and "status" not in last
ids = [p["id"] for p in people if not p.get("connected") and not incoming(p)]
assert len(ids) == plan["candidates"], (len(ids), plan["candidates"])
with open(req_path, "w") as f:
    for i in ids:
        f.write(json.dumps({"person": i, "direction": "outgoing", "as_of": day}) + "\n")
print("network:   %d people, %d connected; %d candidates: %d proposed, %d later, %d to withdraw"
      % (len(people), sum(1 for p in people if p.get("connected")), len(ids),
         len(plan["invitations"]), len(plan["later"]), len(plan["withdraw"])))
PY

# best_of STDIN CMD...: the best wall time of $rounds runs, with its CPU time.
best_of() {
	best=""
	for _ in $(seq "$rounds"); do
		t=$(python3 -c "import resource, subprocess, sys, time
t0 = time.monotonic()
with open(sys.argv[1]) as stdin:
    subprocess.run(sys.argv[2:], stdin=stdin, stdout=subprocess.DEVNULL, check=True)
wall = time.monotonic() - t0
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print('%.3f %.3f' % (wall, r.ru_utime + r.ru_stime))" "$@")
		if [ -z "$best" ] || [ "$(echo "$t $best" | awk '{ print ($1 < $3) }')" = 1 ]; then
			best=$t
		fi
	done
	echo "$best"
}

echo "== plan over its candidates, batch on the same requests (best of $rounds)"
set -- $(best_of /dev/null "$bin" plan --network "$net" --as-of "$day" --json)
plan_wall=$1 plan_cpu=$2
set -- $(best_of "$req" "$bin" batch --network "$net" --jobs 1)
batch_wall=$1 batch_cpu=$2
printf 'plan:      %6.3f s wall, %6.3f s CPU  (target: under 1 s)\n' "$plan_wall" "$plan_cpu"
printf 'batch:     %6.3f s wall, %6.3f s CPU  (--jobs 1, the same people and day)\n' "$batch_wall" "$batch_cpu"
for what in wall cpu; do
	t=$plan_wall
	[ "$what" = cpu ] && t=$plan_cpu
	if awk -v t="$t" 'BEGIN { exit !(t < 1) }'; then
		echo "result:    plan under a second ($what)"
	else
		echo "result:    plan NOT under a second ($what)"
	fi
done
