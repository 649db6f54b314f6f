-- Returns ARGV[1] as text, or nil (Java null) when there is none.
return ARGV[1]
