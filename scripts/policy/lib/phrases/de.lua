-- lib/phrases/de.lua: the wording of the notes, in German.
--
-- The same entries as lib/phrases/en.lua (read that file first).  The
-- notes say "du", as LinkedIn itself does in German; "Hallo Priya," is
-- followed by a small letter where the next word is not a noun or name.

local when = require("lib.when")
local text = require("lib.text")

local P = { code = "de" }

local MONTHS = { "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli",
  "August", "September", "Oktober", "November", "Dezember" }
local NUMBERS = { "ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht",
  "neun", "zehn" }

-- Greeting and closing -------------------------------------------------

function P.greeting(name)
  if name then return ("Hallo %s,"):format(name) end
  return "Hallo,"
end

-- After "Hallo Priya," a sentence goes on in small letters, unless it
-- starts with a noun or a name.
local SMALL_START = {}
for w in ("Wir Es Ich Schön Lass Seit Gern Danke"):gmatch("%S+") do SMALL_START[w] = true end

function P.after_greeting(sentence)
  local first = sentence:match("^([^%s,]+)")
  if first and SMALL_START[first] then return text.lower_first(sentence) end
  return sentence
end

P.closing = "Ich freue mich auf den Austausch!"
P.closing_short = "Lass uns vernetzen!"

-- Dates ----------------------------------------------------------------

local function in_month(date)
  local y, m = when.parts(date)
  if m then return ("im %s %d"):format(MONTHS[m], y) end
  if y then return tostring(y) end
  return nil
end

-- "im Mai 2025" up to two years back, then "schon 2019".
function P.long_ago(date, days)
  local y = when.parts(date)
  if not y then return nil end
  if days and days <= 730 then return in_month(date) end
  return ("schon %d"):format(y)
end

function P.lately(date, days, as_of)
  if not days then return nil end
  if days <= 0 then return "heute" end
  if days == 1 then return "gestern" end
  if days < 7 then return "vor ein paar Tagen" end
  if days < 14 then return "letzte Woche" end
  if days < 45 then return "vor ein paar Wochen" end
  local y, m = when.parts(date)
  if not m then return nil end
  if y == when.parts(as_of) then return "im " .. MONTHS[m] end
  return ("im %s %d"):format(MONTHS[m], y)
end

function P.years(n)
  if n > 10 then return "über zehn Jahre" end
  if n == 1 then return "ein Jahr" end
  return (NUMBERS[n] or tostring(n)) .. " Jahre"
end

-- Places and ways of meeting ------------------------------------------

local PREPOSITIONS = {}
for w in ([[an am auf aus bei beim durch im in mit nach über unterwegs vom
  von während zum zur per online via]]):gmatch("%S+") do
  PREPOSITIONS[w] = true
end

-- English ones: "at PyCon" is PyCon; a how in English ("on a flight to
-- Tokyo") cannot be put in a German sentence.
local ENGLISH = {}
for w in ([[on in through during via over when while after before by near
  aboard thanks]]):gmatch("%S+") do
  ENGLISH[w] = true
end

-- Which preposition an event takes, by the kind of event its name ends in.
local function event_preposition(name)
  local words = {}
  for w in name:gmatch("[%a]+") do words[#words + 1] = w:lower() end
  for k = #words, 1, -1 do
    local w = words[k]
    if w:find("meetup$") or w:find("treffen$") or w == "stammtisch" or w == "barcamp"
      or w == "hackathon" or w == "workshop" or w == "event" then
      return "beim"
    end
    if w == "summit" or w == "kongress" or w == "forum" or w == "festival" then return "auf dem" end
    if w:find("con$") or w:find("conf$") or w:find("konferenz$") or w == "conference"
      or w == "messe" or w == "tagung" or w == "week" or w == "woche" or w:find("days$")
      or w == "expo" or w == "night" then
      return "auf der"
    end
  end
  return "bei"
end

function P.place(context)
  local s = context:gsub("^[Ww]ir haben uns%s+", "")
  local first = s:match("^(%S+)") or ""
  local lower = first:lower()
  if lower == "at" then
    s = s:sub(#first + 2)
    first = s:match("^(%S+)") or ""
    lower = first:lower()
  end
  if PREPOSITIONS[lower] then return lower .. s:sub(#first + 1) end
  if ENGLISH[lower] or s == "" then return nil end
  if lower == "einem" or lower == "einer" or lower == "dem" or lower == "der" then
    return "bei " .. lower .. s:sub(#first + 1)
  end
  return event_preposition(s) .. " " .. s
end

-- The parts ------------------------------------------------------------

function P.met(m)
  if m.place and m.dated then return ("Wir haben uns %s kennengelernt."):format(m.place) end
  local ago = P.long_ago(m.date, m.days)
  if m.place and ago then return ("Wir haben uns %s %s kennengelernt."):format(ago, m.place) end
  if m.place then return ("Wir haben uns %s kennengelernt."):format(m.place) end
  if ago then return ("Wir haben uns %s kennengelernt."):format(ago) end
  return "Wir kennen uns schon."
end

function P.met_short(m)
  if m.place then return ("Wir haben uns %s kennengelernt."):format(m.place) end
  local y = when.parts(m.date)
  if y then return ("Wir haben uns %d kennengelernt."):format(y) end
  return "Wir kennen uns schon."
end

function P.met_lately_clause(m)
  local ago = P.lately(m.date, m.days, m.as_of)
  local s = "Schön, dass wir uns"
  if ago then s = s .. " " .. ago end
  if m.place then s = s .. " " .. m.place end
  return s .. " kennengelernt haben"
end

function P.worked(w)
  local at = w.org and (" bei " .. w.org) or ""
  if w.years >= 2 then
    return ("Es ist schon %s her, dass wir%s zusammengearbeitet haben%s."):format(P.years(w.years), at, w.span)
  end
  local y = when.parts(w.to)
  local now = when.parts(w.as_of)
  local till = y == now and "Anfang dieses Jahres" or y == now - 1 and "letztes Jahr" or tostring(y)
  return ("Wir haben bis %s%s zusammengearbeitet."):format(till, at)
end

function P.worked_short(w)
  if w.org then return ("Wir haben bei %s zusammengearbeitet."):format(w.org) end
  return "Wir haben früher zusammengearbeitet."
end

function P.working_clause(w)
  local at = w.org and (" bei " .. w.org) or ""
  if w.ongoing then return "Schön, mit dir" .. at .. " zusammenzuarbeiten" end
  return "Es war schön, mit dir" .. at .. " zusammenzuarbeiten"
end

function P.close()
  return "Es ist eine Weile her, dass wir uns zuletzt gesprochen haben."
end

function P.close_short()
  return "Lange nicht gesprochen!"
end

function P.evidence(x)
  local k = x.evidence
  if k == "messages" then return "Es ist eine Weile her, dass wir uns zuletzt geschrieben haben." end
  if k == "recommended_you" then return "Danke noch einmal für deine Empfehlung." end
  if k == "endorsed_you" then
    if x.skill then return ("Danke noch einmal, dass du meine Kenntnisse in %s bestätigt hast."):format(x.skill) end
    return "Danke noch einmal für deine Bestätigung."
  end
  return P.close()
end

function P.evidence_short(x)
  local k = x.evidence
  if k == "recommended_you" then return "Danke noch einmal für die Empfehlung!" end
  if k == "endorsed_you" then return "Danke noch einmal für die Bestätigung!" end
  return P.close_short()
end

function P.past_clause(past)
  if past.kind == "met" then
    local ago = past.lately and P.lately(past.date, past.days, past.as_of)
    local where = past.place
    if not where then ago = ago or P.long_ago(past.date, past.days) end
    if not where and not ago then return nil end
    return "wir haben uns übrigens" .. (ago and (" " .. ago) or "") .. (where and (" " .. where) or "")
      .. " kennengelernt"
  elseif past.kind == "worked" then
    return "wir haben übrigens" .. (past.org and (" bei " .. past.org) or "") .. " zusammengearbeitet"
  end
  return nil
end

function P.intro_clause(i)
  if i.days <= 60 then return ("%s hat mir empfohlen, mich bei dir zu melden"):format(i.by) end
  if i.days <= 365 then
    local y, m = when.parts(i.date)
    local ago = m and (y == when.parts(i.as_of) and ("im " .. MONTHS[m]) or ("im " .. MONTHS[m] .. " " .. y))
      or "vor einer Weile"
    return ("%s hat mir %s empfohlen, mich bei dir zu melden"):format(i.by, ago)
  end
  local ago = P.long_ago(i.date, i.days) or "vor einer Weile"
  return ("%s hat uns %s einander vorgestellt"):format(i.by, ago)
end

function P.intro(i)
  if i.days > 365 then
    return P.intro_clause(i) .. ", und ich melde mich leider erst jetzt."
  end
  return P.intro_clause(i) .. "."
end

function P.intro_short(i)
  return ("%s hat uns einander vorgestellt."):format(i.by)
end

function P.intro_and_past(i, past_clause)
  return P.intro_clause(i) .. "; " .. past_clause .. "."
end

function P.intro_and_learn(i, l)
  local from = l.company and ("deiner Erfahrung bei " .. l.company) or "deiner Erfahrung"
  if i.days > 365 then
    return P.intro_clause(i) .. ", und ich würde immer noch gern von " .. from .. " lernen."
  end
  return P.intro_clause(i) .. ", denn ich würde gern von " .. from .. " lernen."
end

local function following(l)
  if l.why == "influencer" or l.why == "followed" then return "deine Beiträge" end
  if l.company and l.why == "founder" then return "was du bei " .. l.company .. " aufbaust" end
  if l.company then return "deine Arbeit bei " .. l.company end
  return "deine Arbeit"
end

function P.learn(l)
  local f = following(l)
  f = f:find("^was") and (", " .. f .. ",") or (" " .. f)
  local field = l.industry and (" als jemand aus dem Bereich " .. l.industry) or ""
  return ("Ich verfolge schon länger%s und würde%s gern von deiner Erfahrung lernen."):format(f, field)
end

function P.learn_short(l)
  if l.company then return ("Ich würde gern von deiner Erfahrung bei %s lernen."):format(l.company) end
  return "Ich würde gern von deiner Erfahrung lernen."
end

function P.learn_after_lately(l)
  if l.company then return ("ich würde gern mehr von deiner Erfahrung bei %s lernen"):format(l.company) end
  return "ich würde gern mehr von deiner Erfahrung lernen"
end

function P.learn_after_past(l)
  if l.company then return ("Ich würde gern hören, was du seitdem bei %s machst."):format(l.company) end
  return "Ich würde gern hören, was du seitdem machst."
end

function P.learn_known(l)
  if l.company then
    return ("Ich würde gern mehr darüber hören, was du bei %s machst, und von deiner Erfahrung lernen.")
      :format(l.company)
  end
  return "Ich würde gern mehr darüber hören, was du machst, und von deiner Erfahrung lernen."
end

function P.join(clause, rest)
  return clause .. "; " .. rest .. "."
end

return P
