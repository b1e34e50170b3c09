-- Records one event on an anonymous visitor, at most once per event id.
-- KEYS: 1 visitor hash, 2 timeline list, 3 recent event ids (zset)
-- ARGV: 1 event id, 2 received at (ms), 3 counter field, 4 url, 5 timeline entry (JSON),
--       6 timeline max, 7 ttl seconds, 8 session gap (ms), 9 ip ('' = not kept), 10 touch (JSON), 11 direct ('1'/'0')
-- Returns {fresh (0/1), new session (0/1), lead id or ''}
local now = tonumber(ARGV[2])
if redis.call('ZADD', KEYS[3], 'NX', now, ARGV[1]) == 0 then
  return {0, 0, redis.call('HGET', KEYS[1], 'lead') or ''}
end
-- the last 200 ids are enough: a browser re-sends at most its bounded queue
if redis.call('ZCARD', KEYS[3]) > 200 then
  redis.call('ZREMRANGEBYRANK', KEYS[3], 0, -201)
end

local last = tonumber(redis.call('HGET', KEYS[1], 'last_seen') or '0')
local newSession = 0
if last == 0 then
  redis.call('HSET', KEYS[1], 'first_seen', now, 'sessions', 1, 'landing', ARGV[4], 'first_touch', ARGV[10])
  newSession = 1
elseif now - last > tonumber(ARGV[8]) then
  redis.call('HINCRBY', KEYS[1], 'sessions', 1)
  newSession = 1
end
if now > last then
  redis.call('HSET', KEYS[1], 'last_seen', now)
end
if last == 0 or ARGV[11] == '0' then
  redis.call('HSET', KEYS[1], 'last_touch', ARGV[10])
end
redis.call('HINCRBY', KEYS[1], ARGV[3], 1)
if ARGV[9] ~= '' then
  redis.call('HSET', KEYS[1], 'ip', ARGV[9])
end

redis.call('LPUSH', KEYS[2], ARGV[5])
redis.call('LTRIM', KEYS[2], 0, tonumber(ARGV[6]) - 1)

local ttl = tonumber(ARGV[7])
redis.call('EXPIRE', KEYS[3], ttl)
local lead = redis.call('HGET', KEYS[1], 'lead')
if not lead then
  -- anonymous visitors are forgotten after the site's retention; a lead's history is kept
  redis.call('EXPIRE', KEYS[1], ttl)
  redis.call('EXPIRE', KEYS[2], ttl)
  lead = ''
end
return {1, newSession, lead}
