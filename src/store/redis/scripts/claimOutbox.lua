--[[
  claimOutbox: leases up to `limit` claimable outbox items to a worker. Only the head (lowest seq)
  of each ordering key is considered, and only when it is due (nextAt <= now) and not leased to a
  live worker (leaseUntil <= now). Each hand-out adds one to `attempts`.

  Input:
    KEYS[1] outbox ready set (zset ordering key -> claimable at, ms)
    ARGV[1] outbox item key prefix
    ARGV[2] outbox ordering queue key prefix
    ARGV[3] limit
    ARGV[4] lease duration, ms
    ARGV[5] worker name

  Output: a list of items, each the flat field/value list of its hash (HGETALL)
]]
--- @include "nowMs"
--- @include "refreshOutboxHead"

local now = nowMs()
local limit = tonumber(ARGV[3])
local leaseUntil = now + tonumber(ARGV[4])
local claimed = {}

for _, orderingKey in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, limit)) do
  local head = redis.call('ZRANGE', ARGV[2] .. orderingKey, 0, 0)[1]
  local itemKey = head and (ARGV[1] .. head)
  local fields = head and redis.call('HMGET', itemKey, 'nextAt', 'leaseUntil') or {}
  if head and (tonumber(fields[1]) or 0) <= now and (tonumber(fields[2]) or 0) <= now then
    redis.call('HSET', itemKey, 'leaseUntil', leaseUntil, 'worker', ARGV[5])
    redis.call('HINCRBY', itemKey, 'attempts', 1)
    redis.call('ZADD', KEYS[1], leaseUntil, orderingKey)
    claimed[#claimed + 1] = redis.call('HGETALL', itemKey)
  else
    refreshOutboxHead(KEYS[1], ARGV[2], ARGV[1], orderingKey)
  end
end

return claimed
