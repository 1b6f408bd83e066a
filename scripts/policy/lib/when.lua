-- lib/when.lua: dates as numbers, for the wording of notes.
--
-- Dates are "YYYY-MM-DD", "YYYY-MM" or "YYYY" (as the network file has
-- them, and as the request's as_of is).

local when = {}

local tonumber = tonumber

-- "2019-05-03" -> 2019, 5, 3; "2019" -> 2019, nil, nil; nil for nil.
function when.parts(date)
  if type(date) ~= "string" then return nil end
  local y, m, d = date:match("^(%d%d%d%d)%-?(%d?%d?)%-?(%d?%d?)")
  if not y then return nil end
  return tonumber(y), tonumber(m), tonumber(d)
end

-- Whole years in a number of days (365.25 a year).
function when.years(days)
  return math.floor((days or 0) / 365.25)
end

return when
