-- Reads what projecting events on some visitors of one key shard needs (redis/StoredVisitor decides what the events
-- change, in Java: this script and apply_visitor_events.lua are all projection runs inside Redis, whose one thread
-- the intake's writes wait behind). A visitor of the build before (its profile a hash) is moved into the list first,
-- as visitor_profile.lua does for every script that writes a visitor.
-- KEYS: per visitor, 3 keys: 1 the old form's hash, 2 the visitor's list, 3 the old form's recent ids (zset)
-- ARGV: 1 how many of the newest elements to return (redis/StoredVisitor.RECENT)
-- Returns per visitor: the list's length, its last element ('' when there is none), its newest elements (the ids
-- a browser may send again are among them), the old form's recent ids (moved now, else empty)
local RECENT = tonumber(ARGV[1])
local out = {}
for v = 1, #KEYS / 3 do
  local hash, list, seen = KEYS[3 * v - 2], KEYS[3 * v - 1], KEYS[3 * v]
  local profile, held, length, oldIds, tail = profile_load(hash, list, seen, true)
  if not held and (length > 0 or next(profile) ~= nil) then
    profile_store(hash, list, seen, profile, false, length > 0)
    length = length + 1
    tail = redis.call('LINDEX', list, -1)
  end
  local recent = {}
  if length > 0 then
    recent = redis.call('LRANGE', list, 0, RECENT - 1)
  end
  out[v] = {length, tail, recent, oldIds}
end
return out
