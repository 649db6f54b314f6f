-- Zato's flat file naming (mylib.echo.lua is the program mylib.echo).
-- Returns the keys it received, then the arguments, as one table.
local out = {}
for _, key in ipairs(KEYS) do out[#out + 1] = key end
for _, arg in ipairs(ARGV) do out[#out + 1] = arg end
return out
