-- (a part of delete_one.lua and replace_one.lua, after their reads) The index writes, each through
-- pcall. Each write but the last notes in changed whether it changed something (or the score a
-- member had); one that fails breaks out with its error in r and the key it wrote. The writes
-- before it are then put back, last first, and the error replied (failed_write.lua). Flags in a
-- table sized once and one failure path, rather than the commands to run back in a table that
-- grows per write and a closure over the script's locals: on a call this short, those cost as
-- much as a Redis command.
local changed, r, failedKey, failedType = {${changedSlots}}
repeat
--@each indexWrites
${write}
--@end
until true
if failedKey then
--@each undoWrites
  ${undo}
--@end
  --@include failed_write
end
