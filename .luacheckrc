-- luacheck configuration for the policy scripts (scripts/): Lua 5.4 in
-- advisor's sandbox.  The sandbox gives policies `advisor` and its own
-- `require`; everything else a file defines is local.
std = "lua54"
read_globals = { "advisor" }
max_line_length = 120
-- A rule's check receives (person, request); many use only one of them.
unused_args = false
