#!/bin/sh
# Installs what advisor needs to build and test from Debian 12's packages.
# As root it calls apt-get directly (a bare Debian has no sudo); as a user,
# through sudo. The one list of the project's packages: .ci/run uses it too.
# Then Node and npm if missing, and the npm packages of tests/mcp.
set -eu

PACKAGES="build-essential cmake pkg-config liblua5.4-dev libcjson-dev
libcriterion-dev libzip-dev libcsv-dev libutf8proc-dev valgrind clang libclang-rt-14-dev
lua-check zsh bash-completion python3 python3-dev python3-venv python3-pip
python3-distributed faketime time"

if [ "$(id -u)" -eq 0 ]; then
	SUDO=
elif command -v sudo >/dev/null 2>&1; then
	SUDO=sudo
else
	echo "install-deps: not root and no sudo: run this as root" >&2
	exit 1
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086 # the list is split into package names on purpose
$SUDO apt-get install -y -qq $PACKAGES >/dev/null

# Node and npm, for the MCP server's tests (the official TypeScript SDK
# client, tests/mcp/): Debian's nodejs and npm only where there is no npm
# yet, since a Node installed otherwise brings its own npm, which Debian's
# npm package conflicts with.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	$SUDO apt-get install -y -qq nodejs npm >/dev/null
fi
# The SDK at the version package-lock.json pins, from the npm registry.
(cd "$(dirname "$0")/../tests/mcp" && npm ci --no-audit --no-fund --loglevel=error)
