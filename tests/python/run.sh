#!/bin/sh
# The Python module as a user installs it: libadvisor installed into a
# prefix in the build folder, a venv of Debian's python3 (with the system
# site packages, for Debian's setuptools and pip), `pip install --no-build-isolation`
# of a copy of the repository's Python files, offline, then the unittest
# suite, which compares the module's results with the advisor command's.
# Exits 77 (skipped) when python3-dev or python3-venv is missing.
#
# Usage: run.sh BUILD_DIR   (ADVISOR_SOURCE_DIR, ADVISOR_BIN: as for tests/cli)
set -eu
build="$1"
src="$ADVISOR_SOURCE_DIR"
python=/usr/bin/python3
work="$build/python"

[ -x "$python" ] || { echo "SKIP: no $python (Debian: python3)"; exit 77; }
inc=$("$python" -c 'import sysconfig; print(sysconfig.get_paths()["include"])')
[ -f "$inc/Python.h" ] || { echo "SKIP: no Python.h in $inc (Debian: python3-dev)"; exit 77; }
"$python" -c 'import ensurepip, venv' 2>/dev/null ||
	{ echo "SKIP: python3 cannot make a venv (Debian: python3-venv)"; exit 77; }
"$python" -m pip --version >/dev/null 2>&1 ||
	{ echo "SKIP: python3 has no pip (Debian: python3-pip)"; exit 77; }

rm -rf "$work"
mkdir -p "$work/src"
cmake --install "$build" --prefix "$work/prefix" >"$work/install.log" 2>&1 ||
	{ cat "$work/install.log"; echo "FAIL: cmake --install"; exit 1; }
PKG_CONFIG_PATH=$(dirname "$(find "$work/prefix" -name advisor.pc)")
export PKG_CONFIG_PATH

# A copy, so that the build writes nothing into the source tree.
cp -R "$src/pyproject.toml" "$src/setup.py" "$src/python" "$work/src/"
mkdir -p "$work/src/docs" && cp "$src/docs/python.md" "$work/src/docs/"

# Debian's pip, seen through the system site packages, installs into the
# venv it runs in: --without-pip saves the venv its own copy (20 s here).
"$python" -m venv --without-pip --system-site-packages "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --no-build-isolation --no-index \
	--disable-pip-version-check "$work/src" >"$work/pip.log" 2>&1 ||
	{ cat "$work/pip.log"; echo "FAIL: pip install"; exit 1; }

# From the tests' folder, so that `import advisor` is the installed one.
cd "$src/tests/python"
exec "$work/venv/bin/python" -m unittest -v test_advisor
