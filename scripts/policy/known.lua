-- known.lua: connect with people you know or have met, when it went well.
-- From the past (no contact for over a year), or when you say you want to
-- reconnect, remind them how you know each other.

local facts, notes = require("lib.facts"), require("lib.notes")

local PAST = 365 -- days without contact after which a reminder helps

advisor.rule {
  name = "known",
  description = "you know or have met them, and things were cordial",
  score = 3,
  intents = { "reconnect" },
  -- For --explain: the facts you could record that would make them someone
  -- you know, each tried on its own, dated the day judged.
  what_if = {
    { change = "if you had met them", add = { type = "met", tone = "neutral" } },
    { change = "if you had worked together and it ended well",
      add = { type = "worked_together", ending = "good" } },
  },
  -- Why they are not someone you know, from what you have with them: the
  -- meeting that went badly, the work whose ending is bad or unknown.
  why_not = function(person)
    local met, work = person:latest("met"), person:latest("worked_together")
    if met and met.tone and met.tone ~= "cordial" and met.tone ~= "neutral" then
      local where = met.context and facts.place(met.context)
      return ("you met%s, but it was %s"):format(where and (" " .. where) or "", met.tone)
    end
    if work then
      local at = work.org and (" at " .. work.org) or ""
      if work.ending == "bad" then
        return ("you worked together%s, but it ended badly"):format(at)
      elseif not work.ending and not work.ongoing then
        return ("you worked together%s, but how it ended is not recorded "
          .. "(record it with --ending good, neutral or bad)"):format(at)
      end
    end
    local tie = person:latest("personal")
    if tie and (tie.relation == "ex" or tie.ending == "bad") then
      return ("your personal tie (%s) is no good history to build on"):format(
        tie.relation or "personal")
    end
    return "you have no good history with them (a cordial or neutral meeting, work "
      .. "together that ended well or goes on, a friendship or family tie)"
  end,
  check = function(person, request)
    local how = facts.acquaintance(person)
    if not how then return nil end
    local last, days = person:last_contact()
    -- Accepting their invitation needs no reminder.
    if not (how.reminder and request.outgoing) then return how.detail end
    if days and days > PAST then
      return notes.offer(person, request,
        ("%s; your last contact was in %s, over a year ago: remind them how you know each other")
          :format(how.detail, facts.when(last)),
        notes.reminder(person, request, how))
    end
    -- Reconnecting: the reminder even when you were in touch lately.
    if request.intents.reconnect then
      return notes.offer(person, request,
        ("%s; you want to reconnect: remind them how you know each other")
          :format(how.detail),
        notes.reminder(person, request, how))
    end
    return how.detail
  end,
}
