--[[
  bumpVersion: increments a topic's version counter and publishes the new value, in one step so a
  publication never announces a version other instances cannot read yet.

  Input:
    KEYS[1] the topic's version counter (string)
    ARGV[1] the topic's pub/sub channel

  Output: the new version
]]

local version = redis.call('INCR', KEYS[1])
redis.call('PUBLISH', ARGV[1], version)
return version
