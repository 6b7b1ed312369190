-- Shared by reserve.lua and extend.lua (QuotaScripts puts it in front of each): Redis' clock and the sliding
-- minute window of one scope.
-- Per-minute limits slide over one-second buckets ('t<sec>' tokens, 'm<sec>' messages): the current second and
-- the 60 before it, so every real 60-second span lies inside the window of its last admission.
local WINDOW = 61
local time = redis.call('TIME')
local sec = tonumber(time[1])
local now = sec * 1000 + math.floor(tonumber(time[2]) / 1000)
local today = math.floor(sec / 86400)
local first = sec - WINDOW + 1

local function str(x) return string.format('%d', x) end

-- The window's token and message totals, kept as the sums 'T' and 'M' beside the buckets: buckets that left the
-- window are deleted and taken off the sums ('o': the oldest second a bucket may still be kept for), so a check
-- reads three fields instead of every bucket. A hash without the sums (or made before they existed) gets them from
-- its buckets once. Invariant: 'T' and 'M' are the sums of the 't' and 'm' buckets the hash holds.
local function window(key)
  local h = redis.call('HMGET', key, 'T', 'M', 'o')
  local tokens, messages, oldest = tonumber(h[1]), tonumber(h[2]), tonumber(h[3])
  if oldest == nil or tokens == nil or messages == nil then
    tokens, messages = 0, 0
    local all = redis.call('HGETALL', key)
    local stale = {}
    for i = 1, #all, 2 do
      local s = tonumber(string.sub(all[i], 2))
      if s ~= nil and (string.sub(all[i], 1, 1) == 't' or string.sub(all[i], 1, 1) == 'm') then
        if s < first then
          stale[#stale + 1] = all[i]
        elseif string.sub(all[i], 1, 1) == 't' then
          tokens = tokens + tonumber(all[i + 1])
        else
          messages = messages + tonumber(all[i + 1])
        end
      end
    end
    if #stale > 0 then redis.call('HDEL', key, unpack(stale)) end
    redis.call('HSET', key, 'T', str(tokens), 'M', str(messages), 'o', str(first))
    redis.call('PEXPIRE', key, (WINDOW + 1) * 1000)
  elseif oldest < first then
    local fields = {}
    for s = oldest, first - 1 do
      fields[#fields + 1] = 't' .. str(s)
      fields[#fields + 1] = 'm' .. str(s)
    end
    local values = redis.call('HMGET', key, unpack(fields))
    for i = 1, #fields, 2 do
      tokens = tokens - (tonumber(values[i]) or 0)
      messages = messages - (tonumber(values[i + 1]) or 0)
    end
    redis.call('HDEL', key, unpack(fields))
    redis.call('HSET', key, 'T', str(tokens), 'M', str(messages), 'o', str(first))
  end
  return tokens, messages
end

-- The window's buckets of one kind ('t' or 'm'), oldest first: only a refusal needs them, to say when it frees.
local function buckets(key, kind)
  local all = redis.call('HGETALL', key)
  local b = {}
  for i = 1, #all, 2 do
    local s = tonumber(string.sub(all[i], 2))
    if s ~= nil and s >= first and string.sub(all[i], 1, 1) == kind then b[#b + 1] = {s, tonumber(all[i + 1])} end
  end
  table.sort(b, function(x, y) return x[1] < y[1] end)
  return b
end

-- When enough of the window's oldest buckets have left it to free `excess`.
local function freesAt(bucketList, excess)
  local freed = 0
  for _, b in ipairs(bucketList) do
    freed = freed + b[2]
    if freed >= excess then return (b[1] + WINDOW) * 1000 end
  end
  return (sec + WINDOW) * 1000
end

local refusal = nil
local function refuse(scope, limit, value, remaining, resetAt)
  -- Of several exhausted limits, name the one that resets last: before then the turn cannot run anyway.
  if refusal == nil or resetAt > refusal[6] then
    refusal = {0, scope, limit, value, math.max(remaining, 0), resetAt, now}
  end
end
