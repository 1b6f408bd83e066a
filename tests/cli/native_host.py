"""advisor native-host through its protocol, as a browser speaks it: each
message a 32-bit length in native byte order, then UTF-8 JSON.  Run by
test_native_host.sh with ADVISOR_BIN and ADVISOR_SOURCE_DIR set.

The answers are compared with what the command prints for the same
question (advise --json, find --json, path --json); bad frames and bad
messages get error replies while the host goes on; frames cut short end
it cleanly; the network is reloaded when its file changes; --install
writes manifests a browser reads.
"""

import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile

BIN = os.environ.get("ADVISOR_BIN")
SRC = os.environ.get("ADVISOR_SOURCE_DIR", "")
NET = os.path.join(SRC, "docs", "examples", "network.json")
DAY = "2026-11-27"
failures = 0


def fail(msg):
    global failures
    failures += 1
    print("FAIL:", msg)


def check(cond, msg):
    if not cond:
        fail(msg)


def frame(obj):
    data = obj if isinstance(obj, bytes) else json.dumps(obj).encode()
    return struct.pack("=I", len(data)) + data


def replies(data):
    """The replies in a host's output, each parsed."""
    out, at = [], 0
    while at + 4 <= len(data):
        (n,) = struct.unpack_from("=I", data, at)
        out.append(json.loads(data[at + 4:at + 4 + n]))
        at += 4 + n
    if at != len(data):
        fail(f"output ends inside a frame: {len(data) - at} bytes left")
    return out


def host(stdin, *args, env=None, expect=0):
    """Run the host on the bytes given; (replies, stderr)."""
    p = subprocess.run([BIN, "native-host", *args], input=stdin,
                       capture_output=True, env=env, timeout=60)
    if p.returncode != expect:
        fail(f"native-host {args}: exit {p.returncode}, expected {expect}: "
             f"{p.stderr.decode()}")
    return replies(p.stdout), p.stderr.decode()


def cli(*args):
    p = subprocess.run([BIN, *args], capture_output=True, text=True)
    if p.returncode != 0:
        fail(f"advisor {args}: exit {p.returncode}: {p.stderr}")
    return p.stdout


class Session:
    """A host kept running, one message at a time (for reloading)."""

    def __init__(self, *args):
        self.p = subprocess.Popen([BIN, "native-host", *args],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE)

    def ask(self, obj):
        self.p.stdin.write(frame(obj))
        self.p.stdin.flush()
        head = self.p.stdout.read(4)
        if len(head) < 4:
            fail("the host ended without replying")
            return {}
        (n,) = struct.unpack("=I", head)
        return json.loads(self.p.stdout.read(n))

    def close(self):
        self.p.stdin.close()
        code = self.p.wait(timeout=30)
        check(code == 0, f"session exit {code}: {self.p.stderr.read().decode()}")


def advise(person, **more):
    req = {"person": person, "as_of": DAY}
    req.update(more)
    return {"command": "advise", "request": req}


def test_answers_as_the_command_does():
    msgs = [
        {"id": 1, "command": "ping"},
        dict(advise("priya-natarajan"), id="a"),
        dict(advise("Priya Natarajan", intent=["learn"]), id=[3]),
        dict(advise("hannah-becker"), explain=True, id=4),
        {"id": 5, "command": "find", "text": "priya"},
        {"id": 6, "command": "path", "person": "amara-nwosu"},
    ]
    got, _ = host(b"".join(frame(m) for m in msgs), "--network", NET,
                  "chrome-extension://abcdefghijklmnopabcdefghijklmnop/")
    check(len(got) == len(msgs), f"{len(got)} replies to {len(msgs)} messages")
    if len(got) != len(msgs):
        return
    for m, r in zip(msgs, got):
        check(r.get("id") == m["id"] and r.get("ok") is True, f"reply {r}")
    check(got[0]["result"]["version"] == cli("--version").split()[-1],
          f"ping: {got[0]}")
    want = json.loads(cli("advise", "priya-natarajan", "--network", NET,
                          "--as-of", DAY, "--json"))
    check(got[1]["result"] == want, f"advise: {got[1]} != {want}")
    want = json.loads(cli("advise", "priya-natarajan", "--network", NET,
                          "--as-of", DAY, "-i", "learn", "--json"))
    check(got[2]["result"] == want, "advise by name")
    want = json.loads(cli("advise", "hannah-becker", "--network", NET,
                          "--as-of", DAY, "--explain", "--json"))
    check(got[3]["result"] == want, "explain")
    want = [json.loads(l) for l in cli("find", "priya", "--network", NET,
                                       "--json").splitlines()]
    check(got[4]["result"] == want, f"find: {got[4]} != {want}")
    want = json.loads(cli("path", "amara-nwosu", "--network", NET, "--json"))
    check(got[5]["result"] == want, f"path: {got[5]} != {want}")


def test_a_person_given_inline():
    mei = {"name": "Mei Chen", "headline": "Data Engineer at Nimbus",
           "profile_url": "https://www.linkedin.com/in/mei-chen-42"}
    known = {"name": "priya natarajan"}
    got, _ = host(frame(advise(mei)) + frame(advise(known)) +
                  frame(dict(advise(mei), explain=True)), "--network", NET)
    check(got[0]["ok"] and got[0]["result"]["transient"] is True and
          got[0]["result"]["person"] == mei["profile_url"], f"inline: {got[0]}")
    check(got[1]["ok"] and got[1]["result"]["person"] == "priya-natarajan" and
          "transient" not in got[1]["result"], f"inline, known: {got[1]}")
    check(got[2]["ok"] and "what_if" in got[2]["result"], f"explain: {got[2]}")


def test_bad_messages_get_errors_and_the_host_goes_on():
    msgs = [
        b"{not json",
        b"[1, 2]",
        b"\xff\xfe",
        b"",
        {"id": 1, "command": "remember"},
        {"id": 2, "command": "advise", "colour": "red"},
        {"id": 3},
        {"id": 4, "command": "advise", "request": {"person": "priya-natarajan",
                                                   "intent": [7]}},
        {"id": 5, "command": "advise", "request": {"person": "nobody-at-all"}},
        {"id": 6, "command": "advise", "request": {"person": "priya-natarajan",
                                                   "intent": ["fame"]}},
        {"id": 7, "command": "find"},
        {"id": 8, "command": "advise", "request": "priya"},
        {"id": 9, "command": "ping"},
    ]
    got, _ = host(b"".join(frame(m) for m in msgs), "--network", NET)
    codes = [r.get("error", {}).get("code") for r in got]
    check(codes == ["bad_message", "bad_message", "bad_message", "bad_message",
                    "unknown_command", "bad_message", "bad_message", "invalid",
                    "not_found", "unknown_intent", "invalid", "invalid", None],
          f"codes: {codes}")
    if len(got) == len(msgs):
        check("invalid UTF-8" in got[2]["error"]["message"], str(got[2]))
        check(got[4]["id"] == 1 and "only reads" in got[4]["error"]["message"],
              str(got[4]))
        check(got[7]["error"].get("path") == "intent[0]", str(got[7]))
        check("nobody-at-all" in got[8]["error"]["message"], str(got[8]))
        check("learn" in got[9]["error"]["message"], str(got[9]))
        check(got[12]["ok"] is True, str(got[12]))


def test_frames_too_long_or_cut_short():
    big = b'{"command": "ping", "pad": "' + b"x" * (2 << 20) + b'"}'
    got, _ = host(frame(big) + frame({"id": 1, "command": "ping"}),
                  "--network", NET)
    check(len(got) == 2 and got[0]["error"]["code"] == "too_large" and
          got[1]["ok"], f"too long: {got}")
    # The length says 100 bytes, 10 come: the host ends, cleanly.
    got, err = host(frame({"id": 1, "command": "ping"}) +
                    struct.pack("=I", 100) + b"0123456789", "--network", NET,
                    expect=2)
    check(len(got) == 1 and got[0]["ok"], f"before the cut: {got}")
    check("ended inside a message (10 of its 100 bytes)" in err, err)
    got, err = host(b"\x05\x00", "--network", NET, expect=2)
    check(got == [] and "inside a message" in err, err)
    # A frame too long whose bytes never come.
    got, err = host(struct.pack("=I", 3 << 20) + b"abc", "--network", NET,
                    expect=2)
    check(len(got) == 1 and got[0]["error"]["code"] == "too_large", str(got))
    # Nothing at all: no reply, exit 0.
    got, _ = host(b"", "--network", NET)
    check(got == [], str(got))


def test_a_reply_over_a_megabyte_is_an_error(tmp):
    people = [{"id": f"p{i}", "name": f"Anna Example {i}",
               "headline": "Engineer at Example " + "x" * 40,
               "company": "Example"} for i in range(12000)]
    path = os.path.join(tmp, "big.json")
    with open(path, "w") as f:
        json.dump({"format": "advisor-network/1",
                   "me": {"id": "me", "name": "Alex Kim"}, "people": people}, f)
    got, _ = host(frame({"id": 1, "command": "find", "text": "anna"}) +
                  frame({"id": 2, "command": "find", "text": "p7"}),
                  "--network", path)
    check(len(got) == 2 and got[0]["id"] == 1 and
          got[0]["error"]["code"] == "too_large" and got[1]["ok"], str(got)[:300])


def test_facts_recorded_meanwhile_are_seen(tmp):
    path = os.path.join(tmp, "network.json")
    shutil.copy(NET, path)
    s = Session("--network", path, "--no-cache")
    before = s.ask(advise("kenji-watanabe"))
    check(before["result"]["verdict"] == "dont_connect", str(before))
    doc = json.load(open(path))
    for p in doc["people"]:
        if p["id"] == "kenji-watanabe":
            p.setdefault("events", []).append(
                {"type": "met", "date": "2026-10-01", "context": "a meetup",
                 "tone": "cordial"})
    with open(path + ".new", "w") as f:
        json.dump(doc, f)
    os.replace(path + ".new", path)
    after = s.ask(advise("kenji-watanabe"))
    check(after["result"]["verdict"] in ("connect", "connect_with_note") and
          "note" not in after, str(after))
    with open(path + ".new", "w") as f:
        f.write('{"format": "advisor-network/1", "people": [')
    os.replace(path + ".new", path)
    kept = s.ask(advise("kenji-watanabe"))
    check(kept["ok"] and kept["result"] == after["result"] and
          "loaded before is used" in kept.get("note", ""), str(kept))
    s.close()


def test_no_network_is_an_error_reply(tmp):
    env = dict(os.environ, HOME=os.path.join(tmp, "empty-home"))
    env.pop("ADVISOR_NETWORK", None)
    env.pop("XDG_DATA_HOME", None)
    got, _ = host(frame(advise("priya")) + frame({"command": "ping"}), env=env)
    check(got[0]["error"]["code"] == "no_network" and got[1]["ok"], str(got))


def test_install_writes_manifests(tmp):
    home = os.path.join(tmp, "home")
    os.makedirs(home)
    env = dict(os.environ, HOME=home)
    env.pop("XDG_CONFIG_HOME", None)
    chrome_id = "abcdefghijklmnopabcdefghijklmnop"
    p = subprocess.run([BIN, "native-host", "--install", "--chrome",
                        "--chromium", "--allow", chrome_id, "--network", NET],
                       capture_output=True, text=True, env=env)
    check(p.returncode == 0, p.stderr)
    for d in (".config/google-chrome/NativeMessagingHosts",
              ".config/chromium/NativeMessagingHosts"):
        path = os.path.join(home, d, "advisor.json")
        check(path in p.stdout, p.stdout)
        m = json.load(open(path))
        check(m["name"] == "advisor" and m["type"] == "stdio" and
              m["allowed_origins"] == [f"chrome-extension://{chrome_id}/"],
              str(m))
        check(os.access(m["path"], os.X_OK), m["path"])
        # What the browser starts answers, with the network given.
        r = subprocess.run([m["path"], f"chrome-extension://{chrome_id}/"],
                           input=frame(advise("priya-natarajan")),
                           capture_output=True, env=env, timeout=60)
        got = replies(r.stdout)
        check(r.returncode == 0 and got and got[0]["ok"], str(got))
    p = subprocess.run([BIN, "native-host", "--install", "--firefox",
                        "--allow", "advisor@example.org"],
                       capture_output=True, text=True, env=env)
    check(p.returncode == 0, p.stderr)
    m = json.load(open(os.path.join(home, ".mozilla/native-messaging-hosts",
                                    "advisor.json")))
    check(m["allowed_extensions"] == ["advisor@example.org"], str(m))
    with open(m["path"]) as f:
        check("--network" not in f.read(), "no --network given, none baked")
    for bad in (["--install", "--chrome", "--allow", "advisor@example.org"],
                ["--install", "--firefox", "--allow", "not an id"],
                ["--install", "--allow", chrome_id],
                ["--install", "--chrome"],
                ["--chrome", "--allow", chrome_id]):
        p = subprocess.run([BIN, "native-host", *bad], capture_output=True,
                           text=True, env=env)
        check(p.returncode == 2 and p.stderr.startswith("advisor: native-host:"),
              f"{bad}: exit {p.returncode}: {p.stderr}")


def session():
    """A session of every kind of message, framed (the valgrind test's)."""
    msgs = [{"id": 1, "command": "ping"}, advise("priya-natarajan"),
            dict(advise("hannah-becker"), explain=True),
            advise({"name": "Mei Chen", "profile_url":
                    "https://www.linkedin.com/in/mei"}),
            advise({"name": "priya natarajan"}),
            {"command": "find", "text": "priya"},
            {"command": "path", "person": "amara-nwosu"},
            b"{not json", b"", b"[1]", {"command": "remember"},
            {"command": "advise", "request": {"person": "nobody"}},
            {"command": "advise", "request": {"person": "priya-natarajan",
                                              "intent": ["fame"]}}]
    data = b"".join(frame(m) for m in msgs)
    data += frame(b'{"pad": "' + b"x" * (2 << 20) + b'"}')
    data += frame({"command": "ping"}) + struct.pack("=I", 100) + b"cut"
    sys.stdout.buffer.write(data)


def main():
    if sys.argv[1:] == ["--session"]:
        session()
        return
    if not BIN:
        sys.exit("ADVISOR_BIN is not set")
    p = subprocess.run([BIN, "native-host", "--help"], capture_output=True,
                       text=True)
    check(p.returncode == 0 and "usage: advisor native-host" in p.stdout, p.stdout)
    tmp = tempfile.mkdtemp()
    try:
        test_answers_as_the_command_does()
        test_a_person_given_inline()
        test_bad_messages_get_errors_and_the_host_goes_on()
        test_frames_too_long_or_cut_short()
        test_a_reply_over_a_megabyte_is_an_error(tmp)
        test_facts_recorded_meanwhile_are_seen(tmp)
        test_no_network_is_an_error_reply(tmp)
        test_install_writes_manifests(tmp)
    finally:
        shutil.rmtree(tmp)
    if failures:
        print(f"{failures} failure(s)")
        sys.exit(1)
    print("native-host: every check passed")


main()
