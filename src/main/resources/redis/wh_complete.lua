-- Settles one attempt on the head of a lead's queue for an endpoint (docs/webhooks.md); runs after wh_dead_letter.lua.
-- KEYS[1] ready line, KEYS[2] lead queue, KEYS[3] retry set, KEYS[4] dead hash, KEYS[5] dead index
-- ARGV[1] group, ARGV[2] ready entry id, ARGV[3] event id, ARGV[4] delivered | retry | dead, ARGV[5] lead id,
--   ARGV[6] retry due ms | dead-at ms, ARGV[7] next attempt (retry), ARGV[8] dead letter JSON, ARGV[9] dead cap
-- Returns 'stale' when the job was settled already (by another instance that claimed it), else ARGV[4].
if redis.call('XACK', KEYS[1], ARGV[1], ARGV[2]) == 0 then
  return 'stale'
end
redis.call('XDEL', KEYS[1], ARGV[2])
local head = redis.call('LINDEX', KEYS[2], 0)
if not head or cjson.decode(head)['id'] ~= ARGV[3] then
  return 'stale'
end
if ARGV[4] == 'retry' then
  redis.call('ZADD', KEYS[3], ARGV[6],
    cjson.encode({ lead = ARGV[5], id = ARGV[3], attempt = tonumber(ARGV[7]), event = head }))
  return 'retry'
end
redis.call('LPOP', KEYS[2])
if ARGV[4] == 'dead' then
  keep_dead_letter(KEYS[4], KEYS[5], ARGV[3], ARGV[8], ARGV[6], ARGV[9])
end
local nxt = redis.call('LINDEX', KEYS[2], 0)
if nxt then
  redis.call('XADD', KEYS[1], '*', 'lead', ARGV[5], 'id', cjson.decode(nxt)['id'], 'attempt', '1', 'event', nxt)
end
return ARGV[4]
