-- Adds one event to its site's day.
-- KEYS: 1 events by type (hash), 2 unique visitors (HyperLogLog), 3 page views by path (hash),
--       4 downloads by asset (hash), 5 sessions by source (hash)
-- ARGV: 1 ttl seconds, 2 type, 3 visitor, 4 path or '', 5 asset or '', 6 source or '', 7 max distinct fields
local ttl = tonumber(ARGV[1])
local max = tonumber(ARGV[7])

local function bump(key, field)
  -- a day's hash stays bounded whatever paths a crawler invents
  if redis.call('HEXISTS', key, field) == 0 and redis.call('HLEN', key) >= max then
    field = '(other)'
  end
  redis.call('HINCRBY', key, field, 1)
  redis.call('EXPIRE', key, ttl)
end

bump(KEYS[1], ARGV[2])
redis.call('PFADD', KEYS[2], ARGV[3])
redis.call('EXPIRE', KEYS[2], ttl)
if ARGV[4] ~= '' then bump(KEYS[3], ARGV[4]) end
if ARGV[5] ~= '' then bump(KEYS[4], ARGV[5]) end
if ARGV[6] ~= '' then bump(KEYS[5], ARGV[6]) end
return 1
