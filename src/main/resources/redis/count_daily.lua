-- Adds the summed contributions of a projector batch's events to one site's day.
-- KEYS: 1 events by type (hash), 2 unique visitors (HyperLogLog), 3 page views by path (hash),
--       4 downloads by asset (hash), 5 sessions by source (hash)
-- ARGV: 1 ttl seconds, 2 max distinct fields, 3 .. 7 how many entries follow for KEYS[1] .. KEYS[5], then
--       the entries in that order: (field, count) pairs for the hashes, visitor ids for the HyperLogLog
local ttl = tonumber(ARGV[1])
local max = tonumber(ARGV[2])
local at = 8

local function bump(key, entries)
  for _ = 1, entries do
    local field, n = ARGV[at], ARGV[at + 1]
    at = at + 2
    -- a day's hash stays bounded whatever paths a crawler invents
    if redis.call('HEXISTS', key, field) == 0 and redis.call('HLEN', key) >= max then
      field = '(other)'
    end
    redis.call('HINCRBY', key, field, n)
  end
  if entries > 0 then redis.call('EXPIRE', key, ttl) end
end

local function visitors(key, entries)
  -- in slices: Lua's unpack is bounded by its C stack
  local last = at + entries - 1
  while at <= last do
    local to = math.min(at + 999, last)
    redis.call('PFADD', key, unpack(ARGV, at, to))
    at = to + 1
  end
  if entries > 0 then redis.call('EXPIRE', key, ttl) end
end

bump(KEYS[1], tonumber(ARGV[3]))
visitors(KEYS[2], tonumber(ARGV[4]))
bump(KEYS[3], tonumber(ARGV[5]))
bump(KEYS[4], tonumber(ARGV[6]))
bump(KEYS[5], tonumber(ARGV[7]))
return 1
