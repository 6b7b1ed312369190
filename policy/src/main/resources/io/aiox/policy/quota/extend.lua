-- Adds tokens to an admitted turn's reservation when its prompt, as it will be sent, needs more than the turn
-- reserved at admission: checked against the token limits the turn was admitted under, in every scope, and added
-- to all of them at once only if every one still fits, so concurrent turns never together pass a limit.
-- KEYS: per scope its window hash, day hash and running set; last, the turn's own hash.  ARGV: id, more tokens.
-- Returns {1, reserved now} when extended, {0, scope, limit, limit value, remaining, resets at ms, now ms} when a
-- limit would be passed (the reservation is left as it was), or {-1} when the turn is not reserved (settled, or
-- older than its hash's two days). The prelude window.lua comes first.
local id, more = ARGV[1], tonumber(ARGV[2])
local n = (#KEYS - 1) / 3
local turn = redis.call('HMGET', KEYS[#KEYS], 'r', 's', 'd', 'l')
if not turn[1] or not turn[4] then return {-1} end
local own, admittedSec, day0 = tonumber(turn[1]), tonumber(turn[2]), tonumber(turn[3])

local limits = {}
for tpm, tpd in string.gmatch(turn[4], '(-?%d+):(-?%d+)') do limits[#limits + 1] = {tonumber(tpm), tonumber(tpd)} end
if #limits ~= n then return {-1} end

-- Like reserve.lua's rule, with the turn's own hold set aside: a turn larger than a whole limit may still run when
-- nothing else is counted, so it is slowed, not locked out.
local function fits(used, ownPart, amount, limit)
  return limit < 0 or used + amount <= limit or (used - ownPart <= 0 and limit > 0)
end

local ownInWindow = admittedSec >= first and own or 0
local windowUsed, dayUsed = {}, {}
for i = 1, n do
  local win, day = KEYS[3 * i - 2], KEYS[3 * i - 1]
  local tpm, tpd = limits[i][1], limits[i][2]
  local tokens = window(win)
  windowUsed[i] = tokens
  if not fits(tokens, ownInWindow, more, tpm) then
    local excess = tokens + more - tpm
    refuse(i, 1, tpm, tpm - tokens + ownInWindow, freesAt(buckets(win, 't'), excess))
  end
  -- A day counter that is gone (Redis restarted) or already counts a later day is left alone: the next check
  -- starts it from the database's totals, which settling the turn updates.
  local d = redis.call('HMGET', day, 'd', 't')
  if tonumber(d[1]) == day0 then
    local used = tonumber(d[2])
    dayUsed[i] = used
    if not fits(used, own, more, tpd) then
      refuse(i, 2, tpd, tpd - used + own, (day0 + 1) * 86400000)
    end
  end
end
if refusal then return refusal end

-- The extra tokens go where settle.lua will look for them: the bucket of the second the turn was admitted in
-- while it is in the window, and the day it counts for.
for i = 1, n do
  local win, day = KEYS[3 * i - 2], KEYS[3 * i - 1]
  if admittedSec >= first then
    redis.call('HINCRBY', win, 't' .. str(admittedSec), str(more))
    redis.call('HSET', win, 'T', str(windowUsed[i] + more))
    redis.call('PEXPIRE', win, (WINDOW + 1) * 1000)
  end
  if dayUsed[i] then redis.call('HSET', day, 't', str(dayUsed[i] + more)) end
end
redis.call('HSET', KEYS[#KEYS], 'r', str(own + more))
return {1, own + more}
