-- Acknowledges projected log entries, deletes them, and takes their events off the waiting count.
-- An entry another consumer acknowledged already (it was claimed twice) is not counted again.
-- KEYS: 1 the partition's stream, 2 its count of events waiting for projection
-- ARGV: 1 consumer group, then per entry: its id, how many events it held (the reader knows: it read them; reading the
--       entry again here cost a tenth of projection's time in Redis when entries are small, docs/benchmarks.md)
-- Returns the number of entries acknowledged.
local acked, events = 0, 0
for i = 2, #ARGV, 2 do
  local id = ARGV[i]
  if redis.call('XACK', KEYS[1], ARGV[1], id) == 1 then
    acked = acked + 1
    events = events + tonumber(ARGV[i + 1])
    redis.call('XDEL', KEYS[1], id)
  end
end
if redis.call('XLEN', KEYS[1]) == 0 then
  -- nothing waits: whatever the count says (a stream trimmed by hand, a lost write), it is zero
  redis.call('DEL', KEYS[2])
elseif events > 0 then
  if redis.call('DECRBY', KEYS[2], events) < 0 then redis.call('DEL', KEYS[2]) end
end
return acked
