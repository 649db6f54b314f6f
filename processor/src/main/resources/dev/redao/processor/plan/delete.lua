-- KEYS: id set. ARGV: ids. Returns how many of the objects existed.
return deleteObjects(ARGV)
