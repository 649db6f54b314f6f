-- (a part of give_back.lua and insert_one.lua, once what the writes changed is put back) The
-- reply of the write that failed, r, on key failedKey: a key of the wrong type is named (corrupt
-- data), any other error (OOM, NOPERM) is returned as Redis gave it.
if string.sub(r['err'], 1, 10) == 'WRONGTYPE ' then
  return redis.error_reply('REDAO-WRONGTYPE ' .. failedKey .. ' holds a ' .. redis.call('TYPE', failedKey)['ok']
      .. ' where a ' .. failedType .. ' belongs')
end
return r
