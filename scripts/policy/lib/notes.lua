-- lib/notes.lua: writing the invitation note.
--
-- A note is a greeting, the parts the fired rules asked for (most decisive
-- first), and a closing line, within the limit (characters, not bytes).
-- Parts that do not fit are dropped whole rather than cut mid-sentence.

local notes = {}

local CLOSING = "Would you like to connect?"

function notes.compose(person, request, parts)
  local limit = request.note_limit
  local text = ("Hi %s!"):format(person.first_name)
  local used = 0
  for _, part in ipairs(parts) do
    local longer = text .. " " .. part
    if advisor.chars(longer .. " " .. CLOSING) > limit then break end
    text, used = longer, used + 1
  end
  if used == 0 and parts[1] then
    text = text .. " " .. parts[1] -- the one that matters most, shortened below
  end
  if advisor.chars(text .. " " .. CLOSING) <= limit then
    text = text .. " " .. CLOSING
  end
  -- A single part longer than the limit: shorten it, the engine's last
  -- word on the limit would do the same.
  return advisor.fit(text, limit)
end

return notes
