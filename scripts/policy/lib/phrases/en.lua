-- lib/phrases/en.lua: the wording of the notes, in English.
--
-- Every sentence a note can hold is here, as a function of plain values
-- (names, places, dates) that lib/notes.lua has already cleaned.  To change
-- the wording, change it here (or put a lib/phrases/en.lua in your own
-- layer); to add a language, copy this file, translate each entry and
-- register it (see docs/policy-guide.md).  A function returns a sentence
-- with its final punctuation; one named *_clause returns a part of a
-- sentence, without it.

local when = require("lib.when")

local P = { code = "en" }

local MONTHS = { "January", "February", "March", "April", "May", "June", "July",
  "August", "September", "October", "November", "December" }
local NUMBERS = { "one", "two", "three", "four", "five", "six", "seven", "eight",
  "nine", "ten" }

-- Greeting and closing -------------------------------------------------

function P.greeting(name)
  if name then return ("Hi %s!"):format(name) end
  return "Hi there!"
end

-- The sentence after the greeting, as it is written there.
function P.after_greeting(sentence)
  return sentence
end

P.closing = "Would you like to connect?"
P.closing_short = "Let's connect."

-- Dates ----------------------------------------------------------------

-- "in May 2019", "in 2019".
local function in_month(date)
  local y, m = when.parts(date)
  if m then return ("in %s %d"):format(MONTHS[m], y) end
  if y then return ("in %d"):format(y) end
  return nil
end

-- Something from over a year ago: "in May 2025" up to two years back,
-- then "back in 2019".
function P.long_ago(date, days)
  local y = when.parts(date)
  if not y then return nil end
  if days and days <= 730 then return in_month(date) end
  return ("back in %d"):format(y)
end

-- Something from this last year: "yesterday", "last week", "in June".
function P.lately(date, days, as_of)
  if not days then return nil end
  if days <= 0 then return "today" end
  if days == 1 then return "yesterday" end
  if days < 7 then return "a few days ago" end
  if days < 14 then return "last week" end
  if days < 45 then return "a few weeks ago" end
  local y, m = when.parts(date)
  if not m then return nil end
  if y == when.parts(as_of) then return "in " .. MONTHS[m] end
  return ("last %s"):format(MONTHS[m])
end

-- "nine years", "over ten years".
function P.years(n)
  if n > 10 then return "over ten years" end
  return (NUMBERS[n] or tostring(n)) .. (n == 1 and " year" or " years")
end

-- Places and ways of meeting ------------------------------------------

-- Words a context may start with that already say where or how.
local PREPOSITIONS = {}
for w in ([[at in on during through via over when while after before by near
  outside inside aboard across around behind backstage online thanks
  onboard]]):gmatch("%S+") do
  PREPOSITIONS[w] = true
end

-- Another language's prepositions: such a context cannot be put in an
-- English sentence, and the note says when instead of where.
local FOREIGN = {}
for w in ([[auf bei beim im am an über durch während nach zum zur vom von
  à au aux chez durante en sur pendant dans]]):gmatch("%S+") do
  FOREIGN[w] = true
end

local ON = { flight = true, plane = true, train = true, bus = true, ferry = true,
  cruise = true, boat = true, call = true, podcast = true, panel = true, zoom = true,
  linkedin = true, twitter = true, slack = true, discord = true, mastodon = true,
  github = true, reddit = true, stage = true }
local THROUGH = { friend = true, friends = true, colleague = true, colleagues = true,
  mutual = true, introduction = true, referral = true }

local THE = { meetup = true, conference = true, hackathon = true, workshop = true, festival = true,
  fair = true, meeting = true, dinner = true, party = true, offsite = true, retreat = true,
  bootcamp = true, barcamp = true, unconference = true }

-- Where or how you met, as it follows "We met": "at PyCon 2019", "through a
-- friend of Priya's", "on a flight to Tokyo".  nil when it cannot be said
-- in English.  With `bare`, an event's name gets no "the" (for a detail,
-- which quotes the name as written).
function P.place(context, bare)
  local s = context:gsub("^[Ww]e [Mm]et%s+", ""):gsub("^[Mm]et%s+", "")
  local first = s:match("^(%S+)") or ""
  local lower = first:lower()
  if PREPOSITIONS[lower] then
    return lower .. s:sub(#first + 1)
  end
  if FOREIGN[lower] then return nil end
  -- "a flight to Tokyo", "the 2015 Annual International Conference".
  local article, noun = lower:match("^(an?)$"), nil
  if article or lower == "the" or lower == "my" or lower == "our" then
    local rest = s:sub(#first + 2)
    for w in rest:gmatch("[%a']+") do
      local k = w:lower():gsub("'s$", "")
      if ON[k] or THROUGH[k] then noun = k break end
    end
    if noun and THROUGH[noun] then return "through " .. lower .. " " .. rest end
    if noun then return "on " .. lower .. " " .. rest end
    return "at " .. lower .. " " .. rest
  end
  if THROUGH[lower] then return "through " .. s end
  if ON[lower] then return "on " .. s end
  -- "the Berlin Rust Meetup", but "Craft Conference 2026", a name.
  local last
  for w in s:gmatch("%a+") do last = w:lower() end
  if THE[last] and not bare and not s:find("%d") then return "at the " .. s end
  return "at " .. s
end

-- The parts ------------------------------------------------------------

-- A meeting from the past (over a year without contact).
--   m = { place = "at PyCon 2019" or nil, dated = true when the place
--         holds a year, date, days }
function P.met(m)
  if m.place and m.dated then return ("We met %s."):format(m.place) end
  local ago = P.long_ago(m.date, m.days)
  if m.place and ago then return ("We met %s %s."):format(m.place, ago) end
  if m.place then return ("We met %s."):format(m.place) end
  if ago then return ("We met %s."):format(ago) end
  return "We have met before."
end

function P.met_short(m)
  if m.place then return ("We met %s."):format(m.place) end
  local y = when.parts(m.date)
  if y then return ("We met in %d."):format(y) end
  return "We have met before."
end

-- A meeting this last year, opening a sentence that goes on.
function P.met_lately_clause(m)
  local ago = P.lately(m.date, m.days, m.as_of)
  local s = "It was great to meet you"
  if m.place then s = s .. " " .. m.place end
  if ago then s = s .. " " .. ago end
  return s
end

-- Work together from the past.
--   w = { org = "Fjord Systems" or nil, to = "2017-03", years = 9 }
function P.worked(w)
  local at = w.org and (" at " .. w.org) or ""
  if w.years >= 2 then
    return ("It has been %s since we worked together%s%s."):format(P.years(w.years), at, w.span)
  end
  local y = when.parts(w.to)
  local now = when.parts(w.as_of)
  local till = y == now and "earlier this year" or y == now - 1 and "last year" or tostring(y)
  return ("We worked together%s until %s."):format(at, till)
end

function P.worked_short(w)
  if w.org then return ("We worked together at %s."):format(w.org) end
  return "We used to work together."
end

-- Work together now (ongoing) or until lately, opening a sentence.
function P.working_clause(w)
  local at = w.org and (" at " .. w.org) or ""
  if w.ongoing then return "It is great working with you" .. at end
  return "It was great working with you" .. at
end

-- A friend or family, not heard from for over a year.
function P.close()
  return "It has been a while since we last caught up."
end

function P.close_short()
  return "It has been a while!"
end

-- What the export shows of knowing each other, from over a year ago.
--   x = { evidence = "messages", "recommended_you", "recommended_them",
--         "endorsed_you" or "endorsed_them"; skill = "Product Strategy"
--         or nil (an endorsement's) }
function P.evidence(x)
  local k = x.evidence
  if k == "messages" then return "It has been a while since we last wrote." end
  if k == "recommended_you" then return "Thank you again for the recommendation you wrote me." end
  if k == "endorsed_you" then
    if x.skill then return ("Thank you again for endorsing me for %s."):format(x.skill) end
    return "Thank you again for the endorsement."
  end
  return P.close()
end

function P.evidence_short(x)
  local k = x.evidence
  if k == "recommended_you" then return "Thanks again for the recommendation!" end
  if k == "endorsed_you" then return "Thanks again for the endorsement!" end
  return P.close_short()
end

-- What you share, after an introduction: "we actually met at PyCon 2019".
function P.past_clause(past)
  if past.kind == "met" then
    local ago = past.lately and P.lately(past.date, past.days, past.as_of)
    local where = past.place
    if not where then ago = ago or P.long_ago(past.date, past.days) end
    if not where and not ago then return nil end
    return "we actually met" .. (where and (" " .. where) or "") .. (ago and (" " .. ago) or "")
  elseif past.kind == "worked" then
    return "we actually worked together" .. (past.org and (" at " .. past.org) or "")
  end
  return nil
end

-- An introduction.
--   i = { by = "Zoë Müller", date, days, as_of }
-- Recent (two months): the suggestion; older: when it was, with an apology
-- for the delay when nothing else follows.
function P.intro_clause(i)
  if i.days <= 60 then return ("%s suggested I get in touch with you"):format(i.by) end
  if i.days <= 365 then
    local y, m = when.parts(i.date)
    local ago = m and (y == when.parts(i.as_of) and ("in " .. MONTHS[m]) or ("last " .. MONTHS[m]))
      or "a while ago"
    return ("%s suggested %s that I get in touch with you"):format(i.by, ago)
  end
  return ("%s introduced us %s"):format(i.by, P.long_ago(i.date, i.days) or "a while ago")
end

function P.intro(i)
  if i.days > 365 then
    return P.intro_clause(i) .. ", and I am sorry it took me this long to reach out."
  end
  return P.intro_clause(i) .. "."
end

function P.intro_short(i)
  return ("%s introduced us."):format(i.by)
end

-- An introduction and what you share: "...; we actually met at PyCon 2019."
function P.intro_and_past(i, past_clause)
  return P.intro_clause(i) .. "; " .. past_clause .. "."
end

-- An introduction and a wish to learn.
function P.intro_and_learn(i, l)
  local from = l.company and ("your experience at " .. l.company) or "your experience"
  if i.days > 365 then
    return P.intro_clause(i) .. ", and I would still love to learn from " .. from .. "."
  end
  return P.intro_clause(i) .. ", as I would love to learn from " .. from .. "."
end

-- Learning from a leader of your industry you do not know.
--   l = { company = "Orbit" or nil, industry = "Software", why =
--         "influencer" | "founder" | "leader" | "followed" }
local function following(l)
  if l.why == "influencer" or l.why == "followed" then return "your posts" end
  if l.company and l.why == "founder" then return "what you are building at " .. l.company end
  if l.company then return "what you do at " .. l.company end
  return "what you do"
end

function P.learn(l)
  if l.industry then
    return ("I have been following %s, and as someone in %s myself, I would love to learn from your experience.")
      :format(following(l), l.industry)
  end
  return ("I have been following %s, and I would love to learn from your experience."):format(following(l))
end

function P.learn_short(l)
  if l.company then return ("I would love to learn from your experience at %s."):format(l.company) end
  return "I would love to learn from your experience."
end

-- Learning, from someone you know: after a meeting or work lately ("It was
-- great to meet you ..., and ..."), after a reminder of the past, or alone.
function P.learn_after_lately(l)
  return l.company and ("and I would love to learn more from your experience at %s"):format(l.company)
    or "and I would love to learn more from your experience"
end

function P.learn_after_past(l)
  if l.company then return ("I would love to hear what you have been up to at %s since."):format(l.company) end
  return "I would love to hear what you have been up to since."
end

function P.learn_known(l)
  if l.company then
    return ("I would love to hear more about what you do at %s and learn from your experience."):format(l.company)
  end
  return "I would love to hear more about what you do and learn from your experience."
end

-- A clause and what follows it: "It was great to meet you ..., and I ...".
function P.join(clause, rest)
  return clause .. ", " .. rest .. "."
end

return P
