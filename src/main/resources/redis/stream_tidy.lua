-- Keeps a consumer-group stream bounded (docs/webhooks.md, "Trimming").
-- KEYS[1] stream; ARGV[1] '1' to trim, ARGV[2] idle ms after which a consumer with nothing pending is forgotten,
--   ARGV[3] the group whose idle consumers are forgotten
-- Trimming deletes the entries every consumer group has acknowledged: those older than the oldest entry any group
-- still has pending, and older than the last entry any group has read. Returns the number of entries deleted.
local groups = redis.pcall('XINFO', 'GROUPS', KEYS[1])
if type(groups) ~= 'table' or groups['err'] or #groups == 0 then
  return 0
end
local function parse(id)
  local ms, seq = string.match(id, '^(%d+)-(%d+)$')
  return tonumber(ms), tonumber(seq)
end
local function less(a, b)
  local am, as = parse(a)
  local bm, bs = parse(b)
  return am < bm or (am == bm and as < bs)
end
local floor
for _, g in ipairs(groups) do
  local info = {}
  for i = 1, #g, 2 do
    info[g[i]] = g[i + 1]
  end
  local candidate = info['last-delivered-id']
  if tonumber(info['pending']) > 0 then
    candidate = redis.call('XPENDING', KEYS[1], info['name'])[2]
  end
  if floor == nil or less(candidate, floor) then
    floor = candidate
  end
  if info['name'] == ARGV[3] then
    for _, c in ipairs(redis.call('XINFO', 'CONSUMERS', KEYS[1], info['name'])) do
      local consumer = {}
      for i = 1, #c, 2 do
        consumer[c[i]] = c[i + 1]
      end
      if tonumber(consumer['pending']) == 0 and tonumber(consumer['idle']) > tonumber(ARGV[2]) then
        redis.call('XGROUP', 'DELCONSUMER', KEYS[1], info['name'], consumer['name'])
      end
    end
  end
end
if ARGV[1] ~= '1' then
  return 0
end
return redis.call('XTRIM', KEYS[1], 'MINID', floor)
