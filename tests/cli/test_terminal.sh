#!/bin/sh
# End to end, at a terminal: what other people wrote (names, companies,
# reasons that quote them) never reaches the terminal as a control
# sequence; the command's own colours do.  Run under a pty with script(1).
. "$(dirname "$0")/lib.sh"

command -v script >/dev/null 2>&1 || { echo "skipped: no script(1)"; exit 0; }

cat >"$tmp/evil.json" <<'JSON'
{ "format": "advisor-network/1", "me": { "id": "me", "name": "Me" },
  "people": [ { "id": "evil",
    "name": "Evil\u001b]0;pwned\u0007 \u001b[32mconnect\u001b[0m \u009b31m Person",
    "company": "X\u001b[2J\b\r" } ] }
JSON

# The command at a terminal; its screen, as bytes, in $tmp/screen.
at_terminal() {
	TERM=xterm script -qec "$*" /dev/null </dev/null >"$tmp/screen" 2>&1
}

ESC=$(printf '\033')
at_terminal "'$bin' find evil --network '$tmp/evil.json' --no-cache"
grep -q "Evil?]0;pwned? ?\[32mconnect?\[0m ?31m Person" "$tmp/screen" ||
	fail "the name's control characters are not shown as '?': $(cat -A "$tmp/screen")"
if grep -q "$ESC" "$tmp/screen"; then fail "an escape reached the terminal: $(cat -A "$tmp/screen")"; fi

at_terminal "'$bin' advise evil --network '$tmp/evil.json' --no-cache"
grep -q "Evil?]0;pwned?" "$tmp/screen" || fail "advise printed the name raw: $(cat -A "$tmp/screen")"
# The verdict in the command's own colour: an escape, but only SGR ones.
grep -q "${ESC}\[1;31mdon't connect${ESC}\[0m" "$tmp/screen" ||
	fail "the command's own colour is missing: $(cat -A "$tmp/screen")"
if tr -d '\r' <"$tmp/screen" | grep "$ESC" | grep -v "${ESC}\[[0-9;]*m" | grep -q "$ESC"; then
	fail "a non-colour escape reached the terminal: $(cat -A "$tmp/screen")"
fi
if grep -q "${ESC}\]" "$tmp/screen"; then fail "a title sequence reached the terminal"; fi

# Not at a terminal (a pipe), the bytes are the data's own, for programs.
run 0 find evil --network "$tmp/evil.json" --no-cache --json
has out '\u001b]0;pwned\u0007'

finish "terminal: all passed"
