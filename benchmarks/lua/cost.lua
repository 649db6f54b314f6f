-- The pure-Lua cost of Redao's write scripts for the benchmark's User, without Redis: each script
-- runs in a standalone Lua 5.1 (Redis's dialect) with redis.call stubbed to answer as an empty
-- database would, so what is timed is the script's own work (closures, tables, strings), free of
-- the server's and the network's noise. Prints the best of 7 runs, in µs per call and per object.
--
-- From the project root, after writing the scripts as the runtime builds them:
--
--     mvn -B -pl benchmarks -am -DskipTests package exec:java -Dexec.mainClass=dev.redao.benchmarks.LuaScripts
--     lua5.1 benchmarks/lua/cost.lua

local function slurp(path)
  local f = assert(io.open(path), 'cannot open ' .. path .. ' (run from the project root, after the command above)')
  local text = f:read('*a')
  f:close()
  return text
end

local save = slurp('benchmarks/target/lua/user.save.lua')
-- the driver that completes write modules into a script, as WriteScripts does for one model
local driver = slurp('runtime/src/main/resources/dev/redao/runtime/lua/model/driver.lua')
local module = 'local M = {\n(' .. slurp('benchmarks/target/lua/user.write-module.lua')
    .. ')(KEYS[1], KEYS[2]),\n}\nlocal R = {\n{},\n}\n' .. driver

-- An empty database: nothing is held, every write changes one thing.
local function answer(command, key, ...)
  if command == 'GET' or command == 'HGET' or command == 'ZSCORE' then return false end
  if command == 'EXISTS' then return 0 end
  if command == 'TYPE' then return {ok = 'none'} end
  if command == 'HMGET' or command == 'MGET' then
    local got = {}
    local n = select('#', ...) + (command == 'MGET' and 1 or 0)
    for i = 1, n do got[i] = false end
    return got
  end
  return 1
end
redis = {call = answer, pcall = answer, error_reply = function(m) return {err = m} end}
cjson = {encode = tostring}
KEYS = {'{bench:user}:id', '{bench:user}:ids'}

-- ARGV of a save of n new users, every field present (see save.lua); the write module's driver
-- also takes the number of structure-field writes (none) after them.
local function saves(n, toModule)
  local argv = {tostring(n), '0'}
  for i = 1, n do
    for _, v in ipairs({'', '11111', 'user' .. i .. '@x', 'C' .. i % 20, tostring(i % 100), 'Name ' .. i, '1.5',
        tostring(i % 100)}) do
      argv[#argv + 1] = v
    end
  end
  if toModule then argv[#argv + 1] = '0' end
  return argv
end

local function cost(name, text, n, calls, argv)
  local script = assert(loadstring(text, name))
  ARGV = argv or saves(n, text == module)
  local best = math.huge
  for _ = 1, 7 do
    local t = os.clock()
    for _ = 1, calls do script() end
    best = math.min(best, (os.clock() - t) / calls)
  end
  print(string.format('%-40s %8.2f µs per call %8.2f µs per object', name, best * 1e6, best * 1e6 / n))
end

cost('save of one user (straight-line)', save, 1, 50000)
cost('save of a new user (insert_one)', slurp('benchmarks/target/lua/user.insert.lua'), 1, 50000)
cost('save of one user (write module)', module, 1, 20000)
cost('saveAll of 250 users (write module)', module, 250, 100)
cost('saveAll of 250 users (insert_many)', slurp('benchmarks/target/lua/user.insert-many.lua'), 250, 100, saves(250, false))

-- User 5 stored already, in country C1, aged 7: the update that moves it to C2 (a save by id with
-- every field) and its delete, each with the script the runtime sends for it.
local function stored(command)
  if command == 'HMGET' then return {'5', 'user5@x', 'C1', '7'} end
  if command == 'HGET' then return '5' end
  return answer(command)
end
redis.call, redis.pcall = stored, stored
cost('update of one user (replace_one)', slurp('benchmarks/target/lua/user.replace.lua'), 1, 50000,
    {'1', '0', '5', '11111', 'user5@x', 'C2', '7', 'Name 5', '1.5', '7'})
cost('update of one user (save_one)', save, 1, 50000, {'1', '0', '5', '11111', 'user5@x', 'C2', '7', 'Name 5', '1.5', '7'})
cost('delete of one user (delete_one)', slurp('benchmarks/target/lua/user.delete.lua'), 1, 50000, {'0', '1', '5'})
