#!/bin/bash
# Shell completion: the bash function completes commands, options, intents
# and people, and both completion files know every command and every long
# option that the commands' --help lists.
. "$(dirname "$0")/lib.sh"

# The binary under test is the 'advisor' the completion calls.
ln -s "$bin" "$tmp/advisor"
PATH="$tmp:$PATH"
export ADVISOR_NETWORK="$net"

. "$src/completions/advisor.bash"
complete_words() {
	COMP_WORDS=("$@")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_advisor
	echo "${COMPREPLY[*]}"
}
[ "$(complete_words advisor pa)" = "path" ] || fail "commands: $(complete_words advisor pa)"
[ "$(complete_words advisor advise priya --inc)" = "--incoming" ] || fail "options"
[ "$(complete_words advisor advise priya --intent le)" = "learn" ] || fail "intents"
[ "$(complete_words advisor path "zoe")" = "zoe-muller" ] || fail "people: $(complete_words advisor path zoe)"
[ "$(complete_words advisor path --d)" = "--dot" ] || fail "path options"

# Every command and long option of --help is in both files.
cmds=$("$bin" --help | sed -n '/^Commands:/,/^$/p' | awk 'NF && !/Commands:/ {print $1}')
for c in $cmds; do
	for f in advisor.bash _advisor; do
		grep -qw -- "$c" "$src/completions/$f" || fail "$f lacks the command $c"
	done
	for o in $("$bin" $c --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
		for f in advisor.bash _advisor; do
			grep -qF -- "$o" "$src/completions/$f" || fail "$f lacks $c $o"
		done
	done
done

finish "completion: all passed" failed
