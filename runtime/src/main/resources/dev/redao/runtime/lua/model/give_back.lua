-- (a part of delete_one.lua and replace_one.lua, after their reads) What the index writes changed,
-- as command, key, score or false, member: the writes that put it back. After a write that failed,
-- failed() gives all of it back and names a key of the wrong type (corrupt data); any other error
-- (OOM, NOPERM) is returned as Redis gave it.
local inverses, written = {}, 0
local function failed(r, key, want)
  for i = written - 3, 1, -4 do
    if inverses[i + 2] then
      redis.call(inverses[i], inverses[i + 1], inverses[i + 2], inverses[i + 3])
    else
      redis.call(inverses[i], inverses[i + 1], inverses[i + 3])
    end
  end
  if string.sub(r['err'], 1, 10) == 'WRONGTYPE ' then
    return redis.error_reply('REDAO-WRONGTYPE ' .. key .. ' holds a ' .. redis.call('TYPE', key)['ok'] .. ' where a ' .. want .. ' belongs')
  end
  return r
end
local r
