-- Records a projector batch's events on the anonymous visitors of one key shard, each at most once per event id,
-- in the order given (sessions depend on it). Each visitor's writes are gathered and made once at the end: one
-- HSET of the fields that changed, one LPUSH (LTRIM when past the cap), and the EXPIREs on the visitor's first
-- event of a day (UTC) only.
-- Everything written here also goes to the AOF, and Redis rewrites the AOF each time it has doubled: the bytes
-- written per event are what projection costs Redis (docs/benchmarks.md). So a touch is written when a visit
-- starts or its source changes, not on every page of the visit; the IP when it changed; the TTLs once a day.
-- KEYS: per visitor, 3 keys: 1 visitor hash, 2 timeline list, 3 recent event ids (zset)
-- ARGV: per visitor (in the order of KEYS), 3 values: ttl seconds, timeline max, session gap (ms);
--       then per event, 10 values: visitor (1-based, in the order of KEYS), event id, received at (ms),
--       counter field, url, timeline entry (JSON), ip ('' = not kept), touch (JSON), direct ('1'/'0'),
--       touch key (the same for the same source)
-- Returns per event, flat: fresh (0/1), new session (0/1), lead id or ''
local visitors = {}
local DAY_MS = 86400000

-- The visitor's state at its first event here: the profile fields the events change are read once and written
-- once, whole (the script is atomic, so that is the same as an HINCRBY per event).
local function visitor(v, counter)
  local state = visitors[v]
  if not state then
    local profile = redis.call('HMGET', KEYS[3 * v - 2], 'last_seen', 'lead', 'sessions', counter, 'touch_key', 'ip')
    state = {v = v, last = tonumber(profile[1] or '0'), lead = profile[2] or '', fresh = false, set = {},
             counts = {sessions = tonumber(profile[3] or '0'), [counter] = tonumber(profile[4] or '0')},
             touchKey = profile[5] or '', ip = profile[6] or '', renew = false, timeline = {}}
    visitors[v] = state
  end
  return state
end

local function bump(state, field)
  local hash = KEYS[3 * state.v - 2]
  if not state.counts[field] then
    -- a second kind of event of this visitor in this call
    state.counts[field] = tonumber(redis.call('HGET', hash, field) or '0')
  end
  state.counts[field] = state.counts[field] + 1
  state.set[field] = state.counts[field]
end

local function record(state, at, gap)
  local now = tonumber(ARGV[at + 2])
  local last = state.last
  local newSession = 0
  if last == 0 then
    state.set.first_seen = ARGV[at + 2]
    state.counts.sessions = 0
    bump(state, 'sessions')
    state.set.landing = ARGV[at + 4]
    state.set.first_touch = ARGV[at + 7]
    newSession = 1
  elseif now - last > gap then
    bump(state, 'sessions')
    newSession = 1
  end
  if math.floor(now / DAY_MS) > math.floor(last / DAY_MS) then
    state.renew = true
  end
  if now > last then
    state.last = now
    state.set.last_seen = ARGV[at + 2]
  end
  -- the last non-direct visit: its first event, or a later one that came from elsewhere
  local key = ARGV[at + 9]
  if last == 0 or (ARGV[at + 8] == '0' and (newSession == 1 or key ~= state.touchKey)) then
    state.set.last_touch = ARGV[at + 7]
    state.touchKey = key
    state.set.touch_key = key
  end
  bump(state, ARGV[at + 3])
  if ARGV[at + 6] ~= '' and ARGV[at + 6] ~= state.ip then
    state.ip = ARGV[at + 6]
    state.set.ip = state.ip
  end
  table.insert(state.timeline, ARGV[at + 5])
  state.fresh = true
  return newSession
end

local function flush(v, state)
  local hash, timeline, seen = KEYS[3 * v - 2], KEYS[3 * v - 1], KEYS[3 * v]
  local ttl, max = tonumber(ARGV[3 * v - 2]), tonumber(ARGV[3 * v - 1])
  -- the last 200 ids are enough: a browser re-sends at most its bounded queue (when nothing is past them, this
  -- writes nothing, not even to the AOF)
  redis.call('ZREMRANGEBYRANK', seen, 0, -201)
  local fields = {}
  for field, value in pairs(state.set) do
    table.insert(fields, field)
    table.insert(fields, value)
  end
  redis.call('HSET', hash, unpack(fields))
  -- in slices: Lua's unpack is bounded by its C stack
  local length = 0
  for from = 1, #state.timeline, 1000 do
    length = redis.call('LPUSH', timeline, unpack(state.timeline, from, math.min(from + 999, #state.timeline)))
  end
  if length > max then
    redis.call('LTRIM', timeline, 0, max - 1)
  end
  if not state.renew then
    -- seen today already: its TTLs were set then, and a day more or less of 180 is not worth a write per event
    return
  end
  redis.call('EXPIRE', seen, ttl)
  if state.lead == '' then
    -- anonymous visitors are forgotten after the site's retention; a lead's history is kept
    redis.call('EXPIRE', hash, ttl)
    redis.call('EXPIRE', timeline, ttl)
  end
end

local results = {}
-- the visitors take 3 ARGV each, as many as their KEYS: the events start after them
for at = #KEYS + 1, #ARGV, 10 do
  local v = tonumber(ARGV[at])
  local state = visitor(v, ARGV[at + 3])
  if redis.call('ZADD', KEYS[3 * v], 'NX', ARGV[at + 2], ARGV[at + 1]) == 0 then
    table.insert(results, 0)
    table.insert(results, 0)
  else
    local newSession = record(state, at, tonumber(ARGV[3 * v]))
    table.insert(results, 1)
    table.insert(results, newSession)
  end
  table.insert(results, state.lead)
end
for v, state in pairs(visitors) do
  if state.fresh then
    flush(v, state)
  end
end
return results
