-- KEYS: id set. ARGV: ids. Every stored field of each object, id first; a missing object, or one
-- past its deadline, reads as a row of nils.
local names, rows = {ID, unpack(F)}, {}
for i = 1, #ARGV do
  if isExpired(ARGV[i]) then
    rows[i] = {false}
  else
    rows[i] = objectRow(base, ARGV[i], names)
  end
end
return rows
