-- old = the tracked fields' stored values, or nil if the object does not exist; broken = the
-- error of a corrupt object (see corruption() in common.lua), which has its old values too (a
-- part of save_one.lua and delete_one.lua)
local got = read('HMGET', key, ID${trackedNames})
broken = got[1] ~= id and corruption(MODEL, ID, key, id, got, ${rest})
if got[1] or broken then
  old = {}
--@each tracked
  old[${f}] = got[${slot}] or nil
--@end
end
