#!/bin/sh
# What the export shows of knowing someone, as the advice says it (mail
# both ways, recommendations, endorsements; one-way mail is not), and the
# message of a waiting invitation in advise and triage, one quoted line
# whatever the sender put in it.
. "$(dirname "$0")/lib.sh"
LC_ALL=C.UTF-8
export LC_ALL
unset ADVISOR_NETWORK
COLUMNS=200
export COLUMNS

cat >"$tmp/net.json" <<'JSON'
{ "format": "advisor-network/1",
  "me": { "id": "me", "name": "Daniel Okoye" },
  "people": [
    { "id": "kenji", "name": "Kenji Watanabe", "connected": false, "events": [
        { "type": "message", "date": "2023-03-08", "direction": "out" },
        { "type": "message", "date": "2023-03-09", "direction": "in" } ] },
    { "id": "olu", "name": "Olusegun Adeyemi", "connected": false, "events": [
        { "type": "message", "date": "2025-05-01", "direction": "in" },
        { "type": "message", "date": "2025-06-01", "direction": "in" } ] },
    { "id": "sofia", "name": "Sofia Marchetti", "connected": false, "events": [
        { "type": "recommendation", "date": "2022-03-01", "direction": "in",
          "message": "Daniel is a thoughtful product manager." } ] },
    { "id": "jonas", "name": "Jonas Weber", "connected": false, "events": [
        { "type": "recommendation", "date": "2021-06-01", "direction": "out",
          "message": "Jonas builds teams people want to join." } ] },
    { "id": "aisha", "name": "Aisha Bello", "connected": false, "events": [
        { "type": "endorsement", "date": "2023-05-01", "direction": "in",
          "skill": "Product Strategy" } ] },
    { "id": "grace", "name": "Grace Liu", "connected": false, "events": [
        { "type": "endorsement", "date": "2022-09-01", "direction": "out",
          "skill": "Machine Learning" } ] },
    { "id": "noor", "name": "Noor Haddad", "connected": false, "events": [
        { "type": "invitation", "date": "2026-11-21", "direction": "in",
          "message": "Great chatting with you\n\nat the Berlin\tProduct Meetup!\u202e  Let's keep in touch.\u001b[2J" } ] },
    { "id": "lena", "name": "Lena Fischer", "connected": false, "events": [
        { "type": "invitation", "date": "2026-10-30", "direction": "out",
          "message": "Hi Lena, I enjoyed your ProductCon talk." } ] },
    { "id": "hiro", "name": "Hiro Tanaka", "connected": false, "events": [
        { "type": "invitation", "date": "2026-11-09", "direction": "in" } ] }
  ] }
JSON
n="$tmp/net.json"
day=2026-12-02

# Mail both ways: known, with when; the reminder note after a year.
run 0 advise kenji --network "$n" --as-of $day
has out "you wrote each other (last in March 2023)"
has out "It has been a while since we last wrote."
# One-way mail is not knowing each other.
run 0 advise olu --network "$n" --as-of $day
has out "don't connect"
has out "stranger"
lacks out "known (+3.0)"
# Recommendations and endorsements, either way, and which it was.
run 0 advise sofia --network "$n" --as-of $day
has out "they recommended you"
has out "Thank you again for the recommendation you wrote me."
run 0 advise jonas --network "$n" --as-of $day
has out "you recommended them"
run 0 advise aisha --network "$n" --as-of $day
has out "they endorsed you for Product Strategy"
has out "Thank you again for endorsing me for Product Strategy."
run 0 advise grace --network "$n" --as-of $day
has out "you endorsed them for Machine Learning"

# The invitation's message, on one line: breaks, tabs, the override and
# the escape become spaces.
run 0 advise noor --incoming --network "$n" --as-of $day
has out "Their invitation says:"
has out "“Great chatting with you at the Berlin Product Meetup! Let's keep in touch. [2J”"
lacks out "$(printf '\033')"
lacks out "$(printf '\342\200\256')"
run 0 advise lena --network "$n" --as-of $day
has out "Your invitation says:"
has out "“Hi Lena, I enjoyed your ProductCon talk.”"
# No message, nothing pending: no such line.
run 0 advise hiro --incoming --network "$n" --as-of $day
lacks out "invitation says"
run 0 advise kenji --network "$n" --as-of $day
lacks out "invitation says"

# triage: under each invitation's reason.
run 0 triage --network "$n" --as-of $day
has out "“Great chatting with you at the Berlin Product Meetup! Let's keep in touch. [2J”"
has out "“Hi Lena, I enjoyed your ProductCon talk.”"
lacks out "$(printf '\033')"
[ "$(grep -c '“' "$tmp/out")" -eq 2 ] || fail "triage quotes a message Hiro never wrote: $(cat "$tmp/out")"
# --json is the result as it was: the message is the network's.
run 0 triage --network "$n" --as-of $day --json
lacks out "Great chatting"

finish "evidence and invitation messages: ok"
