#!/bin/sh
# bench/tune.sh - `advisor tune` over N outcomes beside `advisor batch` on
# the same requests, one run.
#
#   bench/tune.sh [--build DIR] [--data DIR] [--outcomes N] [--rounds R]
#
# Builds the project (Release) in DIR (default build-bench next to this
# folder) if its advisor is missing, and writes into the data folder
# (default ${TMPDIR:-/tmp}/advisor-bench) a network of N invitations you
# sent (default 10,000; seed fixed): a quarter to people you met (rule
# known), a quarter to people a connection introduced (introduced), half to
# strangers, accepted, pending or ended at rates of their kind, and the
# requests that advise on each as of the day before it was sent.  Then,
# each the best of R rounds (default 3): `advisor tune --json` (every
# invitation judged again as of its day, then the fit) and `advisor batch`
# on those requests, wall and CPU seconds, with the snapshot made
# beforehand.  Target: tune under a second at 10,000 outcomes, said of
# the wall time and of the CPU time (which a busy machine does not
# inflate).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build="$root/build-bench"
data="${TMPDIR:-/tmp}/advisor-bench"
outcomes=10000
rounds=3

while [ $# -gt 0 ]; do
	case "$1" in
	--build) build=$2; shift ;;
	--data) data=$2; shift ;;
	--outcomes) outcomes=$2; shift ;;
	--rounds) rounds=$2; shift ;;
	-h|--help) sed -n '2,19p' "$0"; exit 0 ;;
	*) echo "tune.sh: unknown argument $1" >&2; exit 2 ;;
	esac
	shift
done

echo "== machine"
echo "date:      $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "nproc:     $(nproc)"
echo "cpu:       $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
echo "load:      $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)"

if [ ! -x "$build/advisor" ]; then
	echo "== building in $build (Release)"
	cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DADVISOR_TESTS=OFF >/dev/null
	cmake --build "$build" -j"$(nproc)" >/dev/null
fi
bin="$build/advisor"

mkdir -p "$data"
net="$data/tune-$outcomes.json"
req="$data/tune-$outcomes-requests.ndjson"
if [ ! -s "$net" ] || [ ! -s "$req" ]; then
	python3 - "$outcomes" "$net" "$req" <<'PY'
import datetime, json, random, sys
n, net_path, req_path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
rng = random.Random(18)
accept = {"known": 0.75, "introduced": 0.35, "stranger": 0.15}
people = [{"id": "c%02d" % i, "name": "Connection %02d" % i, "connected": True,
           "connected_on": "2024-01-%02d" % (1 + i)} for i in range(20)]
requests = []
start = datetime.date(2026, 5, 1)
for i in range(n):
    kind = "known" if i % 4 == 0 else "introduced" if i % 4 == 1 else "stranger"
    sent = start + datetime.timedelta(days=rng.randrange(200))
    person = {"id": "p%05d" % i, "name": "Person %05d" % i, "events": []}
    if kind == "known":
        person["events"].append({"type": "met", "date": "2019-05",
                                 "context": "PyCon", "tone": "cordial"})
    elif kind == "introduced":
        person["events"].append({"type": "introduced", "by": "c%02d" % (i % 20),
                                 "date": (sent - datetime.timedelta(days=3)).isoformat()})
    inv = {"type": "invitation", "date": sent.isoformat(), "direction": "out"}
    draw = rng.random()
    if draw < accept[kind]:
        inv["status"] = "accepted"
        person["connected"] = True
        person["connected_on"] = (sent + datetime.timedelta(days=rng.randrange(1, 20))).isoformat()
    elif draw < accept[kind] + (1 - accept[kind]) * 0.15:
        pass  # pending
    else:
        inv["status"] = "ended"
        inv["last_seen"] = "2026-11-20"
    person["events"].append(inv)
    people.append(person)
    requests.append({"person": person["id"], "direction": "outgoing",
                     "as_of": (sent - datetime.timedelta(days=1)).isoformat()})
with open(net_path, "w") as f:
    json.dump({"format": "advisor-network/1", "me": {"id": "me", "name": "Me"},
               "people": people}, f)
with open(req_path, "w") as f:
    for r in requests:
        f.write(json.dumps(r) + "\n")
PY
fi

# An empty config folder: the user's own policy and tuning left out.
config=$(mktemp -d)
trap 'rm -rf "$config"' EXIT
export XDG_CONFIG_HOME="$config"
"$bin" advise p00000 --network "$net" >/dev/null # the snapshot

# best_of CMD...: the best wall time of $rounds runs, with its CPU time.
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

echo "== tune over $outcomes outcomes, batch on the same $outcomes requests (best of $rounds)"
"$bin" tune --network "$net" --as-of 2026-12-01 --json >"$data/tune-$outcomes.out" || true
python3 -c "import json, sys
t = json.load(open(sys.argv[1]))
rules = {r['rule']: r for r in t['rules']}
print('fit:       %d resolved; known %g -> %g, introduced %g -> %g; agreement %d -> %d of %d'
      % (t['resolved'], rules['known']['current'], rules['known']['proposed'],
         rules['introduced']['current'], rules['introduced']['proposed'],
         t['agreement']['before'], t['agreement']['after'], t['agreement']['of']))" \
	"$data/tune-$outcomes.out"
set -- $(best_of /dev/null "$bin" tune --network "$net" --as-of 2026-12-01 --json)
tune_wall=$1 tune_cpu=$2
set -- $(best_of "$req" "$bin" batch --network "$net" --jobs 1)
batch_wall=$1 batch_cpu=$2
printf 'tune:      %6.3f s wall, %6.3f s CPU  (target: under 1 s)\n' "$tune_wall" "$tune_cpu"
printf 'batch:     %6.3f s wall, %6.3f s CPU  (--jobs 1, the same people and days)\n' "$batch_wall" "$batch_cpu"
# On a busy machine the wall time counts the others' work too: the CPU
# time is what tune itself took (on a quiet one the two are the same).
for what in wall cpu; do
	t=$tune_wall
	[ "$what" = cpu ] && t=$tune_cpu
	if awk -v t="$t" 'BEGIN { exit !(t < 1) }'; then
		echo "result:    tune under a second ($what)"
	else
		echo "result:    tune NOT under a second ($what)"
	fi
done
