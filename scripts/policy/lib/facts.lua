-- lib/facts.lua: reading a person's history with you.
--
-- Helpers the shipped rules share.  Each takes a person (the userdata the
-- engine passes to a rule's check) and returns plain values.

local facts = {}

local GOOD_TONE = { cordial = true, neutral = true }
local GOOD_ENDING = { good = true, neutral = true }
local CLOSE = { friend = "a friend", family = "family" }

-- "2019-05-03" -> "May 2019"; "2019" -> "2019".
local MONTHS = { "January", "February", "March", "April", "May", "June", "July",
  "August", "September", "October", "November", "December" }

function facts.when(date)
  if not date then return nil end
  local y, m = date:match("^(%d%d%d%d)%-(%d%d)")
  if y then return MONTHS[tonumber(m)] .. " " .. y end
  return date
end

local function year(date)
  return date and date:sub(1, 4)
end

-- How you know the person, from the most recent good relationship:
-- { event = e, detail = "you met at PyCon 2019 ...", reminder = "We met at ..." }
-- or nil when there is none.
function facts.acquaintance(person)
  local best, best_day
  for e in person:events() do
    local ok = (e.type == "met" and GOOD_TONE[e.tone])
      or (e.type == "worked_together" and (GOOD_ENDING[e.ending] or (e.ongoing and e.ending == nil)))
      or (e.type == "personal" and CLOSE[e.relation] and e.ending ~= "bad")
    if ok then
      local day = e.days_ago or math.huge
      if not best or day <= best_day then
        best, best_day = e, day
      end
    end
  end
  if not best then return nil end

  local e = best
  if e.type == "met" then
    local where = e.context and ("at " .. e.context) or ("in " .. facts.when(e.date))
    return {
      event = e,
      detail = ("you met %s and it was %s"):format(where, e.tone or "cordial"),
      reminder = e.context and ("We met at " .. e.context .. ".")
        or ("We met in " .. facts.when(e.date) .. "."),
    }
  elseif e.type == "worked_together" then
    local org = e.org and (" at " .. e.org) or ""
    if e.ongoing then
      return { event = e, detail = "you work together" .. org .. " now" }
    end
    local span = year(e.from) == year(e.to) and year(e.to)
      or (year(e.from) .. "–" .. year(e.to))
    return {
      event = e,
      detail = ("you worked together%s (%s) and it ended %s"):format(org, span,
        e.ending == "good" and "well" or "on neutral terms"),
      reminder = ("We worked together%s (%s)."):format(org, span),
    }
  else
    return {
      event = e,
      detail = ("they are %s"):format(CLOSE[e.relation]),
      reminder = "It has been a while since we last caught up.",
    }
  end
end

-- The latest relationship that ended badly, or nil.
function facts.bad_ending(person)
  local found
  for e in person:events() do
    if (e.type == "worked_together" or e.type == "personal") and e.ending == "bad" then
      if not found or (e.days_ago or math.huge) <= (found.days_ago or math.huge) then
        found = e
      end
    end
  end
  return found
end

-- What a bad ending was, in words: "your former boss at Acme (fired)".
function facts.describe_bad_ending(e)
  if e.type == "personal" then
    return ({ ex = "your ex", friend = "a friend", family = "family" })[e.relation]
  end
  local who = ({ boss = "your former boss", report = "your former report",
    peer = "your former co-worker", client = "your former client",
    employer = "your former employer" })[e.relation] or "someone you worked with"
  local s = who
  if e.org then s = s .. " at " .. e.org end
  if e.reason then s = s .. " (" .. e.reason:gsub("_", " ") .. ")" end
  return s
end

local OPEN = { applied = true, scheduled = true, done = true }

-- The latest interview event when its status leaves the process open.
function facts.open_hiring(person)
  local e = person:latest("interview")
  if e and OPEN[e.status] then return e end
  return nil
end

-- Same industry, compared without regard to case or surrounding spaces.
function facts.same_industry(a, b)
  local x, y = a.industry, b.industry
  if not x or not y then return false end
  local function norm(s) return s:lower():match("^%s*(.-)%s*$") end
  return norm(x) == norm(y)
end

-- Why the person is worth learning from, or nil: a leader, innovator or
-- influencer, or a founder doing something new.
local LEADER = { director = "a director", executive = "an executive",
  founder = "a founder" }

function facts.leader(person)
  if person.influencer then return "an influencer" end
  if LEADER[person.seniority] then return LEADER[person.seniority] end
  if (person.followers or 0) >= 10000 then
    return ("followed by %d people"):format(person.followers)
  end
  return nil
end

return facts
