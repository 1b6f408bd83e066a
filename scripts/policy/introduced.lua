-- introduced.lua: a mutual contact vouches for you: name them in the note, make a careful first impression.
local notes = require("lib.notes")

advisor.rule {
  name = "introduced",
  description = "a mutual contact is putting you in touch",
  score = 3,
  -- For --explain: an introduction by each connection you share with them.
  what_if = {
    { change = "if {by} introduced you", add = { type = "introduced", by = "{mutual}" } },
  },
  why_not = function(person, request)
    local shared = advisor.mutual_count(request.me, person)
    if shared > 0 then
      return ("no one has introduced you to them, though %d of your connections %s them too")
        :format(shared, shared == 1 and "knows" or "know")
    end
    return "no one has introduced you to them, and no connection of yours knows them"
  end,
  check = function(person, request)
    local e = person:latest("introduced")
    if not e then return nil end
    local by = e.by
    local mutual = advisor.mutual_count(by, person) > 0 or by.connected
    return notes.offer(person, request,
      ("%s is introducing you%s; they vouch for you, so make a careful first impression")
        :format(by.name, mutual and "" or " (though not a connection of both of you)"),
      notes.introduction(person, request, e))
  end,
}
