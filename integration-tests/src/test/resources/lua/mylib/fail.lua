-- Always raises an error, so that tests can check how a program's error reaches Java.
error('no such order: ' .. tostring(ARGV[1]))
