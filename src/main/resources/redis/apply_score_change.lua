-- Writes a scoring change decided in Java (scoring.ScoreStep) if the lead and its scoring state are still as they
-- were read: a compare-and-set on the lead's seq and the state's version. No scoring rule lives here.
-- KEYS: 1 lead hash, 2 stage history (list), 3 outbox stream, 4 score hash, 5 scored event ids (zset),
--       6 points log (list); all under the lead's hash tag
-- ARGV: 1 expected seq, 2 expected version, 3 event ids kept, 4 log entries kept, 5 the change (JSON, every value a
--       string): {score: [field, value, ...], unset: [field, ...], ids: [time, id, ...], points: [entry, ...]
--       (oldest first), lead: [field, value, ...], leadUnset: [field, ...], stages: [entry, ...],
--       events: [[id, type, site, lead, seq, at, data], ...]}
-- Returns 1 when written, 0 when the lead or its state moved on (nothing written: read again and decide again).
local lead, stages, outbox, score, ids, log = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]
local seq = redis.call('HGET', lead, 'seq')
if not seq or seq ~= ARGV[1] or (redis.call('HGET', score, 'ver') or '0') ~= ARGV[2] then
  return 0
end
local c = cjson.decode(ARGV[5])

redis.call('HSET', score, unpack(c.score))
if #c.unset > 0 then
  redis.call('HDEL', score, unpack(c.unset))
end
if #c.ids > 0 then
  redis.call('ZADD', ids, unpack(c.ids))
  local extra = redis.call('ZCARD', ids) - tonumber(ARGV[3])
  if extra > 0 then
    -- events at or before the newest forgotten id can no longer be told apart: they are not scored again
    local dropped = redis.call('ZRANGE', ids, extra - 1, extra - 1, 'WITHSCORES')
    redis.call('ZREMRANGEBYRANK', ids, 0, extra - 1)
    redis.call('HSET', score, 'horizon', dropped[2])
  end
end
if #c.points > 0 then
  redis.call('LPUSH', log, unpack(c.points))
  redis.call('LTRIM', log, 0, tonumber(ARGV[4]) - 1)
end
if #c.lead > 0 then
  redis.call('HSET', lead, unpack(c.lead))
end
if #c.leadUnset > 0 then
  redis.call('HDEL', lead, unpack(c.leadUnset))
end
for _, entry in ipairs(c.stages) do
  redis.call('RPUSH', stages, entry)
end
-- the fields of DomainEvent.FIELDS, in that order
for _, e in ipairs(c.events) do
  redis.call('XADD', outbox, '*', 'id', e[1], 'type', e[2], 'site', e[3], 'lead', e[4], 'seq', e[5], 'at', e[6],
    'data', e[7])
end
return 1
