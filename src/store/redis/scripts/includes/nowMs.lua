-- The Redis server's clock in epoch milliseconds (the backend clock of the store contract).
local function nowMs()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
