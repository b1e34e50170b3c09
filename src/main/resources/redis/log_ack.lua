-- Acknowledges projected log entries, deletes them, and takes their events off the waiting count.
-- An entry another consumer acknowledged already (it was claimed twice) is not counted again.
-- KEYS: 1 the partition's stream, 2 its count of events waiting for projection
-- ARGV: 1 consumer group, 2.. entry ids
-- Returns the number of entries acknowledged.
local acked, events = 0, 0
for i = 2, #ARGV do
  local id = ARGV[i]
  if redis.call('XACK', KEYS[1], ARGV[1], id) == 1 then
    acked = acked + 1
    local entry = redis.call('XRANGE', KEYS[1], id, id)[1]
    local n = 1 -- entries written one event each (before packing) have no count
    if entry then
      local fields = entry[2]
      for f = 1, #fields, 2 do
        if fields[f] == 'n' then n = tonumber(fields[f + 1]) or 1 end
      end
    end
    events = events + n
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
