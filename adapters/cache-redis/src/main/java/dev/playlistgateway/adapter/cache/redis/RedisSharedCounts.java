package dev.playlistgateway.adapter.cache.redis;

import dev.playlistgateway.domain.cache.SharedCounts;
import io.lettuce.core.RedisFuture;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * {@link SharedCounts} in Redis: one string key per count ({@code <prefix><name>}), INCR to count, GET
 * to read. Like every key of the cache, a count has an expiry ({@value #KEEP_DAYS} day, renewed at
 * each increment): one that lapses or is evicted reads 0 again, which a change counter takes as a
 * change (a miss), never as none.
 */
final class RedisSharedCounts implements SharedCounts {

    static final long KEEP_DAYS = 1;

    private final LettuceCacheAdapter cache;

    RedisSharedCounts(LettuceCacheAdapter cache) {
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    @Override
    public OptionalLong get(String name) {
        String key = cache.prefixed(name);
        List<byte[]> value = cache.ask("GET count", api -> List.of(api.strings().get(key)));
        if (value == null) {
            return OptionalLong.empty();
        }
        byte[] bytes = value.get(0);
        if (bytes == null) {
            return OptionalLong.of(0);
        }
        try {
            return OptionalLong.of(Long.parseLong(new String(bytes, StandardCharsets.US_ASCII)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public boolean increment(String name) {
        String key = cache.prefixed(name);
        List<Long> counted = cache.ask("INCR count", api -> List.of(api.strings().incr(key)));
        long ttl = Duration.ofDays(KEEP_DAYS).toMillis();
        List<Function<Link.Api, RedisFuture<?>>> expire = List.of(api -> api.keys().pexpire(key, ttl));
        cache.send("PEXPIRE count", expire);
        return counted != null;
    }
}
