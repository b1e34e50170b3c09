-- Records a projector batch's events on the anonymous visitors of one key shard, each at most once per event id,
-- in the order given (sessions depend on it). A visitor is one list: its timeline entries newest first, its profile
-- last (visitor_profile.lua, read by redis/ProfileCodec and redis/TimelineCodec). Each visitor's writes are
-- gathered and made once at the end: one LPUSH of its new entries, one LSET of its profile, the LSETs of the newest
-- entries that now point to a newer one holding the same value, the trim when past the cap, and the EXPIRE on the
-- visitor's first event of a day (UTC) only.
-- Everything written here also goes to the AOF, and Redis rewrites the AOF each time it has doubled: the bytes
-- written per event are what projection costs Redis (docs/benchmarks.md). So a touch is written when a visit
-- starts or its source changes, the TTL once a day.
-- KEYS: per visitor, 3 keys: 1 the old form's hash, 2 the visitor's list, 3 the old form's recent ids (zset)
-- ARGV: per visitor (in the order of KEYS), 3 values: ttl seconds, timeline max, session gap (ms);
--       then per event, 10 values: visitor (1-based, in the order of KEYS), event id (as entries hold it), received
--       at (ms), counter field, url, timeline entry (TimelineCodec), ip ('' = not kept), touch (ProfileCodec),
--       direct ('1'/'0'), event id as sent (JSON entries of the build before hold that)
-- Returns per event, flat: fresh (0/1), new session (0/1), lead id or ''
local visitors = {}
local DAY_MS = 86400000
-- event ids remembered per visitor: the ids of its newest 200 entries (a browser re-sends at most its bounded queue)
local RECENT = 200
-- the newest stored entries a new one may point to for a value they share
local WINDOW = 16

-- A compact entry starts with '@' plus a bit set (64 + bits, '@' to '_'): bit 16, the id is a snippet id written
-- without its '~'; bits 1, 2, 4, 8: the type, the time, the origin, the props are the next newer entry's (a '\29'
-- pointer) and left out. '\2' is the same form with no bit set.
local COMPACT, SNIPPET_ID = 64, 16
local OMITTED = {{2, 1}, {3, 2}, {4, 4}, {7, 8}} -- field, bit, in the order of the fields
local OMITTED_BIT = {[2] = 1, [3] = 2, [4] = 4, [7] = 8}

-- How an entry led by this byte holds its event's id: 'plain' as written, 'bare' a snippet id without its '~' (16
-- is the compact form's highest bit), nil for an element that holds none that way (JSON entries start with '{').
local function id_form(first)
  if first == 2 or first == 3 or first >= COMPACT and first < COMPACT + SNIPPET_ID then
    return 'plain'
  elseif first and first >= COMPACT + SNIPPET_ID and first < COMPACT + 32 then
    return 'bare'
  end
  return nil
end

local function entry_id(entry)
  local first = string.byte(entry, 1)
  local form = id_form(first)
  if form then
    local cut = string.find(entry, '\31', 2, true)
    local id = string.sub(entry, 2, cut and cut - 1 or -1)
    return form == 'bare' and '~' .. id or id
  elseif first == 123 then
    return string.match(entry, '^{"id":"([^"]*)"')
  end
  return nil
end

-- Whether blob (entries joined, each between two '\0') holds want as an entry's id: just after the entry's first
-- byte, in a form that holds the id as written (or, bare, the form that holds a snippet id without its '~'), and up
-- to the entry's next field or its end. A '\0' in a stored value could pass for an entry's start: it would take
-- this very id to follow it, so only a visitor's own values could do that, to its own events.
local function found(blob, want, bare)
  if want == '' then
    return false
  end
  local from = 1
  while true do
    local at = string.find(blob, want, from, true)
    if not at then
      return false
    end
    local after = string.byte(blob, at + #want)
    if string.byte(blob, at - 2) == 0 and (after == 31 or after == 0)
        and id_form(string.byte(blob, at - 1)) == (bare and 'bare' or 'plain') then
      return true
    end
    from = at + 1
  end
end

-- Whether one of the visitor's newest stored entries is the event: its id as entries hold it, or as sent (the JSON
-- entries of older builds). One search of the entries joined rather than each entry's id taken out: the newest
-- 200 are read for every call a visitor is in, and taking their ids out was half of projection's time for a visitor
-- with a long timeline (docs/benchmarks.md).
local function stored(state, id, sent)
  if #state.recent == 0 then
    return false
  end
  local blob = state.blob
  if not blob then
    blob = '\0' .. table.concat(state.recent, '\0') .. '\0'
    state.blob = blob
  end
  return found(blob, id, false) or string.byte(id, 1) == 126 and found(blob, string.sub(id, 2), true)
      or string.find(blob, '\0{"id":"' .. sent .. '"', 1, true) ~= nil
end

local function visitor(v)
  local state = visitors[v]
  if not state then
    local profile, held, length, oldIds = profile_load(KEYS[3 * v - 2], KEYS[3 * v - 1], KEYS[3 * v])
    local recent = {}
    if length > 0 then
      recent = redis.call('LRANGE', KEYS[3 * v - 1], 0, RECENT - 1)
    end
    -- the ids of the old form's recent set and of this call's events; the stored entries' are searched (stored)
    local ids = {}
    for _, id in ipairs(oldIds) do
      ids[id] = true
    end
    state = {v = v, profile = profile, held = held, length = length, recent = recent, ids = ids,
             last = tonumber(profile.ls or profile.fs or '0'), fresh = false, renew = false, timeline = {}}
    visitors[v] = state
  end
  return state
end

-- The first touch without its landing page when that is the visitor's landing, and without its time, the
-- visitor's first (ProfileCodec puts them back).
local function first_touch(touch, url, at)
  local from, to = string.find(touch, '\29l\30' .. url .. '\29', 1, true)
  if from then
    touch = string.sub(touch, 1, from - 1) .. string.sub(touch, to)
  end
  local time = '\29a\30' .. at
  if string.sub(touch, -#time) == time then
    touch = string.sub(touch, 1, -#time - 1)
  end
  return touch
end

-- Where a touch came from: its fields but its landing, its time and its label (the other fields give it), in one
-- text, the same for the same source whichever form the touch is kept in (ProfileCodec's, or JSON).
local TOUCH_NAMES = {utm_source = 'us', utm_medium = 'um', utm_campaign = 'uc', utm_term = 'ut', utm_content = 'un',
                     referrer = 'r', source = 's', landing = 'l', at = 'a'}
local function touch_source(touch)
  local fields = {}
  if string.byte(touch, 1) == 123 then
    for name, value in pairs(cjson.decode(touch)) do
      fields[TOUCH_NAMES[name] or name] = tostring(value)
    end
  else
    for pair in string.gmatch(touch, '[^\29]+') do
      local cut = string.find(pair, '\30', 1, true)
      if cut then
        fields[string.sub(pair, 1, cut - 1)] = string.sub(pair, cut + 1)
      end
    end
  end
  fields.l, fields.a, fields.s = nil, nil, nil
  local names = {}
  for name in pairs(fields) do
    table.insert(names, name)
  end
  table.sort(names)
  for i, name in ipairs(names) do
    names[i] = name .. '\30' .. fields[name]
  end
  return table.concat(names, '\29')
end

local function record(state, at, gap)
  local profile = state.profile
  local now = tonumber(ARGV[at + 2])
  local last = state.last
  local newSession = 0
  if last == 0 then
    profile.fs = ARGV[at + 2]
    profile.se = '1'
    profile.la = ARGV[at + 4]
    profile.ft = first_touch(ARGV[at + 7], ARGV[at + 4], ARGV[at + 2])
    if state.length == (state.held and 1 or 0) then
      -- its entry will lie just before the profile (for as long as it is kept whole), where a read finds both
      state.first = #state.timeline + 1
    end
    profile.lt = nil -- the same as the first
    newSession = 1
  elseif now - last > gap then
    profile.se = tostring(tonumber(profile.se or '0') + 1)
    newSession = 1
  end
  if math.floor(now / DAY_MS) > math.floor(last / DAY_MS) then
    state.renew = true
  end
  if now > last then
    state.last = now
    profile.ls = ARGV[at + 2]
  end
  -- the last non-direct visit: its first event, or a later one that came from elsewhere
  profile.tk = nil -- the source of the last touch, kept by builds before: read from the touch itself now
  if last ~= 0 and ARGV[at + 8] == '0' then
    if newSession == 0 then
      state.source = state.source or touch_source(profile.lt or profile.ft or '')
    end
    local source = touch_source(ARGV[at + 7])
    if newSession == 1 or source ~= state.source then
      profile.lt = ARGV[at + 7]
      state.source = source
    end
  end
  local counter = ARGV[at + 3]
  profile[counter] = tostring(tonumber(profile[counter] or '0') + 1)
  if ARGV[at + 6] ~= '' and ARGV[at + 6] ~= profile.ip then
    profile.ip = ARGV[at + 6]
  end
  table.insert(state.timeline, ARGV[at + 5])
  state.fresh = true
  return newSession
end

-- An entry's fields ('\2' or compact), pointers as written; nil for another kind of element.
local function split(entry)
  local first = string.byte(entry, 1)
  if first ~= 2 and not (first >= COMPACT and first < COMPACT + 32) then
    return nil
  end
  local written = {}
  local from = 2
  while true do
    local cut = string.find(entry, '\31', from, true)
    table.insert(written, string.sub(entry, from, cut and cut - 1 or -1))
    if not cut then
      break
    end
    from = cut + 1
  end
  if first == 2 then
    return written
  end
  local bits = first - COMPACT
  if bits >= SNIPPET_ID then
    written[1] = '~' .. written[1]
  end
  for _, omitted in ipairs(OMITTED) do
    if bits % (2 * omitted[2]) >= omitted[2] then
      table.insert(written, omitted[1], '\29') -- in the order of the fields: each lands where it belongs
    end
  end
  return written
end

-- Each value of the new entries and of the newest stored ones is written once, in the newest entry holding it; an
-- older entry holding it points to the nearest newer one ('\29' and the distance). Values never change, only how
-- they are written, so entries past the window that point into it still read the same.
local function share(state, list)
  local fresh = state.timeline
  local count = #fresh
  local chain = {}
  for i = count, 1, -1 do
    table.insert(chain, fresh[i])
  end
  for k = 1, math.min(#state.recent, WINDOW) do
    table.insert(chain, state.recent[k])
  end
  local values = {}
  local nearest = {}
  local landing = state.first and count - state.first + 1
  for i, entry in ipairs(chain) do
    local fields = split(entry)
    -- the compact form is made here rather than in a second pass: this loop is most of the script's time
    local written, n, bits
    if fields then
      local id = fields[1]
      if #id == 23 and string.byte(id, 1) == 126 then
        written, n, bits = {string.sub(id, 2)}, 1, SNIPPET_ID
      else
        written, n, bits = {id}, 1, 0
      end
    end
    for f = 2, fields and #fields or 0 do
      local value = fields[f]
      if string.byte(value, 1) == 29 then
        local target = values[i - (tonumber(string.sub(value, 2)) or 1)]
        if not target then
          written = nil -- not ours to understand: left as it is
          break
        end
        value = target[f] or ''
      end
      fields[f] = value
      local holder = value ~= '' and nearest[f] and nearest[f][value]
      local out = value
      if holder then
        if i - holder == 1 and OMITTED_BIT[f] then
          bits, out = bits + OMITTED_BIT[f], nil
        else
          out = '\29' .. (i - holder == 1 and '' or tostring(i - holder))
        end
      elseif i == landing and (f == 5 or f == 8) and value ~= '' then
        out = '\30' -- the visitor's first entry: its URL is the profile's landing, its tags its first touch's
      end
      if out then
        n = n + 1
        written[n] = out
      end
      nearest[f] = nearest[f] or {}
      nearest[f][value] = i
    end
    if written then
      values[i] = fields
      local encoded = string.char(COMPACT + bits) .. table.concat(written, '\31')
      if i <= count then
        fresh[count - i + 1] = encoded
      elseif encoded ~= entry then
        redis.call('LSET', list, i - count - 1, encoded)
      end
    end
  end
end

-- Past the cap: entries beyond timeline max keep their id only (until the newest 200), older ones go; the profile
-- stays last.
local function cap(list, count, max)
  if count <= max then
    return
  end
  if max < RECENT then
    local past = redis.call('LRANGE', list, max, math.min(count, RECENT) - 1)
    for k, entry in ipairs(past) do
      if string.byte(entry, 1) ~= 3 then
        redis.call('LSET', list, max + k - 1, '\3' .. (entry_id(entry) or ''))
      end
    end
  end
  local keep = math.max(max, RECENT)
  if count > keep then
    local profile = redis.call('RPOP', list)
    redis.call('LTRIM', list, 0, keep - 1)
    redis.call('RPUSH', list, profile)
  end
end

local function flush(v, state)
  local hash, list, seen = KEYS[3 * v - 2], KEYS[3 * v - 1], KEYS[3 * v]
  local ttl, max = tonumber(ARGV[3 * v - 2]), tonumber(ARGV[3 * v - 1])
  if state.profile.ls == state.profile.fs then
    state.profile.ls = nil -- read as the first
  end
  share(state, list)
  -- in slices: Lua's unpack is bounded by its C stack
  for from = 1, #state.timeline, 1000 do
    redis.call('LPUSH', list, unpack(state.timeline, from, math.min(from + 999, #state.timeline)))
  end
  profile_store(hash, list, seen, state.profile, state.held, state.length > 0)
  cap(list, state.length - (state.held and 1 or 0) + #state.timeline, max)
  if state.renew and not state.profile.ld then
    -- anonymous visitors are forgotten after the site's retention; a lead's history is kept
    redis.call('EXPIRE', list, ttl)
  end
end

local results = {}
-- the visitors take 3 ARGV each, as many as their KEYS: the events start after them
for at = #KEYS + 1, #ARGV, 10 do
  local v = tonumber(ARGV[at])
  local state = visitor(v)
  local id = ARGV[at + 1]
  if state.ids[id] or state.ids[ARGV[at + 9]] or stored(state, id, ARGV[at + 9]) then
    table.insert(results, 0)
    table.insert(results, 0)
  else
    state.ids[id] = true
    local newSession = record(state, at, tonumber(ARGV[3 * v]))
    table.insert(results, 1)
    table.insert(results, newSession)
  end
  table.insert(results, state.profile.ld or '')
end
for v, state in pairs(visitors) do
  if state.fresh then
    flush(v, state)
  end
end
return results
