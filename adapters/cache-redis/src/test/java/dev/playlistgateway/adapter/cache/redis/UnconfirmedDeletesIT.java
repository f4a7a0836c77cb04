package dev.playlistgateway.adapter.cache.redis;

import dev.playlistgateway.testsupport.redis.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A mutation's invalidation made while Redis is judged down is not undone when Redis comes back with the old
 * entry: the instance that deleted reads the key as missing until Redis confirms the delete, and deletes it
 * again as soon as Redis answers, so the other instances stop reading the old entry too.
 */
class UnconfirmedDeletesIT {

    private static final Duration COMMAND_TIMEOUT = Duration.ofMillis(300);
    private static final Duration BACKOFF = Duration.ofMillis(1_000);
    private static final int TIMEOUTS_TO_OPEN = 3;

    @RegisterExtension
    final RedisServerExtension redis = new RedisServerExtension();
    private RedisCache writer;
    private RedisCache other;

    @BeforeEach
    void start() {
        RedisCacheSettings settings = RedisCacheSettings.defaults().withCommandTimeout(COMMAND_TIMEOUT)
                .withTimeoutsToOpen(TIMEOUTS_TO_OPEN).withBackoff(BACKOFF);
        writer = Connected.await(RedisCache.standalone(redis.uri(), settings));
        other = Connected.await(RedisCache.standalone(redis.uri(), settings));
    }

    @AfterEach
    void stop() {
        writer.close();
        other.close();
    }

    @Test
    void aDeleteMadeWhileRedisHungIsKeptAndSentOnceRedisAnswers() {
        writer.put("playlist", bytes("version 1"), Duration.ofMinutes(5));
        writer.put("kept", bytes("unchanged"), Duration.ofMinutes(5));
        assertThat(eventually(() -> other.get("playlist").isPresent())).isTrue();

        redis.server().pause();
        try {
            for (int i = 0; i < TIMEOUTS_TO_OPEN; i++) {
                writer.get("kept"); // silent reads: then Redis is judged down, and writes are dropped
            }
            assertThat(writer.isAvailable()).isFalse();
            writer.delete(List.of("playlist")); // dropped: Redis is not even tried
            assertThat(writer.get("playlist")).as("the deleting instance, Redis away").isEmpty();
        } finally {
            redis.server().resume();
        }

        assertThat(writer.get("playlist")).as("the deleting instance, the old entry back in Redis").isEmpty();
        assertThat(eventually(() -> writer.getAll(List.of("playlist", "kept")).containsKey("kept")))
                .as("back on Redis after the back-off").isTrue();
        assertThat(writer.getAll(List.of("playlist", "kept"))).containsOnlyKeys("kept");
        assertThat(eventually(() -> {
            writer.get("kept"); // an answered read sends again what Redis did not confirm deleting
            return redis.server().command("EXISTS", RedisCacheSettings.DEFAULT_KEY_PREFIX + "playlist").equals(0L);
        })).as("deleted in Redis once it answers").isTrue();
        assertThat(other.get("playlist")).as("another instance").isEmpty();
        assertThat(((LettuceCacheAdapter) writer).unconfirmedDeletes()).isZero();

        writer.put("playlist", bytes("version 2"), Duration.ofMinutes(5));
        assertThat(eventually(() -> other.get("playlist").isPresent())).isTrue();
        assertThat(writer.get("playlist")).hasValueSatisfying(value -> assertThat(value).isEqualTo(bytes("version 2")));
    }

    @Test
    void aDeleteRedisConfirmsHoldsNothingBack() {
        writer.put("playlist", bytes("version 1"), Duration.ofMinutes(5));
        writer.delete(List.of("playlist"));
        writer.put("playlist", bytes("version 2"), Duration.ofMinutes(5));

        assertThat(eventually(() -> ((LettuceCacheAdapter) writer).unconfirmedDeletes() == 0)).isTrue();
        assertThat(writer.get("playlist")).hasValueSatisfying(value -> assertThat(value).isEqualTo(bytes("version 2")));
    }

    private static boolean eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
