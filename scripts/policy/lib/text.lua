-- lib/text.lua: user text made fit for a note.
--
-- Names, contexts, companies and industries come from an export or were
-- typed by hand: they may hold newlines, control characters, emoji, ALL
-- CAPS, a title before the name or a degree after it.  These helpers turn
-- them into what a person would write.  Every function takes and returns
-- plain strings (valid UTF-8, as the engine guarantees) and never fails on
-- odd input: at worst it returns "" or nil.

local text = {}

local char, codes, concat = utf8.char, utf8.codes, table.concat
local ulen = utf8.len

-- Code points that never belong in a note: C0 and C1 controls, DEL, the
-- line and paragraph separators, bidirectional controls and zero-width
-- characters.  They become a space (then spaces are collapsed).
local function is_control(c)
  return c < 32 or (c >= 127 and c < 160) or c == 0x2028 or c == 0x2029
    or (c >= 0x202A and c <= 0x202E) or (c >= 0x2066 and c <= 0x2069)
    or c == 0x200B or c == 0x200E or c == 0x200F or c == 0xFEFF
end

-- Pictographs and symbols: emoji, dingbats, arrows, the joiner and
-- variation selectors that glue emoji together, skin tones, flags' tags.
local function is_symbol(c)
  return (c >= 0x1F000 and c <= 0x1FAFF) or (c >= 0x2600 and c <= 0x27BF)
    or (c >= 0x2B00 and c <= 0x2BFF) or (c >= 0x2190 and c <= 0x21FF)
    or (c >= 0x2300 and c <= 0x23FF) or (c >= 0x25A0 and c <= 0x25FF)
    or c == 0x200D or (c >= 0xFE00 and c <= 0xFE0F) or (c >= 0xE0000 and c <= 0xE007F)
    or c == 0x2122 or c == 0x00A9 or c == 0x00AE or c == 0x20E3
    or (c >= 0x3030 and c <= 0x303D and c ~= 0x3031)
end

-- Upper and lower case beyond ASCII, for the scripts names come in most
-- often: Latin-1, Latin Extended-A, Greek and Cyrillic.
local function lower_cp(c)
  if c >= 65 and c <= 90 then return c + 32 end
  if c < 128 then return c end
  if (c >= 0xC0 and c <= 0xDE and c ~= 0xD7) then return c + 32 end
  if c >= 0x100 and c <= 0x17F and c ~= 0x130 and c ~= 0x131 and c ~= 0x138 and c ~= 0x149 then
    -- pairs: even upper, odd lower (0x139-0x148 and 0x179-0x17E: odd upper)
    if (c >= 0x139 and c <= 0x148) or (c >= 0x179 and c <= 0x17E) then
      return c % 2 == 1 and c + 1 or c
    end
    if c == 0x178 then return 0xFF end
    return c % 2 == 0 and c + 1 or c
  end
  if c >= 0x391 and c <= 0x3A9 and c ~= 0x3A2 then return c + 32 end
  if c >= 0x410 and c <= 0x42F then return c + 32 end
  if c >= 0x400 and c <= 0x40F then return c + 80 end
  return c
end

local function upper_cp(c)
  if c >= 97 and c <= 122 then return c - 32 end
  if c < 128 then return c end
  if c >= 0xE0 and c <= 0xFE and c ~= 0xF7 then return c - 32 end
  if c >= 0x100 and c <= 0x17F and c ~= 0x130 and c ~= 0x131 and c ~= 0x138 and c ~= 0x149 then
    if (c >= 0x139 and c <= 0x148) or (c >= 0x179 and c <= 0x17E) then
      return c % 2 == 0 and c - 1 or c
    end
    if c == 0x178 then return c end
    return c % 2 == 1 and c - 1 or c
  end
  if c >= 0x3B1 and c <= 0x3C9 and c ~= 0x3C2 then return c - 32 end
  if c >= 0x430 and c <= 0x44F then return c - 32 end
  if c >= 0x450 and c <= 0x45F then return c - 80 end
  return c
end

local function is_upper(c) return lower_cp(c) ~= c end
local function is_lower(c) return upper_cp(c) ~= c end

-- Is c a letter (or a mark, digit or script character that can be part of
-- a name)?  Anything multibyte that is not a symbol, punctuation or space.
local function is_wordy(c)
  if c < 128 then
    return (c >= 48 and c <= 57) or (c >= 65 and c <= 90) or (c >= 97 and c <= 122)
  end
  return not is_control(c) and not is_symbol(c) and c ~= 0xA0
    and not (c >= 0x2000 and c <= 0x206F) and not (c >= 0x3000 and c <= 0x3003)
end

-- The code points of s, or nil when s is not valid UTF-8.
local function cps(s)
  if type(s) ~= "string" or not ulen(s) then return nil end
  local out, n = {}, 0
  for _, c in codes(s) do
    n = n + 1
    out[n] = c
  end
  return out
end

local function from_cps(list, i, j)
  local out = {}
  for k = i or 1, j or #list do out[#out + 1] = char(list[k]) end
  return concat(out)
end

-- Byte patterns of the multibyte code points that clean() turns into a
-- space: C1 controls, no-break and typographic spaces, zero-width and
-- bidirectional controls, the line and paragraph separators, the BOM.
local WIDE_CONTROLS = { "\xC2[\x80-\xA0]", "\xE2\x80[\x80-\x8F\xA8-\xAF]",
  "\xE2\x81[\xA0-\xAF]", "\xEF\xBB\xBF", "\xE3\x80\x80" }

-- s on one line: controls become spaces, spaces are collapsed and trimmed.
-- With `symbols`, pictographs and emoji go too (for names: the text is
-- then read code point by code point, so it is cut to its first 256
-- bytes).  nil for nil, for "" and for text that is not UTF-8.
function text.clean(s, symbols)
  if type(s) ~= "string" or not ulen(s) then return nil end
  s = s:gsub("%c", " ")
  if s:find("[\xC2-\xEF]") then
    for _, p in ipairs(WIDE_CONTROLS) do s = s:gsub(p, " ") end
  end
  if symbols and s:find("[\xE2-\xF4]") then
    if #s > 256 then s = s:sub(1, 256):gsub("[\xC0-\xF4][\x80-\xBF]*$", "") end
    local out = {}
    for _, c in codes(s) do out[#out + 1] = is_symbol(c) and " " or char(c) end
    s = concat(out)
  end
  s = s:gsub("%s+", " "):gsub("^ ", ""):gsub(" $", "")
  if s == "" then return nil end
  return s
end

-- A fragment to put inside a sentence: cleaned, without the punctuation it
-- may end with ("PyCon 2019.." -> "PyCon 2019"), nor quotes around it.
function text.fragment(s)
  s = text.clean(s)
  if not s then return nil end
  s = s:gsub("[%s%.,;:!?…]+$", ""):gsub("^[%s,;:]+", "")
  s = s:gsub('^"(.*)"$', "%1")
  if s == "" then return nil end
  return s
end

-- Does the word have letters, all of them capitals?
local function all_caps(list, i, j)
  local letters = 0
  for k = i, j do
    local c = list[k]
    if is_lower(c) then return false end
    if is_upper(c) then letters = letters + 1 end
  end
  return letters >= 2
end

-- "JEAN-LUC" -> "Jean-Luc", "O'BRIEN" -> "O'Brien", "ZOË" -> "Zoë".
local function title_case(word)
  local list = cps(word)
  if not list then return word end
  local start = true
  for k = 1, #list do
    local c = list[k]
    if is_upper(c) or is_lower(c) then
      list[k] = start and upper_cp(c) or lower_cp(c)
      start = false
    else
      start = c == 45 or c == 39 or c == 0x2019 or c == 32 -- - ' ’ space
    end
  end
  return from_cps(list)
end

-- One word of a name as a person writes it: ALL CAPS and all lower case
-- become Title case; mixed case ("McKenzie", "DeShawn") stays.
function text.name_case(word)
  local list = cps(word)
  if not list or #list == 0 then return word end
  if all_caps(list, 1, #list) then return title_case(word) end
  local any_upper = false
  for k = 1, #list do any_upper = any_upper or is_upper(list[k]) end
  if not any_upper and is_lower(list[1]) then return title_case(word) end
  return word
end

-- An industry or similar label inside an English sentence: "Software
-- Development" -> "software development", "SOFTWARE" -> "software"; short
-- acronyms ("IT", "AI") and inner capitals ("SaaS", "iOS") stay.
function text.prose_lower(s)
  return (s:gsub("%S+", function(word)
    local list = cps(word)
    if not list then return word end
    if all_caps(list, 1, #list) and #list <= 4 then return word end
    for k = 2, #list do
      if is_upper(list[k]) and not all_caps(list, 1, #list) then return word end
    end
    local out = {}
    for k = 1, #list do out[k] = char(lower_cp(list[k])) end
    return concat(out)
  end))
end

-- A label as a German noun phrase: "SOFTWARE" -> "Software"; the rest as
-- written (German capitalises nouns).
function text.label_case(s)
  return (s:gsub("%S+", function(word)
    local list = cps(word)
    if list and #list > 4 and all_caps(list, 1, #list) then return title_case(word) end
    return word
  end))
end

-- The first character of s in lower case ("Wir" -> "wir").
function text.lower_first(s)
  local list = cps(s)
  if not list or #list == 0 then return s end
  list[1] = lower_cp(list[1])
  return from_cps(list)
end

function text.upper_first(s)
  local list = cps(s)
  if not list or #list == 0 then return s end
  list[1] = upper_cp(list[1])
  return from_cps(list)
end

-- Does the word hold a letter (or any character of a script)?
function text.has_letter(word)
  local list = cps(word)
  if not list then return false end
  for k = 1, #list do
    local c = list[k]
    if is_wordy(c) and not (c >= 48 and c <= 57) then return true end
  end
  return false
end

function text.chars(s)
  return ulen(s) or #s
end

------------------------------------------------------------------------
-- Names

-- Titles before a name, compared without case and without a final period.
local HONORIFICS = {}
for w in ([[dr prof professor mr mrs ms mx miss mister sir dame lord lady med
  herr frau fr hr mme mlle m monsieur madame dott dott.ssa ing dipl dipl.-ing
  mag sr sra srta sig sig.ra don doña dona rev fr pastor rabbi imam sheikh
  shaikh hon eng engr arch adv atty capt col gen maj lt sgt cdr adm
  prof.dr prof.dr. univ.-prof pd priv.-doz]]):gmatch("%S+") do
  HONORIFICS[w] = true
end

-- Honorifics a person keeps in the greeting when no first name is known.
local KEEP_TITLE = { dr = "Dr.", prof = "Prof.", professor = "Professor" }

-- Degrees, certifications and suffixes after a name ("Lindqvist, PhD",
-- "Natarajan CFA", "King Jr."), compared in lower case without periods.
local CREDENTIALS = {}
for w in ([[phd ph.d dphil md mba msc ms ma ba bsc bs mfa llm jd ll.m mph
  cfa cpa acca cima frm caia cfp pmp csm cissp cisa cism aws ccna ceng
  peng pe ra rn np pa dds dmd do dvm pharmd psyd edd dba mcs meng beng
  jr sr ii iii iv v esq frcs mrcp fca aca cma shrm-cp shrm-scp sphr phr
  pmi-acp safe spc itil prince2 lssgb lssbb six-sigma mcp mvp cpeng
  dipl.-ing dr.-ing mag dipl-ing m.sc b.sc m.a b.a dr.med dr.rer.nat]]):gmatch("%S+") do
  CREDENTIALS[w] = true
end

-- Degrees that make a doctor ("Lindqvist, PhD" is Dr. Lindqvist).
local DOCTORATES = { phd = true, dphil = true, md = true, edd = true, dba = true, psyd = true,
  pharmd = true, dds = true, dmd = true, dvm = true }

-- Words that start a surname ("van der Berg", "de la Cruz", "bin Salman").
local PARTICLES = {}
for w in ([[van von der den de del della di da dos das du la le lo ten ter
  bin binti bint ibn al el abu ben bat mac st. st zu af av]]):gmatch("%S+") do
  PARTICLES[w] = true
end

local function key(word)
  return (word:lower():gsub("%.$", ""))
end

local function is_credential(word)
  local k = word:lower():gsub("[%(%)]", "")
  if CREDENTIALS[k] or CREDENTIALS[(k:gsub("%.", ""))] or CREDENTIALS[(k:gsub("%.$", ""))] then
    return true
  end
  return false
end

local function is_honorific(word)
  local k = key(word)
  return HONORIFICS[k] or HONORIFICS[k .. "."] or false
end

local function is_initial(word)
  local list = cps(word)
  if not list then return false end
  return (#list == 1 and is_upper(list[1])) or (#list == 2 and is_upper(list[1]) and list[2] == 46)
end

-- Splits a part of a name into words that hold a letter.
local function words(s)
  local out = {}
  for w in s:gmatch("%S+") do
    if text.has_letter(w) then out[#out + 1] = w end
  end
  return out
end

-- The parts of a name: { first = "Pieter", last = "van der Berg",
-- title = "Dr." }, each nil when unknown.  Handles emoji, control
-- characters, titles ("Dr.", "Prof. Dr."), credentials after a comma or at
-- the end ("Lindqvist, PhD", "Natarajan CFA"), "Last, First" order,
-- nicknames in quotes or parentheses, initials and ALL CAPS.
function text.name_parts(name)
  local s = text.clean(name, true)
  if not s then return {} end
  -- A nickname: 'Robert "Bob" Smith', 'Robert (Bob) Smith'.
  local nick = s:match('[%"“”]([^%"“”]+)[%"“”]') or s:match("%(([^%)]+)%)")
  if nick and is_credential(nick) then nick = nil end
  s = s:gsub('%s*[%"“”][^%"“”]*[%"“”]', ""):gsub("%s*%([^%)]*%)", ""):gsub("^%s+", "")
  -- Comma-separated pieces: credentials after a comma go; of what is left,
  -- two pieces are "Last, First".
  local pieces, doctor = {}, nil
  for piece in s:gmatch("[^,]+") do
    local ws = words(piece)
    local all_cred = #ws > 0
    for _, w in ipairs(ws) do
      all_cred = all_cred and is_credential(w)
      if DOCTORATES[(w:lower():gsub("%.", ""))] then doctor = "Dr." end
    end
    if #ws > 0 and not (all_cred and #pieces > 0) then pieces[#pieces + 1] = ws end
  end
  local given, family = {}, {}
  if #pieces >= 2 then
    family, given = pieces[1], pieces[2]
  elseif #pieces == 1 then
    given = pieces[1]
  end
  -- Titles in front (of either piece), credentials at the end: after a
  -- comma any credential, else only one written in capitals in a name
  -- that is not all capitals ("Ravi Natarajan CFA", not "Anh DO").
  local title
  local caps = s:upper() == s
  local function strip(ws)
    while #ws > 0 and is_honorific(ws[1]) do
      local k = key(table.remove(ws, 1))
      title = title or KEEP_TITLE[k]
    end
    while #ws > 1 do
      local w = ws[#ws]
      local suffix = w:lower():match("^[js]r%.?$")
      if not (suffix or (is_credential(w) and w:upper() == w and not caps)) then break end
      table.remove(ws)
    end
  end
  strip(family)
  strip(given)
  title = title or doctor
  if #pieces < 2 then
    -- "First [Middle] Last": the surname starts at its first particle, or
    -- is the last word.
    local cut = #given - 1
    for k = 2, #given - 1 do
      if PARTICLES[given[k]:lower()] then cut = k - 1 break end
    end
    if #given >= 2 then
      family = { table.unpack(given, cut + 1) }
      given = { table.unpack(given, 1, cut) }
    elseif #given == 1 and title then
      family, given = given, {}
    end
  end
  -- An initial is not what anyone is called: "J. Robert Oppenheimer" is
  -- Robert; "J. Smith" has no first name to use.
  while #given > 0 and is_initial(given[1]) do table.remove(given, 1) end
  if #given == 1 and PARTICLES[given[1]:lower()] then given = {} end
  local first = given[1]
  if nick and text.has_letter(nick) then first = words(nick)[1] or first end
  local last
  if #family > 0 then
    local out = {}
    for k, w in ipairs(family) do
      out[k] = PARTICLES[w:lower()] and w:lower() or text.name_case(w)
    end
    last = concat(out, " ")
  end
  local all = {}
  for k, w in ipairs(given) do all[k] = text.name_case(w) end
  return { first = first and text.name_case((first:gsub("[%.,;:]+$", ""))), last = last,
    given = #all > 0 and concat(all, " ") or nil, title = title }
end

-- How to address the person in a greeting: the first name; else, for a
-- doctor or professor known only by surname, "Dr. Lindqvist"; else nil.
-- A first name kept from the export (`first_name` in the file) wins.
-- person.first_name is that field when the file has one, else the name up
-- to its first space: when it is only that word, the whole name is read
-- instead (titles, "Last, First", nicknames).
function text.addressee(person)
  local kept = person.first_name
  if type(kept) == "string" and kept ~= person.name:match("^[^ ]*") then
    -- The whole field: it is what they go by ("Ana Paula"), less a title.
    local ws = words(text.clean(kept, true) or "")
    while #ws > 0 and is_honorific(ws[1]) do table.remove(ws, 1) end
    for k, w in ipairs(ws) do ws[k] = text.name_case(w) end
    if #ws > 0 then return concat(ws, " ") end
  end
  local parts = text.name_parts(person.name)
  if parts.first then return parts.first end
  if parts.title and parts.last then return parts.title .. " " .. parts.last end
  return nil
end

-- A person's whole name as written in a sentence ("Zoë Müller"): emoji and
-- credentials out, "Last, First" turned round, ALL CAPS fixed.
function text.full_name(name)
  local parts = text.name_parts(name)
  if parts.given and parts.last then return parts.given .. " " .. parts.last end
  return parts.first or (parts.last and ((parts.title and parts.title .. " " or "") .. parts.last))
    or text.clean(name, true)
end

return text
