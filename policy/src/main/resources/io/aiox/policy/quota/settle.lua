-- Settles a turn: its reserved tokens become the real count in the minute bucket it was admitted in (if that is
-- still in the window) and in the day it counts for, and its concurrency slot is freed. Idempotent: the turn's own
-- hash is deleted on the first settle, and a second one only frees the slot.
-- KEYS: per scope its window hash, day hash and running set; last, the turn's hash.  ARGV: id, real tokens (-1:
-- charge what is reserved, for a turn that may still be running where nobody waits for it any more).
-- Returns {1, tokens charged} when settled now, {0} when it was settled before (or is older than its hash's two days).
local n = (#KEYS - 1) / 3
local id, real = ARGV[1], tonumber(ARGV[2])
local function str(x) return string.format('%d', x) end

local turn = redis.call('HMGET', KEYS[#KEYS], 'r', 's', 'd')
for i = 1, n do redis.call('ZREM', KEYS[3 * i], id) end
if not turn[1] then return {0} end
redis.call('DEL', KEYS[#KEYS])
if real < 0 then real = tonumber(turn[1]) end
local delta = real - tonumber(turn[1])
for i = 1, n do
  local win, day = KEYS[3 * i - 2], KEYS[3 * i - 1]
  local bucket = 't' .. turn[2]
  local current = redis.call('HGET', win, bucket)
  if current then
    local settled = math.max(tonumber(current) + delta, 0)
    redis.call('HSET', win, bucket, str(settled))
    -- the window's sum follows its buckets (reserve.lua); a hash without it gets it from them at the next check
    if redis.call('HEXISTS', win, 'T') == 1 then redis.call('HINCRBY', win, 'T', str(settled - tonumber(current))) end
  end
  local d = redis.call('HMGET', day, 'd', 't')
  if d[1] == turn[3] then redis.call('HSET', day, 't', str(math.max(tonumber(d[2]) + delta, 0))) end
end
return {1, real}
