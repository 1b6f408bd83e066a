#!/bin/sh
# bench/run.sh - generate the benchmark data and run every benchmark.
#
#   bench/run.sh [--quick] [--wait-quiet] [--build DIR] [--data DIR]
#                [--requests N]
#
# Builds the project (Release) in DIR (default build-bench next to this
# folder) unless the benchmark programs are already there, generates
# networks of 10k, 100k and 1M people (20 links a person on average: 10M
# links at 1M) and request streams with advisor-gen, seeds fixed, into the
# data folder (default ${TMPDIR:-/tmp}/advisor-bench; files already there
# are reused), and runs:
#   bench_load        every network file (NDJSON, and JSON at 10k and 100k),
#                     parsed, then with a snapshot folder (cold, then warm)
#   bench_advise      each network with its requests (1 and 2 threads, floor)
#   bench_isolate     10k and 100k: the same requests in process and in a
#                     worker process (batch --isolate), side by side
#   bench_primitives  10k and 100k networks against Python networkx
# --quick: the 10k network only.
# --wait-quiet: before each benchmark, wait (up to 10 minutes) until the
# machine has been at least 90% idle for 3 seconds.
#
# The machine is printed first.  The figures are only as good as the
# machine is quiet: bench_advise prints the CPU share its threads got, and
# bench_load the CPU time of each load next to its wall time.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build="$root/build-bench"
data="${TMPDIR:-/tmp}/advisor-bench"
quick=0
wait_quiet=0
requests=200000

while [ $# -gt 0 ]; do
	case "$1" in
	--quick) quick=1 ;;
	--wait-quiet) wait_quiet=1 ;;
	--build) build=$2; shift ;;
	--data) data=$2; shift ;;
	--requests) requests=$2; shift ;;
	-h|--help) sed -n '2,20p' "$0"; exit 0 ;;
	*) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
	esac
	shift
done

# Percent of CPU time idle over the next 3 seconds, all cores.
idle_pct() {
	set -- $(awk '/^cpu / { print $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9, $5 + $6 }' /proc/stat)
	t0=$1 i0=$2
	sleep 3
	set -- $(awk '/^cpu / { print $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9, $5 + $6 }' /proc/stat)
	echo $(( ($2 - i0) * 100 / ($1 - t0 + 1) ))
}

# Print how busy the machine is; with --wait-quiet, first wait for quiet.
quiet() {
	idle=$(idle_pct)
	if [ "$wait_quiet" = 1 ]; then
		waited=0
		while [ "$idle" -lt 90 ] && [ "$waited" -lt 600 ]; do
			sleep 7
			waited=$((waited + 10))
			idle=$(idle_pct)
		done
		[ "$waited" -gt 0 ] && echo "(waited ${waited}s for a quiet machine)"
	fi
	echo "machine idle before the run: ${idle}% (load $(cut -d' ' -f1-3 /proc/loadavg))"
}

echo "== machine"
echo "date:      $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "nproc:     $(nproc)"
echo "cpu:       $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
echo "ram:       $(awk '/MemTotal/ { printf "%.1f GiB\n", $2 / 1048576 }' /proc/meminfo)"
echo "kernel:    $(uname -sr)"
echo "compiler:  $(${CC:-cc} --version 2>/dev/null | head -1)"
echo "load:      $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)"

bin="$build/bench"
gen="$build/tools/gen/advisor-gen"
if [ ! -x "$bin/bench_advise" ] || [ ! -x "$bin/bench_isolate" ] || [ ! -x "$gen" ] || [ "${REBUILD:-0}" = 1 ]; then
	echo "== building in $build (Release)"
	cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DADVISOR_TESTS=OFF >/dev/null
	cmake --build "$build" -j"$(nproc)" --target bench_load bench_advise \
		bench_isolate bench_primitives advisor-gen >/dev/null
fi

mkdir -p "$data"
if [ "$quick" = 1 ]; then
	sizes="10000"
else
	sizes="10000 100000 1000000"
fi

echo "== data in $data (advisor-gen, seed 1 for networks, 2 for requests)"
for n in $sizes; do
	net="$data/net-$n.ndjson"
	req="$data/req-$n.ndjson"
	[ -s "$net" ] || "$gen" network --people "$n" --links-per-person 20 \
		--seed 1 --format ndjson -o "$net"
	[ -s "$req" ] || "$gen" requests --people "$n" --count "$requests" \
		--seed 2 -o "$req"
	if [ "$n" -le 100000 ]; then
		json="$data/net-$n.json"
		[ -s "$json" ] || "$gen" network --people "$n" --links-per-person 20 \
			--seed 1 --format json -o "$json"
	fi
done
ls -l "$data"

echo
echo "== bench_load (targets: 1M people / 10M links NDJSON in <= 10 s, peak RSS <= 1 GiB)"
files=""
for n in $sizes; do
	files="$files $data/net-$n.ndjson"
	[ "$n" -le 100000 ] && files="$files $data/net-$n.json"
done
quiet
mkdir -p "$data/snap"
# shellcheck disable=SC2086
"$bin/bench_load" --cache-dir "$data/snap" $files

for n in $sizes; do
	echo
	echo "== bench_advise, $n people (targets: >= 100000 requests/s on 1 thread, >= 1.7x on 2, Lua <= 5x floor)"
	quiet
	"$bin/bench_advise" --network "$data/net-$n.ndjson" --requests "$data/req-$n.ndjson" --threads 2
done

for n in $sizes; do
	[ "$n" -le 100000 ] || continue
	echo
	echo "== bench_isolate, $n people (the worker process against in-process, same requests, side by side)"
	quiet
	"$bin/bench_isolate" --network "$data/net-$n.ndjson" --requests "$data/req-$n.ndjson" --rounds 3
done

for n in $sizes; do
	[ "$n" -le 100000 ] || continue
	echo
	echo "== bench_primitives, $n people (target at 100k: >= 100x networkx)"
	quiet
	"$bin/bench_primitives" --network "$data/net-$n.ndjson" --pairs 20000 --seed 42 \
		--pairs-out "$data/pairs-$n.tsv"
done
