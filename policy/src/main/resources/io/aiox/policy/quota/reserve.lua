-- Checks every limit of every scope and, only if all pass, reserves the turn in all of them: one atomic step.
-- KEYS: per scope its window hash, day hash and running set; last, the turn's own hash.
-- ARGV: id, tokens, slot ttl (ms), the day the floors are for (epoch day), then per scope:
--       tokens/min, tokens/day, messages/min, concurrent turns (-1: no limit), tokens already stored for the day.
-- Returns {1, now ms, epoch day} when admitted, or {0, scope, limit, limit value, remaining, resets at ms, now ms}.
-- Per-minute limits slide over one-second buckets ('t<sec>' tokens, 'm<sec>' messages): the current second and
-- the 60 before it, so every real 60-second span lies inside the window of its last admission.
local WINDOW = 61
local id, need, ttl, floorDay = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local time = redis.call('TIME')
local sec = tonumber(time[1])
local now = sec * 1000 + math.floor(tonumber(time[2]) / 1000)
local today = math.floor(sec / 86400)
local first = sec - WINDOW + 1
local n = (#KEYS - 1) / 3

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

-- A limit of -1 is none; a turn larger than the whole limit may run alone, so it is not locked out for ever.
local function fits(used, amount, limit)
  return limit < 0 or used + amount <= limit or (used == 0 and limit > 0)
end

local refusal = nil
local function refuse(scope, limit, value, remaining, resetAt)
  -- Of several exhausted limits, name the one that resets last: before then the turn cannot run anyway.
  if refusal == nil or resetAt > refusal[6] then
    refusal = {0, scope, limit, value, math.max(remaining, 0), resetAt, now}
  end
end

local dayUsed = {}
local windowUsed = {}
for i = 1, n do
  local win, day, run = KEYS[3 * i - 2], KEYS[3 * i - 1], KEYS[3 * i]
  local a = 5 + (i - 1) * 5
  local tpm, tpd, mpm, conc, floor =
    tonumber(ARGV[a]), tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2]), tonumber(ARGV[a + 3]), tonumber(ARGV[a + 4])
  local tokens, messages = window(win)
  windowUsed[i] = {tokens, messages}
  if not fits(tokens, need, tpm) then
    local excess = need > tpm and tokens or tokens + need - tpm
    refuse(i, 1, tpm, tpm - tokens, freesAt(buckets(win, 't'), excess))
  end
  if not fits(messages, 1, mpm) then
    refuse(i, 3, mpm, mpm - messages, freesAt(buckets(win, 'm'), messages + 1 - mpm))
  end
  -- The day's counter; when Redis lost it (a restart), it starts again from the total the database kept.
  local d = redis.call('HMGET', day, 'd', 't')
  local used = 0
  if tonumber(d[1]) == today then used = tonumber(d[2]) elseif floorDay == today then used = floor end
  dayUsed[i] = used
  if not fits(used, need, tpd) then
    refuse(i, 2, tpd, tpd - used, (today + 1) * 86400000)
  end
  -- Slots of turns that never settled (a crashed hub) expire on their own.
  redis.call('ZREMRANGEBYSCORE', run, '-inf', str(now))
  if conc >= 0 then
    local running = redis.call('ZCARD', run)
    if running + 1 > conc then
      local oldest = redis.call('ZRANGE', run, 0, 0, 'WITHSCORES')
      refuse(i, 4, conc, conc - running, tonumber(oldest[2] or now))
    end
  end
end
if refusal then return refusal end

for i = 1, n do
  local win, day, run = KEYS[3 * i - 2], KEYS[3 * i - 1], KEYS[3 * i]
  redis.call('HINCRBY', win, 't' .. str(sec), str(need))
  redis.call('HINCRBY', win, 'm' .. str(sec), 1)
  redis.call('HSET', win, 'T', str(windowUsed[i][1] + need), 'M', str(windowUsed[i][2] + 1))
  redis.call('PEXPIRE', win, (WINDOW + 1) * 1000)
  redis.call('HSET', day, 'd', str(today), 't', str(dayUsed[i] + need))
  redis.call('PEXPIRE', day, 2 * 86400000)
  redis.call('ZADD', run, str(now + ttl), id)
  redis.call('PEXPIRE', run, str(ttl + 1000))
end
redis.call('HSET', KEYS[#KEYS], 'r', str(need), 's', str(sec), 'd', str(today))
redis.call('PEXPIRE', KEYS[#KEYS], 2 * 86400000)
return {1, now, today}
