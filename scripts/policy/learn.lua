-- learn.lua: connect to learn from a leader, innovator or influencer of
-- your industry, or from a founder doing something new in it.

local facts, notes = require("lib.facts"), require("lib.notes")

advisor.rule {
  name = "learn",
  description = "you hope to learn from a leader or up-and-comer of your industry",
  score = 3,
  intents = { "learn" },
  why_not = function(person, request)
    local me = request.me
    if not facts.same_industry(person, me) then
      if not me.industry then
        return "your industry is not recorded, so no one is a leader of it"
      elseif not person.industry then
        return ("their industry is not recorded, so they are not known to lead yours (%s)")
          :format(me.industry)
      end
      return ("they are in %s, not your industry (%s)"):format(person.industry, me.industry)
    end
    if not facts.leader(person) then
      return "they are in your industry, but not a leader in it (an influencer, a "
        .. "director, executive or founder, or 10,000 followers or more)"
    end
    return "they lead in your industry, but you did not say you hope to learn from them"
  end,
  check = function(person, request)
    if not request.intents.learn then return nil end
    local me = request.me
    if not facts.same_industry(person, me) then return nil end
    local why = facts.leader(person)
    if not why then return nil end
    return notes.offer(person, request,
      ("%s is %s in %s, your industry, and you hope to learn from them")
        :format(person.name, why, me.industry),
      notes.learning(person, request, why))
  end,
}
