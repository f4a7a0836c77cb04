package dev.playlistgateway.app.fleet;

import dev.playlistgateway.adapter.spotify.ThrottleGate;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Spotify's Retry-After in Redis, for every instance: a 429 seen anywhere closes the gate everywhere until it
 * passes. Blocks travel as "milliseconds from now" and are stored on Redis's clock, so instances whose clocks
 * disagree still agree on when the block ends. Closing keeps the later block (one Lua script); reading answers
 * what is left. Redis trouble answers empty and drops the write (the adapter's {@link ThrottleGate#shared}
 * keeps every block in memory too). Thread safe.
 */
final class RedisThrottleGate implements ThrottleGate {
    /** KEYS: the gate. ARGV: ms from now, reason ('' for none). Keeps the later block. */
    static final FleetRedis.Script CLOSE = FleetRedis.Script.of("Retry-After close", """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local untilMs = now + tonumber(ARGV[1])
            local current = redis.call('HGET', KEYS[1], 'until')
            if current and tonumber(current) >= untilMs then return {0} end
            redis.call('HSET', KEYS[1], 'until', untilMs, 'reason', ARGV[2])
            redis.call('PEXPIREAT', KEYS[1], untilMs)
            return {1}
            """);
    /** KEYS: the gate. Returns {ms left, reason}; {0, ''} when open. */
    static final FleetRedis.Script READ = FleetRedis.Script.of("Retry-After read", """
            local block = redis.call('HMGET', KEYS[1], 'until', 'reason')
            if not block[1] then return {0, ''} end
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local left = tonumber(block[1]) - now
            if left <= 0 then return {0, ''} end
            return {left, block[2] or ''}
            """);

    private final FleetRedis redis;
    private final String[] keys;
    private final Clock clock;

    RedisThrottleGate(FleetRedis redis, FleetKeys keys, Clock clock) {
        this.redis = redis;
        this.keys = new String[] {keys.retryAfter()};
        this.clock = clock;
    }

    @Override
    public Optional<Block> current() {
        return redis.run(READ, keys).flatMap(this::block);
    }

    @Override
    public void close(Block block) {
        long millis = Duration.between(clock.instant(), block.until()).toMillis();
        if (millis > 0) {
            redis.run(CLOSE, keys, Long.toString(millis), block.reason() == null ? "" : block.reason());
        }
    }

    private Optional<Block> block(List<Object> reply) {
        long left = ((Number) reply.get(0)).longValue();
        if (left <= 0) {
            return Optional.empty();
        }
        String reason = reply.size() > 1 ? text(reply.get(1)) : "";
        return Optional.of(new Block(clock.instant().plusMillis(left), reason.isEmpty() ? null : reason));
    }

    private static String text(Object value) {
        return value instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8) : String.valueOf(value);
    }
}
