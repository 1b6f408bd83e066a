-- romance.lua: LinkedIn is not a dating site.  Wanting to ask someone out
-- vetoes every other reason, whoever sends the invitation.

advisor.rule {
  name = "romance",
  description = "you want to ask them out; LinkedIn is not a dating site",
  intents = { "date" },
  veto = { verdict = "dont_connect", priority = 30 },
  why_not = "you are not hoping to ask them out",
  check = function(person, request)
    if not request.intents.date then return nil end
    return "you want to ask them out, and LinkedIn is not a dating site: keep it out of your professional network"
  end,
}
