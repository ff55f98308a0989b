namespace A2AGen.Hosting.Redis;

/// <summary>The Lua scripts of <see cref="RedisTaskStore"/>: each runs atomically on the Redis server.</summary>
internal static class RedisTaskScripts
{
    /// <summary>Result codes of <see cref="Save"/> besides a new revision (≥ 1).</summary>
    public const long Conflict = -1;
    public const long QuotaExceeded = -2;
    public const long NoAnonymousTasks = -3;

    /// <summary>
    /// Conditional write of a task (a hash: <c>rev</c>, <c>data</c>) and its place in the owner's index (a sorted set of
    /// task ids scored by expiry, Unix ms). KEYS: task, owner index. ARGV: expected revision (-1: any), data, time to
    /// live (ms), now (Unix ms), 1 if the owner is identified, capacity per caller, anonymous capacity, task key prefix
    /// (for evictions), task id. A task not stored yet is admitted first: an
    /// identified owner at capacity is refused (expired entries are dropped first, only when the budget looks full), the oldest anonymous tasks make room for a new anonymous one.
    /// Returns the new revision, or <see cref="Conflict"/>, <see cref="QuotaExceeded"/>, <see cref="NoAnonymousTasks"/>.
    /// </summary>
    public const string Save = """
        local rev = tonumber(redis.call('HGET', KEYS[1], 'rev') or '0')
        local expected = tonumber(ARGV[1])
        if expected >= 0 and rev ~= expected then return -1 end
        local ttl = tonumber(ARGV[3])
        local now = tonumber(ARGV[4])
        if rev == 0 then
          local limit = tonumber(ARGV[5] == '1' and ARGV[6] or ARGV[7])
          local held = redis.call('ZCARD', KEYS[2])
          if held >= limit then
            redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
            held = redis.call('ZCARD', KEYS[2])
          end
          if ARGV[5] == '1' then
            if held >= tonumber(ARGV[6]) then return -2 end
          else
            local cap = tonumber(ARGV[7])
            if cap == 0 then return -3 end
            if held >= cap then
              local victims = redis.call('ZRANGE', KEYS[2], 0, held - cap)
              for _, id in ipairs(victims) do
                redis.call('DEL', ARGV[8] .. id)
                redis.call('ZREM', KEYS[2], id)
              end
            end
          end
        end
        redis.call('HSET', KEYS[1], 'rev', rev + 1, 'data', ARGV[2])
        redis.call('PEXPIRE', KEYS[1], ttl)
        redis.call('ZADD', KEYS[2], now + ttl, ARGV[9])
        if redis.call('PTTL', KEYS[2]) < ttl then redis.call('PEXPIRE', KEYS[2], ttl) end
        return rev + 1
        """;
}
