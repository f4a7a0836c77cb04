package dev.playlistgateway.adapter.cache.redis;

import dev.playlistgateway.testsupport.redis.RedisServer;
import dev.playlistgateway.testsupport.redis.RedisServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** {@link NearCacheFleetContract} on a standalone Redis, and what the near tier does while Redis is down. */
class NearCacheStandaloneFleetIT extends NearCacheFleetContract {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    @Override
    List<RedisServer> servers() {
        return List.of(redis.server());
    }

    @Override
    NearInstance instance(NearCacheSettings settings) {
        return NearInstance.standalone(redis.uri(), settings);
    }

    @Test
    void withRedisDownTheNearTierServesWhatItHoldsWithinTheTtlOnlyAndNothingThrows() {
        one.cache.put(key, bytes("v1"), Duration.ofMinutes(1));
        otherHoldsNear("v1");
        long held = System.nanoTime();

        redis.server().kill();
        try {
            NearInstance.await(() -> !other.cache.isAvailable(), Duration.ofSeconds(5), "Redis to be judged down");
            assertThat(text(other.cache.get(key))).isEqualTo("v1");
            assertThatCode(() -> {
                one.cache.put(key + ":x", bytes("x"), Duration.ofMinutes(1));
                one.cache.delete(List.of(key + ":y"));
                other.cache.getAll(List.of(key, key + ":z"));
            }).doesNotThrowAnyException();

            NearInstance.await(() -> other.cache.get(key).isEmpty(), TTL.plusSeconds(1), "the near TTL to pass");
            assertThat(Duration.ofNanos(System.nanoTime() - held)).isLessThan(TTL.plusSeconds(1));
            assertThat(other.cache.getAll(List.of(key))).isEmpty();
        } finally {
            redis.server().restart();
        }
        // a call probes: until one answers, the cache keeps Redis judged down
        NearInstance.await(() -> other.cache.get(key + ":probe").isEmpty() && other.cache.isAvailable()
                && one.cache.get(key + ":probe").isEmpty() && one.cache.isAvailable()
                && other.cache.stats().channelUp(), Duration.ofSeconds(15), "the instances to reconnect");
        one.cache.put(key, bytes("v2"), Duration.ofMinutes(1));
        NearInstance.await(() -> "v2".equals(text(other.cache.get(key))), HEARD_WITHIN, "the other instance to see v2");
    }

    @Test
    void anInstanceStartedWhileRedisIsDownHearsTheOthersOnceItIsUp() {
        RedisServer late = RedisServer.start();
        late.kill();
        NearCacheSettings settings = NearCacheSettings.defaults().withTtl(TTL).withChannel("test:late");
        try (NearInstance early = NearInstance.connecting(late.uri(), settings)) {
            assertThat(early.cache.get(key)).isEmpty();
            late.restart();
            try (NearInstance writer = NearInstance.standalone(late.uri(), settings)) {
                NearInstance.await(() -> early.cache.stats().channelUp(), Duration.ofSeconds(10), "the first connection, retried");
                writer.cache.put(key, bytes("v1"), Duration.ofMinutes(1));
                NearInstance.await(() -> {
                    long hits = early.cache.stats().hits();
                    return "v1".equals(text(early.cache.get(key))) && early.cache.stats().hits() == hits + 1;
                }, Duration.ofSeconds(5), "the early instance to hold v1");

                writer.cache.put(key, bytes("v2"), Duration.ofMinutes(1));
                NearInstance.await(() -> "v2".equals(text(early.cache.get(key))), HEARD_WITHIN, "the early instance to see v2");
            }
        } finally {
            late.close();
        }
    }
}
