-- settings.lua: the numbers and choices of the shipped policy, and their
-- one place: the library has no default of its own for them (a layer
-- overrides them with its own advisor.settings or settings.json).
--
-- Each of known, introduced and learn scores 3, the threshold, so each is
-- enough on its own; the graph signal (mutuals) adds at most 1, so it helps
-- but never makes a stranger worth inviting by itself.
--
-- The note limit follows your LinkedIn account.  LinkedIn's limits for an
-- invitation note (LinkedIn Help, "Personalize your invitation to
-- connect", as of 2025): 200 characters on a free (Basic) account, 300 on
-- Premium.  The default is Basic's, the limit every account can send.  The
-- note composer (lib/notes.lua) keeps each note within the account's
-- limit, unless --note-limit or a layer's note_limit (its settings.json or
-- advisor.settings) sets one, which then wins, in that order.  The
-- note_limit here is only the most the engine lets through when nothing
-- sets a limit: the most any account allows.

local ACCOUNT = "basic"    -- your LinkedIn account: "basic" (free) or "premium"
local LANGUAGE = "en"      -- the language of the notes: "en" or "de"

local NOTE_LIMITS = { basic = 200, premium = 300 }

advisor.settings {
  threshold = 3,              -- connect at or above this score
  note_limit = NOTE_LIMITS.premium,  -- the most any account allows, in characters
  -- An interview still applied for, scheduled or done with no news for
  -- longer than this is no longer treated as an open hiring process
  -- (job_pending): employers that decide rarely take half a year to say so.
  interview_open_days = 180,
  -- Your own invitation, unanswered for longer than this, is worth
  -- withdrawing (invited): LinkedIn drops an invitation nobody answered
  -- after about six months (LinkedIn Help, "Manage invitations to
  -- connect", as of 2025), and a withdrawn one can be sent again later.
  withdraw_after_days = 150,
  -- After you withdraw an invitation, LinkedIn does not let you invite the
  -- same person again for up to three weeks (LinkedIn Help, "Withdraw an
  -- invitation to connect", as of 2025): reinvite advises waiting that long.
  reinvite_block_days = 21,
  -- The week's plan (lib/plan.lua, `advisor plan`) keeps within these.
  -- LinkedIn lets an account send about 100 invitations a week (widely
  -- reported as of 2025, from 100 to 200 depending on the account;
  -- LinkedIn says there is a weekly limit, not its number), counted here
  -- over the last seven days.
  invitations_a_week = 100,
  -- A Basic (free) account may personalise about 5 invitations a month
  -- (widely reported, as of 2025; LinkedIn publishes no number); Premium
  -- has no monthly limit, so the plan counts none for it.
  notes_a_month = 5,
  -- LinkedIn drops an invitation nobody answered after about six months
  -- (LinkedIn Help, "Manage invitations to connect", as of 2025): the
  -- plan says when yours to withdraw would expire.
  invitation_expiry_days = 180,
  -- The command keeps a log of the advice it gives on invitations you
  -- might send (decisions.ndjson in the data folder), so that what
  -- happened to them can be told later; it never leaves the machine.
  -- false: keep none.
  decision_log = true,
  -- advisor tune fits the rules' scores to what became of your
  -- invitations (docs/planning.md, "Tuning").  It fits nothing with fewer
  -- resolved invitations (accepted or ended) than this: below it, chance
  -- moves the scores more than the evidence does.
  tune_min_outcomes = 30,
  -- How strongly the fit holds the scores where they are: a prior
  -- centred on the current scores whose variance is 1 / tune_penalty
  -- points squared (1: most of a score's moves stay within a point or two
  -- until many outcomes say otherwise).
  tune_penalty = 1,
  -- The policy's scale as odds: a point of score multiplies the odds of
  -- acceptance by e^tune_scale (about 2.7 at 1), the threshold being even
  -- odds.
  tune_scale = 1,
}

local notes = require("lib.notes")
notes.configure { language = LANGUAGE, account = ACCOUNT, note_limits = NOTE_LIMITS }
advisor.note(notes.compose)

-- The facts to suggest recording (never recorded until the user does).
advisor.suggest(require("lib.suggest").facts)

-- The week's plan: its limits, its ranking and where the month's notes go.
local plan = require("lib.plan")
plan.configure { account = ACCOUNT }
advisor.plan(plan)
