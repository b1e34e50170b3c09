-- Points a visitor at its lead and keeps its history from now on (a lead's history never expires).
-- KEYS: 1 visitor hash, 2 visitor timeline
-- ARGV: 1 lead id, 2 how it was joined ('form' or 'identify'), 3 '1': only a visitor of no lead or of this lead
-- Returns 1 when the visitor is the lead's now, 0 when it is another lead's (and ARGV[3] is '1')
if ARGV[3] == '1' then
  local current = redis.call('HGET', KEYS[1], 'lead')
  if current == ARGV[1] then
    -- joined before (perhaps by a form): keep how
    return 1
  elseif current then
    return 0
  end
end
redis.call('HSET', KEYS[1], 'lead', ARGV[1], 'linked_by', ARGV[2])
redis.call('PERSIST', KEYS[1])
redis.call('PERSIST', KEYS[2])
return 1
