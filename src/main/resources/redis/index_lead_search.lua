-- Puts a lead in its site's search indexes under its email domain and its words, replacing the words it was indexed
-- under before, unless a newer version of the lead was indexed already (idempotent; docs/redis.md).
-- KEYS: 1 what each lead is indexed under (hash: lead -> 'seq|word\nword...'), 2 words (zset of 'word\0lead', all
--       score 0), 3 the email domain's leads (zset of lead ids, all score 0); all under {q:SITE}
-- ARGV: 1 lead id, 2 seq, 3.. the words
-- Returns 1 when written, 0 when a newer entry was there
local lead, seq = ARGV[1], tonumber(ARGV[2])
local current = redis.call('HGET', KEYS[1], lead)
if current then
  local sep = string.find(current, '|', 1, true)
  if tonumber(string.sub(current, 1, sep - 1)) > seq then
    return 0
  end
  for word in string.gmatch(string.sub(current, sep + 1), '[^\n]+') do
    redis.call('ZREM', KEYS[2], word .. '\0' .. lead)
  end
end
local words = {}
for i = 3, #ARGV do
  redis.call('ZADD', KEYS[2], 0, ARGV[i] .. '\0' .. lead)
  words[#words + 1] = ARGV[i]
end
redis.call('HSET', KEYS[1], lead, ARGV[2] .. '|' .. table.concat(words, '\n'))
redis.call('ZADD', KEYS[3], 0, lead)
return 1
