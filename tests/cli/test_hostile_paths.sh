#!/bin/sh
# End to end: what a policy folder, its settings and a network path may
# be.  A policy file or settings.json that is a symbolic link (which could
# run, or show in an error, a file the user never meant as policy), a FIFO
# (which would hang the load) or a device is refused with a message naming
# it, and what it points to never reaches the output.  A device as the
# network is refused before a byte is read.  A rule name too long for any
# message does not overflow anything.
. "$(dirname "$0")/lib.sh"

# Runs the command with a time limit, so that a hang fails the test
# instead of stopping it.
run_bounded() {
	want=$1
	shift
	timeout 20 "$bin" "$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	[ "$got" -ne 124 ] || fail "advisor $*: still running after 20 s"
	[ "$got" -eq "$want" ] || fail "advisor $*: exit $got, expected $want; stderr: $(cat "$tmp/err")"
}

echo 'TOPSECRET-do-not-print = 1' >"$tmp/secret.txt"

# A rule file that is a symbolic link.
mkdir "$tmp/linked"
ln -s "$tmp/secret.txt" "$tmp/linked/evil.lua"
run_bounded 4 advise priya-natarajan --network "$net" --no-cache --policy "$tmp/linked"
has err "evil.lua: is a symbolic link"
lacks err "TOPSECRET"
lacks out "TOPSECRET"

# A module that a layer replaces through a symbolic link.
mkdir -p "$tmp/linkedlib/lib"
ln -s "$tmp/secret.txt" "$tmp/linkedlib/lib/notes.lua"
run_bounded 4 advise priya-natarajan --network "$net" --no-cache --policy "$tmp/linkedlib"
has err "lib/notes.lua: is a symbolic link"
lacks err "TOPSECRET"

# settings.json as a symbolic link.
mkdir "$tmp/linkedset"
ln -s "$tmp/secret.txt" "$tmp/linkedset/settings.json"
run_bounded 4 advise priya-natarajan --network "$net" --no-cache --policy "$tmp/linkedset"
has err "settings.json: is a symbolic link"
lacks err "TOPSECRET"

# A FIFO as a rule file, and as settings.json: refused, not waited on.
mkdir "$tmp/fifo" "$tmp/fifoset"
mkfifo "$tmp/fifo/wait.lua" "$tmp/fifoset/settings.json"
run_bounded 4 advise priya-natarajan --network "$net" --no-cache --policy "$tmp/fifo"
has err "wait.lua: is not a plain file"
run_bounded 4 advise priya-natarajan --network "$net" --no-cache --policy "$tmp/fifoset"
has err "settings.json: is not a plain file"

# A case file that is a FIFO, or /dev/stdin from a pipe: refused, not
# waited on (nor read as it is fed); a symbolic link to a case file is
# followed, since it was named on purpose.
mkfifo "$tmp/wait.cases.json"
run_bounded 3 test "$tmp/wait.cases.json"
has err "wait.cases.json: is not a plain file (a folder, FIFO or device)"
printf '{"cases": []}\n' | timeout 20 "$bin" test /dev/stdin >"$tmp/out" 2>"$tmp/err"
got=$?
[ "$got" -eq 3 ] || fail "test /dev/stdin from a pipe: exit $got, expected 3: $(cat "$tmp/err")"
has err "/dev/stdin: is not a plain file (a folder, FIFO or device)"
run_bounded 3 test /dev/zero
has err "/dev/zero: is not a plain file"
mkdir "$tmp/real"
abs_net="$(cd "$(dirname "$net")" && pwd)/$(basename "$net")"
sed "s|\"network\": *\"[^\"]*\"|\"network\": \"$abs_net\"|" \
	"$src/tests/policy/default.cases.json" >"$tmp/real/default.cases.json"
ln -s "$tmp/real/default.cases.json" "$tmp/linked.cases.json"
run_bounded 0 test "$tmp/linked.cases.json"
has out " passed, 0 failed"

# A device as the network: refused at once.
run_bounded 3 advise priya-natarajan --network /dev/zero --no-cache
has err "/dev/zero: is a device"

# A rule name longer than any message, with a value of the wrong type.
mkdir "$tmp/longname"
long=$(printf 'r%.0s' $(seq 1 400))
printf '{ "rules": { "%s": { "score": "high" } } }\n' "$long" >"$tmp/longname/settings.json"
cat >"$tmp/longname/long.lua" <<LUA
advisor.rule { name = '$long', description = 'a long name', score = 1,
  check = function() return nil end }
LUA
run_bounded 4 advise priya-natarajan --network "$net" --no-cache --policy "$tmp/longname"
has err "expected a number"

# A snapshot folder that others can write to is not trusted: the command
# says so, reads the network from its file, and leaves no snapshot there.
mkdir -p "$tmp/opencache/advisor"
chmod 777 "$tmp/opencache/advisor"
XDG_CACHE_HOME="$tmp/opencache" run_bounded 0 advise priya-natarajan --network "$net"
has err "can be written by other users: not used"
has out "priya"
[ -z "$(ls "$tmp/opencache/advisor")" ] || fail "a snapshot was written to a folder others can write: $(ls "$tmp/opencache/advisor")"
# The same folder, once private, is used.
chmod 700 "$tmp/opencache/advisor"
XDG_CACHE_HOME="$tmp/opencache" run_bounded 0 advise priya-natarajan --network "$net"
lacks err "not used"
[ -n "$(ls "$tmp/opencache/advisor")" ] || fail "no snapshot in a private folder"
# A link in place of the folder is not followed.
mkdir -p "$tmp/linkcache" "$tmp/elsewhere"
ln -s "$tmp/elsewhere" "$tmp/linkcache/advisor"
XDG_CACHE_HOME="$tmp/linkcache" run_bounded 0 advise priya-natarajan --network "$net"
has err "is not a folder: not used"

finish "hostile paths: all passed"
