-- wrk script for loadtest/load.py: every request picks a page from a weighted list.
--
--   wrk -t2 -c50 -d60s -s loadtest/mix.lua http://127.0.0.1:8000 -- paths.txt
--
-- paths.txt holds one "<weight> <path>" per line (load.py writes it from the database).
-- done() prints one parseable line:
--   loadtest-result requests=... rps=... p50_ms=... p95_ms=... p99_ms=... err_connect=...
--   err_read=... err_write=... err_timeout=... err_status=... bad_status=... cache_hit=...
--   cache_miss=... statuses=200:123,302:4
-- err_status is wrk's own count of answers >= 400; bad_status counts, from response(),
-- every answer that is neither 2xx nor 3xx.

local threads = {}
local next_id = 0

function setup(thread)
   next_id = next_id + 1
   thread:set("id", next_id)
   table.insert(threads, thread)
end

local paths, cumulative, total = {}, {}, 0

function init(args)
   local file = assert(io.open(args[1], "r"), "cannot open the paths file " .. tostring(args[1]))
   for line in file:lines() do
      local weight, path = line:match("^(%S+)%s+(%S+)%s*$")
      if weight then
         total = total + tonumber(weight)
         table.insert(paths, path)
         table.insert(cumulative, total)
      end
   end
   file:close()
   assert(total > 0, "the paths file holds no paths")
   -- A different sequence per thread and per run.
   math.randomseed(os.time() * 100 + id)
   statuses = {}
   cache_hit, cache_miss, bad_status = 0, 0, 0
end

function request()
   local target = math.random() * total
   local low, high = 1, #cumulative
   while low < high do
      local middle = math.floor((low + high) / 2)
      if cumulative[middle] < target then
         low = middle + 1
      else
         high = middle
      end
   end
   return wrk.format("GET", paths[low])
end

function response(status, headers, body)
   local key = tostring(status)
   statuses[key] = (statuses[key] or 0) + 1
   if status < 200 or status >= 400 then
      bad_status = bad_status + 1
   end
   local cached = headers["X-Page-Cache"]
   if cached == "hit" then
      cache_hit = cache_hit + 1
   elseif cached == "miss" then
      cache_miss = cache_miss + 1
   end
end

function done(summary, latency, requests)
   local counts, hits, misses, bad = {}, 0, 0, 0
   for _, thread in ipairs(threads) do
      for key, value in pairs(thread:get("statuses") or {}) do
         counts[key] = (counts[key] or 0) + value
      end
      hits = hits + (thread:get("cache_hit") or 0)
      misses = misses + (thread:get("cache_miss") or 0)
      bad = bad + (thread:get("bad_status") or 0)
   end
   local listed = {}
   for key, value in pairs(counts) do
      table.insert(listed, key .. ":" .. value)
   end
   table.sort(listed)
   local seconds = summary.duration / 1e6
   local errors = summary.errors
   io.write(string.format(
      "loadtest-result requests=%d seconds=%.2f rps=%.1f p50_ms=%.1f p95_ms=%.1f p99_ms=%.1f "
         .. "max_ms=%.1f err_connect=%d err_read=%d err_write=%d err_timeout=%d err_status=%d "
         .. "bad_status=%d cache_hit=%d cache_miss=%d statuses=%s\n",
      summary.requests, seconds, summary.requests / seconds,
      latency:percentile(50) / 1000, latency:percentile(95) / 1000,
      latency:percentile(99) / 1000, latency.max / 1000,
      errors.connect, errors.read, errors.write, errors.timeout, errors.status,
      bad, hits, misses, table.concat(listed, ",")
   ))
end
