-- Takes an erased lead out of its site's search indexes (docs/redis.md, "Lead search"): every word it is indexed
-- under, its email domain's set, and what it was indexed under. One slot ({q:SITE}).
-- KEYS[1] indexed hash, KEYS[2] words zset, KEYS[3] the domain's set (or any key of the tag when unknown)
-- ARGV[1] lead id
local lead = ARGV[1]
local indexed = redis.call('HGET', KEYS[1], lead)
if indexed then
  local bar = string.find(indexed, '|', 1, true)
  local words = bar and string.sub(indexed, bar + 1) or ''
  for word in string.gmatch(words, '[^\n]+') do
    redis.call('ZREM', KEYS[2], word .. '\0' .. lead)
  end
  redis.call('HDEL', KEYS[1], lead)
end
redis.call('ZREM', KEYS[3], lead)
return 1
