-- agency_recruiter.lua: never connect with recruiters from agencies.
--
-- A recruiter is someone whose title or headline says so; an agency is
-- marked by `"agency": true` in the network file, or a headline or company
-- name that says staffing, recruitment or agency.  In-house recruiters are
-- not affected.  Its veto outranks every shipped one but romance.

local AGENCY_WORDS = { "agency", "staffing", "recruitment" }

local function says(text, word)
  return type(text) == "string" and text:lower():find(word, 1, true) ~= nil
end

local function is_recruiter(person)
  return says(person.title, "recruit") or says(person.headline, "recruit")
end

local function is_agency(person)
  if person.agency == true then return true end
  for _, word in ipairs(AGENCY_WORDS) do
    if says(person.company, word) or says(person.headline, word) then return true end
  end
  return false
end

advisor.rule {
  name = "agency_recruiter",
  description = "never connect with recruiters from agencies",
  veto = { verdict = "dont_connect", priority = 25 },
  check = function(person)
    if not (is_recruiter(person) and is_agency(person)) then return nil end
    return ("%s recruits for an agency%s: never connect with agency recruiters")
      :format(person.name, person.company and (" (" .. person.company .. ")") or "")
  end,
}
