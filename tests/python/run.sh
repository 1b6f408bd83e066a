#!/bin/sh
# The Python module's suites, in a venv where the module is installed as a
# user installs it (tools/python-venv.sh): test_advisor compares the
# module's results with the advisor command's, test_dask the Dask example's
# output with `advisor batch`.  Exits 77 (skipped) when python3-dev or
# python3-venv is missing.
#
# Usage: run.sh BUILD_DIR [MODE]   (ADVISOR_SOURCE_DIR, ADVISOR_BIN: as for tests/cli)
#   MODE plain (the default): both suites.
#   MODE asan: test_advisor with the extension built with
#     -fsanitize=address,undefined over the sanitizer build's libadvisor,
#     ASan's runtime preloaded into python and Python's allocator off (so
#     that every block is malloc's, which ASan watches).  Leaks are left to
#     the valgrind mode: LeakSanitizer's suppressions match any frame of a
#     stack, and every stack here has the interpreter's.
#   MODE valgrind: test_advisor under memcheck, Python's allocator off; a
#     memory error or a definite leak fails it (Debian's python3.supp
#     covers what the interpreter itself keeps).
set -eu
build="$1"
mode="${2:-plain}"
src="$ADVISOR_SOURCE_DIR"
case "$mode" in
plain) work="$build/python" ;;
asan | valgrind) work="$build/python-$mode" ;;
*) echo "run.sh: unknown mode '$mode' (plain, asan, valgrind)" >&2; exit 2 ;;
esac

if [ "$mode" = asan ]; then
	CFLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"
	LDFLAGS="-fsanitize=address,undefined"
	export CFLAGS LDFLAGS
fi
rc=0
python=$(sh "$src/tools/python-venv.sh" "$src" "$build" "$work") || rc=$?
[ "$rc" -eq 0 ] || exit "$rc"

# From the tests' folder, so that `import advisor` is the installed one.
cd "$src/tests/python"
case "$mode" in
plain)
	exec "$python" -m unittest -v test_advisor test_dask ;;
asan)
	LD_PRELOAD=$(gcc -print-file-name=libasan.so) \
	ASAN_OPTIONS=detect_leaks=0:abort_on_error=0:halt_on_error=1 \
	PYTHONMALLOC=malloc exec "$python" -m unittest -v test_advisor ;;
valgrind)
	PYTHONMALLOC=malloc exec valgrind --quiet --error-exitcode=99 \
		--leak-check=full --errors-for-leak-kinds=definite \
		--show-leak-kinds=definite \
		--suppressions=/usr/lib/valgrind/python3.supp \
		"$python" -m unittest test_advisor ;;
esac
