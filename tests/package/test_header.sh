#!/bin/sh
# The public header compiles alone as C99, C11 and C++11, under strict
# warnings: an embedder's compiler settings must not trip over it.
set -eu
src="$ADVISOR_SOURCE_DIR"
cc="${CC:-cc}"
cxx="${CXX:-c++}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for std in c99 c11; do
	"$cc" -std=$std -pedantic -Wall -Wextra -Werror -Wshadow \
		-Wstrict-prototypes -Wmissing-prototypes -I"$src/include" \
		-c "$src/tests/unit/header_alone.c" -o "$tmp/h.o" ||
		{ echo "FAIL: advisor.h as $std"; exit 1; }
done
"$cxx" -std=c++11 -pedantic -Wall -Wextra -Werror -Wshadow \
	-I"$src/include" -x c++ -c "$src/tests/unit/header_alone.c" -o "$tmp/h.o" ||
	{ echo "FAIL: advisor.h as C++11"; exit 1; }
# C++ callers link against C names: no mangling in the header's declarations.
nm "$tmp/h.o" | grep -q ' U advisor_version$' ||
	{ echo "FAIL: advisor_version is mangled in C++"; exit 1; }

# Every function the header declares is named on the map of docs/api.md
# (its contract is the comment above it here), and every declaration has a
# doc comment just above it.
missing=""
for fn in $(grep -v '^#' "$src/include/advisor.h" | grep -o 'ADVISOR_API [^(]*(' |
		sed 's/($//; s/.*[ *]//'); do
	grep -q "\`$fn\`" "$src/docs/api.md" || missing="$missing $fn"
done
[ -z "$missing" ] || { echo "FAIL: not in docs/api.md:$missing"; exit 1; }
undocumented=$(awk '
	/^ADVISOR_API|^typedef (struct|enum)/ {
		if (prev !~ /\*\/[ \t]*$/) print FILENAME ":" NR ": " $0
	}
	{ if ($0 !~ /^[ \t]*$/) prev = $0 }' "$src/include/advisor.h")
[ -z "$undocumented" ] || { echo "FAIL: no doc comment above:"; echo "$undocumented"; exit 1; }
# One error channel: every function that returns a status (int) takes an
# advisor_error * as its last parameter, every one that takes an
# advisor_error returns a status, and no handle keeps a last error.
channel=$(awk '
	/^ADVISOR_API/ { d = "" ; open = 1 }
	open { d = d " " $0 }
	open && /;/ {
		open = 0
		gsub(/[ \t]+/, " ", d)
		is_int = d ~ /^ ADVISOR_API int /
		err_last = d ~ /advisor_error \*[a-z_]+\);/
		if (is_int != err_last || d ~ /_last_error\(/) print d
	}' "$src/include/advisor.h")
[ -z "$channel" ] || { echo "FAIL: not on the one error channel:"; echo "$channel"; exit 1; }
echo "ok: advisor.h alone as C99, C11 and C++11; every function documented; one error channel"
