#!/bin/sh
# The hiring rule as users mean it, on the realistic export: an interview
# scheduled for next week is an open hiring process now (wait), their
# invitation during it is theirs to make (accept), and an interview with
# no news for 21 months is no longer open.  Judged as on 2026-12-02.
. "$(dirname "$0")/lib.sh"
LC_ALL=C.UTF-8
XDG_DATA_HOME="$tmp/data"
export LC_ALL XDG_DATA_HOME
unset ADVISOR_NETWORK

run 0 init "$src/tests/fixtures/realistic-export"

# Jessica Tran, a recruiter, invited me; nothing else is known of her.
run 0 advise jessica --incoming --as-of 2026-12-02 --json
has out '"verdict":"dont_connect"'
has out '"rule":"stranger"'

# The interview she set up takes place next week.
run 0 remember jessica interview --date 2026-12-09 --role recruiter --status scheduled
has out "Recorded: your interview with Jessica Tran, the recruiter, is scheduled for 9 December 2026"

# Accepting her invitation is fine, and the advice says why.
run 0 advise jessica --incoming --as-of 2026-12-02 --json
has out '"verdict":"connect"'
has out '"rule":"job_pending","score":3,"detail":"they invited you while their hiring process with you is open (recruiter): accepting is fine"'
lacks out '"rule":"stranger"'

# Inviting her myself, hoping it helps: wait until it is decided.
echo '{"person":"jessica-tran-recruiting","direction":"outgoing","intent":["job"],"as_of":"2026-12-02"}' >"$tmp/req"
run 0 batch <"$tmp/req"
has out '"verdict":"wait"'
has out 'a hiring process with them is open (recruiter, interview scheduled for 9 December 2026): wait until it is decided; inviting them now, hoping it helps you land the job, looks presumptuous'

# --explain: the decision made is what would change it.
run 0 advise jessica --incoming --as-of 2026-12-02 --explain
has out "once the hiring decision is made: dont_connect (stranger)"
has out "if you were the one inviting: wait (job_pending)"

# Withdrawing before the interview: the one still scheduled is pointed
# out, with the command that forgets it; forgotten, the process is closed.
run 0 remember jessica interview --date 2026-12-03 --role recruiter --status withdrawn
has out "Recorded: you withdrew from the hiring process with Jessica Tran, the recruiter, on 3 December 2026"
has out "Still recorded: your interview with Jessica Tran scheduled for 9 December 2026, which keeps the hiring process open; if it will not take place: advisor forget jessica-tran-recruiting interview --date 2026-12-09"
run 0 forget jessica-tran-recruiting interview --date 2026-12-09
has out "Forgotten: your interview with Jessica Tran, the recruiter, is scheduled for 9 December 2026"
run 0 advise jessica --incoming --as-of 2026-12-04 --json
lacks out '"rule":"job_pending"'

# Hiro Tanaka: an interview done in March 2025 and no news since.
run 0 remember hiro interview --date 2025-03 --role hiring_manager --status done
has out "Recorded: you had your interview with Hiro Tanaka, the hiring manager, in March 2025; the decision is open"
echo '{"person":"hiro-tanaka-7731","direction":"outgoing","intent":["job"],"as_of":"2026-12-02"}' >"$tmp/req"
run 0 batch <"$tmp/req"
has out '"verdict":"dont_connect"'
lacks out '"rule":"job_pending"'
# Three months after it, the same interview kept the process open.
echo '{"person":"hiro-tanaka-7731","direction":"outgoing","intent":["job"],"as_of":"2025-06-01"}' >"$tmp/req"
run 0 batch <"$tmp/req"
has out '"verdict":"wait"'
has out 'status done since March 2025'
# A layer's settings.json keeps open processes longer.
mkdir "$tmp/patient"
echo '{ "interview_open_days": 700 }' >"$tmp/patient/settings.json"
echo '{"person":"hiro-tanaka-7731","direction":"outgoing","intent":["job"],"as_of":"2026-12-02"}' >"$tmp/req"
run 0 batch --policy "$tmp/patient" <"$tmp/req"
has out '"verdict":"wait"'

# An interview ahead of today is an appointment: only "scheduled".
cp "$XDG_DATA_HOME/advisor/annotations.json" "$tmp/before"
run 2 remember hiro interview --date 2099-01-10 --role recruiter --status done
has err 'remember: --status: "done" for an interview dated 2099-01-10, after today'
has err 'an interview still to come is "scheduled"'
has err "nothing recorded"
cmp -s "$XDG_DATA_HOME/advisor/annotations.json" "$tmp/before" ||
	fail "a refused interview changed annotations.json"

finish "hiring: all passed"
