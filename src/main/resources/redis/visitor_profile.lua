-- The visitor's profile: the last element of its list (lg:{sNN}:tl:SITE:VISITOR, timeline entries newest first),
-- '\1' then short-named fields as 'name\30value' joined by '\31' (redis/ProfileCodec.java reads it). One key per
-- visitor instead of a hash, a list and a set: each key costs its name, a dict entry and an expire entry, and a hash
-- with a value over 64 bytes (a URL, a touch) leaves the compact listpack form for a hash table.
-- A visitor written by a build before (a hash lg:{sNN}:v:..., the list of JSON entries, the set of ids
-- lg:{sNN}:seen:...) is moved into this form the first time a script writes it: its hash becomes the profile, its
-- ids are in its entries, the hash and the set are deleted.

local PROFILE_ORDER = {'fs', 'ls', 'se', 'la', 'ft', 'lt', 'tk', 'pv', 'dl', 'ob', 'cu', 'en', 'fo', 'ip', 'ld', 'lb'}
local SHORT_NAMES = {first_seen = 'fs', last_seen = 'ls', sessions = 'se', landing = 'la', first_touch = 'ft',
                     last_touch = 'lt', touch_key = 'tk', pageviews = 'pv', downloads = 'dl', outbound = 'ob',
                     custom = 'cu', engagement = 'en', forms = 'fo', ip = 'ip', lead = 'ld', linked_by = 'lb'}

local function profile_decode(element)
  local profile = {}
  for pair in string.gmatch(string.sub(element, 2), '[^\31]+') do
    local cut = string.find(pair, '\30', 1, true)
    if cut then
      profile[string.sub(pair, 1, cut - 1)] = string.sub(pair, cut + 1)
    end
  end
  return profile
end

local function profile_encode(profile)
  local parts = {}
  local known = {}
  for _, name in ipairs(PROFILE_ORDER) do
    known[name] = true
    if profile[name] then
      table.insert(parts, name .. '\30' .. profile[name])
    end
  end
  local others = {}
  for name in pairs(profile) do
    if not known[name] then
      table.insert(others, name)
    end
  end
  table.sort(others)
  for _, name in ipairs(others) do
    table.insert(parts, name .. '\30' .. profile[name])
  end
  return '\1' .. table.concat(parts, '\31')
end

-- The profile, whether the list holds it (false: a new visitor, or one of a build before, moved by profile_store),
-- the list's length, the old form's recent ids (empty unless moved now), and the list's last element ('' when empty).
-- With `undecoded`, a profile the list holds is not decoded (nil): a reader that only moves the old form needs no
-- more, and decoding was a third of visitor_state.lua's time (docs/benchmarks.md).
local function profile_load(hash, list, seen, undecoded)
  local length = redis.call('LLEN', list)
  local tail = ''
  if length > 0 then
    tail = redis.call('LINDEX', list, -1)
    if string.byte(tail, 1) == 1 then
      if undecoded then
        return nil, true, length, {}, tail
      end
      return profile_decode(tail), true, length, {}, tail
    end
  end
  local profile = {}
  local old = redis.call('HGETALL', hash)
  for i = 1, #old, 2 do
    profile[SHORT_NAMES[old[i]] or old[i]] = old[i + 1]
  end
  return profile, false, length, redis.call('ZRANGE', seen, 0, 199, 'REV'), tail
end

-- Writes the profile back: in place, or as the list's new last element (then the old form's keys go).
local function profile_store(hash, list, seen, profile, held, existed)
  local element = profile_encode(profile)
  if held then
    redis.call('LSET', list, -1, element)
    return
  end
  local ttl = redis.call('PTTL', hash)
  redis.call('RPUSH', list, element)
  if not existed and ttl > 0 then
    -- a list made now for a visitor of the old form: it lasts as long as its hash would have
    redis.call('PEXPIRE', list, ttl)
  end
  redis.call('DEL', hash, seen)
end
