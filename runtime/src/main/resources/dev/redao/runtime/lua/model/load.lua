-- KEYS: id set. ARGV: ids. Every stored field of each object, id first; a missing object reads
-- as a row of nils.
local rows = {}
for i = 1, #ARGV do
  rows[i] = redis.call('HMGET', base .. ':obj:' .. ARGV[i], ID, unpack(F))
end
return rows
