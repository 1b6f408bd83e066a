"""The advisor Python module against the advisor command: the same
requests must give the same results, field for field.

Run by tests/python/run.sh (CTest's python/module) with ADVISOR_BIN and
ADVISOR_SOURCE_DIR set, in a venv where the module is installed.
"""

import datetime
import json
import os
import subprocess
import tempfile
import threading
import unittest

import advisor

SRC = os.environ["ADVISOR_SOURCE_DIR"]
BIN = os.environ["ADVISOR_BIN"]
NET = os.path.join(SRC, "docs", "examples", "network.json")
LAYER = os.path.join(SRC, "docs", "examples", "policy")
DAY = "2026-11-27"


def cli(*args, check=True):
    """advisor ARGS --network NET, its result JSON (or the process)."""
    p = subprocess.run([BIN, *args, "--network", NET], capture_output=True,
                       text=True)
    if not check:
        return p
    if p.returncode != 0:
        raise AssertionError(f"advisor {' '.join(args)}: exit {p.returncode}: "
                             f"{p.stderr}")
    return json.loads(p.stdout)


class Advise(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.net = advisor.Network.load(NET)
        cls.engine = advisor.Engine(cls.net)

    def test_every_person_as_the_command_says(self):
        ids = self.net.ids()
        self.assertEqual(len(ids), len(self.net))
        self.assertIn("priya-natarajan", ids)
        for pid in ids:
            with self.subTest(person=pid):
                self.assertEqual(
                    self.engine.advise(pid, as_of=DAY),
                    cli("advise", pid, "--as-of", DAY, "--json"))

    def test_incoming_intents_and_drafts(self):
        cases = [
            (dict(direction="incoming"), ["--incoming"]),
            (dict(intents=["learn", "job"]), ["-i", "learn", "-i", "job"]),
            (dict(intents="reconnect"), ["-i", "reconnect"]),
            (dict(drafts=3), ["--drafts", "3"]),
        ]
        for pid in ("priya-natarajan", "lena-fischer", "brent-walker",
                    "gregory-hale"):
            for kw, args in cases:
                with self.subTest(person=pid, request=kw):
                    self.assertEqual(
                        self.engine.advise(pid, as_of=DAY, **kw),
                        cli("advise", pid, "--as-of", DAY, "--json", *args))

    def test_a_note_is_given_and_drafts_differ(self):
        r = self.engine.advise("priya-natarajan", as_of=DAY, drafts=2)
        self.assertEqual(r["verdict"], "connect_with_note")
        self.assertIn("Priya", r["note"])
        self.assertEqual(r["drafts"][0], r["note"])
        self.assertEqual(len(set(r["drafts"])), len(r["drafts"]))

    def test_as_of_takes_a_date(self):
        self.assertEqual(
            self.engine.advise("lena-fischer", as_of=datetime.date(2026, 11, 27)),
            self.engine.advise("lena-fischer", as_of=DAY))

    def test_explain_as_the_command_says(self):
        for pid in ("priya-natarajan", "jose-alvarez", "daniel-osei"):
            with self.subTest(person=pid):
                x = self.engine.explain(pid, as_of=DAY)
                self.assertIn("rules", x)
                self.assertIn("what_if", x)
                self.assertEqual(
                    x, cli("advise", pid, "--as-of", DAY, "--explain", "--json"))

    def test_policy_layer_and_note_limit(self):
        layered = advisor.Engine(self.net, [LAYER], note_limit=120)
        self.assertEqual(layered.policy, "default+policy")
        for pid in ("priya-natarajan", "rafael-souza", "amara-nwosu"):
            with self.subTest(person=pid):
                self.assertEqual(
                    layered.advise(pid, as_of=DAY),
                    cli("advise", pid, "--as-of", DAY, "--json",
                        "--policy", LAYER, "--note-limit", "120"))

    def test_network_from_json(self):
        with open(NET, "rb") as f:
            data = f.read()
        for source in (data, data.decode("utf-8")):
            net = advisor.Network.from_json(source)
            self.assertEqual(net.ids(), self.net.ids())
            self.assertEqual(
                advisor.Engine(net).advise("priya-natarajan", as_of=DAY),
                self.engine.advise("priya-natarajan", as_of=DAY))


class Errors(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.net = advisor.Network.load(NET)
        cls.engine = advisor.Engine(cls.net)

    def test_unknown_person(self):
        with self.assertRaises(advisor.UnknownPerson) as c:
            self.engine.advise("nobody-at-all", as_of=DAY)
        e = c.exception
        self.assertIsInstance(e, advisor.Error)
        self.assertIsInstance(e, LookupError)
        self.assertEqual(e.code, -6)
        self.assertIn('"nobody-at-all"', e.message)
        self.assertEqual(str(e), e.message)
        # The engine stays usable after a failure.
        self.assertEqual(self.engine.advise("lena-fischer", as_of=DAY)["person"],
                         "lena-fischer")

    def test_unknown_intent_lists_the_known_ones(self):
        with self.assertRaises(advisor.UnknownIntent) as c:
            self.engine.advise("lena-fischer", intents=["fame"], as_of=DAY)
        self.assertEqual(c.exception.code, -7)
        self.assertIn("fame", c.exception.message)
        self.assertIn("learn", c.exception.message)
        p = cli("advise", "lena-fischer", "-i", "fame", check=False)
        self.assertNotEqual(p.returncode, 0)
        self.assertIn(c.exception.message, p.stderr)

    def test_bad_date(self):
        with self.assertRaises(advisor.InvalidArgument) as c:
            self.engine.advise("lena-fischer", as_of="2026-13-45")
        self.assertEqual(c.exception.code, -1)
        self.assertIn("2026-13-45", c.exception.message)

    def test_bad_network_file(self):
        with tempfile.TemporaryDirectory() as d:
            bad = os.path.join(d, "bad.json")
            with open(bad, "w") as f:
                f.write('{"format": "advisor-network/1", "people": [\n  {"id": 7}\n]}\n')
            with self.assertRaises(advisor.DataError) as c:
                advisor.Network.load(bad)
            e = c.exception
            self.assertEqual(e.code, -3)
            self.assertIn("bad.json", e.message)
            self.assertTrue(e.path or e.line, e.message)
            with self.assertRaises(advisor.FileError) as c:
                advisor.Network.load(os.path.join(d, "missing.json"))
            self.assertEqual(c.exception.code, -2)
            self.assertIn("missing.json", c.exception.message)

    def test_truncated_json_has_its_line_and_column(self):
        with self.assertRaises(advisor.DataError) as c:
            advisor.Network.from_json('{"format": "advisor-network/1",', "mine")
        self.assertIn("mine", c.exception.message)
        self.assertEqual(c.exception.line, 1)
        self.assertGreater(c.exception.column, 0)

    def test_bad_policy_folder(self):
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "broken.lua"), "w") as f:
                f.write("advisor.rule{ name = \n")
            with self.assertRaises(advisor.PolicyError) as c:
                advisor.Engine(self.net, [d])
            self.assertEqual(c.exception.code, -4)
            self.assertIn("broken.lua", c.exception.message)

    def test_python_arguments_of_the_wrong_type(self):
        with self.assertRaises(TypeError):
            self.engine.advise(42)
        with self.assertRaises(TypeError):
            self.engine.advise("lena-fischer", intents=[1])
        with self.assertRaises(ValueError):
            self.engine.advise("lena-fischer", "sideways")
        with self.assertRaises(ValueError):
            self.engine.advise("lena-fischer", drafts=4)
        with self.assertRaises(TypeError):
            advisor.Engine("network.json")
        with self.assertRaises(TypeError):
            advisor.Engine(self.net, LAYER)  # one folder, not a list
        with self.assertRaises(ValueError):
            advisor.Engine(self.net, note_limit=5)
        with self.assertRaises(TypeError):
            advisor.Network()
        with self.assertRaises(TypeError):
            advisor.Network.from_json(12)


class Threads(unittest.TestCase):
    def test_engines_on_threads_share_one_network(self):
        net = advisor.Network.load(NET)
        ids = net.ids()
        expected = {pid: advisor.Engine(net).advise(pid, as_of=DAY) for pid in ids}
        got, failures = {}, []

        def work(n):
            try:
                engine = advisor.Engine(net)
                for round_ in range(3):
                    for pid in ids[n::4]:
                        got[(n, round_, pid)] = engine.advise(pid, as_of=DAY)
            except Exception as e:  # reported below, not lost in the thread
                failures.append(e)

        threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(failures, [])
        self.assertEqual(len(got), 3 * len(ids))
        for (_, _, pid), result in got.items():
            self.assertEqual(result, expected[pid])

    def test_one_engine_on_threads_takes_turns(self):
        engine = advisor.Engine(advisor.Network.load(NET))
        expected = engine.advise("priya-natarajan", as_of=DAY, drafts=2)
        results, failures = [], []

        def work():
            try:
                for _ in range(20):
                    results.append(engine.advise("priya-natarajan", as_of=DAY,
                                                 drafts=2))
            except Exception as e:
                failures.append(e)

        threads = [threading.Thread(target=work) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(failures, [])
        self.assertEqual(results, [expected] * 80)

    def test_network_outlives_its_name(self):
        engine = advisor.Engine(advisor.Network.load(NET))
        self.assertEqual(len(engine.network), 26)
        self.assertEqual(engine.advise("lena-fischer", as_of=DAY)["person"],
                         "lena-fischer")


if __name__ == "__main__":
    unittest.main()
