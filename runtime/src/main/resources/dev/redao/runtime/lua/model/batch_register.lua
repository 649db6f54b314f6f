-- Step 1 of a large all-or-nothing batch (see batch.lua), under the model's write module M.
-- ARGV: the batch's token, the claims' time to live in ms, the number of objects, the objects.
local objs = M.parse(ARGV, 4, tonumber(ARGV[3]))
return M.batch().register(objs, ARGV[1], tonumber(ARGV[2]))
