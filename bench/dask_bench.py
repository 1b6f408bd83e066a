#!/usr/bin/env python3
"""Throughput of the Dask example beside `advisor batch` on the same data.

    python3 bench/dask_bench.py --bin ADVISOR --network NET --requests REQS

Runs `advisor batch --jobs 1` and `--jobs 2`, then
python/examples/dask_batch.py on a local cluster of 1 and 2 workers, each
on the same request file with the snapshot already in the cache folder,
checks that every output is the same, and prints requests per second for
each: batch's from its wall time, Dask's from the advising alone (the
cluster's start-up is printed beside it).  Run by bench/dask_batch.sh,
with the Python of a venv where the advisor module is installed.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLE = os.path.join(os.path.dirname(HERE), "python", "examples", "dask_batch.py")


def lines_in(path):
    with open(path, "rb") as f:
        return sum(1 for line in f if line.strip())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--network", required=True)
    ap.add_argument("--requests", required=True)
    ap.add_argument("--chunk-bytes", type=int, default=1 << 20)
    args = ap.parse_args()
    n = lines_in(args.requests)
    with tempfile.TemporaryDirectory() as d:
        env = dict(os.environ, XDG_CACHE_HOME=d)  # batch's cache: d/advisor
        cache = os.path.join(d, "advisor")
        # The snapshot written once, before anything is timed.
        subprocess.run([args.bin, "batch", "--network", args.network],
                       input=b"", env=env, check=True, capture_output=True)
        outputs, rows = {}, []
        for jobs in (1, 2):
            out = os.path.join(d, f"batch-{jobs}.ndjson")
            t = time.monotonic()
            with open(args.requests, "rb") as i, open(out, "wb") as o:
                p = subprocess.run([args.bin, "batch", "--network", args.network,
                                    "--jobs", str(jobs)], stdin=i, stdout=o, env=env)
            wall = time.monotonic() - t
            if p.returncode not in (0, 6):
                sys.exit(f"advisor batch --jobs {jobs}: exit {p.returncode}")
            outputs[f"batch --jobs {jobs}"] = out
            rows.append((f"advisor batch --jobs {jobs}", n / wall, wall, None))
        for workers in (1, 2):
            out = os.path.join(d, f"dask-{workers}.ndjson")
            p = subprocess.run(
                [sys.executable, EXAMPLE, "--network", args.network,
                 "--workers", str(workers), "--cache-dir", cache,
                 "--chunk-bytes", str(args.chunk_bytes),
                 "--stats", os.path.join(d, "stats.json"), "-o", out,
                 args.requests], env=env, capture_output=True, text=True)
            if p.returncode not in (0, 6):
                sys.exit(f"dask_batch.py --workers {workers}: exit "
                         f"{p.returncode}\n{p.stderr}")
            with open(os.path.join(d, "stats.json")) as f:
                stats = json.load(f)
            outputs[f"dask {workers}"] = out
            rows.append((f"dask_batch.py --workers {workers}",
                         n / stats["advise_s"], stats["advise_s"], stats["startup_s"]))
        first = open(outputs["batch --jobs 1"], "rb").read()
        same = all(open(o, "rb").read() == first for o in outputs.values())
    print(f"{n} requests on {args.network}; outputs identical: {'yes' if same else 'NO'}")
    print(f"{'run':34} {'requests/s':>11} {'seconds':>8} {'start-up s':>11}")
    for name, rate, secs, startup in rows:
        s = f"{startup:11.2f}" if startup is not None else f"{'':>11}"
        print(f"{name:34} {rate:11.0f} {secs:8.2f} {s}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
