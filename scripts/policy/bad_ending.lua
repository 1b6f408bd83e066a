-- bad_ending.lua: not with a former employer, boss, co-worker, client or ex
-- where things ended badly.  Let it happen naturally: if they invite you,
-- accept.

local facts = require("lib.facts")

advisor.rule {
  name = "bad_ending",
  description = "a former boss, co-worker, client or ex where things ended badly",
  score = 3, -- when they invite you, this alone says accept
  veto = { verdict = "dont_connect", when = "outgoing", priority = 20 },
  why_not = "nothing between you ended badly",
  check = function(person, request)
    local e = facts.bad_ending(person)
    if not e then return nil end
    local who = facts.describe_bad_ending(e)
    if request.incoming then
      return ("things ended badly with %s, but they invited you: accepting lets it mend naturally")
        :format(who)
    end
    return ("things ended badly with %s: let it happen naturally; if they invite you, accept")
      :format(who)
  end,
}
