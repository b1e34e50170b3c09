-- Puts a lead in its site's indexes, unless a newer version is there already (idempotent; docs/scoring.md).
-- KEYS: 1 index hash (lead → 'version|stage'), 2 all by score, 3 all by activity,
--       then for each stage named in ARGV[6..]: its by-score zset, its by-activity zset; all under {ix:SITE}
-- ARGV: 1 lead id, 2 version, 3 stage, 4 score, 5 activity (ms), 6.. the stages, in the order of their KEYS
-- Returns 1 when written, 0 when a newer entry was there
local lead, version, stage = ARGV[1], tonumber(ARGV[2]), ARGV[3]
local function keysOf(s)
  for i = 6, #ARGV do
    if ARGV[i] == s then
      local k = 4 + (i - 6) * 2
      return KEYS[k], KEYS[k + 1]
    end
  end
  return nil, nil
end

local current = redis.call('HGET', KEYS[1], lead)
if current then
  local sep = string.find(current, '|', 1, true)
  if tonumber(string.sub(current, 1, sep - 1)) > version then
    return 0
  end
  local old = string.sub(current, sep + 1)
  if old ~= stage then
    local byScore, byActivity = keysOf(old)
    if byScore then
      redis.call('ZREM', byScore, lead)
      redis.call('ZREM', byActivity, lead)
    end
  end
end
redis.call('HSET', KEYS[1], lead, ARGV[2] .. '|' .. stage)
redis.call('ZADD', KEYS[2], ARGV[4], lead)
redis.call('ZADD', KEYS[3], ARGV[5], lead)
local byScore, byActivity = keysOf(stage)
if byScore then
  redis.call('ZADD', byScore, ARGV[4], lead)
  redis.call('ZADD', byActivity, ARGV[5], lead)
end
return 1
