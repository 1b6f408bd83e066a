#!/bin/sh
# End-to-end tests of `advisor native-host` through the browsers' protocol:
# tests/cli/native_host.py frames the messages as Chrome and Firefox do.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || { echo "SKIP: no python3"; exit 77; }
exec python3 "$src/tests/cli/native_host.py"
