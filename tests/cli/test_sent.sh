#!/bin/sh
# `advisor sent`, `advisor withdrew` and `forget PERSON sent|withdrew`:
# what you did on LinkedIn between exports.  Over the realistic export,
# then a later one (Lena accepted, Kai vanished, and the invitation you
# recorded sending to Ines listed by LinkedIn): advice sees an invitation
# just sent as waiting, a withdrawal starts the re-invite block, and the
# export's invitation absorbs the one you recorded.
. "$(dirname "$0")/lib.sh"
export_dir="$src/tests/fixtures/realistic-export"
LC_ALL=C.UTF-8
XDG_DATA_HOME="$tmp/data"
export LC_ALL XDG_DATA_HOME
unset ADVISOR_NETWORK
home="$tmp/data/advisor"
today=$(date +%Y-%m-%d)
tomorrow=$(date -d tomorrow +%Y-%m-%d)
in22=$(date -d '22 days' +%Y-%m-%d)
in20=$(date -d '20 days' +%Y-%m-%d)
in21=$(date -d '21 days' +%Y-%m-%d)
in7=$(date -d '7 days' +%Y-%m-%d)

run 0 sent --help
has out "usage: advisor sent PERSON [--note] [--date DATE] [--force]"
run 0 withdrew --help
has out "usage: advisor withdrew PERSON [--date DATE]"
run 0 forget --help
has out "advisor forget PERSON sent|withdrew"
run 2 sent kai
has err "advisor init"

run 0 init "$export_dir"
run 0 add "Ines Park" --company Pricefield --url https://www.linkedin.com/in/ines-park
run 0 remember ines met --date 2026-11 --context "ProductCon" --tone cordial
run 0 advise ines --outgoing --json
has out '"verdict":"connect'

# A day that has not come yet is refused.
run 2 sent ines --date "$tomorrow"
has err "is after today ($today); an invitation cannot be dated after today"
run 2 withdrew lena --date "$tomorrow"
has err "is after today ($today); an invitation cannot be dated after today"

# Sent: advise says invited, not connect, with the day.
run 0 sent ines --note
has out "Recorded: you sent Ines Park an invitation on $today, with a note"
grep -qF '"recorded":	"sent"' "$home/annotations.json" ||
	fail "annotations.json has no recorded invitation: $(cat "$home/annotations.json")"
grep -qF '"with_note":	true' "$home/annotations.json" || fail "--note was not recorded"
run 0 advise ines --outgoing --json
has out '"verdict":"invited"'
has out "\"invited_on\":\"$today\""
run 0 advise ines --outgoing
has out "you already invited them on $today"

# What cannot be recorded, each said and nothing written.
cp "$home/annotations.json" "$tmp/before"
run 2 sent ines
has err "your invitation to Ines Park of $today is waiting already"
run 2 sent lena
has err "your invitation to Lena Fischer of 2026-10-30 is waiting already"
run 2 sent kenji
has err "Kenji Watanabe is a connection already"
run 2 sent noor
has err "Noor Haddad invited you on 2026-11-21; accept theirs"
run 2 sent ines --date 12/04/2026
has err "--date: '12/04/2026' is not a day; expected YYYY-MM-DD"
run 2 withdrew kenji
has err "no invitation of yours to Kenji Watanabe is waiting"
run 2 withdrew kai --date 2026-06-01
has err "before your invitation of 2026-06-12"
run 5 sent nobody-at-all
cmp -s "$home/annotations.json" "$tmp/before" || fail "a refused record changed annotations.json"

# Withdrew: no longer waiting, and the re-invite block decides until it
# is over.
run 0 advise kai --outgoing --json
has out '"withdraw":true'
run 0 withdrew kai
has out "Recorded: you withdrew your invitation to Kai Müller of 2026-06-12 on $today"
run 0 advise kai --outgoing --json
has out '"verdict":"wait"'
has out '"rule":"reinvite"'
lacks out '"invited_on"'
run 0 advise kai --outgoing --json
has out "you withdrew your invitation on $today; LinkedIn lets you invite them again 21 days after that: wait 21 more days"
run 0 advise kai --outgoing --as-of "$in20" --json
has out '"rule":"reinvite"'
run 0 advise kai --outgoing --as-of "$in22" --json
lacks out '"rule":"reinvite"'
# The block is a setting.
mkdir "$tmp/short"
printf '{ "reinvite_block_days": 7 }\n' >"$tmp/short/settings.json"
run 0 advise kai --outgoing --policy "$tmp/short" --json
has out "invite them again 7 days after that: wait 7 more days"
# Triage lists Kai's invitation no more.
run 0 triage
lacks out "Kai Müller"
# Sending within the block: LinkedIn refuses it, so nothing is recorded
# unless --force; the block is the policy's (your settings.json too).
cp "$home/annotations.json" "$tmp/before"
run 2 sent kai
has err "sent: you withdrew your invitation to Kai Müller on $today; LinkedIn refuses a new one until $in21 (reinvite_block_days: 21), when you may invite them again; nothing recorded (--force records it anyway)"
cmp -s "$home/annotations.json" "$tmp/before" || fail "a refused sent changed annotations.json"
mkdir -p "$tmp/config/advisor/policy"
printf '{ "reinvite_block_days": 7 }\n' >"$tmp/config/advisor/policy/settings.json"
XDG_CONFIG_HOME="$tmp/config"
export XDG_CONFIG_HOME
run 2 sent kai
has err "until $in7 (reinvite_block_days: 7)"
unset XDG_CONFIG_HOME
run 0 sent kai --force
has out "Recorded: you sent Kai Müller an invitation on $today, without a note"
has err "warning: sent: you withdrew your invitation to Kai Müller on $today; LinkedIn refuses a new one until $in21 (reinvite_block_days: 21), when you may invite them again; recorded anyway (--force)"
run 0 forget kai sent

# Forget either: back as it was.
run 0 forget kai withdrew
has out "Forgotten: you withdrew your invitation to Kai Müller on $today"
run 0 advise kai --outgoing --json
has out '"verdict":"invited"'
run 5 forget kai withdrew
has err "you recorded no invitation withdrawn to Kai Müller"
run 0 withdrew kai

# The later export: Lena accepted, Kai vanished, and LinkedIn lists the
# invitation you recorded sending to Ines.
later="$tmp/later"
mkdir "$later"
cp "$export_dir"/*.csv "$later"/
mdy=$(date +%-m/%-d/%y)
{ cat "$export_dir/Invitations.csv" | grep -v 'Kai Müller'
  printf '\nDaniel Okoye,Ines Park,"%s, 9:12 AM","Hi Ines, good to meet you at ProductCon.",OUTGOING,https://www.linkedin.com/in/daniel-okoye,https://www.linkedin.com/in/ines-park' "$mdy"
} >"$later/Invitations.csv"
awk 'NR == 5 { print; print "Lena,Fischer,https://www.linkedin.com/in/lena-fischer-pricing,,Pricefield,Head of Pricing,20 Nov 2026"; next } { print }' \
	"$export_dir/Connections.csv" >"$later/Connections.csv"
run 0 init "$later"
# Since the last import: Kai's withdrawal is the one you recorded, not a
# guess.
has out "1 invitation of yours no longer listed, withdrawn (you recorded it): Kai Müller"
lacks out "not accepted (withdrawn"
run 0 advise ines --outgoing --json
has out '"verdict":"invited"'
# One invitation: the export's, with what you recorded kept on it.
n=$(grep -c '"type":	"invitation"' "$home/network.json")
grep -B2 -A8 'Hi Ines, good to meet you' "$home/network.json" >"$tmp/ines"
grep -qF '"with_note":	true' "$tmp/ines" || fail "the export's invitation lost what you recorded: $(cat "$tmp/ines")"
[ "$(grep -c "\"date\":	\"$today\"" "$tmp/ines")" -eq 1 ] || fail "the recorded invitation is there twice: $(cat "$tmp/ines")"
# Kai: the export's invitation ended, your withdrawal still blocks.
run 0 advise kai --outgoing --json
has out '"rule":"reinvite"'
run 0 advise lena --outgoing --json
has out '"verdict":"already_connected"'
# Forgetting the recorded one leaves the export's.
run 0 forget ines sent
run 0 advise ines --outgoing --json
has out '"verdict":"invited"'
[ "$(grep -c '"type":	"invitation"' "$home/network.json")" -eq "$n" ] ||
	fail "forgetting the recorded invitation removed the export's"

finish "sent: all passed"
