-- stranger.lua: no relationship, no introducer and no purpose is not a
-- reason to connect; growing from people you already know works better.
-- A fallback rule: it runs after the others and sees which fired, so a
-- rule that a layer adds with a positive score counts as a reason too.

local facts, is_signal = require("lib.facts"), advisor.is_signal

-- Did some rule give a reason to connect (or to accept)?  A rule declared
-- `signal = true` adds to the score without being a reason on its own.
local function has_reason(fired)
  for name, score in pairs(fired) do
    if score > 0 and name ~= "stranger" and not is_signal(name) then
      return true
    end
  end
  return false
end

advisor.rule {
  name = "stranger",
  description = "no relationship, introducer or purpose: grow from people you know",
  intents = { "network" },
  fallback = true,
  max_score = 0, -- a reason not to connect: it adds nothing
  why_not = "another rule gives a reason, for or against",
  check = function(person, request)
    if has_reason(request.fired) or request.fired.bad_ending or request.fired.invited then
      return nil
    end
    local why = "no relationship, no introducer and no purpose"
    local met = person:latest("met")
    if met then
      why = ("you met%s but it was %s, not a relationship to build on")
        :format(met.context and facts.place(met.context) and (" " .. facts.place(met.context)) or "",
          met.tone or "unclear")
    elseif request.intents.learn then
      why = "you hope to learn, but they are not a leader or up-and-comer of your industry"
    elseif request.intents.network then
      why = "growing your network is not a reason on its own to invite a stranger"
    elseif request.intents.job then
      why = "looking for work is ordinary networking, but you have no relationship with them"
    end
    return why .. "; growing from people you already know works better"
  end,
}
