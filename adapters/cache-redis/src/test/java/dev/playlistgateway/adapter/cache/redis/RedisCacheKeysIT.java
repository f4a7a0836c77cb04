package dev.playlistgateway.adapter.cache.redis;

import dev.playlistgateway.testsupport.redis.RedisServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What lands in Redis: prefixed keys, each with an expiry. */
class RedisCacheKeysIT {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    @BeforeEach
    void emptyRedis() {
        redis.server().flushAll();
    }

    @Test
    void everyWrittenKeyHasTheKeyPrefixAndATtl() {
        try (RedisCache cache = Connected.await(RedisCache.standalone(redis.uri(), RedisCacheSettings.defaults()))) {
            cache.put("v1:track:one", bytes("1"), Duration.ofMinutes(5));
            cache.putAll(Map.of("v1:track:two", bytes("2"), "v1:track:three", bytes("3")), Duration.ofSeconds(90));
            cache.putAll(Map.of("v1:pub:playlist:p", new byte[0]), Duration.ofMillis(1_500));
        }

        @SuppressWarnings("unchecked")
        List<String> keys = (List<String>) redis.server().command("KEYS", "*");
        assertThat(keys).containsExactlyInAnyOrder("pgw:v1:track:one", "pgw:v1:track:two", "pgw:v1:track:three",
                "pgw:v1:pub:playlist:p");
        for (String key : keys) {
            assertThat((Long) redis.server().command("PTTL", key)).as("PTTL of %s", key).isPositive();
        }
        assertThat((Long) redis.server().command("PTTL", "pgw:v1:track:one")).isBetween(290_000L, 300_000L);
        assertThat((Long) redis.server().command("PTTL", "pgw:v1:track:two")).isBetween(80_000L, 90_000L);
        assertThat((Long) redis.server().command("PTTL", "pgw:v1:pub:playlist:p")).isBetween(1L, 1_500L);
    }

    @Test
    void aSubMillisecondTtlIsRoundedUpRatherThanRefused() {
        try (RedisCache cache = Connected.await(RedisCache.standalone(redis.uri(), RedisCacheSettings.defaults()))) {
            cache.put("tiny", bytes("x"), Duration.ofNanos(1));
            // Either already expired or about to: never a key without expiry, never an error.
            Long pttl = (Long) redis.server().command("PTTL", "pgw:tiny");
            assertThat(pttl).isIn(-2L, 0L, 1L);
            assertThat(cache.isAvailable()).isTrue();
        }
    }

    @Test
    void anotherPrefixSharesTheRedisWithoutSeeingTheseKeys() {
        try (RedisCache first = Connected.await(RedisCache.standalone(redis.uri(), RedisCacheSettings.defaults()));
             RedisCache second = Connected.await(RedisCache.standalone(redis.uri(),
                     RedisCacheSettings.defaults().withKeyPrefix("other:")))) {
            first.put("k", bytes("first"), Duration.ofMinutes(1));
            second.put("k", bytes("second"), Duration.ofMinutes(1));

            assertThat(first.get("k")).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("first")));
            assertThat(second.get("k")).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("second")));
            assertThat(redis.server().command("EXISTS", "pgw:k", "other:k")).isEqualTo(2L);
        }
    }

    @Test
    void deleteUnlinksThePrefixedKeys() {
        try (RedisCache cache = Connected.await(RedisCache.standalone(redis.uri(), RedisCacheSettings.defaults()))) {
            cache.putAll(Map.of("a", bytes("1"), "b", bytes("2")), Duration.ofMinutes(1));

            cache.delete(List.of("a", "b", "a"));

            // Writes are sent, not awaited; a read on the same connection comes back after them.
            assertThat(cache.getAll(List.of("a", "b"))).isEmpty();
            assertThat(redis.server().command("DBSIZE")).isEqualTo(0L);
        }
    }

    @Test
    void getAllAsksForARepeatedKeyOnce() {
        try (RedisCache cache = Connected.await(RedisCache.standalone(redis.uri(), RedisCacheSettings.defaults()))) {
            cache.put("a", bytes("1"), Duration.ofMinutes(1));

            assertThat(cache.getAll(List.of("a", "a", "b"))).containsOnlyKeys("a");
        }
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
