-- Checks every limit of every scope and, only if all pass, reserves the turn in all of them: one atomic step.
-- KEYS: per scope its window hash, day hash and running set; last, the turn's own hash.
-- ARGV: id, tokens, slot ttl (ms), the day the floors are for (epoch day), then per scope:
--       tokens/min, tokens/day, messages/min, concurrent turns (-1: no limit), tokens already stored for the day.
-- Returns {1, now ms, epoch day} when admitted, or {0, scope, limit, limit value, remaining, resets at ms, now ms}.
-- The prelude window.lua comes first: the clock (sec, now, today, first), str(), window(), buckets(), freesAt()
-- and refuse().
local id, need, ttl, floorDay = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local n = (#KEYS - 1) / 3

-- A limit of -1 is none; a turn larger than the whole limit may run alone, so it is not locked out for ever.
local function fits(used, amount, limit)
  return limit < 0 or used + amount <= limit or (used == 0 and limit > 0)
end

local dayUsed = {}
local windowUsed = {}
local tokenLimits = {}
for i = 1, n do
  local win, day, run = KEYS[3 * i - 2], KEYS[3 * i - 1], KEYS[3 * i]
  local a = 5 + (i - 1) * 5
  local tpm, tpd, mpm, conc, floor =
    tonumber(ARGV[a]), tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2]), tonumber(ARGV[a + 3]), tonumber(ARGV[a + 4])
  tokenLimits[#tokenLimits + 1] = str(tpm) .. ':' .. str(tpd)
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
-- The token limits it was admitted under go with the turn: a larger prompt found later (extend.lua) is checked
-- against the same limits.
redis.call('HSET', KEYS[#KEYS], 'r', str(need), 's', str(sec), 'd', str(today), 'l', table.concat(tokenLimits, ','))
redis.call('PEXPIRE', KEYS[#KEYS], 2 * 86400000)
return {1, now, today}
