#!/bin/sh
# The manual page's SYNOPSIS is true to each command's --help: every long
# option a command's --help lists is in that command's synopsis, and the
# synopsis lists no option the command does not take.  (tests/package/
# test_install.sh checks the installed page names every command; this
# checks each one's options, in both directions.)
. "$(dirname "$0")/lib.sh"
man="$src/docs/man/advisor.1"

# The long options of a synopsis block or a --help text, one a line, sorted.
man_options() {
	awk -v cmd="$1" '
		/^\.SH/ { syn = ($0 ~ /SYNOPSIS/) }
		!syn { next }
		/^\.SY/ { inblock = 1; first = 1; name = ""; next }
		/^\.YS/ { inblock = 0; next }
		inblock && first && /^\.B / { name = $2; first = 0; next }
		inblock && name == cmd { print }
	' "$man" | sed 's/\\-/-/g' | grep -oE -- '--[a-z][a-z-]*' | sort -u
}
# In --help: the usage line and the lines that define options (indented,
# starting with the option), not options named in the prose.
help_options() {
	"$bin" "$1" --help 2>&1 |
		awk '/^usage:/ || /^ +(-[a-zA-Z], )?--[a-z]/' |
		grep -oE -- '--[a-z][a-z-]*' | grep -vx -- '--help' | sort -u
}

commands=$("$bin" --help | sed -n '/^Commands:/,/^$/p' | awk 'NF && !/:$/ { print $1 }')
[ -n "$commands" ] || fail "no commands in advisor --help"
checked=0
for cmd in $commands; do
	man_options "$cmd" >"$tmp/man"
	help_options "$cmd" >"$tmp/help"
	if ! grep -qE "^\.B $cmd( |\$)" "$man"; then
		fail "advisor.1: no synopsis for $cmd"
		continue
	fi
	missing=$(comm -13 "$tmp/man" "$tmp/help" | tr '\n' ' ')
	extra=$(comm -23 "$tmp/man" "$tmp/help" | tr '\n' ' ')
	[ -z "$missing" ] || fail "advisor.1: the synopsis of $cmd lacks $missing(in its --help)"
	[ -z "$extra" ] || fail "advisor.1: the synopsis of $cmd has $extra(not in its --help)"
	checked=$((checked + 1))
done
finish "manual: $checked synopses match --help"
