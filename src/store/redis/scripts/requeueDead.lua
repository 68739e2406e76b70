--[[
  requeueDead: puts a dead item back in its ordering queue (at its original seq), due now, with
  its attempts reset.

  Input:
    KEYS[1] outbox ready set
    KEYS[2] the item's hash
    ARGV[1] outbox item key prefix
    ARGV[2] outbox ordering queue key prefix
    ARGV[3] item id

  Output: 1 when requeued, 0 when the id is not a dead item
]]
--- @include "nowMs"
--- @include "refreshOutboxHead"

local fields = redis.call('HMGET', KEYS[2], 'orderingKey', 'status', 'seq')
if not fields[1] or fields[2] ~= 'dead' then
  return 0
end
redis.call('HSET', KEYS[2], 'status', 'pending', 'attempts', 0, 'nextAt', nowMs())
redis.call('ZADD', ARGV[2] .. fields[1], fields[3], ARGV[3])
refreshOutboxHead(KEYS[1], ARGV[2], ARGV[1], fields[1])
return 1
