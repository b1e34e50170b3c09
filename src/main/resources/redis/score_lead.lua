-- Applies one scoring step to a lead and moves its stage, atomically (docs/scoring.md, "The scoring step").
-- KEYS: 1 lead hash, 2 stage history (list), 3 outbox stream, 4 score hash, 5 scored event ids (zset),
--       6 points log (list); all under the lead's hash tag
-- ARGV: 1 now (ms), 2 lead id, 3 policy (JSON), 4 step (JSON)
--   policy: {half: half-life ms (0: none), mql: score, minFit: n or null, bant: [criteria], notify: bool,
--            ids: event ids kept, log: log entries kept}
--   step:   {events: [{id, at, day, pts: [{r, p, max}], bant: {criterion: why}, why}],
--            fit: {src, rules: {rule: {p, why}}, bant: {criterion: why}} or null, ro: bool}
-- Returns {'ok', site, stage, seq, version, score, fit, activity, fresh, moves (JSON)} | {'nolead'} | {'stale'}
-- Numbers go back as strings: Redis would truncate a Lua number to an integer.
local now = tonumber(ARGV[1])
local leadId = ARGV[2]
local policy = cjson.decode(ARGV[3])
local step = cjson.decode(ARGV[4])
local lead, stages, outbox, score, ids, log = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]

local function present(x)
  return x ~= nil and x ~= cjson.null
end

local site = redis.call('HGET', lead, 'site')
if not site then
  return {'nolead'}
end
if present(step.fit) and (redis.call('HGET', lead, 'fields') or '') ~= step.fit.src then
  return {'stale'}
end

local half = tonumber(policy.half)
-- Decay.at: value as of `since`, seen at `at`; never grows
local function decay(value, since, at)
  if half <= 0 or at <= since then
    return value
  end
  return value * 2 ^ (-(at - since) / half)
end
local function round2(x)
  return math.floor(x * 100 + 0.5) / 100
end

local changed = false
local fresh = 0
local lastWhy = nil
local activity = tonumber(redis.call('HGET', score, 'activity') or '0')
local bantEvents = cjson.decode(redis.call('HGET', score, 'bant_ev') or '{}')

if not step.ro then
  local horizon = tonumber(redis.call('HGET', score, 'horizon') or '-1')
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
          if at >= r.t then
            r.v = decay(r.v, r.t, at) + pts
            r.t = at
          else
            r.v = r.v + decay(pts, at, r.t)
          end
          r.n = r.n + 1
          r.p = r.p + pts
          if at < r.f then r.f = at end
          if at > r.l then r.l = at end
          redis.call('LPUSH', log, cjson.encode({e = e.id, r = p.r, p = pts, at = at}))
          changed = true
        end
        redis.call('HSET', score, field, cjson.encode(r))
      end
      for criterion, why in pairs(e.bant) do
        if not present(bantEvents[criterion]) then
          bantEvents[criterion] = why
          changed = true
        end
      end
      if at > activity then
        activity = at
      end
      lastWhy = e.why
    end
  end
  if fresh > 0 then
    redis.call('LTRIM', log, 0, tonumber(policy.log) - 1)
    redis.call('HSET', score, 'activity', activity, 'bant_ev', cjson.encode(bantEvents))
    local extra = redis.call('ZCARD', ids) - tonumber(policy.ids)
    if extra > 0 then
      local dropped = redis.call('ZRANGE', ids, extra - 1, extra - 1, 'WITHSCORES')
      redis.call('ZREMRANGEBYRANK', ids, 0, extra - 1)
      redis.call('HSET', score, 'horizon', dropped[2])
    end
  end
  if present(step.fit) then
    local rules = cjson.encode(step.fit.rules)
    local bant = cjson.encode(step.fit.bant)
    if rules ~= (redis.call('HGET', score, 'fit') or '{}') or bant ~= (redis.call('HGET', score, 'bant_f') or '{}') then
      changed = true
    end
    redis.call('HSET', score, 'fit', rules, 'bant_f', bant, 'fit_src', step.fit.src)
    if not lastWhy then
      lastWhy = 'fit'
    end
  end
end

-- the score now: fit plus every rule's total decayed to now
local fitScore = 0
for _, f in pairs(cjson.decode(redis.call('HGET', score, 'fit') or '{}')) do
  fitScore = fitScore + tonumber(f.p)
end
local behaviour = 0
local flat = redis.call('HGETALL', score)
for i = 1, #flat, 2 do
  if string.sub(flat[i], 1, 2) == 'r:' then
    local r = cjson.decode(flat[i + 1])
    behaviour = behaviour + decay(r.v, r.t, now)
  end
end
local total = round2(fitScore + behaviour)

local stage = redis.call('HGET', lead, 'stage') or 'lead'
local order = {subscriber = 1, lead = 2, mql = 3, sql = 4, opportunity = 5, customer = 6, evangelist = 7}
local moves = {}
if not step.ro and order[stage] then
  local at = order[stage]
  local because = lastWhy and (' (last: ' .. lastWhy .. ')') or ''
  if at < 3 and total >= tonumber(policy.mql) and (not present(policy.minFit) or fitScore >= tonumber(policy.minFit)) then
    local reason = 'score ' .. tostring(total) .. ' reached the MQL threshold ' .. tostring(policy.mql)
    if present(policy.minFit) then
      reason = reason .. ' with fit ' .. tostring(fitScore) .. ' (at least ' .. tostring(policy.minFit) .. ')'
    end
    moves[#moves + 1] = {to = 'mql', reason = reason .. because}
    at = 3
  end
  if at < 4 and #policy.bant > 0 then
    local bantFields = cjson.decode(redis.call('HGET', score, 'bant_f') or '{}')
    local parts = {}
    for _, criterion in ipairs(policy.bant) do
      local why = bantEvents[criterion]
      if not present(why) then
        why = bantFields[criterion]
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

local function s(text)
  return cjson.encode(text)
end
-- the lead as Lead.toJson shows it, plus what the change adds
local function leadJson(extra)
  local h = {}
  local fields = redis.call('HGETALL', lead)
  for i = 1, #fields, 2 do
    h[fields[i]] = fields[i + 1]
  end
  return '{"id":' .. s(h.id or leadId) .. ',"site":' .. s(site) .. ',"email":' .. s(h.email or '')
    .. ',"stage":' .. s(h.stage or stage) .. ',"created_at":' .. (h.created_at or '0')
    .. ',"updated_at":' .. (h.updated_at or '0') .. ',"seq":' .. (h.seq or '0')
    .. ',"fields":' .. (h.fields or '{}') .. ',"consents":' .. (h.consents or '[]')
    .. ',"first_touch":' .. (h.first_touch or '{}')
    .. ',"disqualified_reason":' .. (h.disqualified_reason and s(h.disqualified_reason) or 'null')
    .. ',"score":' .. tostring(total) .. ',"fit":' .. tostring(fitScore) .. extra .. '}'
end

local done = {}
local seq = tonumber(redis.call('HGET', lead, 'seq') or '0')
for _, m in ipairs(moves) do
  seq = redis.call('HINCRBY', lead, 'seq', 1)
  redis.call('HSET', lead, 'stage', m.to, 'updated_at', now)
  redis.call('RPUSH', stages, cjson.encode({stage = m.to, from = stage, at = now, reason = m.reason, by = 'scoring'}))
  -- the fields of DomainEvent.FIELDS, in that order; the id is LeadChanges.eventId
  redis.call('XADD', outbox, '*', 'id', 'evt_' .. leadId .. '_' .. seq, 'type', 'lead.stage_changed', 'site', site,
    'lead', leadId, 'seq', seq, 'at', now,
    'data', leadJson(',"from":' .. s(stage) .. ',"to":' .. s(m.to) .. ',"reason":' .. s(m.reason)))
  done[#done + 1] = {from = stage, to = m.to, reason = m.reason, seq = seq}
  stage = m.to
end
if changed and #moves == 0 and policy.notify then
  seq = redis.call('HINCRBY', lead, 'seq', 1)
  redis.call('XADD', outbox, '*', 'id', 'evt_' .. leadId .. '_' .. seq, 'type', 'lead.updated', 'site', site,
    'lead', leadId, 'seq', seq, 'at', now, 'data', leadJson(''))
end

local version = tonumber(redis.call('HGET', score, 'ver') or '0')
if changed or #moves > 0 then
  version = redis.call('HINCRBY', score, 'ver', 1)
  redis.call('HSET', score, 'score', tostring(total), 'score_at', now)
end
return {'ok', site, stage, tostring(seq), tostring(seq + version), tostring(total), tostring(fitScore),
  tostring(activity), fresh, cjson.encode(done)}
