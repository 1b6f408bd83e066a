#!/bin/sh
# The Python module as a user installs it, for the tests and the benchmark:
# libadvisor installed from BUILD_DIR into WORK/prefix, a venv of Debian's
# python3 in WORK/venv (with the system site packages, for Debian's
# setuptools, pip and Dask), and `pip install --no-build-isolation` of a
# copy of the repository's Python files, offline.  CFLAGS and LDFLAGS, if
# set, reach the extension's compiler (the sanitizer run sets them).
# Prints the venv's python.  Exits 77 (skipped) when python3-dev,
# python3-venv or python3-pip is missing.
#
# Usage: python-venv.sh SOURCE_DIR BUILD_DIR WORK
set -eu
src="$1"
build="$2"
work="$3"
python=/usr/bin/python3

[ -x "$python" ] || { echo "SKIP: no $python (Debian: python3)" >&2; exit 77; }
inc=$("$python" -c 'import sysconfig; print(sysconfig.get_paths()["include"])')
[ -f "$inc/Python.h" ] || { echo "SKIP: no Python.h in $inc (Debian: python3-dev)" >&2; exit 77; }
"$python" -c 'import ensurepip, venv' 2>/dev/null ||
	{ echo "SKIP: python3 cannot make a venv (Debian: python3-venv)" >&2; exit 77; }
"$python" -m pip --version >/dev/null 2>&1 ||
	{ echo "SKIP: python3 has no pip (Debian: python3-pip)" >&2; exit 77; }

case "$build" in /*) ;; *) build="$(pwd)/$build" ;; esac
case "$work" in /*) ;; *) work="$(pwd)/$work" ;; esac
rm -rf "$work"
mkdir -p "$work/src"
cmake --install "$build" --prefix "$work/prefix" >"$work/install.log" 2>&1 ||
	{ cat "$work/install.log" >&2; echo "FAIL: cmake --install" >&2; exit 1; }
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
	{ cat "$work/pip.log" >&2; echo "FAIL: pip install" >&2; exit 1; }
echo "$work/venv/bin/python"
