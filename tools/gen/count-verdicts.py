#!/usr/bin/env python3
"""Count verdicts and rules in `advisor batch` output (NDJSON on stdin).

    advisor-gen network --people 100000 -o net.ndjson
    advisor-gen requests --people 100000 --count 100000 -o req.ndjson
    advisor batch --network net.ndjson < req.ndjson | tools/gen/count-verdicts.py

Prints how often each verdict, each rule (among the reasons) and each
deciding rule (the first reason) occurs, and exits 1 if an error line came
back or if a verdict or a rule of the default policy never appeared.
"""
import collections
import json
import sys

VERDICTS = ["connect", "connect_with_note", "wait", "dont_connect",
            "already_connected"]
RULES = ["known", "introduced", "learn", "bad_ending", "romance",
         "job_pending", "stranger", "mutuals"]


def main():
    verdicts = collections.Counter()
    rules = collections.Counter()
    deciding = collections.Counter()
    vetoes = collections.Counter()
    notes = errors = total = 0
    for line in sys.stdin:
        result = json.loads(line)
        total += 1
        if "error" in result:
            errors += 1
            if errors <= 5:
                print("error:", line.strip(), file=sys.stderr)
            continue
        verdicts[result["verdict"]] += 1
        notes += "note" in result
        reasons = result["reasons"]
        for reason in reasons:
            rules[reason["rule"]] += 1
            if reason.get("veto"):
                vetoes[reason["rule"]] += 1
        if reasons:
            deciding[reasons[0]["rule"]] += 1

    def show(title, counter, expected):
        print(title)
        for name in expected + sorted(set(counter) - set(expected)):
            n = counter[name]
            print(f"  {name:18} {n:8}  {100.0 * n / max(total, 1):5.1f}%")

    print(f"{total} results, {errors} errors, {notes} with a note")
    show("verdicts:", verdicts, VERDICTS)
    show("rules among the reasons:", rules, RULES)
    show("deciding rule (first reason):", deciding, RULES)
    show("vetoes applied:", vetoes, ["romance", "bad_ending", "job_pending"])
    missing = [v for v in VERDICTS if not verdicts[v]] + \
              [r for r in RULES if not rules[r]]
    if missing:
        print("never seen:", ", ".join(missing))
    return 1 if errors or missing else 0


if __name__ == "__main__":
    sys.exit(main())
