-- mutuals.lua: connections you share make an invitation more natural.  A
-- graph signal only: it adds at most 1 to the score, less than the
-- threshold, so it never makes a stranger worth inviting by itself.

local MAX = 1.0

advisor.rule {
  name = "mutuals",
  description = "connections you share, weighted by Adamic–Adar",
  check = function(person, request)
    local ids = advisor.mutuals(request.me, person)
    if #ids == 0 then return nil end
    local names = {}
    for i = 1, math.min(#ids, 3) do
      local p = advisor.person(ids[i])
      names[#names + 1] = p and p.name or ids[i]
    end
    if #ids > 3 then names[#names + 1] = ("%d more"):format(#ids - 3) end
    local weight = advisor.adamic_adar(request.me, person)
    return {
      detail = ("%d shared connection%s: %s"):format(#ids, #ids == 1 and "" or "s",
        table.concat(names, ", ")),
      score = math.floor(math.min(MAX, weight / 2) * 100 + 0.5) / 100,
    }
  end,
}
