#!/usr/bin/env python3
"""The docs are true: every transcript in README.md and docs/*.md is run
and its output compared with what the page shows.

A transcript is a fenced block whose lines start with "$ " (a command; a
line ending in a backslash continues it) followed by the output the page
shows for it (stdout and stderr together, as a terminal shows them).
Each page runs in a fresh folder of its own that has the repository's
docs/ and tests/ in it, the files of tests/docs/files/PAGE/ copied in
(PAGE the page's name without .md), and
`advisor` on PATH; HOME is inside it (the XDG folders its defaults), so
the data folder starts empty, and ~/Downloads holds the realistic export
(tests/fixtures/realistic-export) zipped as LinkedIn names it.  Today is
2026-12-02 (faketime), the day that export was made.  Commands of one page run in order, and what one
writes the next sees.

In the shown output, a line "..." stands for any number of lines, and
"..." inside a line for any text.  A
command shown with no output must print nothing.  `$ cat FILE` whose
FILE does not exist yet makes it, with the shown lines: that is how a
page shows a file and the commands that use it.

A block preceded by the line `<!-- not run: REASON -->` is not run (say
why: it needs a LinkedIn export in ~/Downloads, Graphviz, ...).

Usage: transcripts.py [--bin ADVISOR] [--src ROOT] [--update] [PAGE...]
Prints each difference as PAGE:LINE and a diff; exits 1 if there is one.
--update writes what the run printed into the page instead, for every
transcript without a "..." (those it still reports): read the
result with `git diff` before committing it.
"""
import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

TODAY = "2026-12-02 12:00:00"
EXPORT = "Complete_LinkedInDataExport_12-02-2026.zip"

NOT_RUN = re.compile(r"^<!-- not run: .+ -->$")


def transcripts(text):
    """Yield (line number, [(cmd, cmd line number, [expected lines],
    line number of the first expected line)])."""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        if not lines[i].startswith("```"):
            i += 1
            continue
        start = i
        skip = start > 0 and NOT_RUN.match(lines[start - 1].strip() or
                                           (lines[start - 2].strip() if start > 1 else ""))
        i += 1
        body = []
        while i < len(lines) and not lines[i].startswith("```"):
            body.append((i + 1, lines[i]))
            i += 1
        i += 1
        if skip or not body or not body[0][1].startswith("$ "):
            continue
        steps = []
        j = 0
        while j < len(body):
            no, line = body[j]
            if line.startswith("$ "):
                cmd = line[2:]
                while cmd.endswith("\\") and j + 1 < len(body):
                    j += 1
                    cmd = cmd[:-1] + "\n" + body[j][1]
                steps.append((cmd, no, [], body[j + 1][0] if j + 1 < len(body) else body[j][0] + 1))
            else:
                steps[-1][2].append(line)
            j += 1
        yield start + 1, steps


def trailing_blanks(lines):
    """How many blank lines end lines: a page's space between commands."""
    n = 0
    while n < len(lines) and not lines[len(lines) - 1 - n].strip():
        n += 1
    return n


def matches(expected, actual):
    """Whether actual fits expected, a "..." line matching any lines."""
    if not expected:
        return not actual
    if expected[0].strip() == "...":
        return any(matches(expected[1:], actual[k:]) for k in range(len(actual) + 1))
    return bool(actual) and line_matches(expected[0], actual[0]) \
        and matches(expected[1:], actual[1:])


def line_matches(expected, actual):
    """Whether one line fits, a "..." inside it matching any text."""
    expected, actual = expected.rstrip(), actual.rstrip()
    if "..." not in expected:
        return expected == actual
    pattern = ".*".join(re.escape(part) for part in expected.split("..."))
    return re.fullmatch(pattern, actual) is not None


def run_page(page, args):
    # Short: Lua cuts the file names of its chunks at 60 bytes.
    root = tempfile.mkdtemp(prefix="adv-", dir="/tmp")
    try:
        work = os.path.join(root, "work")
        os.mkdir(work)
        for name in ("docs", "tests"):
            os.symlink(os.path.join(args.src, name), os.path.join(work, name))
        stem = os.path.splitext(os.path.basename(page))[0]
        files = os.path.join(args.src, "tests", "docs", "files", stem)
        if os.path.isdir(files):
            for name in os.listdir(files):
                src = os.path.join(files, name)
                dst = os.path.join(work, name)
                (shutil.copytree if os.path.isdir(src) else shutil.copy)(src, dst)
        bindir = os.path.join(root, "bin")
        os.mkdir(bindir)
        os.symlink(os.path.abspath(args.bin), os.path.join(bindir, "advisor"))
        env = {
            "PATH": bindir + ":/usr/bin:/bin",
            # No XDG_* variables: the folders are the defaults under HOME,
            # as the pages show them (~/.local/share/advisor, ...).
            "HOME": os.path.join(root, "home"),
            "LC_ALL": "C.UTF-8",
            # faketime is preloaded before an ASan build's runtime.
            "ASAN_OPTIONS": ":".join(filter(None, [os.environ.get("ASAN_OPTIONS"),
                                                   "verify_asan_link_order=0"])),
            "TERM": "dumb",
            "COLUMNS": "80",
        }
        downloads = os.path.join(env["HOME"], "Downloads")
        os.makedirs(downloads)
        export = os.path.join(args.src, "tests", "fixtures", "realistic-export")
        with zipfile.ZipFile(os.path.join(downloads, EXPORT), "w") as z:
            for name in sorted(os.listdir(export)):
                if name.endswith(".csv"):
                    z.write(os.path.join(export, name), name)
        with open(os.path.join(args.src, page), encoding="utf-8") as f:
            text = f.read()
        failures = 0
        count = 0
        edits = []
        for _, steps in transcripts(text):
            for cmd, no, expected, out_no in steps:
                count += 1
                m = re.fullmatch(r"cat (~/)?([\w./-]+)", cmd.strip())
                path = m and os.path.join(env["HOME"] if m.group(1) else work, m.group(2))
                if m and not os.path.exists(path):
                    os.makedirs(os.path.dirname(path), exist_ok=True)
                    with open(path, "w", encoding="utf-8") as f:
                        f.write("\n".join(expected) + "\n")
                    continue
                if cmd.strip() == "echo $?":
                    # Each command runs in a shell of its own: the status
                    # shown is the one the command before it left.
                    actual = [env.get("ADVISOR_DOCS_LAST", "0")]
                else:
                    try:
                        out = subprocess.run(["faketime", TODAY, "sh", "-c", cmd + "\nstatus=$?; echo $status > \"$ADVISOR_DOCS_STATUS\""],
                                             cwd=work, env=dict(env, ADVISOR_DOCS_STATUS=os.path.join(root, "status")),
                                             stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                             stderr=subprocess.STDOUT, timeout=60).stdout
                    except subprocess.TimeoutExpired:
                        print(f"{page}:{no}: $ {cmd}\n  did not finish in 60 s")
                        failures += 1
                        continue
                    actual = out.decode("utf-8", "replace").replace(env["HOME"], "/home/you") \
                        .replace(root, "/tmp/x").split("\n")
                    if actual and actual[-1] == "":
                        actual.pop()
                    with open(os.path.join(root, "status")) as f:
                        env["ADVISOR_DOCS_LAST"] = f.read().strip()
                blanks = trailing_blanks(expected)
                shown = expected[:len(expected) - blanks]
                if not matches(shown, actual[:len(actual) - trailing_blanks(actual)]):
                    if args.update and not any("..." in e for e in expected):
                        edits.append((out_no, len(expected), actual + [""] * blanks))
                        continue
                    failures += 1
                    print(f"{page}:{no}: $ {cmd}")
                    for d in difflib.unified_diff(expected, actual, "the page", "the run", lineterm="", n=1):
                        print("  " + d)
        if edits:
            lines = text.split("\n")
            for out_no, n, actual in reversed(edits):
                lines[out_no - 1:out_no - 1 + n] = actual
            with open(os.path.join(args.src, page), "w", encoding="utf-8") as f:
                f.write("\n".join(lines))
            print(f"{page}: {len(edits)} transcripts updated to what the run printed")
        return count, failures
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bin", default=os.environ.get("ADVISOR_BIN", "build/advisor"))
    p.add_argument("--src", default=os.environ.get("ADVISOR_SOURCE_DIR", "."))
    p.add_argument("--update", action="store_true",
                   help="write the run's output into the pages (transcripts without \"...\")")
    p.add_argument("pages", nargs="*")
    args = p.parse_args()
    args.src = os.path.abspath(args.src)
    if not shutil.which("faketime"):
        print("transcripts: faketime is missing (Debian's faketime package; tools/install-deps.sh installs it)")
        return 1
    pages = args.pages or ["README.md"] + sorted(
        os.path.join("docs", n) for n in os.listdir(os.path.join(args.src, "docs")) if n.endswith(".md"))
    total = failed = 0
    for page in pages:
        c, f = run_page(page, args)
        total += c
        failed += f
    print(f"transcripts: {total - failed} commands as shown, {failed} differ")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
