-- their_word.lua: their invitation to you says who sent them (a
-- connection of yours) or where you met, or offers a job while you are
-- looking for one.  Their word for it: enough to accept their invitation,
-- never a reason to send one, so the rule reads only invitations to you.
-- Once you record what it says (lib/suggest.lua offers the command), the
-- rules that read recorded facts (introduced, known) give the reason.

local facts, message = require("lib.facts"), require("lib.message")
local text = require("lib.text")

-- Is what their message says already on record?
local function recorded(person)
  return person:latest("introduced") ~= nil or facts.acquaintance(person) ~= nil
end

advisor.rule {
  name = "their_word",
  description = "their invitation says who sent them or where you met",
  score = 3,
  -- Said only of an invitation to you: of any other, nothing is missing.
  why_not = function(person, request)
    if not request.incoming then return nil end
    local e, said = message.invitation(person)
    if not e then return nil end
    if not said then return "their invitation came without a message" end
    if recorded(person) then return "what you recorded about them says more" end
    local read = message.read(person)
    if read and read.role then
      return "their invitation is about a job; it counts when you are looking for one (intent job)"
    end
    return "their invitation names no connection of yours who sent them, and no place you met"
  end,
  check = function(person, request)
    if not request.incoming then return nil end
    local said = message.read(person)
    if not said or recorded(person) then return nil end
    local word = "only their word, but enough to accept"
    if said.introducer then
      return ("their invitation says %s, one of your connections, sent them; %s")
        :format(text.full_name(said.introducer.name) or said.introducer.name, word)
    end
    if said.place then
      return ("their invitation says you met %s; %s"):format(facts.place(said.place), word)
    end
    if request.intents.job then
      return "their invitation is about a job, and you are looking for one: accepting "
        .. "keeps a recruiter within reach"
    end
    return nil
  end,
}
