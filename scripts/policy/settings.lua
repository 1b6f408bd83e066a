-- settings.lua: the numbers of the shipped policy, and their one place:
-- the library has no default of its own for them (a layer overrides them
-- with its own advisor.settings or settings.json).
--
-- Each of known, introduced and learn scores 3, the threshold, so each is
-- enough on its own; the graph signal (mutuals) adds at most 1, so it helps
-- but never makes a stranger worth inviting by itself.

advisor.settings {
  threshold = 3,     -- connect at or above this score
  note_limit = 300,  -- LinkedIn's invitation-note limit, in characters
}

advisor.note(require("lib.notes").compose)
