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
  why_not = "you have no good history with them (a cordial or neutral meeting, work "
    .. "together that ended well or goes on, a friendship or family tie)",
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
