-- Points a visitor at its lead and keeps its history from now on (a lead's history never expires).
-- KEYS: 1 the old form's visitor hash, 2 the visitor's list (timeline and profile), 3 the old form's recent ids
--       (visitor_profile.lua: a visitor of the build before is moved into the list here)
-- ARGV: 1 lead id, 2 how it was joined ('form' or 'identify'), 3 '1': only a visitor of no lead or of this lead
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
return 1
