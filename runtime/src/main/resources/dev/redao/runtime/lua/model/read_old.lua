-- old = the tracked fields' stored values, or nil if the object does not exist (a part of
-- save_one.lua and delete_one.lua)
local got = read('HMGET', key, ID${trackedNames})
if got[1] then
  old = {}
--@each tracked
  old[${f}] = got[${slot}] or nil
--@end
end
