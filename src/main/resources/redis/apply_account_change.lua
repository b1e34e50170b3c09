-- Writes an account change decided in Java (accounts.AccountStep) if the account's version is still the one read:
-- a compare-and-set. No account rule lives here.
-- KEYS: 1 account hash (ver, state), 2 its history (list, newest first), 3 the outbox stream of its shard; all under
--       the account's hash tag
-- ARGV: 1 expected version, 2 new version, 3 the account (JSON), 4 history entries kept,
--       5 the change (JSON): {history: [entry, ...] (oldest first), events: [[id, type, site, lead, seq, at, data], ...]}
-- Returns 1 when written, 0 when the account moved on (nothing written: read again and decide again).
local account, history, outbox = KEYS[1], KEYS[2], KEYS[3]
if (redis.call('HGET', account, 'ver') or '0') ~= ARGV[1] then
  return 0
end
local c = cjson.decode(ARGV[5])
redis.call('HSET', account, 'ver', ARGV[2], 'state', ARGV[3])
if #c.history > 0 then
  redis.call('LPUSH', history, unpack(c.history))
  redis.call('LTRIM', history, 0, tonumber(ARGV[4]) - 1)
end
-- the fields of DomainEvent.FIELDS, in that order
for _, e in ipairs(c.events) do
  redis.call('XADD', outbox, '*', 'id', e[1], 'type', e[2], 'site', e[3], 'lead', e[4], 'seq', e[5], 'at', e[6],
    'data', e[7])
end
return 1
