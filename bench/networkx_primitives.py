#!/usr/bin/env python3
"""networkx_primitives.py - the Python baseline of bench_primitives.

    networkx_primitives.py NETWORK_FILE PAIRS_FILE [--repeat R]

Builds a networkx Graph from an advisor network file exactly as
core/network.c builds its graph: every id in a `connections` list is a
node, each listed link is undirected, self-links are dropped, duplicates
count once, and every person with "connected": true is linked to me.
NDJSON (.ndjson, .jsonl: format and me on line 1, one person a line) or
JSON (one document with "people").

Then, over the pairs (one "u<TAB>v" a line), times
    len(list(nx.common_neighbors(G, u, v)))      per pair
    nx.adamic_adar_index(G, pairs)               over all pairs
(best of R runs, default 5, with the garbage collector off while timing,
as timeit does: the figures favour Python), and prints "key value" lines
that bench_primitives reads back: the times per pair and the sums to
compare.
"""
import gc
import json
import sys
import time

import networkx as nx


def people(path):
    """(me, iterator over person objects) of a network file."""
    if path.endswith(".ndjson") or path.endswith(".jsonl"):
        f = open(path, encoding="utf-8")
        header = json.loads(f.readline())

        def rest():
            with f:
                for line in f:
                    if line.strip():
                        yield json.loads(line)
        return header["me"], rest()
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    return doc["me"], iter(doc.get("people", []))


def build(path):
    me, persons = people(path)
    me_id = me["id"]
    G = nx.Graph()
    G.add_node(me_id)
    for p in persons:
        pid = p["id"]
        G.add_node(pid)
        for c in p.get("connections", ()):
            if c != pid:
                G.add_edge(pid, c)
        if p.get("connected") is True:
            G.add_edge(pid, me_id)
    return G


def main():
    args = sys.argv[1:]
    repeat = 5
    if "--repeat" in args:
        i = args.index("--repeat")
        repeat = int(args[i + 1])
        del args[i:i + 2]
    if len(args) != 2:
        sys.stderr.write(__doc__)
        return 2
    net_path, pairs_path = args

    t0 = time.perf_counter()
    G = build(net_path)
    t1 = time.perf_counter()
    print("networkx_version", nx.__version__)
    print("python_version", sys.version.split()[0])
    print("build_seconds %.3f" % (t1 - t0))
    print("nodes", G.number_of_nodes())
    print("links", G.number_of_edges())

    with open(pairs_path, encoding="utf-8") as f:
        pairs = [tuple(line.rstrip("\n").split("\t")) for line in f if line.strip()]
    n = len(pairs)
    print("pairs", n)

    # As timeit does: no collection pauses inside the timed loops.
    gc.collect()
    if hasattr(gc, "freeze"):
        gc.freeze()
    gc.disable()

    best = None
    mutual_sum = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        s = 0
        for u, v in pairs:
            s += len(list(nx.common_neighbors(G, u, v)))
        t = time.perf_counter() - t0
        best = t if best is None or t < best else best
        mutual_sum = s
    print("common_neighbors_seconds %.6f" % best)
    print("common_neighbors_us_per_pair %.6f" % (1e6 * best / n))
    print("mutual_sum", mutual_sum)

    best = None
    aa_sum = 0.0
    for _ in range(repeat):
        t0 = time.perf_counter()
        s = 0.0
        for _u, _v, p in nx.adamic_adar_index(G, pairs):
            s += p
        t = time.perf_counter() - t0
        best = t if best is None or t < best else best
        aa_sum = s
    print("adamic_adar_seconds %.6f" % best)
    print("adamic_adar_us_per_pair %.6f" % (1e6 * best / n))
    print("adamic_adar_sum %.17g" % aa_sum)
    return 0


if __name__ == "__main__":
    sys.exit(main())
