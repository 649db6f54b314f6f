-- A model's stored schema (docs/design.md, "Stored schema"): the hash KEYS[1] holds 'version',
-- 'layout', the text of ModelSchema.layout(), and 'reindexing' while a re-index to it runs.
-- ARGV[1] is the DAO's layout, ARGV[2] what to do:
--   check: records ARGV[1] as version 1 when nothing is stored, and writes nothing otherwise;
--   begin: before a re-index, records ARGV[1] as the next version, marked 'reindexing', when the
--     stored layout is still ARGV[3] (the one the caller read), so of two DAOs that re-index at
--     once the version moves once, and DAOs of the new schema that start meanwhile go on;
--   done: after the re-index, drops the mark if the stored layout is still ARGV[1].
-- Replies {version, stored layout} after the call.
local key, layout, step = KEYS[1], ARGV[1], ARGV[2]
local stored = redis.call('HMGET', key, 'version', 'layout')
local version, was = tonumber(stored[1]), stored[2]
if not was then
  redis.call('HSET', key, 'version', 1, 'layout', layout)
  return {1, layout}
end
if step == 'begin' and was == ARGV[3] and was ~= layout then
  version = redis.call('HINCRBY', key, 'version', 1)
  redis.call('HSET', key, 'layout', layout, 'reindexing', 1)
  return {version, layout}
end
if step == 'done' and was == layout then
  redis.call('HDEL', key, 'reindexing')
end
return {version, was}
