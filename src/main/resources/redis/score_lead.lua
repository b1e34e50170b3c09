-- Applies one scoring step to a lead and moves its stage, atomically (docs/scoring.md, "The scoring step").
-- KEYS: 1 lead hash, 2 stage history (list), 3 outbox stream, 4 score hash, 5 scored event ids (zset),
--       6 points log (list); all under the lead's hash tag
-- ARGV: 1 now (ms), 2 lead id, 3 half-life ms (0: none), 4 MQL score, 5 MQL minimum fit ('' none),
--       6 BANT criteria required, comma-separated ('' none), 7 notify score changes ('1'/'0'), 8 event ids kept,
--       9 log entries kept, 10 step (JSON):
--       {events: [{id, at, day, pts: [{r, p, max}], bant: {criterion: why}, why}],
--        fit: {src, rules: {rule: {p, why}}, bant: {criterion: why}} or absent, ro: bool}
-- Returns {'ok', site, stage, seq, version, score, fit, activity, fresh, moves (JSON), index} | {'nolead'} | {'stale'}
--   index: 1 when the lead's index entries are out of date (score or stage changed, or its activity moved to
--   another minute: the recent order is kept to the minute)
-- Numbers go back as strings: Redis would truncate a Lua number to an integer.
local lead, stages, outbox, score, ids, log = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]
local now, leadId, half = tonumber(ARGV[1]), ARGV[2], tonumber(ARGV[3])
local mql, minFit, required = tonumber(ARGV[4]), tonumber(ARGV[5]), ARGV[6]
local step = cjson.decode(ARGV[10])

local function present(x)
  return x ~= nil and x ~= cjson.null
end
-- Decay.at: a value as of `since`, seen at `at`; never grows
local function decay(value, since, at)
  if half <= 0 or at <= since then
    return value
  end
  return value * 2 ^ (-(at - since) / half)
end
-- Decay.add: a running total {value, at} after `points` earned at `at`
local function add(value, since, points, at)
  if at >= since then
    return decay(value, since, at) + points, at
  end
  return value + decay(points, at, since), since
end
local function round2(x)
  return math.floor(x * 100 + 0.5) / 100
end

local l = redis.call('HMGET', lead, 'site', 'fields', 'stage', 'seq')
local site = l[1]
if not site then
  return {'nolead'}
end
if present(step.fit) and (l[2] or '') ~= step.fit.src then
  return {'stale'}
end
local s = redis.call('HMGET', score, 'activity', 'bant_ev', 'horizon', 'fitsum', 'beh_v', 'beh_t', 'ver', 'bant_f')
local activity = tonumber(s[1] or '0')
local previousActivity = activity
local bantEvents = nil
local function eventsKnown()
  if not bantEvents then
    bantEvents = cjson.decode(s[2] or '{}')
  end
  return bantEvents
end
local horizon = tonumber(s[3] or '-1')
local fitScore = tonumber(s[4] or '0')
-- every rule's points decay alike, so their sum is one running total too (the rules' totals explain it)
local behV, behT = tonumber(s[5] or '0'), tonumber(s[6] or '0')
local bantFieldsJson = s[8] or '{}'

local changed = false
local fresh = 0
local lastWhy = nil
local set = {}
if not step.ro then
  for _, e in ipairs(step.events) do
    local at = tonumber(e.at)
    -- an id at or below the horizon may have been forgotten: too old to tell, so it is not scored again
    if at > horizon and not redis.call('ZSCORE', ids, e.id) then
      redis.call('ZADD', ids, at, e.id)
      fresh = fresh + 1
      for _, p in ipairs(e.pts) do
        local field = 'r:' .. p.r
        local stored = redis.call('HGET', score, field)
        local r
        if stored then
          r = cjson.decode(stored)
        else
          r = {v = 0, t = at, n = 0, p = 0, f = at, l = at, d = '', dn = 0}
        end
        local max = tonumber(p.max)
        local counts = true
        if max > 0 then
          if e.day > r.d then
            r.d = e.day
            r.dn = 0
          end
          -- an event of an earlier day than the one counted is let through: its day's count is gone
          if e.day == r.d then
            if r.dn >= max then
              counts = false
            else
              r.dn = r.dn + 1
            end
          end
        end
        if counts then
          local pts = tonumber(p.p)
          r.v, r.t = add(r.v, r.t, pts, at)
          if behT == 0 then
            behT = at
          end
          behV, behT = add(behV, behT, pts, at)
          r.n = r.n + 1
          r.p = r.p + pts
          if at < r.f then r.f = at end
          if at > r.l then r.l = at end
          if redis.call('LPUSH', log, cjson.encode({e = e.id, r = p.r, p = pts, at = at})) > tonumber(ARGV[9]) then
            redis.call('LTRIM', log, 0, tonumber(ARGV[9]) - 1)
          end
          changed = true
        end
        if counts or max > 0 then
          redis.call('HSET', score, field, cjson.encode(r))
        end
      end
      if next(e.bant) ~= nil then
        local known = eventsKnown()
        for criterion, why in pairs(e.bant) do
          if not present(known[criterion]) then
            known[criterion] = why
            changed = true
          end
        end
      end
      if at > activity then
        activity = at
      end
      lastWhy = e.why
    end
  end
  if fresh > 0 then
    local extra = redis.call('ZCARD', ids) - tonumber(ARGV[8])
    if extra > 0 then
      local dropped = redis.call('ZRANGE', ids, extra - 1, extra - 1, 'WITHSCORES')
      redis.call('ZREMRANGEBYRANK', ids, 0, extra - 1)
      set[#set + 1] = 'horizon'
      set[#set + 1] = dropped[2]
    end
    set[#set + 1] = 'activity'
    set[#set + 1] = activity
    set[#set + 1] = 'beh_v'
    set[#set + 1] = string.format('%.17g', behV)
    set[#set + 1] = 'beh_t'
    set[#set + 1] = behT
    if bantEvents then
      set[#set + 1] = 'bant_ev'
      set[#set + 1] = cjson.encode(bantEvents)
    end
  end
  if present(step.fit) then
    local sum = 0
    for _, f in pairs(step.fit.rules) do
      sum = sum + tonumber(f.p)
    end
    local rules = cjson.encode(step.fit.rules)
    local bant = cjson.encode(step.fit.bant)
    if sum ~= fitScore or rules ~= (redis.call('HGET', score, 'fit') or '{}') or bant ~= bantFieldsJson then
      changed = true
    end
    fitScore = sum
    bantFieldsJson = bant
    for _, v in ipairs({'fit', rules, 'fitsum', sum, 'bant_f', bant, 'fit_src', step.fit.src}) do
      set[#set + 1] = v
    end
    if not lastWhy then
      lastWhy = 'fit'
    end
  end
end

local total = round2(fitScore + decay(behV, behT, now))

local stage = l[3] or 'lead'
local order = {subscriber = 1, lead = 2, mql = 3, sql = 4, opportunity = 5, customer = 6, evangelist = 7}
local moves = {}
if not step.ro and order[stage] then
  local at = order[stage]
  local because = lastWhy and (' (last: ' .. lastWhy .. ')') or ''
  if at < 3 and total >= mql and (not minFit or fitScore >= minFit) then
    local reason = 'score ' .. tostring(total) .. ' reached the MQL threshold ' .. tostring(mql)
    if minFit then
      reason = reason .. ' with fit ' .. tostring(fitScore) .. ' (at least ' .. tostring(minFit) .. ')'
    end
    moves[#moves + 1] = {to = 'mql', reason = reason .. because}
    at = 3
  end
  if at < 4 and required ~= '' then
    local known = eventsKnown()
    local fromFields = cjson.decode(bantFieldsJson)
    local parts = {}
    for criterion in string.gmatch(required, '[^,]+') do
      local why = known[criterion]
      if not present(why) then
        why = fromFields[criterion]
      end
      if not present(why) then
        parts = nil
        break
      end
      parts[#parts + 1] = criterion .. ': ' .. why
    end
    if parts then
      moves[#moves + 1] = {to = 'sql', reason = 'BANT known (' .. table.concat(parts, '; ') .. ')'}
    end
  end
end

local function q(text)
  return cjson.encode(text)
end
-- the lead as Lead.toJson shows it, plus what the change adds
local function leadJson(extra)
  local h = {}
  local flat = redis.call('HGETALL', lead)
  for i = 1, #flat, 2 do
    h[flat[i]] = flat[i + 1]
  end
  return '{"id":' .. q(h.id or leadId) .. ',"site":' .. q(site) .. ',"email":' .. q(h.email or '')
    .. ',"stage":' .. q(h.stage or stage) .. ',"created_at":' .. (h.created_at or '0')
    .. ',"updated_at":' .. (h.updated_at or '0') .. ',"seq":' .. (h.seq or '0')
    .. ',"fields":' .. (h.fields or '{}') .. ',"consents":' .. (h.consents or '[]')
    .. ',"first_touch":' .. (h.first_touch or '{}')
    .. ',"disqualified_reason":' .. (h.disqualified_reason and q(h.disqualified_reason) or 'null')
    .. ',"score":' .. tostring(total) .. ',"fit":' .. tostring(fitScore) .. extra .. '}'
end

local done = {}
local seq = tonumber(l[4] or '0')
for _, m in ipairs(moves) do
  seq = redis.call('HINCRBY', lead, 'seq', 1)
  redis.call('HSET', lead, 'stage', m.to, 'updated_at', now)
  redis.call('RPUSH', stages, cjson.encode({stage = m.to, from = stage, at = now, reason = m.reason, by = 'scoring'}))
  -- the fields of DomainEvent.FIELDS, in that order; the id is LeadChanges.eventId
  redis.call('XADD', outbox, '*', 'id', 'evt_' .. leadId .. '_' .. seq, 'type', 'lead.stage_changed', 'site', site,
    'lead', leadId, 'seq', seq, 'at', now,
    'data', leadJson(',"from":' .. q(stage) .. ',"to":' .. q(m.to) .. ',"reason":' .. q(m.reason)))
  done[#done + 1] = {from = stage, to = m.to, reason = m.reason, seq = seq}
  stage = m.to
end
if changed and #moves == 0 and ARGV[7] == '1' then
  seq = redis.call('HINCRBY', lead, 'seq', 1)
  redis.call('XADD', outbox, '*', 'id', 'evt_' .. leadId .. '_' .. seq, 'type', 'lead.updated', 'site', site,
    'lead', leadId, 'seq', seq, 'at', now, 'data', leadJson(''))
end

local version = tonumber(s[7] or '0')
if changed or #moves > 0 then
  version = version + 1
  for _, v in ipairs({'ver', version, 'score', tostring(total), 'score_at', now}) do
    set[#set + 1] = v
  end
end
if #set > 0 then
  redis.call('HSET', score, unpack(set))
end
local index = 0
if changed or #moves > 0 or math.floor(activity / 60000) ~= math.floor(previousActivity / 60000) then
  index = 1
end
return {'ok', site, stage, tostring(seq), tostring(seq + version), tostring(total), tostring(fitScore),
  tostring(activity), fresh, cjson.encode(done), index}
