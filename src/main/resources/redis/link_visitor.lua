-- Points a visitor at its lead and keeps its history from now on (a lead's history never expires).
-- KEYS: 1 visitor hash, 2 visitor timeline
-- ARGV: 1 lead id
redis.call('HSET', KEYS[1], 'lead', ARGV[1])
redis.call('PERSIST', KEYS[1])
redis.call('PERSIST', KEYS[2])
return 1
