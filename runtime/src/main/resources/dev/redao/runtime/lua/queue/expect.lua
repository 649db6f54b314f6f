-- Redis does not roll a failed script back, so a script checks each key it writes before its first
-- write (as the model scripts do): a RPUSH failing after an LREM would lose a message. Keys whose
-- first use is a read need no check: the read fails before anything is written.
local function expect(key, want)
  local t = redis.call('TYPE', key)['ok']
  if t ~= 'none' and t ~= want then
    error('REDAO-WRONGTYPE ' .. key .. ' holds a ' .. t .. ' where a ' .. want .. ' belongs')
  end
end
