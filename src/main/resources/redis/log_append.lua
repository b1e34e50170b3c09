-- Appends the events one event loop received in one tick, for one partition, as ONE log entry, and counts
-- them: one command per tick instead of one per event is most of what the log costs Redis.
-- KEYS: 1 the partition's stream, 2 its count of events waiting for projection
-- ARGV: 1 number of events, 2 the events as JSON, one per line
-- Returns the entry id.
local id = redis.call('XADD', KEYS[1], '*', 'n', ARGV[1], 'e', ARGV[2])
redis.call('INCRBY', KEYS[2], ARGV[1])
return id
