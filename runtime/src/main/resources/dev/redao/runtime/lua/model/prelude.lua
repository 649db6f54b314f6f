-- The base key {<namespace><model>} is KEYS[1] less its ':id' suffix: every key below shares its
-- hash tag, so the script is legal on a cluster.
local idset = KEYS[1]
local base = string.sub(idset, 1, -4)

