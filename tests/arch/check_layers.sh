#!/bin/sh
# The library's folders are layers, and an include may only point down
# them: a file in core/<layer>/ includes headers of its own layer and of the
# layers listed for it below, as "layer/name.h", and nothing else of core/.
# The command (core/cli/) is a client of the public header only.  Prints
# every include that points the wrong way and fails if there is one.
#
# Usage: check_layers.sh [CORE_DIR]   (default: core/ beside tests/)

core=${1:-$(dirname "$0")/../../core}

# layer: the layers it may include (besides itself), lowest first.
allowed() {
	case $1 in
	util) echo "" ;;
	json) echo "util" ;;
	network) echo "util json" ;;
	load) echo "util json network" ;;
	snapshot) echo "util json network load" ;;
	import) echo "util json" ;;
	store) echo "util json import" ;;
	lua) echo "util json network" ;;
	engine) echo "util json network load lua" ;;
	explain) echo "util json network lua engine" ;;
	worker) echo "util json network load lua engine" ;;
	plan) echo "util json network load lua engine" ;;
	*) return 1 ;;
	esac
}

bad=0
complain() {
	echo "$1"
	bad=$((bad + 1))
}

for f in "$core"/*; do
	[ -f "$f" ] && complain "${f#"$core"/}: a file outside any layer folder"
done

for dir in "$core"/*/; do
	layer=$(basename "$dir")
	if [ "$layer" = cli ]; then
		ok=""
	elif ! ok=$(allowed "$layer"); then
		echo "core/$layer/: a folder that is not a known layer (add it to tests/arch/check_layers.sh and HACKING.md)"
		continue
	fi
	for f in "$dir"*.c "$dir"*.h; do
		[ -f "$f" ] || continue
		rel=core/$layer/$(basename "$f")
		# Every local include, with its line number.
		grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" |
		sed 's/^\([0-9]*\):[^"]*"\([^"]*\)".*/\1 \2/' |
		while read -r line inc; do
			case $inc in
			advisor.h) continue ;;
			esac
			if [ "$layer" = cli ]; then
				case $inc in
				*/*) echo "$rel:$line: includes \"$inc\": the command may use the public header (advisor.h) only" ;;
				esac
				continue
			fi
			case $inc in
			*/*) to=${inc%%/*} ;;
			*) echo "$rel:$line: includes \"$inc\": write it as \"layer/$inc\""; continue ;;
			esac
			[ "$to" = "$layer" ] && continue
			case " $ok " in
			*" $to "*) ;;
			*) echo "$rel:$line: includes \"$inc\": $layer may include ${ok:-no other layer}${ok:+ only}, not $to" ;;
			esac
		done
	done
done > "${TMPDIR:-/tmp}/check_layers.$$"

n=$(wc -l < "${TMPDIR:-/tmp}/check_layers.$$")
cat "${TMPDIR:-/tmp}/check_layers.$$"
rm -f "${TMPDIR:-/tmp}/check_layers.$$"
if [ "$bad" -ne 0 ] || [ "$n" -ne 0 ]; then
	echo "check_layers: $((bad + n)) include(s) or file(s) out of place"
	exit 1
fi
echo "check_layers: every include points down the layers"
