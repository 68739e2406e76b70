--[[
  Re-scores one ordering key in the outbox ready set from its current head item: the head becomes
  claimable at max(nextAt, leaseUntil). An empty queue leaves the ready set.
]]
local function refreshOutboxHead(readyKey, queuePrefix, itemPrefix, orderingKey)
  local head = redis.call('ZRANGE', queuePrefix .. orderingKey, 0, 0)[1]
  if not head then
    redis.call('ZREM', readyKey, orderingKey)
    return
  end
  local fields = redis.call('HMGET', itemPrefix .. head, 'nextAt', 'leaseUntil')
  local due = tonumber(fields[1]) or 0
  local leaseUntil = tonumber(fields[2])
  if leaseUntil and leaseUntil > due then
    due = leaseUntil
  end
  redis.call('ZADD', readyKey, due, orderingKey)
end
