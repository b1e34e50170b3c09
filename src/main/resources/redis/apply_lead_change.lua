-- Applies one change to a lead, with its outbox entry, atomically: nothing or everything.
-- KEYS: 1 lead hash, 2 stage history (list), 3 visitors (set), 4 outbox stream, 5 submission marker
--       (all under the lead's hash tag)
-- ARGV: 1 expected seq (0: the lead must not exist yet), 2 submission id or '', 3 submitting visitor,
--       4 marker ttl seconds, 5 stage entry JSON or '', 6 visitor member or '',
--       7..12 outbox: id, type, site, lead, at, data (JSON),
--       13 n = number of hash fields to set, then n field/value pairs, then the fields to delete
-- Returns {'ok', seq, ''} | {'dup', seq, first visitor} | {'conflict', seq, ''}
local current = tonumber(redis.call('HGET', KEYS[1], 'seq') or '0')
if ARGV[2] ~= '' then
  local by = redis.call('GET', KEYS[5])
  if by then
    return {'dup', current, by}
  end
end
if current ~= tonumber(ARGV[1]) then
  return {'conflict', current, ''}
end

local n = tonumber(ARGV[13])
local set = {}
for i = 14, 13 + 2 * n do
  set[#set + 1] = ARGV[i]
end
if n > 0 then
  redis.call('HSET', KEYS[1], unpack(set))
end
for i = 14 + 2 * n, #ARGV do
  redis.call('HDEL', KEYS[1], ARGV[i])
end
local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)

if ARGV[5] ~= '' then
  redis.call('RPUSH', KEYS[2], ARGV[5])
end
if ARGV[6] ~= '' then
  redis.call('SADD', KEYS[3], ARGV[6])
end
if ARGV[2] ~= '' then
  redis.call('SET', KEYS[5], ARGV[3], 'EX', tonumber(ARGV[4]))
end
-- the fields of DomainEvent.FIELDS, in that order
redis.call('XADD', KEYS[4], '*', 'id', ARGV[7], 'type', ARGV[8], 'site', ARGV[9], 'lead', ARGV[10],
  'seq', seq, 'at', ARGV[11], 'data', ARGV[12])
return {'ok', seq, ''}
