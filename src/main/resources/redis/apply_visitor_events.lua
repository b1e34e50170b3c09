-- Writes what redis/StoredVisitor made of a call's events on some visitors of one key shard, if none of them changed
-- since visitor_state.lua read them (another instance's projector, a form linking the visitor to its lead, an erasure,
-- the TTL): else nothing, and the caller reads them again.
-- KEYS: per visitor written, its list
-- ARGV: per visitor, in the order of KEYS: the length read, the first and last elements read ('' when empty), the
--       count of new entries then the entries (oldest first: the newest ends up first), the count of stored entries
--       written anew then each one's index (after the new ones) and value, the profile, how many entries to keep
--       (0: all), the TTL to set in seconds (0: none)
-- Returns 1 when written, 0 when a visitor had changed
local reads = {}
local at = 1
for k = 1, #KEYS do
  local pushes = tonumber(ARGV[at + 3])
  local sets = tonumber(ARGV[at + 4 + pushes])
  reads[k] = at
  at = at + 4 + pushes + 1 + 2 * sets + 3
end
for k = 1, #KEYS do
  local list, from = KEYS[k], reads[k]
  local length = tonumber(ARGV[from])
  if redis.call('LLEN', list) ~= length then
    return 0
  end
  if length > 0 and (redis.call('LINDEX', list, 0) ~= ARGV[from + 1]
      or redis.call('LINDEX', list, -1) ~= ARGV[from + 2]) then
    return 0
  end
end
for k = 1, #KEYS do
  local list, from = KEYS[k], reads[k]
  local length = tonumber(ARGV[from])
  local pushes = tonumber(ARGV[from + 3])
  local first = from + 4
  -- in slices: Lua's unpack is bounded by its C stack
  for slice = first, first + pushes - 1, 1000 do
    redis.call('LPUSH', list, unpack(ARGV, slice, math.min(slice + 999, first + pushes - 1)))
  end
  local sets = tonumber(ARGV[first + pushes])
  local set = first + pushes + 1
  for s = set, set + 2 * sets - 1, 2 do
    redis.call('LSET', list, ARGV[s], ARGV[s + 1])
  end
  local after = set + 2 * sets
  local profile, keep, ttl = ARGV[after], tonumber(ARGV[after + 1]), tonumber(ARGV[after + 2])
  if keep > 0 then
    -- past the cap: the oldest entries go, the profile stays last
    redis.call('LTRIM', list, 0, keep - 1)
    redis.call('RPUSH', list, profile)
  elseif length > 0 then
    redis.call('LSET', list, -1, profile)
  else
    redis.call('RPUSH', list, profile)
  end
  if ttl > 0 then
    redis.call('EXPIRE', list, ttl)
  end
end
return 1
