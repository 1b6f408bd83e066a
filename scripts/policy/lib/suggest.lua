-- lib/suggest.lua: facts to suggest recording about a person, from what
-- the export shows but no fact says: their invitation naming who sent
-- them or where you met (lib/message.lua), their company being one you
-- worked at (me.positions, from Positions.csv).  The engine calls
-- suggest.facts (set by settings.lua with advisor.suggest) after the
-- advice, for every verdict; each suggestion is a fact as `advisor
-- remember` records it and why it is suggested.  Nothing is recorded
-- until the user runs the command.

local suggest = {}

local facts, message = require("lib.facts"), require("lib.message")
local text = require("lib.text")

local function norm(s)
  s = s and text.clean(s)
  return s and s:lower()
end

local function year(date)
  return date and date:sub(1, 4)
end

-- Is a fact of this type already recorded about them (one whose field
-- `key` is `value`, when given)?
local function has(person, type, key, value)
  for e in person:events(type) do
    if not key then return true end
    local v = e[key]
    if type == "introduced" and v then v = v.id end
    if key == "org" then v = norm(v) end
    if v == value then return true end
  end
  return false
end

-- From their invitation's message: who sent them, where you met.
local function from_message(person, out)
  local e, said = message.invitation(person)
  if not said then return end
  local by = message.introducer(person, said)
  if by and not has(person, "introduced", "by", by.id) then
    out[#out + 1] = {
      fact = { type = "introduced", by = by, date = e.date },
      why = ("%s introduced you: their invitation says so")
        :format(text.full_name(by.name) or by.name),
    }
  end
  local place = message.place(said)
  if place and not has(person, "met") then
    out[#out + 1] = {
      -- The meeting came before the invitation: its month is the best
      -- guess, and the user may correct it.
      fact = { type = "met", context = place, date = e.date:sub(1, 7) },
      why = ("you met %s: their invitation says so"):format(facts.place(place)),
    }
  end
end

-- From your jobs (me.positions): they work where you work or worked.
local function from_positions(person, request, out)
  local company = norm(person.company)
  local positions = company and request.me.positions
  if type(positions) ~= "table" then return end
  for _, job in ipairs(positions) do
    local org = type(job) == "table" and job.org
    if type(org) == "string" and norm(org) == company and job.from
        and not has(person, "worked_together", "org", company) then
      if job.to then
        local span = year(job.from) == year(job.to) and year(job.to)
          or (year(job.from) .. "–" .. year(job.to))
        out[#out + 1] = {
          fact = { type = "worked_together", org = org, from = job.from, to = job.to,
            ending = "good" },
          why = ("did you work together at %s? They work there, and you did (%s)")
            :format(org, span),
        }
      else
        out[#out + 1] = {
          fact = { type = "worked_together", org = org, from = job.from },
          why = ("do you work together at %s? You both work there"):format(org),
        }
      end
      return
    end
  end
end

function suggest.facts(person, request)
  local out = {}
  from_message(person, out)
  from_positions(person, request, out)
  return out
end

return suggest
