"""python/examples/dask_batch.py against `advisor batch`: a request stream
advised on a local Dask cluster of two workers must come out byte for
byte as the command prints it, with the same exit status, each worker
having loaded the network once.

Run by tests/python/run.sh with ADVISOR_BIN and ADVISOR_SOURCE_DIR set, in
the venv where the module is installed; skipped without Dask's distributed
scheduler (Debian: python3-distributed).
"""

import json
import os
import subprocess
import sys
import tempfile
import unittest

import advisor

SRC = os.environ["ADVISOR_SOURCE_DIR"]
BIN = os.environ["ADVISOR_BIN"]
NET = os.path.join(SRC, "docs", "examples", "network.json")
EXAMPLE = os.path.join(SRC, "python", "examples", "dask_batch.py")
DAY = "2026-11-27"

try:
    import distributed  # noqa: F401
except ImportError:
    distributed = None


def requests(ids):
    """Every person each way, with intents, then lines batch refuses, blank
    lines and a CRLF: one line a request, as a program writes them."""
    lines = []
    for n, pid in enumerate(ids * 8):
        req = {"person": pid, "as_of": DAY}
        if n % 3 == 1:
            req["direction"] = "incoming"
        if n % 4 == 2:
            req["intent"] = ["learn", "job"][: 1 + n % 2]
        lines.append(json.dumps(req))
    lines[5] = '{"person": "nobody-at-all"}'
    lines[17] = '{"person": "priya-natarajan", "intent": ["fame"]}'
    lines[40] = "not json"
    lines[41] = "  \t"
    lines[42] = ""
    lines[60] = json.dumps({"person": "zoe-muller", "as_of": "2026-02-30"})
    lines[61] = lines[62] + "\r"
    lines[90] = '{"person": "Zoë Müller"}'
    return "\n".join(lines) + "\n"


@unittest.skipIf(distributed is None,
                 "no Dask distributed scheduler (Debian: python3-distributed)")
class DaskBatch(unittest.TestCase):
    def test_output_equals_advisor_batch(self):
        ids = advisor.Network.load(NET).ids()
        with tempfile.TemporaryDirectory() as d:
            reqs = os.path.join(d, "requests.ndjson")
            with open(reqs, "w", encoding="utf-8") as f:
                f.write(requests(ids))
            cache = os.path.join(d, "cache")
            with open(reqs, "rb") as f:
                batch = subprocess.run([BIN, "batch", "--network", NET],
                                       stdin=f, capture_output=True)
            self.assertEqual(batch.returncode, 6, batch.stderr)  # some failed
            out = os.path.join(d, "results.ndjson")
            # Small tasks, so that each worker advises several of them.
            dask = subprocess.run(
                [sys.executable, EXAMPLE, "--network", NET, "--workers", "2",
                 "--cache-dir", cache, "--chunk-bytes", "2000",
                 "--stats", os.path.join(d, "stats.json"), "-o", out, reqs],
                capture_output=True, text=True, timeout=120)
            self.assertEqual(dask.returncode, 6, dask.stderr)
            with open(out, "rb") as f:
                got = f.read()
            self.assertEqual(got.decode("utf-8").splitlines(),
                             batch.stdout.decode("utf-8").splitlines())
            self.assertEqual(got, batch.stdout)
            self.assertIn(b'{"line":6,"error":', got)
            with open(os.path.join(d, "stats.json")) as f:
                stats = json.load(f)
            # Two workers, each one load, and more tasks than workers.
            self.assertEqual(stats["loads"], [1, 1])
            self.assertGreater(stats["tasks"], 4)
            self.assertEqual(sum(stats["tasks_per_worker"]), stats["tasks"])
            self.assertTrue(all(n > 0 for n in stats["tasks_per_worker"]),
                            stats)
            # The workers loaded the snapshot written first.
            self.assertTrue(any(n.endswith(".bin") for n in os.listdir(cache)),
                            os.listdir(cache))

    def test_a_bad_network_is_refused_before_any_work(self):
        with tempfile.TemporaryDirectory() as d:
            bad = os.path.join(d, "bad.json")
            with open(bad, "w") as f:
                f.write('{"format": "advisor-network/1", "people": [\n')
            reqs = os.path.join(d, "requests.ndjson")
            with open(reqs, "w") as f:
                f.write('{"person": "x"}\n')
            p = subprocess.run(
                [sys.executable, EXAMPLE, "--network", bad, "--workers", "1",
                 "--cache-dir", os.path.join(d, "cache"), reqs],
                capture_output=True, text=True, timeout=120)
            self.assertEqual(p.returncode, 3, p.stderr)
            self.assertIn("bad.json", p.stderr)


if __name__ == "__main__":
    unittest.main()
