-- Erases what waits of one lead on its way to webhook endpoints, in the lead's shard (one slot): outbox entries not
-- fanned out yet (but a lead.erased), and for each endpoint the lead's queue, its jobs in the ready line, its retries,
-- its dead letters. The retained copies (wh:msg) are deleted by the caller, by event id. docs/privacy.md.
-- KEYS[1] the shard's outbox, KEYS[2] the lead's receivers set, then per endpoint 5 keys: lead queue, ready line,
--   retry set, dead hash, dead index
-- ARGV[1] lead id, ARGV[2] the lead's newest seq, ARGV[3] fan-out group, ARGV[4] send group
local lead, seq = ARGV[1], tonumber(ARGV[2])

local function field(fields, name)
  for i = 1, #fields, 2 do
    if fields[i] == name then
      return fields[i + 1]
    end
  end
  return nil
end

-- the outbox is trimmed every 30 s to what is unread or pending: a short stream
for _, entry in ipairs(redis.call('XRANGE', KEYS[1], '-', '+')) do
  local fields = entry[2]
  if field(fields, 'lead') == lead and field(fields, 'type') ~= 'lead.erased' then
    pcall(redis.call, 'XACK', KEYS[1], ARGV[3], entry[1])
    redis.call('XDEL', KEYS[1], entry[1])
  end
end
redis.call('DEL', KEYS[2])

for k = 3, #KEYS, 5 do
  redis.call('DEL', KEYS[k])
  -- the ready line holds at most one job per lead queue of the shard
  for _, entry in ipairs(redis.call('XRANGE', KEYS[k + 1], '-', '+')) do
    if field(entry[2], 'lead') == lead then
      pcall(redis.call, 'XACK', KEYS[k + 1], ARGV[4], entry[1])
      redis.call('XDEL', KEYS[k + 1], entry[1])
    end
  end
  for _, member in ipairs(redis.call('ZRANGE', KEYS[k + 2], 0, -1)) do
    local ok, job = pcall(cjson.decode, member)
    if ok and job.lead == lead then
      redis.call('ZREM', KEYS[k + 2], member)
    end
  end
  for s = 1, seq + 1 do
    local id = 'evt_' .. lead .. '_' .. s
    redis.call('HDEL', KEYS[k + 3], id)
    redis.call('ZREM', KEYS[k + 4], id)
  end
end
return 1
