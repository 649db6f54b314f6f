-- KEYS: id set. ARGV: a unique field's name, a value. The object holding the value, or nil. An
-- entry whose object no longer holds the value (left by an older Redao's batch, or by hand) holds
-- nothing, as does one whose object is past its deadline.
local id = look('HGET', base .. ':uni:' .. ARGV[1], ARGV[2])
if not id or isExpired(id) then return false end
local row = objectRow(base, id, {ID, unpack(F)})
for i, name in ipairs(F) do
  if name == ARGV[1] then
    if row[i + 1] ~= ARGV[2] then return false end
    return row
  end
end
return row
