-- Reads, without changing anything, what each scope has used.
-- KEYS: per scope its window hash, day hash and running set.
-- ARGV: the day the floors are for (epoch day), then per scope the tokens the database kept for that day.
-- Returns {now ms, epoch day, then per scope: tokens in the window, messages in the window, tokens today,
--          running turns, oldest token second, oldest message second, oldest slot expiry ms (-1: none)}.
-- The prelude window.lua comes first (the clock: sec, now, today, first); this script calls none of its writers.
local floorDay = tonumber(ARGV[1])
local out = {now, today}
for i = 1, #KEYS / 3 do
  local win, day, run = KEYS[3 * i - 2], KEYS[3 * i - 1], KEYS[3 * i]
  local all = redis.call('HGETALL', win)
  local tokens, messages, oldestT, oldestM = 0, 0, -1, -1
  for j = 1, #all, 2 do
    local field, value = all[j], tonumber(all[j + 1])
    local s = tonumber(string.sub(field, 2))
    -- 'T', 'M' and 'o' are the window's sums and bookkeeping (reserve.lua), not buckets
    if s ~= nil and field ~= 'o' and s >= first and value > 0 then
      if string.sub(field, 1, 1) == 't' then
        tokens = tokens + value
        if oldestT < 0 or s < oldestT then oldestT = s end
      else
        messages = messages + value
        if oldestM < 0 or s < oldestM then oldestM = s end
      end
    end
  end
  local d = redis.call('HMGET', day, 'd', 't')
  local used = 0
  if tonumber(d[1]) == today then used = tonumber(d[2]) elseif floorDay == today then used = tonumber(ARGV[1 + i]) end
  local running = redis.call('ZCOUNT', run, '(' .. string.format('%d', now), '+inf')
  local oldest = redis.call('ZRANGEBYSCORE', run, '(' .. string.format('%d', now), '+inf', 'WITHSCORES', 'LIMIT', 0, 1)
  local slot = -1
  if oldest[2] then slot = tonumber(oldest[2]) end
  out[#out + 1] = tokens
  out[#out + 1] = messages
  out[#out + 1] = used
  out[#out + 1] = running
  out[#out + 1] = oldestT
  out[#out + 1] = oldestM
  out[#out + 1] = slot
end
return out
