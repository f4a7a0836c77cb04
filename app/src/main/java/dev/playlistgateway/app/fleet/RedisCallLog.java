package dev.playlistgateway.app.fleet;

import dev.playlistgateway.adapter.spotify.CallBudget.Reservation;
import dev.playlistgateway.adapter.spotify.SharedCallLog;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The Spotify call budget's shared log in Redis: one Lua script reserves a slot for every instance at once,
 * on Redis's clock (so the instances' clocks need not agree). The list holds the last {@code calls} slots; a
 * new slot is the latest of now, the newest slot, and one window and a millisecond after the slot
 * {@code calls} back, the same rule as the adapter's in-process budget (docs/decisions/0021). The script also
 * notes this instance in a sorted set and answers how many used the budget within two windows: the fleet's
 * size, from which each instance takes its share while Redis is away. Thread safe.
 */
final class RedisCallLog implements SharedCallLog {
    /** KEYS: the call log, the members. ARGV: calls, window ms, longest wait ms, member id. Returns {granted, delay ms, members}. */
    static final FleetRedis.Script RESERVE = FleetRedis.Script.of("call budget", """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local calls = tonumber(ARGV[1])
            local window = tonumber(ARGV[2])
            local presence = window * 2
            redis.call('ZADD', KEYS[2], now, ARGV[4])
            redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - presence)
            redis.call('PEXPIRE', KEYS[2], presence)
            local members = redis.call('ZCARD', KEYS[2])
            local slot = now
            local newest = redis.call('LINDEX', KEYS[1], -1)
            if newest and tonumber(newest) > slot then slot = tonumber(newest) end
            if redis.call('LLEN', KEYS[1]) >= calls then
              local back = tonumber(redis.call('LINDEX', KEYS[1], -calls)) + window + 1
              if back > slot then slot = back end
            end
            if slot - now > tonumber(ARGV[3]) then return {0, slot - now, members} end
            redis.call('RPUSH', KEYS[1], slot)
            redis.call('LTRIM', KEYS[1], -calls, -1)
            redis.call('PEXPIRE', KEYS[1], slot - now + window + 1000)
            return {1, slot - now, members}
            """);

    private final FleetRedis redis;
    private final String[] keys;
    private final String member = UUID.randomUUID().toString();

    RedisCallLog(FleetRedis redis, FleetKeys keys) {
        this.redis = redis;
        this.keys = new String[] {keys.callLog(), keys.members()};
    }

    @Override
    public Optional<Answer> reserve(int calls, Duration window, Duration longestWait) {
        return redis.run(RESERVE, keys, Integer.toString(calls), Long.toString(window.toMillis()),
                Long.toString(longestWait.toMillis()), member).map(RedisCallLog::answer);
    }

    private static Answer answer(List<Object> reply) {
        boolean granted = ((Number) reply.get(0)).longValue() == 1;
        Duration delay = Duration.ofMillis(Math.max(0, ((Number) reply.get(1)).longValue()));
        int members = (int) ((Number) reply.get(2)).longValue();
        return new Answer(granted ? Reservation.after(delay) : Reservation.refused(delay), members);
    }
}
