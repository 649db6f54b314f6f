-- The pure-Lua cost of Redao's write scripts for the benchmark's User, without Redis: each script
-- runs in a standalone Lua 5.1 (Redis's dialect) with redis.call stubbed to answer as an empty
-- database would, so what is timed is the script's own work (closures, tables, strings), free of
-- the server's and the network's noise. Prints the best of 7 runs, in µs per call and per object.
--
-- From the project root, after `mvn -B -pl benchmarks -am -DskipTests package`:
--
--     lua5.1 benchmarks/lua/cost.lua
--
-- It reads the scripts from the generated UserDao and the driver from WriteScripts.java.

local function slurp(path)
  local f = assert(io.open(path), 'cannot open ' .. path .. ' (run from the project root, after a build)')
  local text = f:read('*a')
  f:close()
  return text
end

-- A string constant of the generated DAO, as Java wrote it (see JavaLiterals).
local dao = slurp('benchmarks/target/generated-sources/annotations/dev/redao/benchmarks/UserDao.java')
local function constant(name)
  local literal = assert(dao:match(name .. ' = "(.-[^\\])";\n'), 'no constant ' .. name)
  local escapes = {n = '\n', r = '\r', t = '\t', ['"'] = '"', ['\\'] = '\\'}
  return (literal:gsub('\\(u%x%x%x%x)', function(u) return string.char(tonumber(u:sub(2), 16)) end)
      :gsub('\\(.)', escapes))
end

-- The driver that completes write modules into a script (a Java text block: strip its indent).
local driver = slurp('runtime/src/main/java/dev/redao/runtime/WriteScripts.java'):match('DRIVER = """\n(.-)""";')
driver = driver:gsub('\n            ', '\n'):gsub('^            ', '')
local module = 'local M = {\n(' .. constant('WRITE_LUA') .. ')(KEYS[1], KEYS[2]),\n}\nlocal R = {\n{},\n}\n' .. driver

-- An empty database: nothing is held, every write changes one thing.
local function answer(command, key, ...)
  if command == 'GET' or command == 'HGET' or command == 'ZSCORE' then return false end
  if command == 'EXISTS' then return 0 end
  if command == 'TYPE' then return {ok = 'none'} end
  if command == 'HMGET' then
    local got = {}
    for i = 1, select('#', ...) do got[i] = false end
    return got
  end
  return 1
end
redis = {call = answer, pcall = answer, error_reply = function(m) return {err = m} end}
cjson = {encode = tostring}
KEYS = {'{bench.user}:id', '{bench.user}:ids'}

-- ARGV of a save of n new users, every field present (see save.lua).
local function saves(n)
  local argv = {tostring(n), '0'}
  for i = 1, n do
    for _, v in ipairs({'', '11111', 'user' .. i .. '@x', 'C' .. i % 20, tostring(i % 100), 'Name ' .. i, '1.5',
        tostring(i % 100)}) do
      argv[#argv + 1] = v
    end
  end
  return argv
end

local function cost(name, text, n, calls)
  local script = assert(loadstring(text, name))
  ARGV = saves(n)
  local best = math.huge
  for _ = 1, 7 do
    local t = os.clock()
    for _ = 1, calls do script() end
    best = math.min(best, (os.clock() - t) / calls)
  end
  print(string.format('%-40s %8.2f µs per call %8.2f µs per object', name, best * 1e6, best * 1e6 / n))
end

cost('save of one user (straight-line)', constant('SAVE_ONE_LUA'), 1, 50000)
cost('save of one user (write module)', module, 1, 20000)
cost('saveAll of 250 users (write module)', module, 250, 100)
