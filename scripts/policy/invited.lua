-- invited.lua: you invited them already and they have not answered.  Wait
-- for their answer, never a second invitation; once yours is older than
-- withdraw_after_days (settings.lua), withdraw it before LinkedIn drops it.
-- A stronger veto (romance, bad_ending, job_pending) still decides: then
-- the advice is to withdraw it, for good or for now.

advisor.rule {
  name = "invited",
  description = "you invited them already and they have not answered",
  veto = { verdict = "invited", when = "outgoing", priority = 5 },
  why_not = "no invitation of yours to them is waiting for an answer",
  check = function(person, request)
    if request.incoming then return nil end
    local e = person:pending_invitation()
    if not e or e.direction ~= "out" then return nil end
    local days = e.days_ago
    if days and days > advisor.setting("withdraw_after_days") then
      return {
        detail = ("you invited them on %s, %d days ago, and they have not answered; "
          .. "LinkedIn drops an invitation after about six months: withdraw it")
          :format(e.date, days),
        withdraw = true,
      }
    end
    return ("you already invited them on %s; wait for their answer"):format(e.date)
  end,
}
