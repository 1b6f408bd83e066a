#!/bin/sh
# The product stands on its own: no page, help text, message or comment
# points to a design document or to a folder outside the repository.
set -u
src=${ADVISOR_SOURCE_DIR:-$(dirname "$0")/../..}
bin=${ADVISOR_BIN:-$src/build/advisor}
fail=0

hits=$(cd "$src" && grep -rnE 'DESIGN(\.md)?\b|\.\./shared' README.md HACKING.md docs \
	core include scripts completions cmake 2>/dev/null)
if [ -n "$hits" ]; then
	echo "FAIL: references outside the product:"
	echo "$hits"
	fail=1
fi
for cmd in advise batch find path init remember forget import triage rules test diff; do
	if "$bin" "$cmd" --help 2>&1 | grep -qE 'DESIGN|\.\./shared'; then
		echo "FAIL: advisor $cmd --help points outside the product"
		fail=1
	fi
done
[ $fail -eq 0 ] && echo "standalone: 2 passed, 0 failed"
exit $fail
