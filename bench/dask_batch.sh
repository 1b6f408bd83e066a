#!/bin/sh
# bench/dask_batch.sh - the Dask example beside `advisor batch`, one run.
#
#   bench/dask_batch.sh [--build DIR] [--data DIR] [--people N] [--requests N]
#
# Builds the project (Release) in DIR (default build-bench next to this
# folder) if its advisor is missing, installs the Python module into a venv
# there (tools/python-venv.sh), generates a network of N people (default
# 10,000; 20 links a person) and the requests (default 100,000) with
# advisor-gen, seeds fixed, into the data folder (default
# ${TMPDIR:-/tmp}/advisor-bench; files already there are reused), and runs
# bench/dask_bench.py: `advisor batch --jobs 1` and `--jobs 2`, then
# python/examples/dask_batch.py on 1 and 2 local workers, printing the
# requests per second of each and whether their outputs are identical.
# Needs python3-distributed (tools/install-deps.sh installs it).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build="$root/build-bench"
data="${TMPDIR:-/tmp}/advisor-bench"
people=10000
requests=100000

while [ $# -gt 0 ]; do
	case "$1" in
	--build) build=$2; shift ;;
	--data) data=$2; shift ;;
	--people) people=$2; shift ;;
	--requests) requests=$2; shift ;;
	-h|--help) sed -n '2,15p' "$0"; exit 0 ;;
	*) echo "dask_batch.sh: unknown argument $1" >&2; exit 2 ;;
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
python=$(sh "$root/tools/python-venv.sh" "$root" "$build" "$build/python-bench")

mkdir -p "$data"
net="$data/net-$people.ndjson"
req="$data/req-$people-$requests.ndjson"
[ -s "$net" ] || "$build/tools/gen/advisor-gen" network --people "$people" \
	--links-per-person 20 --seed 1 --format ndjson -o "$net"
[ -s "$req" ] || "$build/tools/gen/advisor-gen" requests --people "$people" \
	--count "$requests" --seed 2 -o "$req"

echo "== batch and Dask on the same requests"
exec "$python" "$here/dask_bench.py" --bin "$build/advisor" --network "$net" \
	--requests "$req"
