-- job_pending.lua: while a hiring process with them is open, wait until it
-- is decided.  Looking for work with no process under way is ordinary
-- networking.  When they invite you during the process, the invitation is
-- theirs to make, and accepting it is fine.
--
-- The process is open while the latest news of it is an interview applied
-- for, scheduled or done (lib/facts.lua, facts.hiring): an interview
-- scheduled for next week is open now, and one with no news for longer
-- than interview_open_days (settings.lua) is no longer.

local facts = require("lib.facts")

advisor.rule {
  name = "job_pending",
  description = "a hiring process with them is open: wait until it is decided",
  intents = { "job" },
  veto = { verdict = "wait", when = "outgoing", priority = 10 },
  max_score = 3, -- what accepting their invitation scores (below)
  -- An interview with no news for too long says so: the process aged out.
  why_not = function(person)
    local h = facts.hiring(person)
    return h and h.aged or "no hiring process with them is open"
  end,
  -- For --explain: the process decided is every open interview gone at once.
  what_if = {
    { change = "once the hiring decision is made",
      hide = { type = "interview", status = facts.OPEN_STATUSES } },
  },
  check = function(person, request)
    local h = facts.hiring(person)
    if not (h and h.open) then return nil end
    local e = h.event
    local role = e.role and e.role:gsub("_", " ") or "someone"
    if request.incoming then
      -- No veto this way: a score that accepts on its own.  (Declared 0,
      -- job_pending is no reason to invite anyone.)
      return { score = 3, detail = ("they invited you while their hiring process "
        .. "with you is open (%s): accepting is fine"):format(role) }
    end
    local detail
    if h.upcoming then
      detail = ("a hiring process with them is open (%s, interview scheduled for %s): "
        .. "wait until it is decided"):format(role, facts.day(e.date))
    else
      detail = ("a hiring process with them is open (%s, status %s since %s): "
        .. "wait until it is decided"):format(role, e.status, facts.when(e.date))
    end
    if request.intents.job then
      detail = detail .. "; inviting them now, hoping it helps you land the job, looks presumptuous"
    end
    return detail
  end,
}
