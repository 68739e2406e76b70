--[[
  deadLetterOutbox: delivery can never succeed. Sets the item aside (status dead, kept and listed
  for admins) and lets the next item of its ordering key go.

  Input:
    KEYS[1] outbox ready set
    KEYS[2] the item's hash
    ARGV[1] outbox item key prefix
    ARGV[2] outbox ordering queue key prefix
    ARGV[3] item id
    ARGV[4] error text

  Output: 1 when set aside, 0 when the id is unknown
]]
--- @include "refreshOutboxHead"

local orderingKey = redis.call('HGET', KEYS[2], 'orderingKey')
if not orderingKey then
  return 0
end
redis.call('HSET', KEYS[2], 'status', 'dead', 'lastError', ARGV[4])
redis.call('HDEL', KEYS[2], 'leaseUntil', 'worker')
redis.call('ZREM', ARGV[2] .. orderingKey, ARGV[3])
refreshOutboxHead(KEYS[1], ARGV[2], ARGV[1], orderingKey)
return 1
