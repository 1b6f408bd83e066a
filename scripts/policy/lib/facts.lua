-- lib/facts.lua: reading a person's history with you.
--
-- Helpers the shipped rules share.  Each takes a person (the userdata the
-- engine passes to a rule's check) and returns plain values.

local facts = {}

-- Library functions read once: a global or library field read in a rule
-- goes through the frozen tables' __index on every request.
local huge, tonumber, setting = math.huge, tonumber, advisor.setting

local en = require("lib.phrases.en")
local text = require("lib.text")

-- Where or how you met, for a detail: "at PyCon 2019", "through a friend".
function facts.place(context)
  local ctx = text.fragment(context)
  return ctx and en.place(ctx, true)
end

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

-- "2026-12-09" -> "9 December 2026"; a partial date as facts.when says it.
function facts.day(date)
  local y, m, d = (date or ""):match("^(%d%d%d%d)%-(%d%d)%-(%d%d)$")
  if y then return ("%d %s %s"):format(tonumber(d), MONTHS[tonumber(m)], y) end
  return facts.when(date)
end

local function year(date)
  return date and date:sub(1, 4)
end

-- What the export shows of knowing each other, when no fact you recorded
-- says how: mail both ways (one-way mail is not knowing someone: a
-- recruiter's unanswered messages, your own unanswered one), a
-- recommendation or an endorsement, either way.  The most recent of them:
-- { event = e, detail = "they recommended you", reminder = true,
--   evidence = "messages" | "recommended_you" | "recommended_them"
--     | "endorsed_you" | "endorsed_them" }, or nil.
local function evidence(person)
  local wrote = {}          -- the latest message each way, by direction
  local best, best_day, kind
  local function consider(e, day, k)
    if not best or day <= best_day then best, best_day, kind = e, day, k end
  end
  for e in person:events() do
    local t = e.type
    if t == "message" then
      local dir, day = e.direction, e.days_ago or huge
      local seen = wrote[dir]
      if dir and (not seen or day <= seen.day) then wrote[dir] = { event = e, day = day } end
    elseif t == "recommendation" then
      consider(e, e.days_ago or huge, e.direction == "out" and "recommended_them" or "recommended_you")
    elseif t == "endorsement" then
      consider(e, e.days_ago or huge, e.direction == "out" and "endorsed_them" or "endorsed_you")
    end
  end
  if wrote["in"] and wrote.out then
    local last = wrote["in"].day <= wrote.out.day and wrote["in"] or wrote.out
    consider(last.event, last.day, "messages")
  end
  if not best then return nil end

  local e, detail = best
  if kind == "messages" then
    detail = ("you wrote each other (last in %s)"):format(facts.when(e.date))
  elseif kind == "recommended_you" then
    detail = "they recommended you"
  elseif kind == "recommended_them" then
    detail = "you recommended them"
  else
    local skill = text.fragment(e.skill)
    local who = kind == "endorsed_you" and "they endorsed you" or "you endorsed them"
    detail = skill and ("%s for %s"):format(who, skill) or who
  end
  return { event = e, detail = detail, reminder = true, evidence = kind }
end

-- How you know the person, from the most recent good relationship you
-- recorded (a meeting, work together, a friendship or family tie), else
-- from what the export shows (see evidence above):
-- { event = e, detail = "you met at PyCon 2019 ...", reminder = true }
-- or nil when there is none.  `reminder` is true when a note from the past
-- can remind them of it (not for work that is still going on); the words
-- of the note are lib/notes.lua's.
-- (Each field of an event is read once: every read is a call into C.)
function facts.acquaintance(person)
  local best, best_day, soured
  for e in person:events() do
    local t, ok = e.type, false
    if t == "met" then
      -- A meeting recorded without a tone was an ordinary one: neutral.
      ok = GOOD_TONE[e.tone or "neutral"]
      soured = soured or not ok
    elseif t == "worked_together" then
      local ending = e.ending
      ok = GOOD_ENDING[ending] or (ending == nil and e.ongoing)
    elseif t == "personal" then
      ok = CLOSE[e.relation] and e.ending ~= "bad"
    end
    if ok then
      local day = e.days_ago or huge
      if not best or day <= best_day then
        best, best_day = e, day
      end
    end
  end
  -- A meeting you recorded as awkward or hostile is your word on them:
  -- the export's mail or endorsements do not overrule it.
  if not best then return not soured and evidence(person) or nil end

  local e, t = best, best.type
  if t == "met" then
    local where = facts.place(e.context) or ("in " .. facts.when(e.date))
    local tone = e.tone
    return {
      event = e,
      detail = tone and ("you met %s and it was %s"):format(where, tone)
        or ("you met %s"):format(where),
      reminder = true,
    }
  elseif t == "worked_together" then
    local org = e.org
    org = org and (" at " .. org) or ""
    if e.ongoing then
      return { event = e, detail = "you work together" .. org .. " now" }
    end
    local from, to = year(e.from), year(e.to)
    local span = from == to and to or (from .. "–" .. to)
    return {
      event = e,
      detail = ("you worked together%s (%s) and it ended %s"):format(org, span,
        e.ending == "good" and "well" or "on neutral terms"),
      reminder = true,
    }
  else
    return {
      event = e,
      detail = ("they are %s"):format(CLOSE[e.relation]),
      reminder = true,
    }
  end
end

-- The latest relationship that ended badly, or nil.
function facts.bad_ending(person)
  local found, found_day
  for e in person:events() do
    local t = e.type
    if (t == "worked_together" or t == "personal") and e.ending == "bad" then
      local day = e.days_ago or huge
      if not found or day <= found_day then
        found, found_day = e, day
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

-- The statuses of an interview that leave the hiring process open.
facts.OPEN_STATUSES = { "applied", "scheduled", "done" }
local OPEN = {}
for _, status in ipairs(facts.OPEN_STATUSES) do OPEN[status] = true end

-- "181 days", "21 months", "3 years": how long, for a reason (in days
-- under a year, so that it reads against interview_open_days).
local function span(days)
  if days < 365 then return ("%d days"):format(days) end
  local months = days * 12 // 365
  if months < 24 then return ("%d months"):format(months) end
  return ("%d years"):format(months // 12)
end

-- The hiring process with them, as its latest news says, or nil when no
-- interview is on record:
--   { event = e, open = true, upcoming = true/false }, or
--   { event = e, open = false, aged = "the interview of ... no longer
--     treated as open" } (aged only when an open status aged out).
-- The news is the latest interview on or before as_of, or, later still, an
-- interview scheduled after as_of: its date is when it takes place, and
-- the appointment is known now.  (An interview applied for or done after
-- as_of has not happened yet, and is not news.)  An open status with no
-- news for more than interview_open_days (settings.lua) has aged out:
-- employers that decide rarely take that long to say so.
function facts.hiring(person)
  local e, upcoming = person:latest("interview"), false
  for ahead in person:upcoming("interview") do
    if ahead.status == "scheduled" and
        (not upcoming or ahead.days_ago <= e.days_ago) then
      e, upcoming = ahead, true
    end
  end
  if not e then return nil end
  local status = e.status
  if not OPEN[status] then return { event = e, open = false } end
  local days = e.days_ago
  if not upcoming and days > setting("interview_open_days") then
    return { event = e, open = false,
      aged = ("the interview of %s (status %s) has had no news for %s: no "
        .. "longer treated as an open hiring process"):format(facts.when(e.date),
        status, span(days)) }
  end
  return { event = e, open = true, upcoming = upcoming }
end

-- The interview that keeps the hiring process open, or nil.
function facts.open_hiring(person)
  local h = facts.hiring(person)
  return h and h.open and h.event or nil
end

-- Same industry, compared without regard to case or surrounding spaces.
-- (The trimming pattern backtracks: it runs only when there is a space to
-- trim, the bytes %s matches.)
local SPACE = { [9] = true, [10] = true, [11] = true, [12] = true, [13] = true,
  [32] = true }

local function norm(s)
  s = s:lower()
  if SPACE[s:byte(1)] or SPACE[s:byte(-1)] then
    s = s:match("^%s*(.-)%s*$")
  end
  return s
end

function facts.same_industry(a, b)
  local x, y = a.industry, b.industry
  if not x or not y then return false end
  return norm(x) == norm(y)
end

-- Why the person is worth learning from, or nil: a leader, innovator or
-- influencer, or a founder doing something new.
local LEADER = { director = "a director", executive = "an executive",
  founder = "a founder" }

function facts.leader(person)
  if person.influencer then return "an influencer" end
  local leader = LEADER[person.seniority]
  if leader then return leader end
  local followers = person.followers
  if (followers or 0) >= 10000 then
    return ("followed by %d people"):format(followers)
  end
  return nil
end

return facts
