-- A read of a structure field of an object (docs/structures.md). KEYS: the structure's key.
-- ARGV: what the structure is (named in an error), the read-only command, its arguments. A
-- missing structure reads as empty, as a missing object's does. Replies the command's reply.
local key, kind = KEYS[1], ARGV[1]
local args = {}
for i = 3, #ARGV do args[#args + 1] = ARGV[i] end
local r = redis.pcall(ARGV[2], key, unpack(args))
if type(r) == 'table' and r['err'] then
  if string.sub(r['err'], 1, 10) == 'WRONGTYPE ' then
    return redis.error_reply('REDAO-WRONGTYPE ' .. key .. ' holds a ' .. redis.call('TYPE', key)['ok']
        .. ' where a ' .. kind .. ' belongs')
  end
  return r
end
return r
