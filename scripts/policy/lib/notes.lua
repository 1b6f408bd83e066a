-- lib/notes.lua: writing the invitation note.
--
-- One note per request, as a person would write it: a greeting with the
-- name they go by, the relationship that matters most (an introduction,
-- then a shared past, then a wish to learn), what else is worth saying in
-- the same breath, and a closing line.  The words are in the phrase table
-- of the note's language (lib/phrases/en.lua, lib/phrases/de.lua); this
-- file only chooses and assembles them.
--
-- The rules ask for a note by returning a part made here (notes.reminder,
-- notes.introduction, notes.learning): each is a whole sentence, so that a
-- policy without this composer still says something sensible.  The
-- composer recognises the parts it made and writes one note from the
-- facts behind them; parts from other rules (a layer's) follow the main
-- sentence as written.
--
-- The note fits the limit (notes.limit): optional parts are dropped, then
-- shorter forms used, never a word cut.  When the request asks for more
-- than one draft (request.drafts), compose returns a list of notes, the
-- usual one first, then alternatives: led by the next relationship, the
-- main sentence alone, the briefest form.  When not even "Hi Priya! Let's
-- connect." fits, there is no note, and the rules say why in their detail.

local facts = require("lib.facts")
local text = require("lib.text")
local when = require("lib.when")

local notes = {}

local chars, concat = text.chars, table.concat

-- The phrase tables, by language code.  A layer adds a language with
--   require("lib.notes").languages.fr = require("lib.phrases.fr")
-- while the policy loads.
notes.languages = {
  en = require("lib.phrases.en"),
  de = require("lib.phrases.de"),
}

-- The choices settings.lua makes (through notes.configure):
--   language      the language of the notes; a person whose record has a
--                 `language` field ("de", "de-AT", "en") for which there is
--                 a phrase table is written to in that language instead;
--   account       your LinkedIn account, "basic" or "premium"; `account` on
--                 me in the network file says the same and wins;
--   note_limits   the note limit of each kind of account.
-- A request's note_limit is there only when --note-limit, the embedder or
-- a layer's note_limit set one, and then it is the limit; otherwise the
-- account's limit is.
notes.settings = { language = "en", account = "basic", note_limits = { basic = 200, premium = 300 } }

function notes.configure(t)
  for k, v in pairs(t) do notes.settings[k] = v end
  local set = notes.settings
  if not notes.languages[set.language] then
    error(("lib.notes: no phrases for the language %q"):format(tostring(set.language)), 2)
  end
  if not set.note_limits[set.account] then
    error(("lib.notes: the account is %q; expected one of basic, premium"):format(tostring(set.account)), 2)
  end
end

-- The note limit in force for this request, in characters.
function notes.limit(request)
  if request.note_limit then return request.note_limit end
  local set = notes.settings
  local account = request.me.account
  local own = type(account) == "string" and set.note_limits[account:lower()]
  return own or set.note_limits[set.account]
end

function notes.phrases(person)
  local lang = person.language
  if type(lang) == "string" then
    local code = lang:lower():match("^(%a%a)")
    if code and notes.languages[code] then return notes.languages[code] end
  end
  return notes.languages[notes.settings.language] or notes.languages.en
end

------------------------------------------------------------------------
-- The facts behind each part, in plain values the phrases take.

-- A meeting, a job, a friendship or what the export shows (from
-- facts.acquaintance).
local function past_of(P, how, request)
  local e = how.event
  local t = e.type
  if how.evidence then
    return { kind = "evidence", evidence = how.evidence, skill = text.fragment(e.skill),
      date = e.date, days = e.days_ago, as_of = request.as_of }
  end
  if t == "met" then
    local ctx = text.fragment(e.context)
    local place = ctx and P.place(ctx)
    return { kind = "met", place = place, dated = place and place:find("%f[%d]%d%d%d%d%f[%D]") ~= nil,
      date = e.date, days = e.days_ago, as_of = request.as_of, lately = e.days_ago <= 365 }
  elseif t == "worked_together" then
    local from, to = when.parts(e.from), when.parts(e.to or request.as_of)
    local span = from and to and (from == to and (" (" .. to .. ")") or (" (" .. from .. "–" .. to .. ")")) or ""
    return { kind = "worked", org = text.fragment(e.org), to = e.to or request.as_of, ongoing = e.ongoing, span = span,
      years = when.years(e.days_ago), days = e.days_ago, as_of = request.as_of,
      lately = e.ongoing or e.days_ago <= 365 }
  end
  return { kind = "close", days = e.days_ago, as_of = request.as_of }
end

-- The reminder of how you know each other (the known rule's part).
function notes.reminder(person, request, how)
  local P = notes.phrases(person)
  local past = past_of(P, how, request)
  if past.kind == "met" then return P.met(past) end
  if past.kind == "worked" then return P.worked(past) end
  if past.kind == "evidence" then return (P.evidence or P.close)(past) end
  return P.close()
end

local function intro_of(e, request)
  return { by = text.full_name(e.by.name), date = e.date, days = e.days_ago, as_of = request.as_of }
end

-- The introduction (the introduced rule's part), from the event.
function notes.introduction(person, request, e)
  return notes.phrases(person).intro(intro_of(e, request))
end

local WHY = { ["an influencer"] = "influencer", ["a founder"] = "founder" }

local function learn_of(P, person, request, why)
  local industry = request.me.industry
  industry = industry and text.fragment(industry)
  if industry then industry = P.code == "en" and text.prose_lower(industry) or text.label_case(industry) end
  local kind = WHY[why] or (why:find("^followed") and "followed") or "leader"
  return { company = text.fragment(person.company), industry = industry, why = kind }
end

-- The wish to learn (the learn rule's part); `why` is facts.leader's.
function notes.learning(person, request, why)
  local P = notes.phrases(person)
  return P.learn(learn_of(P, person, request, why))
end

------------------------------------------------------------------------
-- Composing

-- The whole note, tidied: one line, single spaces, no doubled small words
-- ("at at") or punctuation ("..", ".!").
local SMALL = {}
for w in ("at in on of the a an to through by bei beim auf der die das dem im am"):gmatch("%S+") do
  SMALL[w] = true
end

local function tidy(s)
  s = s:gsub("%s+", " "):gsub("^ ", ""):gsub(" $", "")
  local out, prev = {}, nil
  for w in s:gmatch("%S+") do
    local k = w:lower()
    if not (k == prev and SMALL[k]) then out[#out + 1] = w end
    prev = k
  end
  s = concat(out, " ")
  s = s:gsub(" ([%.,;:!?])", "%1")
  s = s:gsub("%.%.+", "."):gsub("([!?;:,])%.", "%1"):gsub("%.([!?])", "%1"):gsub(",,+", ",")
  return s
end

local function fits(s, limit) return chars(s) <= limit end

-- Does any note fit?  The shortest is the greeting and the short closing.
function notes.room(person, request)
  local P = notes.phrases(person)
  local shortest = P.greeting(text.addressee(person)) .. " " .. P.after_greeting(P.closing_short)
  return fits(tidy(shortest), notes.limit(request))
end

-- What a rule returns to ask for a note: { detail, note }, or, when no note
-- can fit the limit, the detail saying so, no note, and no_note_fits = the
-- limit (which the result reports).
function notes.offer(person, request, detail, part)
  if notes.room(person, request) then return { detail = detail, note = part } end
  local limit = notes.limit(request)
  return { detail = ("%s; no note fits the limit of %d characters: invite without one")
    :format(detail, limit), no_note_fits = limit }
end

-- The main sentence and its shorter forms: { full, plain, short }, where
-- `full` also says what else is worth saying with it (or is nil).
local function lead(P, s)
  local past, learn, intro = s.past, s.learn, s.intro
  -- Still at the company you share: "your experience", not "at Orbit" twice.
  if learn and past and past.org and learn.company == past.org then
    learn = { industry = learn.industry, why = learn.why }
  end
  if intro then
    local full
    local clause = past and P.past_clause(past)
    if clause then
      full = P.intro_and_past(intro, clause)
    elseif learn then
      full = P.intro_and_learn(intro, learn)
    end
    return { full = full, plain = P.intro(intro), short = P.intro_short(intro) }
  end
  if past and s.reminder then
    local plain, short
    if past.kind == "met" then
      plain, short = P.met(past), P.met_short(past)
    elseif past.kind == "worked" then
      plain, short = P.worked(past), P.worked_short(past)
    elseif past.kind == "evidence" then
      -- (A layer's phrase table from before evidence counted: its close.)
      plain, short = (P.evidence or P.close)(past), (P.evidence_short or P.close_short)(past)
    else
      plain, short = P.close(), P.close_short()
    end
    return { full = learn and (plain .. " " .. P.learn_after_past(learn)), plain = plain, short = short }
  end
  if learn and past and past.lately and (past.kind == "met" or past.kind == "worked") then
    local opening = past.kind == "met" and P.met_lately_clause(past) or P.working_clause(past)
    return { plain = P.join(opening, P.learn_after_lately(learn)), short = P.learn_short(learn) }
  end
  if learn and past then
    return { plain = P.learn_known(learn), short = P.learn_short(learn) }
  end
  if learn then
    return { plain = P.learn(learn), short = P.learn_short(learn) }
  end
  return nil
end

function notes.compose(person, request, parts)
  local P = notes.phrases(person)
  local limit = notes.limit(request)

  -- Which parts are ours, and the facts behind them.
  local given = {}
  for _, part in ipairs(parts) do given[part] = true end
  local s, used = {}, {}
  local how = facts.acquaintance(person)
  if how then
    s.past = past_of(P, how, request)
    local r = notes.reminder(person, request, how)
    if given[r] then s.reminder, used[r] = true, true end
  end
  local e = person:latest("introduced")
  if e then
    local r = notes.introduction(person, request, e)
    if given[r] then s.intro, used[r] = intro_of(e, request), true end
  end
  local why = facts.leader(person)
  if why then
    local r = notes.learning(person, request, why)
    if given[r] then s.learn, used[r] = learn_of(P, person, request, why), true end
  end
  local extras = {}
  for _, part in ipairs(parts) do
    -- (A part of more bytes than four times the limit cannot fit.)
    if not used[part] and #part <= 4 * limit then
      local clean = text.clean(part)
      if clean then extras[#extras + 1] = clean end
    end
  end

  local greeting = P.greeting(text.addressee(person))
  local function note(sentences, closing)
    local body = concat(sentences, " ")
    if closing then body = body == "" and closing or body .. " " .. closing end
    return tidy(greeting .. " " .. P.after_greeting(body))
  end

  -- The note led by `main` with what else is worth saying (more): from
  -- the fullest form to the shortest, the first that fits; "" if none.
  local function write(main, more)
    local tries = {}
    local function try(sentences, closing) tries[#tries + 1] = { sentences, closing } end
    for _, sentence in ipairs({ main.full or false, main.plain or false }) do
      if sentence then
        for k = #more, 0, -1 do
          local list = { sentence }
          for j = 1, k do list[#list + 1] = more[j] end
          try(list, P.closing)
        end
      end
    end
    local plain, short = main.plain, main.short or main.plain
    try({ short }, P.closing)
    try({ plain }, P.closing_short)
    try({ short }, P.closing_short)
    try({ plain })
    try({ short })
    try({}, P.closing_short)
    for _, t in ipairs(tries) do
      local n = note(t[1], t[2])
      if fits(n, limit) then return n end
    end
    return ""
  end

  local main = lead(P, s)
  local others = extras
  if not main then
    -- Only other rules' parts: the first is the main sentence.
    if #extras == 0 then return "" end
    others = {}
    for j = 2, #extras do others[#others + 1] = extras[j] end
    main = { plain = extras[1] }
  end
  local first = write(main, others)
  local want = request.drafts or 1
  if want < 2 or first == "" then return first end

  -- Alternatives a person could choose between, each within the limit:
  -- one led by the next relationship when more than one was given (the
  -- introduction set aside, or the shared past), then the main sentence
  -- alone, its optional part and the other rules' parts dropped, then the
  -- briefest: its short form and the short closing.
  local drafts, seen = { first }, { [first] = true }
  local function offer(n)
    if n ~= "" and not seen[n] and #drafts < want then
      drafts[#drafts + 1], seen[n] = n, true
    end
  end
  local rest
  if s.intro and (s.past or s.learn) then
    -- (The introduction's note mentions a shared past whether or not its
    -- rule asked: led by it, the past is the reminder.)
    rest = { past = s.past, reminder = s.past ~= nil, learn = s.learn }
  elseif s.reminder and s.learn then
    rest = { past = s.past, learn = s.learn }
  end
  local other = rest and lead(P, rest)
  if other then offer(write(other, others)) end
  offer(write({ plain = main.plain, short = main.short }, {}))
  -- And the brief one: the main sentence's short form, the short closing.
  local brief = note({ main.short or main.plain }, P.closing_short)
  if fits(brief, limit) then offer(brief) end
  return drafts
end

return notes
