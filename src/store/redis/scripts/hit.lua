--[[
  hit: adds one hit to a fixed-window counter; the window opens at the first hit.

  Input:
    KEYS[1] the counter (string with a TTL)
    ARGV[1] window length, ms

  Output: the count in the current window, this hit included
]]

local count = redis.call('INCR', KEYS[1])
if count == 1 or redis.call('PTTL', KEYS[1]) < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
return count
