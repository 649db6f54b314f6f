-- Step 4 of a large all-or-nothing batch (see batch.lua), under the model's write module M.
-- ARGV: the batch's token, then field, value and id of each claim to give up.
local claims = {}
for i = 2, #ARGV do claims[#claims + 1] = ARGV[i] end
return M.batch().finish(ARGV[1], claims)
