package dev.playlistgateway.app.security.session;

import dev.playlistgateway.testsupport.redis.RedisServerExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Redis session store against a real redis-server: the contract, its keys, and how it fails when Redis is away. */
class RedisSessionStoreIT extends SessionStoreContract {
    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();
    private static RedisClient client;

    @BeforeAll
    static void startRedis() {
        client = RedisClient.create();
    }

    @AfterAll
    static void stopRedis() {
        client.shutdown();
    }

    @Override
    protected SessionStore newStore() {
        if (!redis.server().isRunning()) {
            redis.server().restart();
        }
        redis.server().flushAll();
        return RedisSessionStore.standalone(client, RedisURI.create(redis.uri()), "test:session:", Duration.ofMillis(500));
    }

    @Test
    void keysCarryThePrefixAndRedisExpiresThem() {
        store.put("abc", "sealed", Duration.ofMinutes(10));

        assertThat(redis.server().command("EXISTS", "test:session:abc").toString()).isEqualTo("1");
        long ttl = Long.parseLong(redis.server().command("PTTL", "test:session:abc").toString());
        assertThat(ttl).isBetween(1L, 600_000L);
    }

    @Test
    void aStoppedRedisMakesCallsFailUnavailableWithinTheTimeoutAndABackRedisServesAgain() {
        store.put("abc", "sealed", Duration.ofMinutes(10));
        redis.server().pause();
        try {
            long start = System.nanoTime();
            assertThatThrownBy(() -> store.get("abc")).isInstanceOf(SessionStoreUnavailable.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        } finally {
            redis.server().resume();
        }
        assertThat(store.get("abc")).hasValue("sealed");
    }

    @Test
    void aStoreCreatedWhileRedisIsDownConnectsOnceRedisIsUp() {
        redis.server().kill();
        SessionStore early = RedisSessionStore.standalone(client, RedisURI.create(redis.uri()), "test:session:", Duration.ofMillis(300));
        try {
            assertThatThrownBy(() -> early.get("x")).isInstanceOf(SessionStoreUnavailable.class);
            redis.server().restart();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (true) {
                try {
                    early.put("x", "y", Duration.ofMinutes(1));
                    break;
                } catch (SessionStoreUnavailable e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                }
            }
            assertThat(early.get("x")).hasValue("y");
        } finally {
            early.close();
        }
    }
}
