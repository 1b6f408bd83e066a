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

    def test_advise_json_as_batch_prints_it(self):
        lines = ['{"person": "priya-natarajan", "as_of": "%s"}' % DAY,
                 '{"person": "gregory-hale", "direction": "incoming", '
                 '"intent": "job", "as_of": "%s"}' % DAY,
                 '{"person": "nobody-at-all"}', '{"person": 7}', "not json"]
        batch = subprocess.run([BIN, "batch", "--network", NET],
                               input="\n".join(lines) + "\n",
                               capture_output=True, text=True)
        expected = batch.stdout.splitlines()
        got = []
        for n, line in enumerate(lines, 1):
            try:
                got.append(self.engine.advise_json(line))
            except advisor.Error as e:
                got.append(json.dumps({"line": n, "error": e.message},
                                      separators=(",", ":")))
        self.assertEqual(got, expected)
        self.assertEqual(self.engine.advise_json(lines[0].encode()), expected[0])
        with self.assertRaises(TypeError):
            self.engine.advise_json({"person": "priya-natarajan"})

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


def build(doc, name="built"):
    """The network of a document (docs/data-format.md) made through the
    builder, as a program with the data elsewhere would make it."""
    me = doc["me"]
    b = advisor.NetworkBuilder(name, me["id"], me["name"])
    b.set(me["id"], **{k: v for k, v in me.items() if k not in ("id", "name")})
    skip = ("id", "name", "events", "connections")
    for p in doc["people"]:
        b.add_person(p["id"], p["name"],
                     **{k: v for k, v in p.items() if k not in skip})
    for p in doc["people"]:
        for e in p.get("events", []):
            b.add_event(p["id"], e["type"],
                        {k: v for k, v in e.items() if k != "type"})
        for other in p.get("connections", []):
            b.link(p["id"], other)
    return b.seal()


class Builder(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(NET, encoding="utf-8") as f:
            cls.doc = json.load(f)
        cls.net = advisor.Network.load(NET)

    def test_the_example_built_in_code_advises_as_the_file(self):
        built = build(self.doc)
        self.assertEqual(built.ids(), self.net.ids())
        self.assertIsNone(built.path)
        # The file declares its own event type; the builder keeps it with
        # a warning, as a file that does not declare it.
        self.assertTrue(any("conference_talk" in w for w in built.warnings),
                        built.warnings)
        mine, theirs = advisor.Engine(built), advisor.Engine(self.net)
        for pid in self.net.ids():
            with self.subTest(person=pid):
                self.assertEqual(mine.advise(pid, as_of=DAY, drafts=3),
                                 theirs.advise(pid, as_of=DAY, drafts=3))
        for pid in ("priya-natarajan", "daniel-osei"):
            self.assertEqual(mine.explain(pid, as_of=DAY),
                             theirs.explain(pid, as_of=DAY))

    def test_values_by_type(self):
        b = advisor.NetworkBuilder("crm", "me", "Alex Kim")
        b.add_person("sam", "Sam Ortiz", headline="Data engineer", company="Acme",
                     connected=True, connected_on=datetime.date(2024, 2, 1),
                     followers=120, skills=["sql", "spark"],
                     team={"name": "data"})
        b.link("sam", "me")
        b.add_event("sam", "met", date=datetime.date(2023, 5, 3),
                    tone="cordial", where="a meetup")
        net = b.seal()
        self.assertEqual(len(net), 1)
        self.assertEqual(advisor.Engine(net).advise("sam", as_of=DAY)["verdict"],
                         "already_connected")

    def test_seal_refuses_bad_data_and_may_be_corrected(self):
        b = advisor.NetworkBuilder("crm", "me", "Alex Kim")
        b.add_person("sam", "Sam Ortiz")
        b.add_event("sam", "met", date="2023-05-03", tone="furious")
        with self.assertRaises(advisor.DataError) as c:
            b.seal()
        e = c.exception
        self.assertEqual(e.code, -3)
        self.assertIn('crm: people["sam"].events[0].tone', e.message)
        self.assertEqual(e.field, "tone")
        # The builder is unchanged: another person, and it still fails.
        b.add_person("kim", "Kim Lee", company="Acme")
        with self.assertRaises(advisor.DataError):
            b.seal()

    def test_sealed_once(self):
        b = advisor.NetworkBuilder("crm", "me", "Alex Kim")
        b.add_person("sam", "Sam Ortiz")
        net = b.seal()
        self.assertEqual(net.ids(), ["sam"])
        with self.assertRaises(advisor.InvalidArgument) as c:
            b.add_person("kim", "Kim Lee")
        self.assertIn("sealed", c.exception.message)

    def test_refusals(self):
        b = advisor.NetworkBuilder("crm", "me", "Alex Kim")
        b.add_person("sam", "Sam Ortiz")
        with self.assertRaises(advisor.InvalidArgument):
            b.add_person("sam", "Sam Again")
        with self.assertRaises(advisor.InvalidArgument):
            b.add_person("me", "Me Again")
        with self.assertRaises(advisor.UnknownPerson):
            b.set("nobody", company="Acme")
        with self.assertRaises(advisor.UnknownPerson):
            b.add_event("nobody", "met", date="2020-01-01")
        with self.assertRaises(advisor.InvalidArgument):
            b.set("sam", followers=float("nan"))
        with self.assertRaises(advisor.InvalidArgument):
            b.set("sam", events=[])
        with self.assertRaises(advisor.InvalidArgument):
            b.link("sam", "sam")
        with self.assertRaises(TypeError):
            b.set("sam", company=None)
        with self.assertRaises(TypeError):
            b.add_event("sam", "met", date=["2020"])
        with self.assertRaises(TypeError):
            b.add_person(1, "One")
        with self.assertRaises(TypeError):
            b.add_event("sam", "met", "2020-01-01")
        with self.assertRaises(TypeError):
            advisor.NetworkBuilder("crm", "me")
        with self.assertRaises(advisor.InvalidArgument):
            advisor.NetworkBuilder("crm", "", "Alex Kim")

    def test_a_built_network_on_threads(self):
        net = build(self.doc)
        ids = net.ids()
        expected = {pid: advisor.Engine(self.net).advise(pid, as_of=DAY)
                    for pid in ids}
        failures = []

        def work(n):
            try:
                engine = advisor.Engine(net)
                for pid in ids[n::3]:
                    if engine.advise(pid, as_of=DAY) != expected[pid]:
                        failures.append(pid)
            except Exception as e:
                failures.append(e)

        threads = [threading.Thread(target=work, args=(n,)) for n in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(failures, [])


class Limits(unittest.TestCase):
    """The engine's and the loader's limits, as the command's options."""

    @classmethod
    def setUpClass(cls):
        cls.net = advisor.Network.load(NET)

    def assert_cli_says(self, error, *args):
        p = cli("advise", "priya-natarajan", "--as-of", DAY, *args, check=False)
        self.assertNotEqual(p.returncode, 0)
        self.assertIn(error.message, p.stderr)

    def test_max_instructions(self):
        with self.assertRaises(advisor.LimitError) as c:
            advisor.Engine(self.net, max_instructions=1000)
        self.assertEqual(c.exception.code, -5)
        self.assertIn("instruction limit exceeded (1000 instructions)",
                      c.exception.message)
        self.assert_cli_says(c.exception, "--max-instructions", "1000")

    def test_max_memory(self):
        with self.assertRaises(advisor.LimitError) as c:
            advisor.Engine(self.net, max_memory=100_000)
        self.assertIn("memory limit exceeded (100000 bytes)", c.exception.message)
        self.assert_cli_says(c.exception, "--max-memory", "100000")

    def test_time_limit_stops_a_rule_that_never_ends(self):
        # Seconds: loading the policy counts too, and must fit under
        # memcheck.
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "slow.lua"), "w") as f:
                f.write('advisor.rule{ name = "slow", description = "never ends",\n'
                        '  score = 1, check = function() while true do end end }\n')
            engine = advisor.Engine(self.net, [d], time_limit=2.5,
                                    max_instructions=10**12)
            with self.assertRaises(advisor.LimitError) as c:
                engine.advise("priya-natarajan", as_of=DAY)
            self.assertEqual(c.exception.message,
                             "rule slow: time limit exceeded (2500 ms)")
            p = subprocess.run(
                [BIN, "advise", "priya-natarajan", "--network", NET, "-p", d,
                 "--time-limit", "2.5", "--max-instructions", str(10**12)],
                capture_output=True, text=True)
            self.assertIn(c.exception.message, p.stderr)

    def test_generous_limits_change_nothing(self):
        engine = advisor.Engine(self.net, max_instructions=10**9, time_limit=30,
                                max_memory=256 * 1024 * 1024)
        self.assertEqual(
            engine.advise("priya-natarajan", as_of=DAY),
            cli("advise", "priya-natarajan", "--as-of", DAY, "--json",
                "--max-instructions", str(10**9), "--time-limit", "30",
                "--max-memory", "256M"))

    def test_max_size(self):
        with self.assertRaises(advisor.Error) as c:
            advisor.Network.load(NET, max_size=10)
        e = c.exception
        self.assertIn("over the limit of 10 bytes", e.message)
        self.assertEqual(e.field, "max_bytes")
        p = cli("advise", "priya-natarajan", "--max-size", "10", check=False)
        self.assertIn(e.message, p.stderr)
        self.assertEqual(len(advisor.Network.load(NET, max_size=1 << 20)), 26)

    def test_bad_limits(self):
        for kw, exc in [
            (dict(max_instructions="1000"), TypeError),
            (dict(max_instructions=True), TypeError),
            (dict(max_instructions=0), ValueError),
            (dict(max_instructions=10**16), ValueError),
            (dict(time_limit="1"), TypeError),
            (dict(time_limit=0), ValueError),
            (dict(time_limit=0.0001), ValueError),
            (dict(time_limit=86401), ValueError),
            (dict(time_limit=float("nan")), ValueError),
            (dict(max_memory=-1), ValueError),
            (dict(max_memory=1.5), TypeError),
        ]:
            with self.subTest(**kw):
                with self.assertRaises(exc):
                    advisor.Engine(self.net, **kw)
        with self.assertRaises(ValueError):
            advisor.Network.load(NET, max_size=0)
        with self.assertRaises(TypeError):
            advisor.Network.load(NET, max_size="1M")


class Reload(unittest.TestCase):
    """A long-running caller picks up facts recorded meanwhile, and keeps
    what it had when the new file or policy does not load."""

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.dir.name, "network.json")
        with open(NET, encoding="utf-8") as f:
            self.doc = json.load(f)
        self.write(self.doc)

    def tearDown(self):
        self.dir.cleanup()

    def write(self, doc_or_text):
        text = doc_or_text if isinstance(doc_or_text, str) else json.dumps(doc_or_text)
        tmp = self.path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, self.path)  # a new inode: seen even within a second

    def without_priya_events(self):
        doc = json.loads(json.dumps(self.doc))
        for person in doc["people"]:
            if person["id"] == "priya-natarajan":
                person["events"] = []
        return doc

    def test_network_reload(self):
        net = advisor.Network.load(self.path)
        self.assertEqual(net.path, self.path)
        self.assertFalse(net.changed())
        self.assertIs(net.reload(), net)
        self.write(self.without_priya_events())
        self.assertTrue(net.changed())
        fresh = net.reload()
        self.assertIsNot(fresh, net)
        self.assertFalse(fresh.changed())
        self.assertEqual(fresh.path, net.path)
        before = advisor.Engine(net).advise("priya-natarajan", as_of=DAY)
        after = advisor.Engine(fresh).advise("priya-natarajan", as_of=DAY)
        self.assertEqual(before["verdict"], "connect_with_note")
        self.assertNotEqual(after, before)
        self.assertEqual(after, json.loads(subprocess.run(
            [BIN, "advise", "priya-natarajan", "--network", self.path,
             "--as-of", DAY, "--json"], capture_output=True, text=True,
            check=True).stdout))

    def test_engine_reload_keeps_the_old_network_on_failure(self):
        engine = advisor.Engine(advisor.Network.load(self.path, self.dir.name))
        old_net = engine.network
        before = engine.advise("priya-natarajan", as_of=DAY)
        engine.reload()  # nothing changed: the same network
        self.assertIs(engine.network, old_net)
        self.write('{"format": "advisor-network/1", "people": [\n')
        with self.assertRaises(advisor.DataError) as c:
            engine.reload()
        self.assertIn("network.json", c.exception.message)
        self.assertIs(engine.network, old_net)
        self.assertEqual(engine.advise("priya-natarajan", as_of=DAY), before)
        self.write(self.without_priya_events())
        engine.reload()
        self.assertIsNot(engine.network, old_net)
        self.assertNotEqual(engine.advise("priya-natarajan", as_of=DAY), before)

    def test_engine_reload_keeps_the_old_policy_on_failure(self):
        layer = os.path.join(self.dir.name, "policy")
        os.mkdir(layer)
        rule = os.path.join(layer, "mine.lua")
        with open(rule, "w") as f:
            f.write('advisor.rule{ name = "mine", description = "always",\n'
                    '  score = 0.25, check = function() return "always" end }\n')
        engine = advisor.Engine(advisor.Network.load(self.path), [layer])
        before = engine.advise("daniel-osei", as_of=DAY)
        self.assertIn("mine", [r["rule"] for r in before["reasons"]])
        with open(rule, "w") as f:
            f.write("advisor.rule{ name = \n")
        self.write(self.without_priya_events())
        old_net = engine.network
        with self.assertRaises(advisor.PolicyError) as c:
            engine.reload()
        self.assertIn("reload failed, the old policy is kept", c.exception.message)
        self.assertIn("mine.lua", c.exception.message)
        # Neither the policy nor the network changed.
        self.assertIs(engine.network, old_net)
        self.assertEqual(engine.advise("daniel-osei", as_of=DAY), before)
        # The network alone may still be taken up.
        engine.reload(policy=False)
        self.assertIsNot(engine.network, old_net)
        with open(rule, "w") as f:
            f.write('advisor.rule{ name = "mine", description = "always",\n'
                    '  score = 0.5, check = function() return "always" end }\n')
        engine.reload()
        scores = {r["rule"]: r["score"] for r in
                  engine.advise("daniel-osei", as_of=DAY)["reasons"]}
        self.assertEqual(scores["mine"], 0.5)

    def test_engines_on_threads_take_up_one_reloaded_network(self):
        net = advisor.Network.load(self.path)
        engines = [advisor.Engine(net) for _ in range(3)]
        self.write(self.without_priya_events())
        fresh = net.reload()
        for engine in engines:
            engine.reload(fresh, policy=False)
            self.assertIs(engine.network, fresh)

    def test_reloading_while_threads_advise(self):
        # A call holds the network it started with: swapping the engine's
        # network under it, again and again, frees nothing it still reads.
        nets = [advisor.Network.load(self.path),
                build(self.without_priya_events(), "other")]
        answers = [advisor.Engine(n).advise("priya-natarajan", as_of=DAY)
                   for n in nets]
        engine = advisor.Engine(nets[0])
        del nets[0]  # the engine's reference is the only one left
        failures, stop = [], threading.Event()

        def work():
            try:
                while not stop.is_set():
                    if engine.advise("priya-natarajan", as_of=DAY) not in answers:
                        failures.append("an answer of neither network")
            except Exception as e:
                failures.append(e)

        threads = [threading.Thread(target=work) for _ in range(2)]
        for t in threads:
            t.start()
        try:
            for n in range(60):
                fresh = (advisor.Network.load(self.path) if n % 2
                         else build(self.without_priya_events(), "other"))
                engine.reload(fresh, policy=n % 10 == 0)
                del fresh
        finally:
            stop.set()
            for t in threads:
                t.join()
        self.assertEqual(failures, [])

    def test_reload_arguments(self):
        net = advisor.Network.from_json(json.dumps(self.doc))
        self.assertIsNone(net.path)
        self.assertFalse(net.changed())
        with self.assertRaises(TypeError):
            net.reload()
        engine = advisor.Engine(net)
        engine.reload()  # nothing to reload it from: the same network
        self.assertIs(engine.network, net)
        with self.assertRaises(TypeError):
            engine.reload(self.path)


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


def batch(*lines):
    """advisor batch on the request lines, its result lines as dicts."""
    p = subprocess.run([BIN, "batch", "--network", NET], capture_output=True,
                       text=True, input="".join(json.dumps(l) + "\n" for l in lines))
    return [json.loads(line) for line in p.stdout.splitlines()]


class Inline(unittest.TestCase):
    """A person given as a dict: the network's when it names one, else a
    transient person, as the same request in `advisor batch` says."""

    MEI = {"name": "Mei Chen", "headline": "Data Engineer at Nimbus",
           "company": "Nimbus", "profile_url": "https://www.linkedin.com/in/mei-chen-42",
           "title": None}

    @classmethod
    def setUpClass(cls):
        cls.net = advisor.Network.load(NET)
        cls.engine = advisor.Engine(cls.net)

    def test_a_transient_person_as_batch_says(self):
        got = self.engine.advise(self.MEI, as_of=DAY, intents=["learn"])
        self.assertTrue(got["transient"])
        self.assertEqual(got["person"], self.MEI["profile_url"])
        self.assertEqual(got, batch({"person": self.MEI, "as_of": DAY,
                                     "intent": ["learn"]})[0])

    def test_a_name_of_the_network_is_that_person(self):
        got = self.engine.advise({"name": "priya natarajan"}, as_of=DAY)
        self.assertNotIn("transient", got)
        self.assertEqual(got, self.engine.advise("priya-natarajan", as_of=DAY))

    def test_explain_takes_a_person_given_inline(self):
        got = self.engine.explain(self.MEI, as_of=DAY)
        self.assertTrue(got["transient"])
        self.assertIn("rules", got)
        self.assertNotIn("drop_fact", [w["kind"] for w in got["what_if"]])

    def test_bad_inline_people(self):
        with self.assertRaises(advisor.InvalidArgument) as c:
            self.engine.advise({"headline": "CTO"}, as_of=DAY)
        self.assertIn("name is required", c.exception.message)
        with self.assertRaises(ValueError) as c:
            self.engine.advise({"name": "Mei", "age": 3}, as_of=DAY)
        self.assertIn("'age'", str(c.exception))
        with self.assertRaises(TypeError):
            self.engine.advise({"name": 3}, as_of=DAY)
        with self.assertRaises(TypeError):
            self.engine.advise(["Mei"], as_of=DAY)


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
