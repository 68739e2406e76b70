--[[
  pruneDocIndex: `list` found ids in a collection index whose document is gone (expired); removes
  them, unless the document came back in the meantime.

  Input:
    KEYS[1] collection index (zset)
    KEYS[2] collection expiry set (zset)
    ARGV[1] the collection's document key prefix
    ARGV[2..] ids to check

  Output: the number of ids removed
]]

local removed = 0
for i = 2, #ARGV do
  if redis.call('EXISTS', ARGV[1] .. ARGV[i]) == 0 then
    removed = removed + redis.call('ZREM', KEYS[1], ARGV[i])
    redis.call('ZREM', KEYS[2], ARGV[i])
  end
end
return removed
