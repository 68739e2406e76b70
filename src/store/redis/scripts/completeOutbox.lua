--[[
  completeOutbox: an item was delivered. Removes it, remembers its id for a while (a late duplicate
  enqueue is ignored) and lets the next item of its ordering key become claimable.

  Input:
    KEYS[1] outbox ready set
    KEYS[2] outbox all items (zset id -> seq)
    KEYS[3] the item's hash
    KEYS[4] the item's delivered marker
    ARGV[1] outbox item key prefix
    ARGV[2] outbox ordering queue key prefix
    ARGV[3] item id
    ARGV[4] how long to remember the delivered id, ms

  Output: 1 when removed, 0 when the id is unknown
]]
--- @include "refreshOutboxHead"

local orderingKey = redis.call('HGET', KEYS[3], 'orderingKey')
if not orderingKey then
  return 0
end
redis.call('DEL', KEYS[3])
redis.call('ZREM', KEYS[2], ARGV[3])
redis.call('ZREM', ARGV[2] .. orderingKey, ARGV[3])
redis.call('SET', KEYS[4], '1', 'PX', ARGV[4])
refreshOutboxHead(KEYS[1], ARGV[2], ARGV[1], orderingKey)
return 1
