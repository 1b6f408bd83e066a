#!/bin/sh
# The layer check passes on the library as it is, and fails, naming the
# file and line, on a tree with includes that point the wrong way.
set -u
here=$(dirname "$0")
src=${ADVISOR_SOURCE_DIR:-$here/../..}
fail=0

if ! out=$(sh "$here/check_layers.sh" "$src/core"); then
	echo "FAIL: the library breaks its own layers:"
	echo "$out"
	fail=1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/core/util" "$tmp/core/network" "$tmp/core/engine" "$tmp/core/cli" "$tmp/core/attic"
printf '#include "network/network.h"\n' > "$tmp/core/util/date.c"
printf '#include "util/date.h"\n#include "engine/engine.h"\n' > "$tmp/core/network/graph.c"
printf '#include "lua/vm.h"\n#include "network/graph.h"\n' > "$tmp/core/engine/engine.c"
printf '#include "date.h"\n' > "$tmp/core/engine/result.c"
printf '#include "cli.h"\n#include "engine/engine.h"\n' > "$tmp/core/cli/main.c"
: > "$tmp/core/stray.c"
out=$(sh "$here/check_layers.sh" "$tmp/core") && {
	echo "FAIL: a tree with wrong includes passed"
	fail=1
}
for want in \
	'core/util/date.c:1: includes "network/network.h": util may include no other layer, not network' \
	'core/network/graph.c:2: includes "engine/engine.h": network may include util json only, not engine' \
	'core/engine/result.c:1: includes "date.h": write it as "layer/date.h"' \
	'core/cli/main.c:2: includes "engine/engine.h": the command may use the public header (advisor.h) only' \
	'core/attic/: a folder that is not a known layer' \
	'stray.c: a file outside any layer folder'; do
	case $out in
	*"$want"*) ;;
	*) echo "FAIL: expected the check to say: $want"; echo "$out"; fail=1 ;;
	esac
done
case $out in
*"engine/engine.c"*) echo "FAIL: downward includes were reported:"; echo "$out"; fail=1 ;;
esac

[ $fail -eq 0 ] && echo "layers: 2 passed, 0 failed"
exit $fail
