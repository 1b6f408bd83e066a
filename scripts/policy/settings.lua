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
-- engine is given the larger, 300; the note composer (lib/notes.lua) keeps
-- each note within the account's limit, unless a layer's note_limit or
-- --note-limit sets another number, which then wins.

local ACCOUNT = "basic"    -- your LinkedIn account: "basic" (free) or "premium"
local LANGUAGE = "en"      -- the language of the notes: "en" or "de"

local NOTE_LIMITS = { basic = 200, premium = 300 }
local ENGINE_LIMIT = 300

advisor.settings {
  threshold = 3,              -- connect at or above this score
  note_limit = ENGINE_LIMIT,  -- the most any account allows, in characters
}

local notes = require("lib.notes")
notes.configure { language = LANGUAGE, account = ACCOUNT, note_limits = NOTE_LIMITS,
  engine_limit = ENGINE_LIMIT }
advisor.note(notes.compose)
