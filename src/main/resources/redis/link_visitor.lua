-- Points a visitor at its lead and keeps its history from now on (a lead's history never expires).
-- KEYS: 1 the old form's visitor hash, 2 the visitor's list (timeline and profile), 3 the old form's recent ids
--       (visitor_profile.lua: a visitor of the build before is moved into the list here), 4 the visitor shard's
--       tombstones (lg:{sNN}:erased)
-- ARGV: 1 lead id, 2 how it was joined ('form' or 'identify'), 3 '1': only a visitor of no lead or of this lead,
--       4 the visitor's tombstone hash ('' for no lift: identify), 5 the member that records its lift,
--       6 when the submission was accepted (ms), 7 when the lead was made (ms)
-- Returns 1 when the visitor is the lead's now, 0 when it is another lead's (and ARGV[3] is '1')
local profile, held, length = profile_load(KEYS[1], KEYS[2], KEYS[3])
if ARGV[3] == '1' then
  if profile.ld == ARGV[1] then
    -- joined before (perhaps by a form): keep how
    return 1
  elseif profile.ld then
    return 0
  end
end
profile.ld = ARGV[1]
profile.lb = ARGV[2]
profile_store(KEYS[1], KEYS[2], KEYS[3], profile, held, length > 0)
redis.call('PERSIST', KEYS[2])
-- A form is new consent: it lifts the visitor's tombstone (docs/privacy.md, LeadStore.Lift), if the tombstone is
-- older than the lead (a form sent during the erasure reaches the lead being erased) and not lifted since it was
-- written (a retry keeps the first lift's time).
if ARGV[4] ~= '' then
  local erased = redis.call('ZSCORE', KEYS[4], ARGV[4])
  if erased and tonumber(erased) <= tonumber(ARGV[7]) then
    local lifted = redis.call('ZSCORE', KEYS[4], ARGV[5])
    if not lifted or tonumber(lifted) < tonumber(erased) then
      redis.call('ZADD', KEYS[4], ARGV[6], ARGV[5])
    end
  end
end
return 1
