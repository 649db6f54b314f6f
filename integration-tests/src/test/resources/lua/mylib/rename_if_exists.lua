-- Zato's example: renames KEYS[1] to KEYS[2] if KEYS[1] exists, atomically.
-- Returns 10 if renamed, 11 if there was no KEYS[1].
local from_key = KEYS[1]
local to_key = KEYS[2]

if redis.call('exists', from_key) == 1 then
    redis.call('rename', from_key, to_key)
    return 10
else
    return 11
end
