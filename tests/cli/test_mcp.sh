#!/bin/sh
# End-to-end tests of `advisor mcp` at the protocol's level, one JSON-RPC
# message a line written to it as a client would: the lifecycle and the
# version agreed, every kind of bad message answered with its error while
# the server keeps serving, notifications unanswered.  (tests/mcp/ drives
# the tools through the official SDK client.)
. "$(dirname "$0")/lib.sh"
LC_ALL=C.UTF-8
export LC_ALL

init='{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"sh","version":"1"}}}'
ping='{"jsonrpc":"2.0","id":"p","method":"ping"}'

# serve LINE...: the lines to `advisor mcp -n $net`, its answers in
# $tmp/out, one a line.
serve() {
	printf '%s\n' "$@" | "$bin" mcp -n "$net" >"$tmp/out" 2>"$tmp/err"
	got=$?
	[ "$got" -eq 0 ] || fail "mcp: exit $got; stderr: $(cat "$tmp/err")"
}

# answer N TEXT: the Nth answer holds TEXT.
answer() {
	sed -n "$1p" "$tmp/out" | grep -qF -- "$2" ||
		fail "answer $1 lacks '$2': $(sed -n "$1p" "$tmp/out")"
}

answers() {
	n=$(wc -l <"$tmp/out")
	[ "$n" -eq "$1" ] || fail "$n answers, expected $1: $(cat "$tmp/out")"
}

run 0 mcp --help
has out "usage: advisor mcp"
has out "--read-only"
run 2 mcp --bogus
has err "--bogus"

# The lifecycle: the version asked if spoken, ping, the list; the
# initialized notification gets no answer.
serve "$init" '{"jsonrpc":"2.0","method":"notifications/initialized"}' "$ping" \
	'{"jsonrpc":"2.0","id":2,"method":"tools/list"}'
answers 3
answer 1 '"protocolVersion":"2025-11-25"'
answer 1 '"capabilities":{"tools":{"listChanged":false}}'
answer 1 '"serverInfo":{"name":"advisor"'
answer 2 '{"jsonrpc":"2.0","id":"p","result":{}}'
answer 3 '"name":"advise"'
answer 3 '"readOnlyHint":false'

# A version not spoken: the newest; an older one is agreed, and its
# results carry no structuredContent (which came in 2025-06-18).
serve '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"1999-01-01"}}'
answer 1 '"protocolVersion":"2025-11-25"'
serve '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-03-26"}}' \
	'{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"find","arguments":{"text":"priya"}}}'
answer 1 '"protocolVersion":"2025-03-26"'
answer 2 '"isError":false'
lacks out structuredContent
serve "$init" '{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"find","arguments":{"text":"priya"}}}'
answer 2 '"structuredContent":{"people":[{"id":"priya-natarajan"'

# Before initialize only ping; initialize once.
serve "$ping" '{"jsonrpc":"2.0","id":1,"method":"tools/list"}' "$init" "$init"
answer 1 '"result":{}'
answer 2 '"code":-32600'
answer 2 'send initialize first'
answer 3 '"protocolVersion"'
answer 4 'initialized already'

# Each bad message its error, and the server serves on.
printf '{"jsonrpc":"2.0","id":9,"method":"ping"\n' >"$tmp/truncated"
printf '"\377"\n' >"$tmp/latin1"
serve "$init" 'not json' "$(cat "$tmp/truncated")" "$(cat "$tmp/latin1")" \
	'{"jsonrpc":"2.0","id":3,"method":"ping","id":4}' \
	'{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"find","arguments":{"text":"a\u0000b"}}}' \
	'{"jsonrpc":"2.0","id":6,"method":"ping"} {}' \
	'[{"jsonrpc":"2.0","id":7,"method":"ping"}]' \
	'42' \
	'{"id":8,"method":"ping"}' \
	'{"jsonrpc":"2.0","id":{"a":1},"method":"ping"}' \
	'{"jsonrpc":"2.0","id":10}' \
	'{"jsonrpc":"2.0","id":11,"method":"resources/list"}' \
	'{"jsonrpc":"2.0","id":12,"method":"tools/call","params":[1]}' \
	'{"jsonrpc":"2.0","id":13,"method":"tools/call","params":{}}' \
	'{"jsonrpc":"2.0","id":14,"method":"tools/call","params":{"name":"invite"}}' \
	'{"jsonrpc":"2.0","id":15,"method":"tools/call","params":{"name":"find","arguments":"priya"}}' \
	'{"jsonrpc":"2.0","method":"notifications/whatever"}' \
	'' \
	"$ping"
answers 18
answer 2 '{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error: not JSON at byte 1"}}'
answer 3 'Parse error: not JSON: it ends at byte 39 before the value is complete'
answer 4 'Parse error: invalid UTF-8 at byte 2'
answer 5 'Parse error: the key \"id\" is given twice'
answer 6 'Parse error: a string holds \\u0000'
answer 7 'Parse error: text after the JSON value'
answer 8 '"code":-32600,"message":"Invalid Request: a batch'
answer 9 '"code":-32600'
answer 10 '"id":8,"error":{"code":-32600,"message":"Invalid Request: jsonrpc must be \"2.0\""}'
answer 11 '"id":null,"error":{"code":-32600'
answer 12 '"id":10,"error":{"code":-32600,"message":"Invalid Request: method must be a string"}'
answer 13 '"id":11,"error":{"code":-32601,"message":"Method not found: resources/list'
answer 14 '"id":12,"error":{"code":-32602'
answer 15 '"id":13,"error":{"code":-32602,"message":"tools/call: params.name must be a string'
answer 16 "\"id\":14,\"error\":{\"code\":-32602,\"message\":\"tools/call: unknown tool 'invite' (the tools: advise, find, triage, outcomes, tune, plan, path, add, remember, sent, withdrew, forget)"
answer 17 '"id":15,"error":{"code":-32602'
# The notification and the empty line get no answer; the last ping does.
tail -n 1 "$tmp/out" | grep -qF '"id":"p","result":{}' || fail "no answer to the last ping: $(tail -n 1 "$tmp/out")"

# A line longer than the limit is refused whole, then the next is read.
{ printf '%s\n' "$init"; head -c 5000000 /dev/zero | tr '\0' ' '; printf '\n%s\n' "$ping"; } |
	"$bin" mcp -n "$net" >"$tmp/out" 2>"$tmp/err"
answers 3
answer 2 'Parse error: the message is longer than 4 MB'
answer 3 '"id":"p","result":{}'

# A tool error is a result, with the command's message.
serve "$init" \
	'{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"advise","arguments":{"person":"priya","intent":["fame"]}}}' \
	'{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"advise","arguments":{"person":"--help"}}}'
answer 2 '"isError":true'
answer 2 'fame'
answer 3 '"isError":true'
answer 3 'no person with id \"--help\"'

# The tools that change facts change the data folder's network only.
serve "$init" '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"remember","arguments":{"person":"dana","type":"met","date":"2019"}}}'
answer 2 '"isError":true'
answer 2 'start it without --network'

# No network at all: each call says so, and the server serves.
XDG_DATA_HOME="$tmp/empty" ADVISOR_NETWORK= "$bin" mcp >"$tmp/out" 2>"$tmp/err" <<EOF2
$init
{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"find","arguments":{"text":"priya"}}}
$ping
EOF2
answer 2 '"isError":true'
answer 2 'no network'
answer 3 '"result":{}'

finish "mcp: all passed"
