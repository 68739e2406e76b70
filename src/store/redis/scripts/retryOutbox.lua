--[[
  retryOutbox: delivery failed for a passing reason. Ends the lease and makes the item claimable
  again at the given time; it stays the head of its ordering key (later items wait).

  Input:
    KEYS[1] outbox ready set
    KEYS[2] the item's hash
    ARGV[1] outbox item key prefix
    ARGV[2] outbox ordering queue key prefix
    ARGV[3] next attempt at, epoch ms
    ARGV[4] error text

  Output: 1 when rescheduled, 0 when the item is unknown or not pending
]]
--- @include "refreshOutboxHead"

local fields = redis.call('HMGET', KEYS[2], 'orderingKey', 'status')
if not fields[1] or fields[2] ~= 'pending' then
  return 0
end
redis.call('HSET', KEYS[2], 'nextAt', ARGV[3], 'lastError', ARGV[4])
redis.call('HDEL', KEYS[2], 'leaseUntil', 'worker')
refreshOutboxHead(KEYS[1], ARGV[2], ARGV[1], fields[1])
return 1
