#!/bin/sh
# Group conversations: in tests/fixtures/realistic-export, Daniel planned
# the "Berlin Data Dinner" with Marta Kowalska, Wei Chen and Erik
# Lindqvist.  After `advisor init` of the zipped export, the three know
# each other: path sees Wei and Erik as the mutual connections of you and
# Marta (--json and --dot), and a later export without messages.csv (a
# Basic export) keeps the links.  --group-limit skips larger groups.
. "$(dirname "$0")/lib.sh"
mkzip=${ADVISOR_MKZIP:?}
export_dir="$src/tests/fixtures/realistic-export"
LC_ALL=C.UTF-8
export LC_ALL
XDG_DATA_HOME="$tmp/data"
export XDG_DATA_HOME
unset ADVISOR_NETWORK
zip="$tmp/Complete_LinkedInDataExport_11-30-2026.zip"
"$mkzip" "$zip" "$export_dir" || fail "mkzip"

# Through the data folder, as a new user would.
run 0 init "$zip"
has out "1 group conversation: their people linked (3 links)."
lacks out "skipped"

marta_knows_wei_and_erik() {
	run 0 path "Marta Kowalska" --json
	has out '"person":"marta-kowalska-n26"'
	has out '"mutuals":["eriklindqvist","weichen-data"]'
	run 0 path marta-kowalska-n26 --dot
	has out '"eriklindqvist" -- "marta-kowalska-n26";'
	has out '"weichen-data" -- "marta-kowalska-n26";'
	run 0 path weichen-data --json
	has out '"mutuals":["eriklindqvist","marta-kowalska-n26"]'
	# Someone of no group has none in common with you.
	run 0 path kenji-watanabe --json
	has out '"mutuals":[]'
}
marta_knows_wei_and_erik

# A later Basic export, without messages.csv: the links stay (base.json
# accumulates), and nothing about groups is said of it.
later="$tmp/later"
mkdir "$later"
cp "$export_dir"/*.csv "$later"/
rm "$later/messages.csv"
run 0 init "$later"
lacks out "group conversation"
marta_knows_wei_and_erik
# And the same export again changes nothing.
run 0 init "$zip"
has out "1 group conversation: their people linked (3 links)."
marta_knows_wei_and_erik

# import: the summary line; a limit below the group's size skips it.
run 0 import linkedin "$zip" -o "$tmp/net.json"
has err "  1 group conversation: their people linked (3 links)"
run 0 import linkedin "$zip" -o "$tmp/small.json" --group-limit 2
has err "  0 group conversations: their people linked (0 links); 1 of more than 2 others skipped"
run 0 path marta-kowalska-n26 --json --network "$tmp/small.json"
has out '"mutuals":[]'
run 0 import linkedin "$zip" -o "$tmp/none.json" --group-limit 0
has err "1 of more than 0 others skipped"

# Wrong uses.
run 2 import linkedin "$zip" -o "$tmp/x.json" --group-limit many
has err "import: --group-limit: 'many' is not a number of people from 0 to 1000"
run 2 import linkedin "$zip" -o "$tmp/x.json" --group-limit 1001
run 2 init --group-limit 5
has err "init: --group-limit is about an export's group conversations"
run 2 init --from "$net" --group-limit 5
run 0 init "$zip" --group-limit 2
has out "0 group conversations: their people linked (0 links); 1 of more than 2 others skipped."
# The links earlier imports made stay: a re-import accumulates.
marta_knows_wei_and_erik

finish "groups: all passed" failed
