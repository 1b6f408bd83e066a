#!/bin/sh
# advise --as-of DAY judges the network as it was on DAY where the data
# says so: a connection whose Connected On is after DAY is none yet (the
# rules run, person.connected is false), and an invitation a re-import
# marked accepted or ended after DAY was still waiting on DAY.  What
# happened on DAY itself counts: an invitation sent that day waits.
. "$(dirname "$0")/lib.sh"
LC_ALL=C.UTF-8
XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data"
export LC_ALL XDG_CONFIG_HOME XDG_DATA_HOME
unset ADVISOR_NETWORK

cat >"$tmp/net.json" <<'JSON'
{ "format": "advisor-network/1",
  "me": { "id": "me", "name": "Dana Kim" },
  "people": [
    { "id": "ana", "name": "Ana Lund", "connected": true,
      "connected_on": "2026-10-14", "connections": ["me"] },
    { "id": "ben", "name": "Ben Ode", "connected": true,
      "connected_on": "2026-10-10", "connections": ["me"],
      "events": [ { "type": "invitation", "date": "2026-09-20",
                    "direction": "out", "status": "accepted" } ] },
    { "id": "cem", "name": "Cem Aydin",
      "events": [ { "type": "invitation", "date": "2026-09-03",
                    "direction": "out", "status": "ended",
                    "last_seen": "2026-09-22" } ] },
    { "id": "dov", "name": "Dov Hart", "connected": true,
      "connections": ["me"] },
    { "id": "eli", "name": "Eli Roos", "connected": true,
      "connected_on": "2026-10", "connections": ["me"] }
  ] }
JSON
n="--network $tmp/net.json"

verdict() { # verdict PERSON DAY VERDICT
	run 0 advise "$1" $n --as-of "$2" --json
	v=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["verdict"])' "$tmp/out")
	[ "$v" = "$3" ] || fail "advise $1 --as-of $2: verdict $v, expected $3"
}

# Connected On 2026-10-14: not yet on the 13th, connected from the 14th.
verdict ana 2026-10-13 dont_connect
verdict ana 2026-10-14 already_connected
verdict ana 2026-12-01 already_connected
run 0 advise ana $n --as-of 2026-10-01
lacks out "already connected"
has out "stranger"

# Invited on 2026-09-20, accepted (Connected On 2026-10-10): before it
# nothing waited, from the day sent until the 9th it waited, then connected.
verdict ben 2026-09-19 dont_connect
verdict ben 2026-09-20 invited
verdict ben 2026-10-09 invited
run 0 advise ben $n --as-of 2026-10-09
has out "you already invited them on 2026-09-20"
verdict ben 2026-10-10 already_connected

# Ended, last listed by the import of 2026-09-22: waiting before that day;
# from it on, ended (the import that no longer listed it may be that day's).
verdict cem 2026-09-02 dont_connect
verdict cem 2026-09-03 invited
verdict cem 2026-09-21 invited
verdict cem 2026-09-22 dont_connect

# No Connected On: a connection on any day.  A month: from its first day.
verdict dov 2020-01-01 already_connected
verdict eli 2026-09-30 dont_connect
verdict eli 2026-10-01 already_connected

# The policy sees the same: person.connected and person.connected_on.
mkdir "$tmp/pol"
cat >"$tmp/pol/probe.lua" <<'LUA'
advisor.rule {
  name = "probe",
  description = "says what the policy sees of the connection",
  score = 0,
  check = function(person)
    return ("connected=%s on=%s"):format(tostring(person.connected),
      tostring(person.connected_on))
  end,
}
LUA
run 0 advise ana $n --as-of 2026-10-13 --policy "$tmp/pol"
has out "connected=false on=nil"

finish "advise --as-of: the network as it was on the day"
