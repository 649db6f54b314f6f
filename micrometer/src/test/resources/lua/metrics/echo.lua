-- Returns its first argument: a Lua program for the metrics tests.
return ARGV[1]
