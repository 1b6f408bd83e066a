-- mutuals.lua: connections you share make an invitation more natural.  A
-- graph signal only: it adds at most 1 to the score, less than the
-- threshold, so it never makes a stranger worth inviting by itself.

local MAX = 1.0
local SHOWN = 3 -- names in the detail

advisor.rule {
  name = "mutuals",
  description = "connections you share, weighted by Adamic–Adar",
  signal = true, -- it adds to the score, but is no reason on its own
  max_score = MAX, -- its check gives the score, never more than this
  why_not = "you share no connection with them",
  check = function(person, request)
    local ids, count = advisor.mutuals(request.me, person, SHOWN)
    if count == 0 then return nil end
    local names = {}
    for i = 1, #ids do
      local p = advisor.person(ids[i])
      names[i] = p and p.name or ids[i]
    end
    if count > SHOWN then names[#names + 1] = (count - SHOWN) .. " more" end
    local weight = advisor.adamic_adar(request.me, person)
    return {
      detail = count .. (count == 1 and " shared connection: " or " shared connections: ")
        .. table.concat(names, ", "),
      score = math.floor(math.min(MAX, weight / 2) * 100 + 0.5) / 100,
    }
  end,
}
