#!/usr/bin/env python3
"""advisor batch on a Dask cluster: the same output, from several workers.

    python3 dask_batch.py --network NET [--workers N] [-o OUT] REQUESTS

REQUESTS holds one JSON request a line, as for `advisor batch`; the results
come out one a line, in input order, exactly as `advisor batch` prints them
(a line that fails gets {"line": N, "error": "..."}, blank lines none).
The exit status is batch's too: 0 when every line was answered, 6 when some
failed.

The file is cut into ranges of whole lines, and each range is a task: the
worker that runs it reads those lines itself (the file must be where the
workers can read it: on one machine, or on shared storage) and advises on
them through the advisor module.  Each worker loads the network once, when
it starts (a WorkerPlugin), from the snapshot in the cache folder, which
this script writes first if it is missing or stale; each worker thread has
its own engine on that one network.  Only the results travel back.

Without --scheduler a LocalCluster of --workers processes runs on this
machine; with it, the workers of that cluster do the work (docs/scaling.md).
"""

import argparse
import json
import os
import sys
import threading
import time

import advisor

# What `advisor batch` refuses as one request (its reader's limit).
MAX_LINE = 1 << 20
PLUGIN = "advisor-network"


def default_cache_dir():
    """The advisor command's snapshot folder: $XDG_CACHE_HOME/advisor, else
    ~/.cache/advisor, so that this and the command share snapshots."""
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    base = xdg if xdg.startswith("/") else os.path.expanduser("~/.cache")
    return os.path.join(base, "advisor")


class NetworkPlugin:
    """Loads the network once in each worker, and makes an engine for each
    of the worker's threads on first use.  A WorkerPlugin by its methods
    (distributed calls setup and teardown)."""

    def __init__(self, network, cache_dir, policy, note_limit):
        self.network_path = network
        self.cache_dir = cache_dir
        self.policy = policy
        self.note_limit = note_limit

    def setup(self, worker):
        self.network = advisor.Network.load(self.network_path, self.cache_dir)
        self.loads = 1
        self.local = threading.local()

    def teardown(self, worker):
        self.network = None

    def engine(self):
        e = getattr(self.local, "engine", None)
        if e is None:
            e = advisor.Engine(self.network, self.policy, note_limit=self.note_limit)
            self.local.engine = e
        return e


def line_ranges(path, chunk_bytes):
    """(start, end, first line number) of ranges of whole lines of about
    chunk_bytes each, covering the file."""
    ranges, start, line = [], 0, 1
    with open(path, "rb") as f:
        size = os.fstat(f.fileno()).st_size
        while start < size:
            f.seek(min(start + chunk_bytes, size))
            f.readline()  # to the end of the line the cut falls in
            end = min(f.tell(), size)
            f.seek(start)
            lines = f.read(end - start).count(b"\n")
            ranges.append((start, end, line))
            line += lines
            start = end
    return ranges


def error_object(line, message):
    # As batch writes it: compact, non-ASCII as it is.
    return json.dumps({"line": line, "error": message}, ensure_ascii=False,
                      separators=(",", ":"))


def advise_range(path, start, end, first_line):
    """Advise on the lines of path[start:end]: the results as text, one a
    line, how many lines failed, and the worker that did it."""
    from distributed import get_worker

    worker = get_worker()
    engine = worker.plugins[PLUGIN].engine()
    with open(path, "rb") as f:
        f.seek(start)
        data = f.read(end - start)
    lines = data.split(b"\n")
    if data.endswith(b"\n"):
        lines.pop()  # nothing after the last newline
    out, failed = [], 0
    for n, raw in enumerate(lines, first_line):
        if len(raw) > MAX_LINE:  # measured as batch does, before the \r
            out.append(error_object(n, "request line longer than 1 MiB; "
                                       "expected one JSON request a line"))
            failed += 1
            continue
        if raw.endswith(b"\r"):
            raw = raw[:-1]
        if not raw.strip(b" \t"):
            continue  # blank lines are skipped, not answered
        try:
            out.append(engine.advise_json(raw))
        except advisor.Error as e:
            out.append(error_object(n, e.message))
            failed += 1
    return "".join(line + "\n" for line in out), failed, worker.address


def worker_loads(client):
    """How many times each worker loaded the network."""
    return client.run(lambda dask_worker: dask_worker.plugins[PLUGIN].loads)


def run(client, network, requests, out, cache_dir, policy=None, note_limit=None,
        chunk_bytes=1 << 20):
    """Advise on every line of requests on the client's cluster, writing the
    results to the file object out in input order.  Returns the number of
    lines that failed and the number of tasks each worker ran."""
    # Loaded here first, so that the snapshot the workers map is written
    # once (and a bad file fails before any work).
    advisor.Network.load(network, cache_dir)
    client.register_worker_plugin(
        NetworkPlugin(network, cache_dir, policy, note_limit), name=PLUGIN)
    futures = [client.submit(advise_range, requests, *r, pure=False)
               for r in line_ranges(requests, chunk_bytes)]
    failed, tasks = 0, {}
    for fut in futures:  # in order; the later ones run meanwhile
        text, n, worker = fut.result()
        out.write(text)
        failed += n
        tasks[worker] = tasks.get(worker, 0) + 1
        fut.release()
    return failed, tasks


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("requests", help="the requests, one JSON object a line")
    ap.add_argument("-n", "--network", required=True, help="the network file")
    ap.add_argument("-o", "--output", help="the results (default: stdout)")
    ap.add_argument("-p", "--policy", action="append",
                    help="a policy folder layered over the shipped policy (repeat)")
    ap.add_argument("--note-limit", type=int)
    ap.add_argument("--workers", type=int, default=2,
                    help="worker processes of the local cluster (default 2)")
    ap.add_argument("--threads-per-worker", type=int, default=1)
    ap.add_argument("--scheduler", help="a running scheduler's address, "
                    "instead of a local cluster")
    ap.add_argument("--cache-dir", default=None,
                    help="the snapshot folder (default: the advisor command's)")
    ap.add_argument("--chunk-bytes", type=int, default=1 << 20,
                    help="bytes of requests a task (default 1 MiB)")
    ap.add_argument("--stats", metavar="FILE",
                    help="write the timings, the loads per worker and the "
                    "tasks per worker to FILE, as one JSON object")
    args = ap.parse_args(argv)

    cache_dir = args.cache_dir or default_cache_dir()
    os.makedirs(cache_dir, exist_ok=True)
    # The network and the policy checked here, before a cluster starts:
    # what fails to load fails at once, with the command's exit status.
    try:
        net = advisor.Network.load(args.network, cache_dir)
        advisor.Engine(net, args.policy, note_limit=args.note_limit)
        del net
    except advisor.Error as e:
        print(f"dask_batch: {e.message}", file=sys.stderr)
        return 3 if isinstance(e, (advisor.DataError, advisor.FileError)) else 4

    from distributed import Client, LocalCluster

    t0 = time.monotonic()
    if args.scheduler:
        cluster, client = None, Client(args.scheduler)
    else:
        cluster = LocalCluster(n_workers=args.workers,
                               threads_per_worker=args.threads_per_worker,
                               processes=True, dashboard_address=None)
        client = Client(cluster)
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    try:
        t1 = time.monotonic()
        failed, tasks = run(client, args.network, args.requests, out, cache_dir,
                            args.policy, args.note_limit, args.chunk_bytes)
        out.flush()
        t2 = time.monotonic()
        if args.stats:
            with open(args.stats, "w", encoding="utf-8") as f:
                json.dump({
                    "startup_s": round(t1 - t0, 3),
                    "advise_s": round(t2 - t1, 3),
                    "loads": sorted(worker_loads(client).values()),
                    "tasks": sum(tasks.values()),
                    "tasks_per_worker": sorted(tasks.values()),
                }, f)
    finally:
        if out is not sys.stdout:
            out.close()
        client.close()
        if cluster:
            cluster.close()
    return 6 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
