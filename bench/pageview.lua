-- wrk script for bench/collect.sh: POST /e with a realistic page view (~400 bytes of JSON sent as text/plain,
-- as navigator.sendBeacon sends it), a browser User-Agent (the gateway drops bots) and an Origin header.
-- Every request has a new event id (thread number + counter, so ids never repeat across threads or runs of
-- the same wrk process) and one of VISITORS visitor ids, so the projector's de-duplication keeps every event.
-- The same script drives the gateway and the bare server; it counts the answers by status.

local VISITORS = 20000
local RUN = os.getenv("BENCH_RUN") or "r"
local SITE = os.getenv("BENCH_SITE") or "bench"
-- bench/peer.sh sends the same body to webdis: PUT /XADD/<stream>/*/e (the body is the value of field e)
local METHOD = os.getenv("BENCH_METHOD") or "POST"
local PATH = os.getenv("BENCH_PATH") or "/e"

local pages = {
  { "https://www.acme-example.com/pricing?utm_source=newsletter&utm_medium=email&utm_campaign=q4-launch",
    "Pricing - ACME Analytics for B2B teams", "newsletter", "email", "q4-launch" },
  { "https://www.acme-example.com/blog/how-to-qualify-leads-without-a-crm?utm_source=linkedin&utm_medium=social",
    "How to qualify leads without a CRM - ACME blog", "linkedin", "social", "evergreen" },
  { "https://www.acme-example.com/case-studies/northwind-doubled-demo-requests",
    "Case study: Northwind doubled its demo requests - ACME", "google", "cpc", "brand-2026" },
  { "https://www.acme-example.com/resources/whitepaper-b2b-funnel-benchmarks-2026",
    "Whitepaper: B2B funnel benchmarks 2026 - ACME resources", "partner", "referral", "co-marketing" },
}

local threads = {}
local counter = 1

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
  math.randomseed(tid * 7919 + os.time())
  wrk.method = METHOD
  wrk.headers["Content-Type"] = "text/plain;charset=UTF-8"
  wrk.headers["User-Agent"] = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
      .. "Chrome/131.0.0.0 Safari/537.36"
  wrk.headers["Origin"] = "https://www.acme-example.com"
  wrk.headers["Accept"] = "*/*"
  wrk.headers["Accept-Language"] = "en-US,en;q=0.9"
  prefix = RUN .. "-t" .. tid .. "-"
end

function request()
  counter = counter + 1
  local v = math.random(VISITORS)
  local p = pages[(v % #pages) + 1]
  local body = '{"site":"' .. SITE .. '","visitor":"vis' .. string.format("%013d", v)
      .. '","session":"ses' .. string.format("%08d", v) .. '","id":"' .. prefix .. string.format("%08d", counter)
      .. '","type":"pageview","url":"' .. p[1] .. '","title":"' .. p[2]
      .. '","referrer":"https://www.google.com/","utm":{"source":"' .. p[3] .. '","medium":"' .. p[4]
      .. '","campaign":"' .. p[5] .. '"},"ts":1795000000000,"props":{"lang":"en-US","screen":"1920x1080"}}'
  return wrk.format(nil, PATH, nil, body)
end

-- (wrk calls this only for answers with at least one header: the bare server's header-less 204 is not counted
-- here, so the summary's non-2xx count is what tells its failures)
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local counts = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      counts[status] = (counts[status] or 0) + n
    end
  end
  local line = "STATUS"
  for status, n in pairs(counts) do
    line = line .. " " .. status .. "=" .. n
  end
  io.write(line .. "\n")
  io.write(string.format("RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d non2xx=%d socket_errors=%d\n",
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), summary.errors.status,
      summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
