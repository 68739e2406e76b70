--[[
  eraseAudit: removes every audit entry found in the given by-subject / by-actor indexes (RGPD
  erasure), and its seq from all the indexes it is in.

  Input:
    KEYS[1] audit entries (hash seq -> entry JSON)
    KEYS[2] audit all (zset)
    KEYS[3..] the by-subject and/or by-actor index(es) whose entries are erased
    ARGV[1] by-subject index key prefix
    ARGV[2] by-actor index key prefix

  Output: the number of entries erased
]]

local seqs = {}
for i = 3, #KEYS do
  for _, seq in ipairs(redis.call('ZRANGE', KEYS[i], 0, -1)) do
    seqs[seq] = true
  end
end

local erased = 0
for seq in pairs(seqs) do
  local json = redis.call('HGET', KEYS[1], seq)
  if json then
    local entry = cjson.decode(json)
    redis.call('ZREM', ARGV[1] .. entry.subject, seq)
    redis.call('ZREM', ARGV[2] .. entry.actor, seq)
    redis.call('ZREM', KEYS[2], seq)
    redis.call('HDEL', KEYS[1], seq)
    erased = erased + 1
  end
end
for i = 3, #KEYS do
  redis.call('DEL', KEYS[i])
end
return erased
