-- alumni.lua: always connect with alumni of my school.
--
-- `school` is not a field advisor defines: it is kept from the network
-- file and read like any other.  "Always" is a score far above the
-- threshold (3): whatever else is known, the sum stays above it.  It is
-- not a veto, so the shipped vetoes (romance, bad_ending, job_pending) and
-- agency_recruiter still win; and, being a positive score, it is a reason
-- that makes the shipped stranger rule stand down.

local function same(a, b)
  return type(a) == "string" and type(b) == "string" and a:lower() == b:lower()
end

advisor.rule {
  name = "alumni",
  description = "always connect with alumni of my school",
  score = 10,
  check = function(person, request)
    if not same(person.school, request.me.school) then return nil end
    return ("you both studied at %s: alumni always connect"):format(person.school)
  end,
}
