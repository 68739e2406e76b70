--[[
  commit: one store transaction, atomically. First every expected version is checked; if one
  differs nothing is written. Then documents are written or deleted, outbox items appended (an id
  that exists or was delivered recently is skipped) and audit entries appended.

  Input:
    KEYS[1] outbox sequence counter               (string)
    KEYS[2] outbox ready set                      (zset ordering key -> claimable at, ms)
    KEYS[3] outbox all items                      (zset id -> seq)
    KEYS[4] audit sequence counter                (string)
    KEYS[5] audit entries                         (hash seq -> entry JSON)
    KEYS[6] audit all                             (zset seq -> seq)
    then 3 keys per write: document hash {v, d}, collection index (zset, scores 0),
                           collection expiry set (zset id -> expires at, ms)
    then 3 keys per outbox item: item hash, delivered marker (string), ordering queue (zset id -> seq)
    then 2 keys per audit entry: by-subject index, by-actor index (zsets seq -> seq)

    ARGV[1] number of writes W
    ARGV[2] number of outbox items O
    ARGV[3] number of audit entries A
    then 4 per write: id, expected version ('' = unconditional, '0' = must not exist),
                      value JSON ('' = delete), TTL ms ('' = permanent)
    then 5 per outbox item: id, ordering key, channel, payload JSON, not-before ms ('' = now)
    then 1 per audit entry: entry JSON

  Output:
    {1, v1, ..., vW}            committed; vi is the new version of write i (0 = deleted)
    {0, i, expected, actual}    write i failed its version check; nothing was written
]]
--- @include "nowMs"

local W, O, A = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local now = nowMs()
local actual = {}

for i = 1, W do
  local docKey = KEYS[6 + (i - 1) * 3 + 1]
  local expected = ARGV[3 + (i - 1) * 4 + 2]
  actual[i] = tonumber(redis.call('HGET', docKey, 'v') or '0')
  if expected ~= '' and tonumber(expected) ~= actual[i] then
    return {0, i, tonumber(expected), actual[i]}
  end
end

local versions = {1}
for i = 1, W do
  local k = 6 + (i - 1) * 3
  local docKey, indexKey, expiryKey = KEYS[k + 1], KEYS[k + 2], KEYS[k + 3]
  local a = 3 + (i - 1) * 4
  local id, value, ttl = ARGV[a + 1], ARGV[a + 3], ARGV[a + 4]
  if value == '' then
    redis.call('DEL', docKey)
    redis.call('ZREM', indexKey, id)
    redis.call('ZREM', expiryKey, id)
    versions[#versions + 1] = 0
  else
    local version = actual[i] + 1
    redis.call('HSET', docKey, 'v', version, 'd', value)
    redis.call('ZADD', indexKey, 0, id)
    if ttl ~= '' then
      redis.call('PEXPIRE', docKey, ttl)
      redis.call('ZADD', expiryKey, now + tonumber(ttl), id)
    else
      redis.call('PERSIST', docKey)
      redis.call('ZREM', expiryKey, id)
    end
    versions[#versions + 1] = version
  end
  -- Housekeeping: drop a few expired ids from the index, so TTL'd collections do not leak.
  local docPrefix = string.sub(docKey, 1, #docKey - #id)
  for _, gone in ipairs(redis.call('ZRANGEBYSCORE', expiryKey, '-inf', now, 'LIMIT', 0, 20)) do
    if redis.call('EXISTS', docPrefix .. gone) == 0 then
      redis.call('ZREM', indexKey, gone)
    end
    redis.call('ZREM', expiryKey, gone)
  end
end

local keyBase = 6 + W * 3
local argBase = 3 + W * 4
for j = 1, O do
  local itemKey, deliveredKey, queueKey = KEYS[keyBase + (j - 1) * 3 + 1], KEYS[keyBase + (j - 1) * 3 + 2],
    KEYS[keyBase + (j - 1) * 3 + 3]
  local a = argBase + (j - 1) * 5
  local id, orderingKey, channel, payload, notBefore = ARGV[a + 1], ARGV[a + 2], ARGV[a + 3], ARGV[a + 4], ARGV[a + 5]
  if redis.call('EXISTS', itemKey) == 0 and redis.call('EXISTS', deliveredKey) == 0 then
    local seq = redis.call('INCR', KEYS[1])
    local nextAt = now
    if notBefore ~= '' then
      nextAt = tonumber(notBefore)
      redis.call('HSET', itemKey, 'notBefore', notBefore)
    end
    redis.call('HSET', itemKey, 'id', id, 'seq', seq, 'orderingKey', orderingKey, 'channel', channel,
      'payload', payload, 'attempts', 0, 'nextAt', nextAt, 'createdAt', now, 'status', 'pending')
    redis.call('ZADD', KEYS[3], seq, id)
    local wasEmpty = redis.call('ZCARD', queueKey) == 0
    redis.call('ZADD', queueKey, seq, id)
    if wasEmpty then
      redis.call('ZADD', KEYS[2], nextAt, orderingKey)
    end
  end
end

keyBase = keyBase + O * 3
argBase = argBase + O * 5
for k = 1, A do
  local seq = redis.call('INCR', KEYS[4])
  redis.call('HSET', KEYS[5], seq, ARGV[argBase + k])
  redis.call('ZADD', KEYS[6], seq, seq)
  redis.call('ZADD', KEYS[keyBase + (k - 1) * 2 + 1], seq, seq)
  redis.call('ZADD', KEYS[keyBase + (k - 1) * 2 + 2], seq, seq)
end

return versions
