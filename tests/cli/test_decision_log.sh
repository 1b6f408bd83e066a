#!/bin/sh
# The decision log: advise on an invitation you might send, over your own
# data folder, appends what it advised to decisions.ndjson there; nothing
# for an invitation to you, for a network given otherwise, or with the
# policy's decision_log switched off.
. "$(dirname "$0")/lib.sh"
LC_ALL=C.UTF-8
XDG_DATA_HOME="$tmp/data"
export LC_ALL XDG_DATA_HOME
unset ADVISOR_NETWORK
log="$tmp/data/advisor/decisions.ndjson"
today=$(date +%Y-%m-%d)

run 0 init "$src/tests/fixtures/realistic-export"
[ ! -e "$log" ] || fail "init wrote a decision log"
run 0 add "Ines Park" --company Pricefield
run 0 remember ines met --date 2026-11 --context ProductCon --tone cordial
run 0 advise lena
run 0 advise ines --as-of 2026-12-02 --json
# A connection: no invitation to decide on.
run 0 advise kenji --outgoing --intent reconnect
[ "$(wc -l <"$log")" -eq 2 ] || fail "expected 2 lines: $(cat "$log")"
grep -qxF "{\"logged\":\"$today\",\"as_of\":\"$today\",\"person\":\"lena-fischer-pricing\",\"direction\":\"outgoing\",\"verdict\":\"invited\",\"rules\":[\"invited\"],\"scores\":[0],\"note\":false,\"policy\":\"default\"}" "$log" ||
	fail "Lena's line is not as expected: $(cat "$log")"
grep -qF '"as_of":"2026-12-02","person":"ines-park","direction":"outgoing","verdict":"connect","rules":["known"],"scores":[3],"note":false' "$log" ||
	fail "no line for Ines: $(cat "$log")"
[ "$(stat -c %a "$log")" = 600 ] || fail "the log is readable by others: $(stat -c %a "$log")"

# Not logged: an invitation to you, another network, the log switched off.
run 0 advise noor
run 0 advise dana --network "$net" --outgoing
ADVISOR_NETWORK="$net" run 0 advise dana --outgoing
mkdir "$tmp/off"
printf '{ "decision_log": false }\n' >"$tmp/off/settings.json"
run 0 advise kai --policy "$tmp/off"
[ "$(wc -l <"$log")" -eq 2 ] || fail "logged what it should not: $(cat "$log")"

# A log that cannot be written is a warning; the advice stands.
rm "$log"
mkdir "$log"
run 0 advise lena
has out "Lena Fischer"
has err "warning: $log: cannot open the decision log"
finish "decision log: all passed"
