-- Keeps a dead letter of one endpoint and shard, and at most `cap` of them (deadMax, decided by the webhooks feature
-- and passed in by the caller): the ones that died first go first, with their letters. The only place in Lua that
-- writes a dead letter: LuaScript.load puts it before wh_fanout.lua and wh_complete.lua.
local function keep_dead_letter(hash, index, event_id, letter, dead_at, cap)
  redis.call('HSET', hash, event_id, letter)
  redis.call('ZADD', index, dead_at, event_id)
  local excess = redis.call('ZCARD', index) - tonumber(cap)
  if excess > 0 then
    local oldest = redis.call('ZPOPMIN', index, excess)
    for i = 1, #oldest, 2 do
      redis.call('HDEL', hash, oldest[i])
    end
  end
end

