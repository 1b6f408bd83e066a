-- lib/message.lua: what the message of someone's invitation to you says
-- of how you know each other: who sent them ("Priya Raman suggested I
-- reach out"), where you met ("Great chatting with you at the Berlin
-- Product Meetup"), or that they are recruiting.  Their word for it: the
-- rule their_word accepts on it, lib/suggest.lua offers it as a fact
-- to record, and neither records anything.  English messages only.

local message = {}

local text = require("lib.text")
local mentions = advisor.mentions
local find, lower, sub = string.find, string.lower, string.sub

-- The latest invitation they sent you, on or before as_of, and its
-- message on one line (nil when it has none); nil when they sent none.
function message.invitation(person)
  local best, best_day
  for e in person:events("invitation") do
    if e.direction == "in" then
      local day = e.days_ago
      if not best or day <= best_day then best, best_day = e, day end
    end
  end
  if not best then return nil end
  return best, text.clean(best.message)
end

local function says_any(s, words)
  for _, w in ipairs(words) do
    if find(s, w, 1, true) then return true end
  end
  return false
end

-- Words that say someone sent them to you.
local SENT = { "suggest", "recommend", "introduc", "referr", "refer me",
  "told me", "pointed me", "put me in touch", "sent me", "asked me to",
  "said i should", "said we should", "thought we should", "thought i should",
  "connect us" }

-- The connection of yours (not them, not you) their message names as
-- having sent them, or nil.
function message.introducer(person, said)
  if not says_any(lower(said), SENT) then return nil end
  for _, p in ipairs(mentions(said)) do
    if p.connected and not p.is_me and p ~= person then return p end
  end
  return nil
end

-- What comes before "at <place>" when it says you met there: "great
-- chatting with you", "we met", "nice to see you".
local MET_BEFORE = { "met", "met you", "met with you" }
for _, verb in ipairs({ "meeting", "meet", "seeing", "see", "chatting",
    "chatting with", "chat with", "chatted with", "talking to", "talking with",
    "talked to", "talked with", "speaking with", "speaking to", "spoke with",
    "spoke to", "bumping into", "running into", "catching up with" }) do
  MET_BEFORE[#MET_BEFORE + 1] = verb .. " you"
end
for _, noun in ipairs({ "chat", "conversation", "talk", "meeting" }) do
  MET_BEFORE[#MET_BEFORE + 1] = "our " .. noun
end

-- Words that make it a meeting still to come: "looking forward to
-- seeing you at", "hope to meet you at", "let's meet at".
local AHEAD = { "forward", "hope", "let's", "let us", "would love", "will ",
  "could ", "would ", "next ", "soon", "upcoming" }

-- Where the place's name ends: a time ("last Thursday"), a clause.
local PLACE_ENDS = { " last ", " yesterday", " today", " this ", " on ",
  " earlier", " recently", " the other day", " a few ", " back in ", " in 20",
  " and ", " - ", " – ", " — ", " (" }

local function ends_with(s, tail)
  return #s >= #tail and sub(s, -#tail) == tail
end

-- Where their message says you met ("the Berlin Product Meetup"), or nil.
-- Only a named place counts (a capital or a digit in it): "at the bar"
-- and "at your convenience" are not meetings anyone records.
function message.place(said)
  local low = lower(said)
  local from = 1
  while true do
    local s, e = find(low, " at ", from, true)
    if not s then return nil end
    from = e
    -- The clause before " at ", back to the sentence's start.
    local before = sub(low, 1, s - 1)
    local start = 1
    for i = #before, 1, -1 do
      if find(".!?;:", sub(before, i, i), 1, true) then start = i + 1 break end
    end
    local clause = sub(before, start)
    local met = false
    for _, w in ipairs(MET_BEFORE) do
      if ends_with(clause, " " .. w) or clause == w then met = true break end
    end
    if met and not says_any(clause, AHEAD) then
      local rest = sub(said, e + 1)
      local cut = find(rest, "[%.!?;,:\"]")
      if cut then rest = sub(rest, 1, cut - 1) end
      local low_rest = lower(rest)
      for _, w in ipairs(PLACE_ENDS) do
        local at = find(low_rest, w, 1, true)
        if at then
          rest, low_rest = sub(rest, 1, at - 1), sub(low_rest, 1, at - 1)
        end
      end
      local place = text.fragment(rest)
      if place and #place <= 80 and find(place, "[%u%d]") then
        return place
      end
    end
  end
end

-- Words of a message about a job they are hiring for.
local ROLE = { "role", "position", "opening", "vacanc", "hiring", "recruit",
  "job", "opportunit" }
-- Words that make an "opportunity" a sales pitch, not a job.
local PITCH = { "invest", "return", "profit", "crypto", "brochure", "villa",
  "income", "earn" }

-- Does their message offer you a job?
function message.offers_role(said)
  local low = lower(said)
  return says_any(low, ROLE) and not says_any(low, PITCH)
end

-- What their invitation says, or nil when it says none of it:
-- { event = e, text = "...", introducer = person or nil,
--   place = "the Berlin Product Meetup" or nil, role = true or nil }.
function message.read(person)
  local e, said = message.invitation(person)
  if not said then return nil end
  local introducer, place = message.introducer(person, said), message.place(said)
  local role = message.offers_role(said) or nil
  if not (introducer or place or role) then return nil end
  return { event = e, text = said, introducer = introducer, place = place, role = role }
end

return message
