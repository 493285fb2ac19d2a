/**
 * The Lua scripts that make every update atomic on the Redis server. Times come from the server's
 * clock (`TIME`), so processes on machines with skewed clocks share one window.
 */

/**
 * KEYS: cooldown, usage. ARGV: tokens, tokenLimit (-1 none), requestLimit (-1 none), windowMs,
 * member id. Returns `{granted (0/1), retryAfterMs, reason}`: the sliding-window rule of the
 * in-memory store, with usage kept in a sorted set scored by arrival time (member `tokens:id`).
 */
export const RESERVE_SCRIPT = `
local cooling = redis.call('PTTL', KEYS[1])
if cooling > 0 then return {0, cooling, 'cooldown'} end
local limitTokens = tonumber(ARGV[2])
local limitRequests = tonumber(ARGV[3])
if limitTokens < 0 and limitRequests < 0 then return {1, 0, ''} end
local tokens = tonumber(ARGV[1])
local window = tonumber(ARGV[4])
if limitTokens >= 0 and tokens > limitTokens then return {0, window, 'too-large'} end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - window)
local entries = redis.call('ZRANGE', KEYS[2], 0, -1, 'WITHSCORES')
local count = #entries / 2
local used = 0
for i = 1, #entries, 2 do used = used + tonumber(string.match(entries[i], '^(%d+):')) end
local tokensOver = limitTokens >= 0 and used + tokens > limitTokens
local requestsOver = limitRequests >= 0 and count + 1 > limitRequests
if not tokensOver and not requestsOver then
  local member = tokens .. ':' .. ARGV[5]
  redis.call('ZADD', KEYS[2], now, member)
  redis.call('PEXPIRE', KEYS[2], window + 1000)
  return {1, 0, member}
end
local reason = 'requests'
if tokensOver then reason = 'tokens' end
local freed = 0
for i = 1, #entries, 2 do
  freed = freed + tonumber(string.match(entries[i], '^(%d+):'))
  local left = count - (i + 1) / 2
  if (limitTokens < 0 or used - freed + tokens <= limitTokens) and (limitRequests < 0 or left + 1 <= limitRequests) then
    local wait = tonumber(entries[i + 1]) + window - now
    if wait < 1 then wait = 1 end
    return {0, wait, reason}
  end
end
return {0, window, reason}
`;

/**
 * KEYS: usage. ARGV: member, delayMs. Moves an existing reservation `delayMs` later (never past the
 * server's now) and keeps the key alive that much longer.
 */
export const SETTLE_SCRIPT = `
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not score then return 0 end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local moved = math.min(now, tonumber(score) + tonumber(ARGV[2]))
if moved <= tonumber(score) then return 0 end
redis.call('ZADD', KEYS[1], 'XX', moved, ARGV[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl > 0 then redis.call('PEXPIRE', KEYS[1], ttl + (moved - tonumber(score))) end
return 1
`;

/** KEYS: cooldown. ARGV: durationMs, reason. Extends (never shortens); returns `{remainingMs, reason}`. */
export const COOL_DOWN_SCRIPT = `
local duration = tonumber(ARGV[1])
local current = redis.call('PTTL', KEYS[1])
if current < duration then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', duration)
  current = duration
end
return {current, redis.call('GET', KEYS[1]) or ''}
`;

/** KEYS: cooldown. Returns `{remainingMs (<= 0: none), reason}`. */
export const COOLDOWN_SCRIPT = `
return {redis.call('PTTL', KEYS[1]), redis.call('GET', KEYS[1]) or ''}
`;

/** KEYS: quota hash. ARGV: ttlMs, then field/value pairs. Replaces the observation atomically. */
export const OBSERVE_SCRIPT = `
redis.call('DEL', KEYS[1])
for i = 2, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1]))
return 1
`;
