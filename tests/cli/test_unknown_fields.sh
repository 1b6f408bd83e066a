#!/bin/sh
# End to end: unknown fields cost memory in proportion to their bytes.
# Arrays and objects in fields the format does not define are kept as
# their JSON text, not as a tree of a node a value (some 80 bytes for a
# value of 2): a network of them loads in a small multiple of its size, as
# JSON, as NDJSON and from its snapshot, and a policy still reads them.
. "$(dirname "$0")/lib.sh"
export LC_ALL=C.UTF-8
export HOME="$tmp/home"
mkdir -p "$HOME"

# N people, each with an unknown array of 2,000 zeros, an unknown object,
# and an event with an unknown list; about 4 KB a person.
people=2000
awk -v n="$people" -f /dev/stdin >"$tmp/zeros.json" <<'AWK'
BEGIN {
	zeros = "0"; for (i = 1; i < 2000; i++) zeros = zeros ",0"
	printf "{\"format\":\"advisor-network/1\",\"me\":{\"id\":\"me\",\"name\":\"Me\",\"langs\":[\"fr\",\"de\"]},\"people\":[\n"
	for (p = 1; p <= n; p++)
		printf "%s{\"id\":\"p%d\",\"name\":\"P %d\",\"blob\":[%s],\"meta\":{\"rank\":%d,\"tags\":[\"a\\u00e9\",\"b\"]},\"events\":[{\"type\":\"met\",\"date\":\"2024-05-01\",\"context\":\"PyCon\",\"seats\":[1,2,3]}]}\n", p == 1 ? "" : ",", p, p, zeros, p
	printf "]}\n"
}
AWK
awk -v n="$people" -f /dev/stdin >"$tmp/zeros.ndjson" <<'AWK'
BEGIN {
	zeros = "0"; for (i = 1; i < 2000; i++) zeros = zeros ",0"
	printf "{\"format\":\"advisor-network/1\",\"me\":{\"id\":\"me\",\"name\":\"Me\",\"langs\":[\"fr\",\"de\"]}}\n"
	for (p = 1; p <= n; p++)
		printf "{\"id\":\"p%d\",\"name\":\"P %d\",\"blob\":[%s],\"meta\":{\"rank\":%d,\"tags\":[\"a\\u00e9\",\"b\"]},\"events\":[{\"type\":\"met\",\"date\":\"2024-05-01\",\"context\":\"PyCon\",\"seats\":[1,2,3]}]}\n", p, p, zeros, p
}
AWK

# And N people with 200 small unknown fields each (a node each, as they
# were, cost 22 times the file); one a person is a profile URL, which the
# library reads itself (find by URL).
awk -v n="$people" -f /dev/stdin >"$tmp/small.json" <<'AWK'
BEGIN {
	f = "\"f0\":0"; for (i = 1; i < 200; i++) f = f ",\"f" i "\":" i
	printf "{\"format\":\"advisor-network/1\",\"me\":{\"id\":\"me\",\"name\":\"Me\"},\"people\":[\n"
	for (p = 1; p <= n; p++)
		printf "%s{\"id\":\"p%d\",\"name\":\"P %d\",%s,\"profile_url\":\"https://www.linkedin.com/in/p%d\",\"tag\":\"t%d\"}\n", p == 1 ? "" : ",", p, p, f, p, p
	printf "]}\n"
}
AWK
{ printf '{"format":"advisor-network/1","me":{"id":"me","name":"Me"}}\n'
  sed -e '1d' -e '$d' -e 's/^,//' "$tmp/small.json"; } >"$tmp/small.ndjson"

# A policy that reads them: the array's length and last zero, the object's
# members, the event's list, me's list.
mkdir "$tmp/probe"
cat >"$tmp/probe/probe.lua" <<'LUA'
advisor.rule { name = 'probe', description = 'reads unknown fields', score = 1,
  check = function(person, request)
    local e = person:latest('met')
    return string.format('blob %d %s rank %s %s seats %d me %s',
      #person.blob, math.type(person.blob[2000]), math.type(person.meta.rank),
      person.meta.tags[1], #e.seats, request.me.langs[2])
  end }
LUA
want='blob 2000 integer rank integer a\u00e9 seats 3 me de'

for f in zeros.json zeros.ndjson; do
	run 0 advise p7 --network "$tmp/$f" --no-cache --policy "$tmp/probe" --json
	has out "$want"
	# Then with the cache: the snapshot is written, then read.
	run 0 advise p7 --network "$tmp/$f" --policy "$tmp/probe" --json
	has out "$want"
	run 0 advise p7 --network "$tmp/$f" --policy "$tmp/probe" --json
	has out "$want"
done

mkdir "$tmp/probe2"
cat >"$tmp/probe2/small.lua" <<'LUA'
advisor.rule { name = 'small', description = 'reads small unknown fields', score = 1,
  check = function(person)
    if person.f199 then
      return string.format('f199 %d f0 %d tag %s', person.f199, person.f0, person.tag)
    end
  end }
LUA
for f in small.json small.ndjson; do
	for cache in --no-cache "" ""; do
		run 0 advise p7 --network "$tmp/$f" $cache --policy "$tmp/probe2" --json
		has out 'f199 199 f0 0 tag t7'
		run 0 find https://www.linkedin.com/in/p7 --network "$tmp/$f" $cache
		has out "P 7"
	done
done

# Peak memory against the file's size: it was 80 times the size for the
# zeros (a 32 MB file peaked at 2.5 GB), 22 times for the small fields;
# now the text, a copy or two of it, and the binary's own.  Not under a sanitizer, whose shadow memory is its own.
if ! ldd "$bin" 2>/dev/null | grep -q 'libasan\|libtsan'; then
	/usr/bin/time -f '%M' -o "$tmp/rss0" "$bin" --version >/dev/null 2>&1
	base=$(tail -n 1 "$tmp/rss0")
	for f in zeros.json zeros.ndjson small.json small.ndjson; do
		size=$(( $(wc -c <"$tmp/$f") / 1024 ))
		rm -rf "$HOME/.cache"
		for cache in --no-cache "" ""; do
			/usr/bin/time -f '%M' -o "$tmp/rss" "$bin" find p7 --network "$tmp/$f" \
				$cache >"$tmp/out" 2>"$tmp/err" ||
				fail "$f $cache: $(cat "$tmp/err")"
			rss=$(tail -n 1 "$tmp/rss")
			[ "$rss" -lt $((base + 5 * size)) ] ||
				fail "$f ${cache:-(cache)}: peak RSS $rss KB for a file of $size KB (the binary alone: $base KB); expected under 5 times the file"
		done
	done
fi

# What is kept is checked as strictly as the rest, with the place named.
doc() { printf '{"format":"advisor-network/1","me":{"id":"me","name":"Me"},"people":[%s]}' "$1"; }
doc '{"id":"a","name":"A","x":[1,{"k":1,"k":2}]}' >"$tmp/dup.json"
run 3 advise a --network "$tmp/dup.json" --no-cache
has err 'dup.json: people[0].x[1]: key "k" appears twice; expected each key once'
doc '{"id":"a","name":"A","events":[{"type":"met","date":"2024","x":{"n":[1e999]}}]}' >"$tmp/inf.json"
run 3 advise a --network "$tmp/inf.json" --no-cache
has err 'inf.json: people[0].events[0].x.n[0]: number out of range; expected a finite number'
doc '{"id":"a","name":"A","x":[1,,2]}' >"$tmp/syntax.json"
run 3 advise a --network "$tmp/syntax.json" --no-cache
has err "syntax.json:1:98: invalid JSON near ',2]}]}'"
# A field the format defines that holds an array is refused as before.
doc '{"id":"a","name":["A"]}' >"$tmp/type.json"
run 3 advise a --network "$tmp/type.json" --no-cache
has err 'people[0].name: expected a string, got an array'

finish "ok"
