-- lib/plan.lua: the week's plan (`advisor plan`, advisor_plan_new()):
-- its limits, the order of the invitations it proposes, and where the
-- month's personalised notes go.  settings.lua hands this table to
-- advisor.plan; a layer replaces the file to plan otherwise.
--
-- The library advises on every candidate first and keeps the connect
-- verdicts (so nobody inside the re-invite block, already invited, or
-- advised against is proposed); then it asks, for each of them:
--   plan.rank(c, person)  a number, the higher the sooner;
--   plan.note(c, person)  for one whose advice has a note, how much the
--                         note matters (the higher, the sooner it gets one
--                         of the month's notes), or nil if it does not;
-- and once, plan.limits(me), the allowances.  c is a table: id, name,
-- score, verdict ("connect" or "connect_with_note"), rules (the names of
-- the rules that fired, the deciding one first), note (the drafted note,
-- or nil).  The library keeps to the limits whatever they return: never
-- more invitations than the week has left, never more notes than the
-- month has.

local plan = {}

-- The choices settings.lua makes (through plan.configure):
--   account   your LinkedIn account, "basic" or "premium"; `account` on
--             me in the network file says the same and wins.
plan.settings = { account = "basic" }

function plan.configure(t)
  for k, v in pairs(t) do plan.settings[k] = v end
  local account = plan.settings.account
  if account ~= "basic" and account ~= "premium" then
    error(("lib.plan: the account is %q; expected basic or premium"):format(tostring(account)), 2)
  end
end

local function account(me)
  local own = me.account
  own = type(own) == "string" and own:lower()
  if own == "basic" or own == "premium" then return own end
  return plan.settings.account
end

-- The week's invitations (invitations_a_week, counted over the last seven
-- days) and the month's notes (notes_a_month, on a Basic account; nil:
-- no limit, as on Premium).
function plan.limits(me)
  return {
    invitations_a_week = advisor.setting("invitations_a_week"),
    notes_a_month = account(me) == "basic" and advisor.setting("notes_a_month") or nil,
  }
end

-- Best first: the policy's score.
function plan.rank(c)
  return c.score
end

-- Where a note matters most: to be reminded who introduced you, or how you
-- know each other, before a note asking to learn from a stranger.
plan.note_priorities = { introduced = 3, known = 2, learn = 1 }

function plan.note(c)
  if not c.note then return nil end
  local best = 0
  for _, rule in ipairs(c.rules) do
    local p = plan.note_priorities[rule]
    if p and p > best then best = p end
  end
  return best
end

return plan
