-- Removes an erased lead's attempts from one endpoint's delivery log (a capped list: logMax entries at most).
-- KEYS[1] the endpoint's log; ARGV[1] lead id. Returns how many were removed.
local removed = 0
for _, line in ipairs(redis.call('LRANGE', KEYS[1], 0, -1)) do
  local ok, attempt = pcall(cjson.decode, line)
  if ok and attempt.lead == ARGV[1] then
    removed = removed + redis.call('LREM', KEYS[1], 0, line)
  end
end
return removed
