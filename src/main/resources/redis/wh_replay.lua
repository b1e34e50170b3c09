-- Queues one event again for an endpoint: its dead letter, or else the retained message.
-- KEYS[1] dead hash, KEYS[2] dead index, KEYS[3] message archive key, KEYS[4] lead queue, KEYS[5] ready line
-- ARGV[1] event id, ARGV[2] lead id, ARGV[3] 'dead' (dead letters only) or 'any'
-- Returns 1 when queued, 0 when there was nothing to replay.
local event
local letter = redis.call('HGET', KEYS[1], ARGV[1])
if letter then
  event = cjson.decode(letter)['event']
  redis.call('HDEL', KEYS[1], ARGV[1])
  redis.call('ZREM', KEYS[2], ARGV[1])
elseif ARGV[3] == 'any' then
  event = redis.call('GET', KEYS[3])
end
if not event then
  return 0
end
if redis.call('RPUSH', KEYS[4], event) == 1 then
  redis.call('XADD', KEYS[5], '*', 'lead', ARGV[2], 'id', ARGV[1], 'attempt', '1', 'event', event)
end
return 1
