-- Fans one outbox entry out to webhook endpoints, in the same atomic step as acknowledging it (docs/webhooks.md);
-- runs after wh_dead_letter.lua.
-- KEYS[1] outbox stream, KEYS[2] message archive key, KEYS[3] the lead's receivers (set of endpoints, for erasure),
--   then for each live endpoint: its lead queue, its ready line; then for each disabled endpoint: dead hash, dead index
-- ARGV[1] group, ARGV[2] entry id, ARGV[3] event id, ARGV[4] lead id, ARGV[5] event JSON, ARGV[6] live count,
--   ARGV[7] disabled count, ARGV[8] retention ms (0: no archive), ARGV[9] now ms, ARGV[10] dead cap, ARGV[11] dead letter JSON,
--   ARGV[12] '1' to record the live endpoints as the lead's receivers ('0' for lead.erased: its set is gone),
--   then the live endpoints' names
-- Returns 1 (done), 0 (already acknowledged: nothing to do), -1 (an earlier entry of this lead is still in flight: try later)
local stream, group, entry, lead = KEYS[1], ARGV[1], ARGV[2], ARGV[4]

if #redis.call('XPENDING', stream, group, entry, entry, 1) == 0 then
  return 0
end
-- Consumers read a stream in order, so every earlier entry was handed to someone; one of this lead still pending
-- means another instance has not fanned it out yet, and this one must not overtake it. The oldest 1000 pending
-- entries are looked at: each instance holds at most 100 per shard (OutboxFanout.BATCH) for milliseconds.
local older = redis.call('XPENDING', stream, group, '-', '(' .. entry, 1000)
for _, p in ipairs(older) do
  local found = redis.call('XRANGE', stream, p[1], p[1])
  if found[1] then
    local fields = found[1][2]
    for i = 1, #fields, 2 do
      if fields[i] == 'lead' and fields[i + 1] == lead then
        return -1
      end
    end
  end
end

redis.call('XACK', stream, group, entry)
if ARGV[5] == '' then
  return 1
end
local retention = tonumber(ARGV[8])
if retention > 0 then
  redis.call('SET', KEYS[2], ARGV[5], 'PX', retention)
end
local k = 4
for i = 1, tonumber(ARGV[6]) do
  if ARGV[12] == '1' then
    redis.call('SADD', KEYS[3], ARGV[12 + i])
  end
  if redis.call('RPUSH', KEYS[k], ARGV[5]) == 1 then
    redis.call('XADD', KEYS[k + 1], '*', 'lead', lead, 'id', ARGV[3], 'attempt', '1', 'event', ARGV[5])
  end
  k = k + 2
end
for _ = 1, tonumber(ARGV[7]) do
  keep_dead_letter(KEYS[k], KEYS[k + 1], ARGV[3], ARGV[11], ARGV[9], ARGV[10])
  k = k + 2
end
return 1
