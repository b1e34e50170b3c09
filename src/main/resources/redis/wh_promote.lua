-- Moves the retries of one endpoint and shard that are due back into its ready line.
-- KEYS[1] retry set, KEYS[2] ready line; ARGV[1] now ms, ARGV[2] at most this many
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for _, member in ipairs(due) do
  local job = cjson.decode(member)
  redis.call('ZREM', KEYS[1], member)
  redis.call('XADD', KEYS[2], '*', 'lead', job['lead'], 'id', job['id'], 'attempt', tostring(job['attempt']),
    'event', job['event'])
end
return #due
