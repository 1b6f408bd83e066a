#!/bin/sh
# End to end: hostile network files and request lines.  Each bad network
# makes `advisor advise` exit with 3 (bad data) and a message naming the
# file, never die by a signal; bad request lines in `advisor batch` each
# get an error object, the good lines between them an answer, exit 6.
. "$(dirname "$0")/lib.sh"

header='{"format":"advisor-network/1","me":{"id":"me","name":"Me"}}'
ann='{"id":"ann","name":"Ann"'
doc() { printf '{"format":"advisor-network/1","me":{"id":"me","name":"Me"},"people":[%s]}' "$1"; }

# expect_bad NAME: advise on ann from $tmp/NAME; exit 3, the file named.
expect_bad() {
	"$bin" advise ann --network "$tmp/$1" --no-cache --as-of 2026-01-01 \
		>"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" -ge 128 ]; then
		fail "$1: killed by signal $((got - 128))"
	elif [ "$got" -ne 3 ]; then
		fail "$1: exit $got, expected 3: $(cat "$tmp/err")"
	fi
	grep -q "^advisor: $tmp/$1" "$tmp/err" || fail "$1: the message does not name the file: $(cat "$tmp/err")"
	[ -s "$tmp/out" ] && fail "$1: something on stdout: $(cat "$tmp/out")"
	rm -f "$tmp/$1"
}

# NDJSON networks.
: >"$tmp/empty.ndjson"; expect_bad empty.ndjson
head -c 4096 "$bin" >"$tmp/binary.ndjson"; expect_bad binary.ndjson
printf '%s\n%s,"connections":["me"' "$header" "$ann" >"$tmp/truncated.ndjson"; expect_bad truncated.ndjson
printf '%s\n%s} trailing\n' "$header" "$ann" >"$tmp/trailing.ndjson"; expect_bad trailing.ndjson
printf '%s\n%s,"name":"Anne"}\n' "$header" "$ann" >"$tmp/dupkey.ndjson"; expect_bad dupkey.ndjson
printf '%s\n%s}\n%s}\n' "$header" "$ann" "$ann" >"$tmp/dupid.ndjson"; expect_bad dupid.ndjson
printf '%s\n{"id":"ann","name":"A\\u0000nn"}\n' "$header" >"$tmp/nul.ndjson"; expect_bad nul.ndjson
printf '%s\n{"id":"ann","name":"A\377nn"}\n' "$header" >"$tmp/utf8.ndjson"; expect_bad utf8.ndjson
printf '%s\n%s,"followers":1e999}\n' "$header" "$ann" >"$tmp/inf.ndjson"; expect_bad inf.ndjson
printf '%s\n%s,"followers":123456789012345678901234567890}\n' "$header" "$ann" >"$tmp/big.ndjson"; expect_bad big.ndjson
printf '%s\n%s,"followers":-1}\n' "$header" "$ann" >"$tmp/neg.ndjson"; expect_bad neg.ndjson
printf '%s\n%s,"connections":"me"}\n' "$header" "$ann" >"$tmp/type.ndjson"; expect_bad type.ndjson
printf '%s\n%s,"events":[{"type":"met","date":"2025-02-29"}]}\n' "$header" "$ann" >"$tmp/date.ndjson"; expect_bad date.ndjson
printf '%s\n%s,"connections":["ann"]}\n' "$header" "$ann" >"$tmp/self.ndjson"; expect_bad self.ndjson
{ printf '%s\n%s,"x":' "$header" "$ann"; i=0; while [ $i -lt 3000 ]; do printf '['; i=$((i + 1)); done; } >"$tmp/deep.ndjson"
expect_bad deep.ndjson

# A single line of hundreds of megabytes, from a pipe: refused by its
# length at 16 MiB, without reading the rest.
mkfifo "$tmp/huge.ndjson"
{ printf '%s\n{"id":"a","name":"' "$header"; head -c 300000000 /dev/zero | tr '\0' x; } \
	>"$tmp/huge.ndjson" 2>/dev/null &
writer=$!
"$bin" advise a --network "$tmp/huge.ndjson" --no-cache >"$tmp/out" 2>"$tmp/err"
got=$?
kill "$writer" 2>/dev/null
wait "$writer" 2>/dev/null
[ "$got" -eq 3 ] || fail "huge line: exit $got, expected 3"
grep -q 'huge.ndjson:2: line longer than the limit of 16777216 bytes' "$tmp/err" ||
	fail "huge line: $(cat "$tmp/err")"
rm -f "$tmp/huge.ndjson"

# A JSON network from a pipe that never ends (/dev/zero behind a FIFO, or
# any stream): read only to one byte past --max-size, refused there, so
# its memory is the limit (it was read to 2 GiB, twice the limit).
mkfifo "$tmp/endless.json"
cat /dev/zero >"$tmp/endless.json" 2>/dev/null &
writer=$!
/usr/bin/time -f '%M' -o "$tmp/rss" "$bin" advise a --network "$tmp/endless.json" \
	--no-cache --max-size 8M >"$tmp/out" 2>"$tmp/err"
got=$?
kill "$writer" 2>/dev/null
wait "$writer" 2>/dev/null
[ "$got" -eq 3 ] || fail "endless pipe: exit $got, expected 3: $(cat "$tmp/err")"
grep -q 'endless.json: more than 8388608 bytes, over the limit of 8388608 bytes; raise the limit with --max-size SIZE$' "$tmp/err" ||
	fail "endless pipe: $(cat "$tmp/err")"
rss=$(tail -n 1 "$tmp/rss")
# Against the binary's own footprint: the limit and its buffer, not twice
# the limit (which the old growth reached: 8 MiB read into 16).  Not under
# a sanitizer, whose shadow memory and redzones are its own.
if ! ldd "$bin" 2>/dev/null | grep -q 'libasan\|libtsan'; then
	/usr/bin/time -f '%M' -o "$tmp/rss0" "$bin" --version >/dev/null 2>&1
	base=$(tail -n 1 "$tmp/rss0")
	[ "$rss" -lt $((base + 16000)) ] ||
		fail "endless pipe: peak RSS $rss KB for an 8 MiB limit (the binary alone: $base KB)"
fi
rm -f "$tmp/endless.json"

# JSON networks.
: >"$tmp/empty.json"; expect_bad empty.json
head -c 4096 "$bin" >"$tmp/binary.json"; expect_bad binary.json
doc "$ann}" | head -c 60 >"$tmp/truncated.json"; expect_bad truncated.json
{ doc "$ann}"; printf ' {}'; } >"$tmp/trailing.json"; expect_bad trailing.json
doc "$ann,\"name\":\"Anne\"}" >"$tmp/dupkey.json"; expect_bad dupkey.json
doc "$ann},$ann}" >"$tmp/dupid.json"; expect_bad dupid.json
doc "$ann,\"followers\":1e999}" >"$tmp/inf.json"; expect_bad inf.json
doc "$ann,\"connected_on\":\"2026-13\"}" >"$tmp/date.json"; expect_bad date.json
doc "$ann,\"connections\":[\"ann\"]}" >"$tmp/self.json"; expect_bad self.json

# Numbers only as JSON writes them, and no count rounded silently: each
# refused with its place and what is wrong (cJSON alone read 01 as 1, and
# 2^53 + 1 as 2^53).
for n in 01 00 1. 9007199254740993; do
	doc "$ann,\"followers\":$n}" >"$tmp/number.json"
	expect_bad number.json
	case $n in
	0*) want="a number with a leading zero; expected JSON's form" ;;
	1.) want="a number ending in '.'; expected digits after the point" ;;
	*) want="people[0].followers: 9007199254740992 is out of range; expected an integer from 0 to 9007199254740991" ;;
	esac
	grep -qF "$want" "$tmp/err" || fail "followers $n: $(cat "$tmp/err")"
done

# Over the size limit: refused before parsing, the limit and the flag in
# the message; raising the limit lets the file through.
doc "$ann}" >"$tmp/ok.json"
"$bin" advise ann --network "$tmp/ok.json" --no-cache --max-size 10 --as-of 2026-01-01 \
	>"$tmp/out" 2>"$tmp/err"
got=$?
[ "$got" -eq 3 ] || fail "--max-size 10: exit $got, expected 3"
grep -q 'over the limit of 10 bytes; raise the limit with --max-size SIZE$' "$tmp/err" ||
	fail "--max-size 10: $(cat "$tmp/err")"
"$bin" advise ann --network "$tmp/ok.json" --no-cache --max-size 1K --as-of 2026-01-01 \
	>"$tmp/out" 2>"$tmp/err"
got=$?
[ "$got" -eq 0 ] || fail "--max-size 1K: exit $got: $(cat "$tmp/err")"

# Request lines: every bad one gets its error object, the good ones their
# answer, and the batch goes on to the end.
{
	printf '{"person":"ann","as_of":"2026-01-01"}\n'
	printf '{"person":"ann"\n'
	printf '\377\376garbage\n'
	printf '{"person":"ann","person":"ann"}\n'
	printf '{"person":"a\\u0000nn"}\n'
	printf '{"person":"ann","as_of":"2026-02-30"}\n'
	printf '{"person":"ann","x":['; i=0; while [ $i -lt 3000 ]; do printf '['; i=$((i + 1)); done; printf '\n'
	printf '{"person":"ann","as_of":"2026-01-01"}\n'
} >"$tmp/requests"
"$bin" batch --network "$tmp/ok.json" --no-cache <"$tmp/requests" >"$tmp/out" 2>"$tmp/err"
got=$?
[ "$got" -eq 6 ] || fail "batch with bad lines: exit $got, expected 6: $(cat "$tmp/err")"
[ "$(wc -l <"$tmp/out")" -eq 8 ] || fail "batch: expected 8 answers, got $(wc -l <"$tmp/out")"
[ "$(grep -c '"verdict"' "$tmp/out")" -eq 2 ] || fail "batch: the two good lines should be answered: $(cat "$tmp/out")"
for n in 2 3 4 5 6 7; do
	sed -n "${n}p" "$tmp/out" | grep -q "^{\"line\":$n,\"error\":\"request" ||
		fail "batch line $n: $(sed -n "${n}p" "$tmp/out")"
done

# And in a request line.
printf '{"person":"ann","as_of":"2026-01-01","drafts":01}\n' |
	"$bin" batch --network "$tmp/ok.json" --no-cache >"$tmp/out" 2>"$tmp/err"
got=$?
[ "$got" -eq 6 ] || fail "batch with a number 01: exit $got, expected 6"
grep -qF '{"line":1,"error":"request:1:' "$tmp/out" && grep -qF 'a number with a leading zero' "$tmp/out" ||
	fail "batch with a number 01: $(cat "$tmp/out")"

[ "$failures" -eq 0 ] || exit 1
echo "ok"
