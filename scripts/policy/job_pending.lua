-- job_pending.lua: while a hiring process with them is open, wait until it
-- is decided.  Looking for work with no process under way is ordinary
-- networking, and accepting their invitation is fine.

local facts = require("lib.facts")

advisor.rule {
  name = "job_pending",
  description = "a hiring process with them is open: wait until it is decided",
  intents = { "job" },
  veto = { verdict = "wait", when = "outgoing", priority = 10 },
  why_not = "no hiring process with them is open",
  -- For --explain: the process decided is every open interview gone at once.
  what_if = {
    { change = "once the hiring decision is made",
      hide = { type = "interview", status = facts.OPEN_STATUSES } },
  },
  check = function(person, request)
    if request.incoming then return nil end
    local e = facts.open_hiring(person)
    if not e then return nil end
    local role = e.role and e.role:gsub("_", " ") or "someone"
    local detail = ("a hiring process with them is open (%s, status %s since %s): wait until it is decided")
      :format(role, e.status, facts.when(e.date))
    if request.intents.job then
      detail = detail .. "; inviting them now, hoping it helps you land the job, looks presumptuous"
    end
    return detail
  end,
}
