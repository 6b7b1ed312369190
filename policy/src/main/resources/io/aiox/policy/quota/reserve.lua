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

-- The window's token and message totals and buckets (oldest first); buckets that left it are deleted.
local function window(key)
  local all = redis.call('HGETALL', key)
  local tokens, messages, tb, mb, stale = 0, 0, {}, {}, {}
  for i = 1, #all, 2 do
    local field, value = all[i], tonumber(all[i + 1])
    local s = tonumber(string.sub(field, 2))
    if s < first then
      stale[#stale + 1] = field
    elseif string.sub(field, 1, 1) == 't' then
      tokens = tokens + value
      tb[#tb + 1] = {s, value}
    else
      messages = messages + value
      mb[#mb + 1] = {s, value}
    end
  end
  if #stale > 0 then redis.call('HDEL', key, unpack(stale)) end
  local older = function(a, b) return a[1] < b[1] end
  table.sort(tb, older)
  table.sort(mb, older)
  return tokens, messages, tb, mb
end

-- When enough of the window's oldest buckets have left it to free `excess`.
local function freesAt(buckets, excess)
  local freed = 0
  for _, b in ipairs(buckets) do
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
for i = 1, n do
  local win, day, run = KEYS[3 * i - 2], KEYS[3 * i - 1], KEYS[3 * i]
  local a = 5 + (i - 1) * 5
  local tpm, tpd, mpm, conc, floor =
    tonumber(ARGV[a]), tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2]), tonumber(ARGV[a + 3]), tonumber(ARGV[a + 4])
  local tokens, messages, tb, mb = window(win)
  if not fits(tokens, need, tpm) then
    local excess = need > tpm and tokens or tokens + need - tpm
    refuse(i, 1, tpm, tpm - tokens, freesAt(tb, excess))
  end
  if not fits(messages, 1, mpm) then
    refuse(i, 3, mpm, mpm - messages, freesAt(mb, messages + 1 - mpm))
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
  redis.call('PEXPIRE', win, (WINDOW + 1) * 1000)
  redis.call('HSET', day, 'd', str(today), 't', str(dayUsed[i] + need))
  redis.call('PEXPIRE', day, 2 * 86400000)
  redis.call('ZADD', run, str(now + ttl), id)
  redis.call('PEXPIRE', run, str(ttl + 1000))
end
redis.call('HSET', KEYS[#KEYS], 'r', str(need), 's', str(sec), 'd', str(today))
redis.call('PEXPIRE', KEYS[#KEYS], 2 * 86400000)
return {1, now, today}
