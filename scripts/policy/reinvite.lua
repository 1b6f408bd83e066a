-- reinvite.lua: you withdrew your invitation to them lately.  LinkedIn
-- does not let you invite the same person again for a while after you
-- withdraw an invitation (reinvite_block_days, settings.lua): wait until
-- then rather than send one it will refuse.

advisor.rule {
  name = "reinvite",
  description = "you withdrew your invitation to them too recently to invite them again",
  veto = { verdict = "wait", when = "outgoing", priority = 6 },
  why_not = "you have withdrawn no invitation to them within the re-invite block",
  check = function(person, request)
    if request.incoming then return nil end
    -- Your latest invitation to them; `advisor withdrew` records the
    -- withdrawal as one, dated the day you withdrew it.
    local latest
    for e in person:events("invitation") do
      if e.direction == "out" and (not latest or e.days_ago <= latest.days_ago) then
        latest = e
      end
    end
    if not latest or latest.status ~= "withdrawn" then return nil end
    local block = advisor.setting("reinvite_block_days")
    local left = block - latest.days_ago
    if left <= 0 then return nil end
    return ("you withdrew your invitation on %s; LinkedIn lets you invite them "
      .. "again %d days after that: wait %d more day%s"):format(latest.date, block,
      left, left == 1 and "" or "s")
  end,
}
