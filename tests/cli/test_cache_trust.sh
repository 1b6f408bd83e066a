#!/bin/sh
# End to end: the snapshot cache trusts only what it wrote itself.  A FIFO
# or a link planted at a snapshot's name is neither waited on nor followed:
# the command warns, parses the network and answers at once.  An edit in
# place that keeps the size, its modification time set back, is seen.  The
# folder is made 0700 (test_hostile_paths.sh: one others can write to is
# not used).
. "$(dirname "$0")/lib.sh"

# Runs the command with a time limit, so that a hang fails the test
# instead of stopping it.
run_bounded() {
	want=$1
	limit=$2
	shift 2
	timeout "$limit" "$bin" "$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	[ "$got" -ne 124 ] || fail "advisor $*: still running after $limit s"
	[ "$got" -eq "$want" ] || fail "advisor $*: exit $got, expected $want; stderr: $(cat "$tmp/err")"
}

export XDG_CACHE_HOME="$tmp/cache"
umask 000   # what the command makes is private whatever the umask
cp "$net" "$tmp/network.json"
run_bounded 0 20 advise priya-natarajan --network "$tmp/network.json" --as-of 2026-11-27
cp "$tmp/out" "$tmp/parsed"
# The folder, and the parent it needed, were made for this user alone.
[ "$(stat -c %a "$tmp/cache/advisor")" = 700 ] || fail "cache folder made $(stat -c %a "$tmp/cache/advisor"), not 700"
[ "$(stat -c %a "$tmp/cache")" = 700 ] || fail "cache parent made $(stat -c %a "$tmp/cache"), not 700"
snap=$(ls "$tmp/cache/advisor"/network-*.bin)
[ -f "$snap" ] || fail "no snapshot written: $(ls -la "$tmp/cache/advisor")"
[ "$(stat -c %a "$snap")" = 600 ] || fail "snapshot written $(stat -c %a "$snap"), not 600"

# A FIFO in place of the snapshot: never opened for a wait.
rm -f "$snap"
mkfifo "$snap"
run_bounded 0 2 advise priya-natarajan --network "$tmp/network.json" --as-of 2026-11-27
has err "ignored, it is not a regular file; reading $tmp/network.json instead"
cmp -s "$tmp/out" "$tmp/parsed" || fail "with a FIFO for a snapshot, the answer differs"
# The run's own snapshot took the name back.
[ -f "$snap" ] && [ ! -p "$snap" ] || fail "the FIFO was not replaced by a snapshot"
run_bounded 0 20 advise priya-natarajan --network "$tmp/network.json" --as-of 2026-11-27
lacks err "ignored"

# A link in place of the snapshot (here to a good snapshot of the same
# file, which would otherwise load): not followed.
mv "$snap" "$tmp/elsewhere.bin"
ln -s "$tmp/elsewhere.bin" "$snap"
run_bounded 0 20 advise priya-natarajan --network "$tmp/network.json" --as-of 2026-11-27
has err "ignored, it is a link; reading $tmp/network.json instead"
cmp -s "$tmp/out" "$tmp/parsed" || fail "with a link for a snapshot, the answer differs"
[ -f "$snap" ] && [ ! -L "$snap" ] || fail "the link was not replaced by a snapshot"

# A link to a device: not followed, not read.
rm -f "$snap"
ln -s /dev/zero "$snap"
run_bounded 0 5 advise priya-natarajan --network "$tmp/network.json" --as-of 2026-11-27
has err "ignored, it is a link"

# An edit in place that keeps the size, with the modification time set
# back as touch -r, rsync -t or an archive would: the change time gives it
# away, and the next run answers from the edited file.
rm -f "$snap"
run_bounded 0 20 advise priya-natarajan --network "$tmp/network.json" --as-of 2026-11-27
has out "Priya Natarajan (priya-natarajan)"
[ -f "$snap" ] || fail "no snapshot to be fooled by"
touch -r "$tmp/network.json" "$tmp/when"
sed 's/"Priya Natarajan"/"Priya Natarajen"/' "$tmp/network.json" >"$tmp/edited"
cat "$tmp/edited" >"$tmp/network.json"   # the same file (inode), the same size
touch -r "$tmp/when" "$tmp/network.json"
[ "$(wc -c <"$tmp/network.json")" -eq "$(wc -c <"$net")" ] || fail "the edit changed the size"
run_bounded 0 20 advise priya-natarajan --network "$tmp/network.json" --as-of 2026-11-27
has out "Priya Natarajen (priya-natarajan)"
lacks out "Priya Natarajan"

finish "cache trust: all passed"
