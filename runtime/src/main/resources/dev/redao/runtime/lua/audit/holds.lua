-- The audit of a partitioned model's unique values, in the partition of the objects: whether
-- each object is live and holds a value. KEYS: the partition's id set. ARGV: id, field (a
-- position of F) and value, for each object. Replies 1, 0, or -1 (a key of the wrong type) for
-- each, then the keys of the wrong type.
local out = {}
for i = 1, #ARGV, 3 do
  local has = holds(ARGV[i], tonumber(ARGV[i + 1]), ARGV[i + 2])
  if has == nil then out[#out + 1] = -1 else out[#out + 1] = has and 1 or 0 end
end
return {out, wrongKeys}
