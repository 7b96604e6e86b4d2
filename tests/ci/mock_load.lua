-- mock_load.lua - wrk script for tests/ci/mock_load.sh.
-- Each thread sends reads (the campaign list and the media-buy status of
-- the campaigns being written) and, in phase "grow", its first MAX_PUTS
-- writes are PUTs adding one audience with a unique id to one of the four
-- campaigns cmp_000001..4 (audiences accumulate: deleteMissing is false),
-- interleaved with the reads, so writes to the same campaign race.  In
-- phase "steady" the PUTs only rename (state keeps its size).
-- done() prints one line: LOAD requests=N put_ok=N s2xx=N s4xx=N s5xx=N other=N
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
  table.insert(threads, thread)
end

local token, phase, max_puts
local n, puts = 0, 0
put_ok, s2xx, s4xx, s5xx, other = 0, 0, 0, 0, 0

function init(args)
  token = args[1]
  phase = args[2]
  max_puts = tonumber(args[3])
end

local function campaign(k)
  return string.format("/api/v2/buyer/campaigns/cmp_%06d", (k % 4) + 1)
end

function request()
  n = n + 1
  local headers = { ["Authorization"] = "Bearer " .. token }
  if n % 2 == 1 and puts < max_puts then
    puts = puts + 1
    headers["Content-Type"] = "application/json"
    local body
    if phase == "grow" then
      body = string.format('{"audienceConfig":{"targetAudienceIds":["aud_%d_%d"]}}', tid, puts)
    else
      body = string.format('{"name":"steady %d %d"}', tid, puts)
    end
    return wrk.format("PUT", campaign(puts + tid), headers, body)
  end
  if n % 4 == 0 then
    return wrk.format("GET", "/api/v2/buyer/campaigns", headers)
  end
  return wrk.format("GET", campaign(n) .. "/media-buy-status", headers)
end

function response(status, headers, body)
  if status >= 200 and status < 300 then
    s2xx = s2xx + 1
    if string.sub(body, 1, 12) == '{"campaign":' then put_ok = put_ok + 1 end
  elseif status >= 400 and status < 500 then
    s4xx = s4xx + 1
  elseif status >= 500 then
    s5xx = s5xx + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local t = { put_ok = 0, s2xx = 0, s4xx = 0, s5xx = 0, other = 0 }
  for _, thread in ipairs(threads) do
    for k, _ in pairs(t) do t[k] = t[k] + thread:get(k) end
  end
  local e = summary.errors
  io.write(string.format("LOAD requests=%d put_ok=%d s2xx=%d s4xx=%d s5xx=%d other=%d sockerr=%d\n",
    summary.requests, t.put_ok, t.s2xx, t.s4xx, t.s5xx, t.other,
    e.connect + e.read + e.write + e.timeout))
end
