--[[
  acquireLease: takes a lease if it is free (or expired), or extends it when the caller already
  holds it. A lease is never released early: it expires by itself.

  Input:
    KEYS[1] the lease (string holding the holder's name, with a TTL)
    ARGV[1] holder
    ARGV[2] lease duration, ms

  Output: 1 when the caller holds the lease now, 0 when someone else does
]]

local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then
  return 0
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
