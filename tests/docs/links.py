#!/usr/bin/env python3
"""Every link between the pages goes somewhere: each relative link in
README.md, HACKING.md and docs/*.md names a file of the repository, and
each #anchor a heading of its page (as GitHub makes anchors of headings).

Links to the web are not followed (the tests run offline).

Usage: links.py [--src ROOT]
Prints each broken link as PAGE:LINE; exits 1 if there is one.
"""
import argparse
import os
import re
import sys

LINK = re.compile(r"\[(?:[^\]\[]|\[[^\]]*\])*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")


def slug(heading):
    """The anchor GitHub gives a heading: lower case, punctuation but
    hyphens and underscores dropped, each space a hyphen."""
    text = re.sub(r"`|\*\*|\*|<[^>]+>", "", heading).strip().lower()
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return "".join(c for c in text if c.isalnum() or c in " -_").replace(" ", "-")


def anchors(path):
    seen = {}
    out = set()
    in_fence = False
    with open(path, encoding="utf-8") as f:
        for line in f:
            if FENCE.match(line):
                in_fence = not in_fence
                continue
            m = not in_fence and HEADING.match(line)
            if not m:
                continue
            s = slug(m.group(2))
            n = seen.get(s, 0)
            seen[s] = n + 1
            out.add(s if n == 0 else f"{s}-{n}")
    for m in re.finditer(r'<a (?:name|id)="([^"]+)"', open(path, encoding="utf-8").read()):
        out.add(m.group(1))
    return out


def links(path):
    in_fence = False
    with open(path, encoding="utf-8") as f:
        for no, line in enumerate(f, 1):
            if FENCE.match(line):
                in_fence = not in_fence
                continue
            if in_fence:
                continue
            # Inline code is not a link.
            for m in LINK.finditer(re.sub(r"`[^`]*`", "", line)):
                yield no, m.group(1)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--src", default=".")
    args = p.parse_args()
    root = os.path.abspath(args.src)
    docs = os.path.join(root, "docs")
    pages = [os.path.join(root, "README.md"), os.path.join(root, "HACKING.md")] + sorted(
        os.path.join(docs, n) for n in os.listdir(docs) if n.endswith(".md"))
    cache = {}
    broken = count = 0
    for page in pages:
        for no, target in links(page):
            if re.match(r"^[a-z][a-z0-9+.-]*:", target):
                continue  # https:, mailto: ...
            count += 1
            file, _, anchor = target.partition("#")
            dest = os.path.normpath(os.path.join(os.path.dirname(page), file)) if file else page
            where = f"{os.path.relpath(page, root)}:{no}"
            if not os.path.exists(dest):
                print(f"{where}: {target}: no such file")
                broken += 1
                continue
            if anchor and dest.endswith(".md"):
                if dest not in cache:
                    cache[dest] = anchors(dest)
                if anchor not in cache[dest]:
                    print(f"{where}: {target}: {os.path.relpath(dest, root)} has no heading #{anchor}")
                    broken += 1
    print(f"links: {count - broken} of {count} links go somewhere")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
