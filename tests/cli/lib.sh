# tests/cli/lib.sh: what the end-to-end tests of the advisor binary
# (tests/cli/test_*.sh) share.  POSIX sh (test_completion.sh sources it from
# bash).  A test sources it first, with
#
#	. "$(dirname "$0")/lib.sh"
#
# and it provides:
#
#	set -u
#	bin              the binary under test, $ADVISOR_BIN (required)
#	src              the source tree, $ADVISOR_SOURCE_DIR (required)
#	net              the example network, $src/docs/examples/network.json
#	tmp              a fresh temporary folder, removed on exit (EXIT trap)
#	failures         the number of failed checks, 0 at first
#	fail MESSAGE...  print "FAIL: MESSAGE" and count a failure
#	run STATUS ARGS...
#	                 run "$bin" ARGS, stdout to $tmp/out, stderr to $tmp/err;
#	                 a failure unless it exits with STATUS
#	has FILE TEXT    a failure unless $tmp/FILE (out or err) contains TEXT,
#	                 a fixed string
#	lacks FILE TEXT  a failure if $tmp/FILE contains TEXT
#	finish PASSED [FAILED]
#	                 the end: with failures, print "$failures FAILED" (FAILED
#	                 is "failure(s)" by default) and exit 1; else print PASSED
#
# The locale is the script's own business (most set LC_ALL=C.UTF-8).  A
# script that needs a helper of its own with one of these names defines it
# after sourcing this file, and its definition wins.

set -u
bin=${ADVISOR_BIN:?}
src=${ADVISOR_SOURCE_DIR:?}
net="$src/docs/examples/network.json"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

run() {
	want=$1
	shift
	"$bin" "$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	[ "$got" -eq "$want" ] || fail "advisor $*: exit $got, expected $want; stderr: $(cat "$tmp/err")"
}

has() {
	grep -qF -- "$2" "$tmp/$1" || fail "$1 of the last command lacks '$2': $(cat "$tmp/$1")"
}

lacks() {
	if grep -qF -- "$2" "$tmp/$1"; then fail "$1 of the last command has '$2'"; fi
}

finish() {
	if [ "$failures" -ne 0 ]; then
		echo "$failures ${2:-failure(s)}"
		exit 1
	fi
	echo "$1"
}

# A policy layer in DIR whose rule attacks two people of the example
# network: it spins on gregory-hale, and backtracks without end on
# dana-whitfield; everyone else it leaves alone.
hostile_layer() {
	mkdir "$1"
	cat >"$1/spin.lua" <<'LUA'
advisor.rule { name = 'spin', description = 'attacks on two people',
  check = function(person)
    if person.id == 'gregory-hale' then
      while true do pcall(function() while true do end end) end
    end
    if person.id == 'dana-whitfield' then
      local s = ('a'):rep(40)
      return s:find(('a*'):rep(8) .. 'b')
    end
    return nil
  end }
LUA
}
