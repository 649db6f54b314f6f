-- KEYS: id set. ARGV: ids. Every stored field of each object, id first; a missing object reads
-- as a row of nils.
local names, rows = {ID, unpack(F)}, {}
for i = 1, #ARGV do
  rows[i] = objectRow(base, ARGV[i], names)
end
return rows
