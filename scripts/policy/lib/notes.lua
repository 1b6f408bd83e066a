-- lib/notes.lua: writing the invitation note.
--
-- A note is a greeting, the parts the fired rules asked for (most decisive
-- first), and a closing line, within the limit (characters, not bytes).
-- Parts that do not fit are dropped whole rather than cut mid-sentence.

local notes = {}

local CLOSING = "Would you like to connect?"
local CLOSING_CHARS = advisor.chars(CLOSING)

function notes.compose(person, request, parts)
  local limit = request.note_limit
  local greeting = "Hi " .. person.first_name .. "!"
  -- What is left for the parts once the greeting and closing are in,
  -- each with the space before it.
  local room = limit - advisor.chars(greeting) - 1 - CLOSING_CHARS
  local used = {}
  for _, part in ipairs(parts) do
    local need = advisor.chars(part) + 1
    if need > room then break end
    used[#used + 1] = part
    room = room - need
  end
  if #used == 0 then
    -- Nothing fits with the closing: the part that matters most, shortened
    -- (the engine's last word on the limit would do the same).
    return advisor.fit(greeting .. " " .. (parts[1] or CLOSING), limit)
  end
  return greeting .. " " .. table.concat(used, " ") .. " " .. CLOSING
end

return notes
