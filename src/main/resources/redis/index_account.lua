-- Puts an account in its site's orders and its leads in the site's lead → account map, unless a newer version of the
-- account is there already (the writes after apply_account_change.lua may arrive out of order).
-- KEYS: 1 versions (hash domain → version), 2 score order (zset), 3 recent order (zset), 4 lead → account (hash);
--       all under the site's accounts tag
-- ARGV: 1 domain, 2 version, 3 score, 4 activity, 5 joined leads (JSON array), 6 left leads (JSON array)
local known = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '-1')
if known >= tonumber(ARGV[2]) then
  return 0
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
redis.call('ZADD', KEYS[3], ARGV[4], ARGV[1])
for _, lead in ipairs(cjson.decode(ARGV[6])) do
  -- a lead that left forgets this account only: it may have joined another since
  if redis.call('HGET', KEYS[4], lead) == ARGV[1] then
    redis.call('HDEL', KEYS[4], lead)
  end
end
for _, lead in ipairs(cjson.decode(ARGV[5])) do
  redis.call('HSET', KEYS[4], lead, ARGV[1])
end
return 1
