-- Step 2 of a large all-or-nothing batch (see batch.lua), under the model's write module M.
-- ARGV: the batch's token, the claims' time to live in ms, the first id reserved for new objects
-- ('' for none), the number of objects, the objects. Replies {1, claims} or {0, 1, refusal...}.
local objs = M.parse(ARGV, 5, tonumber(ARGV[4]))
local r = M.batch().claim(objs, ARGV[1], tonumber(ARGV[2]), ARGV[3])
if r[1] == 'error' then return redis.error_reply(r[2]) end
if r[1] == 'ok' then return {1, r[2]} end
table.insert(r, 1, 1)
table.insert(r, 1, 0)
return r
