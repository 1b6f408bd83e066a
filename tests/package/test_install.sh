#!/bin/sh
# The package, as an embedder gets it: `cmake --install` into a temporary
# prefix, then docs/examples/embed.c built against that copy twice (through
# pkg-config, and through find_package(advisor) with the shared and the
# static library) and run; its advice must be the advisor command's.
#
# Usage: test_install.sh BUILD_DIR   (ADVISOR_SOURCE_DIR: the source tree)
set -eu
build="$1"
src="$ADVISOR_SOURCE_DIR"
cc="${CC:-cc}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix="$tmp/prefix"
net="$src/docs/examples/network.json"
day=2026-11-27
fails=0

fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

cmake --install "$build" --prefix "$prefix" >"$tmp/install.log" 2>&1 ||
	{ cat "$tmp/install.log"; echo "FAIL: cmake --install"; exit 1; }

# --- What is installed --------------------------------------------------
libdir=$(dirname "$(find "$prefix" -name advisor.pc)")
libdir=$(dirname "$libdir")
for f in "$libdir/libadvisor.a" "$libdir/libadvisor.so" \
	"$libdir/pkgconfig/advisor.pc" \
	"$libdir/cmake/advisor/advisorConfig.cmake" \
	"$libdir/cmake/advisor/advisorConfigVersion.cmake" \
	"$libdir/cmake/advisor/advisorTargets.cmake" \
	"$prefix/include/advisor.h" "$prefix/bin/advisor" \
	"$prefix/share/man/man1/advisor.1"; do
	[ -e "$f" ] || fail "not installed: ${f#$prefix/}"
done
for rule in "$src"/scripts/policy/*.lua; do
	[ -f "$prefix/share/advisor/policy/$(basename "$rule")" ] ||
		fail "policy file not installed: $(basename "$rule")"
done

# --- Only advisor_* symbols leave the shared library ---------------------
so=$(readlink -f "$libdir/libadvisor.so")
nm -D --defined-only "$so" | awk '{ print $NF }' >"$tmp/symbols"
[ -s "$tmp/symbols" ] || fail "no symbols exported at all"
grep -v '^advisor_' "$tmp/symbols" >"$tmp/stray" &&
	fail "exported symbols outside advisor_*: $(tr '\n' ' ' <"$tmp/stray")"
# ... and every function the header declares is among them.
grep -v '^#' "$src/include/advisor.h" | grep -o 'ADVISOR_API [^(]*(' |
	sed 's/($//; s/.*[ *]//' | sort -u >"$tmp/declared"
sort -u "$tmp/symbols" | comm -23 "$tmp/declared" - >"$tmp/missing" || true
[ -s "$tmp/missing" ] && fail "declared but not exported: $(tr '\n' ' ' <"$tmp/missing")"

# --- The man page is true to --help -------------------------------------
man="$prefix/share/man/man1/advisor.1"
"$prefix/bin/advisor" --help >"$tmp/help"
sed -n '/^Commands:/,/^$/p' "$tmp/help" | awk 'NF && !/:$/ { print $1 }' >"$tmp/commands"
[ -s "$tmp/commands" ] || fail "no commands found in advisor --help"
for cmd in $(cat "$tmp/commands"); do
	grep -q "^\.B.* $cmd\$\|^\.B $cmd\$\|^\.BI $cmd " "$man" ||
		fail "advisor.1 does not describe the command $cmd"
	"$prefix/bin/advisor" "$cmd" --help >>"$tmp/help"
done
for opt in $(grep -o -- '--[a-z][a-z-]*' "$tmp/help" | sort -u); do
	grep -q -- "$(printf '%s' "$opt" | sed 's/-/\\\\-/g')" "$man" ||
		fail "advisor.1 does not mention $opt"
done
for code in $(sed -n 's/^  \([0-9]\)  .*/\1/p' "$tmp/help"); do
	grep -q "^\.B $code\$" "$man" || fail "advisor.1 lacks exit status $code"
done

# --- The example, three ways ---------------------------------------------
export PKG_CONFIG_PATH="$libdir/pkgconfig"
pkg-config --exists advisor || fail "pkg-config cannot find advisor"
[ "$(pkg-config --modversion advisor)" = "$("$prefix/bin/advisor" --version | cut -d' ' -f2)" ] ||
	fail "advisor.pc has the wrong version"
# shellcheck disable=SC2046
"$cc" -std=c99 -Wall -Wextra -Werror "$src/docs/examples/embed.c" \
	$(pkg-config --cflags --libs advisor) -o "$tmp/embed_pc" ||
	fail "embed.c does not build with pkg-config"

cmake -S "$src/docs/examples/embed" -B "$tmp/cmake" \
	-DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_C_COMPILER="$cc" \
	>"$tmp/cmake.log" 2>&1 &&
	cmake --build "$tmp/cmake" >>"$tmp/cmake.log" 2>&1 ||
	{ cat "$tmp/cmake.log"; fail "embed.c does not build with find_package(advisor)"; }

export LD_LIBRARY_PATH="$libdir"
for exe in "$tmp/embed_pc" "$tmp/cmake/embed" "$tmp/cmake/embed_static"; do
	[ -x "$exe" ] || continue
	name=$(basename "$exe")
	# The shared builds must use the installed library, not another one.
	case $name in
	embed_static) ! ldd "$exe" | grep -q libadvisor || fail "$name links libadvisor.so";;
	*) ldd "$exe" | grep -q "$libdir/libadvisor.so" || fail "$name does not use the installed libadvisor.so";;
	esac

	# A network file: the same verdict, score and reasons as the command.
	for person in priya-natarajan zoe-muller olivia-grant; do
		"$exe" "$net" "$person" $day >"$tmp/out" 2>"$tmp/err" ||
			{ fail "$name $person: exit $?: $(cat "$tmp/err")"; continue; }
		"$prefix/bin/advisor" advise "$person" -n "$net" --as-of $day --json \
			--no-cache >"$tmp/json" 2>/dev/null
		verdict=$(sed 's/.*"verdict":"\([a-z_]*\)".*/\1/' "$tmp/json")
		# The reasons only: what is missing below the threshold names rules too.
		sed 's/],"threshold":.*//' "$tmp/json" >"$tmp/reasons"
		head -n 1 "$tmp/out" | grep -q "^$person: $verdict (score " ||
			fail "$name $person: $(head -n 1 "$tmp/out"), the command says $verdict"
		for rule in $(grep -o '"rule":"[a-z_0-9]*"' "$tmp/reasons" | cut -d'"' -f4); do
			grep -q "^  $rule (" "$tmp/out" || fail "$name $person: reason $rule missing"
		done
		[ "$(grep -c '^  ' "$tmp/out")" = "$(grep -o '"rule":' "$tmp/reasons" | wc -l)" ] ||
			fail "$name $person: reason count differs from the command's"
	done

	# A network built in code: the same advice as the same network in a file.
	"$exe" --built $day >"$tmp/built" 2>"$tmp/err" ||
		{ fail "$name --built: $(cat "$tmp/err")"; continue; }
	[ "$(grep -c '^[a-z]*: [a-z_]* (score ' "$tmp/built")" = 4 ] ||
		fail "$name --built: expected advice on 4 people, got: $(cat "$tmp/built")"
done

# The network embed --built makes, written as a file, for the command.
cat >"$tmp/crm.json" <<'JSON'
{ "format": "advisor-network/1",
  "me": { "id": "me", "name": "Alex Kim", "industry": "Software", "company": "Nimbus Labs" },
  "people": [
    { "id": "zoe", "name": "Zoë Müller", "company": "Orbit", "industry": "Software",
      "connected": true, "connections": ["me"],
      "events": [ { "type": "worked_together", "org": "Orbit", "relation": "peer",
                    "from": "2018-01", "to": "2020-12", "ending": "good" } ] },
    { "id": "priya", "name": "Priya Natarajan", "headline": "Staff Engineer at Orbit",
      "industry": "Software", "seniority": "senior", "connections": ["zoe"],
      "events": [ { "type": "met", "date": "2019-05-03", "context": "PyCon 2019",
                    "tone": "cordial" } ] },
    { "id": "tom", "name": "Tom Okafor", "industry": "Finance", "connections": ["zoe"],
      "events": [ { "type": "introduced", "by": "zoe", "date": "2026-11-20",
                    "note": "Tom is moving into platform work" } ] },
    { "id": "olivia", "name": "Olivia Grant", "industry": "Retail", "followers": 120 } ] }
JSON
: >"$tmp/expected"
for person in zoe priya tom olivia; do
	"$prefix/bin/advisor" advise "$person" -n "$tmp/crm.json" --as-of $day --json \
		--no-cache >"$tmp/json" 2>/dev/null || true
	echo "$person: $(sed 's/.*"verdict":"\([a-z_]*\)".*/\1/' "$tmp/json")" >>"$tmp/expected"
done
if [ -s "$tmp/built" ]; then
	sed -n 's/^\([a-z]*: [a-z_]*\) (score .*/\1/p' "$tmp/built" >"$tmp/got"
	cmp -s "$tmp/got" "$tmp/expected" ||
		fail "embed --built disagrees with the same network as a file: $(cat "$tmp/got") vs $(cat "$tmp/expected")"
	# Not all the same advice, or the comparison says little.
	[ "$(cut -d' ' -f2 "$tmp/expected" | sort -u | wc -l)" -ge 3 ] ||
		fail "the built network gives one verdict to everyone: $(cat "$tmp/expected")"
fi

[ $fails = 0 ] || exit 1
echo "ok: installed package, exports, man page, example via pkg-config and find_package"
