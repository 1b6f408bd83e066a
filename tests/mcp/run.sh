#!/bin/sh
# `advisor mcp` through the official MCP TypeScript SDK client
# (client.mjs), or with "conformance" the MCP conformance suite through a
# stdio-to-HTTP bridge (conformance.mjs), on a data folder of its own made
# by `advisor init`.  tools/install-deps.sh installs Node and npm if
# missing and runs `npm ci` here; without them this exits 77 (skipped),
# saying what is missing, as the conformance suite does on Node 18 (it
# needs Node 20).
#
# Usage: run.sh [client|conformance]   (ADVISOR_SOURCE_DIR, ADVISOR_BIN: as
# for tests/cli)
set -eu
src="$ADVISOR_SOURCE_DIR"
bin="$ADVISOR_BIN"
here="$src/tests/mcp"

command -v node >/dev/null 2>&1 ||
	{ echo "SKIP: no node (Debian: apt-get install nodejs npm)"; exit 77; }
[ -d "$here/node_modules/@modelcontextprotocol/sdk" ] ||
	{ echo "SKIP: the MCP SDK is not installed: run tools/install-deps.sh (npm ci in tests/mcp)"; exit 77; }

what=${1:-client}
if [ "$what" = conformance ]; then
	major=$(node -p 'process.versions.node.split(".")[0]')
	[ "$major" -ge 20 ] ||
		{ echo "SKIP: the MCP conformance suite needs Node 20 or later; this is Node $(node --version)"; exit 77; }
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/data" "$tmp/cache"
XDG_DATA_HOME="$tmp/data" XDG_CACHE_HOME="$tmp/cache" ADVISOR_NETWORK= \
	"$bin" init --from "$src/docs/examples/network.json" >"$tmp/init.log" 2>&1 ||
	{ cat "$tmp/init.log"; echo "FAIL: advisor init"; exit 1; }
cd "$here"
node "$what.mjs" "$bin" "$tmp/data" "$tmp/cache"
