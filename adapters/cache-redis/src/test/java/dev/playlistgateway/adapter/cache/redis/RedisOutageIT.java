package dev.playlistgateway.adapter.cache.redis;

import dev.playlistgateway.testsupport.redis.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis dies or hangs mid-run: calls still return promptly (a miss, a dropped write), never throw,
 * cost at most one command timeout per back-off window once Redis is judged down (at once when the
 * connection is refused or dropped; after a few silent reads in a row when it hangs), and the cache
 * recovers by itself when Redis returns on the same port.
 */
class RedisOutageIT {

    private static final Duration COMMAND_TIMEOUT = Duration.ofMillis(300);
    private static final Duration BACKOFF = Duration.ofMillis(1_500);
    private static final int TIMEOUTS_TO_OPEN = 3;
    /**
     * Scheduling noise allowed on top of a timeout: on a loaded two-core CI machine (load 10 seen)
     * any call can be descheduled for a few hundred ms.
     */
    private static final long SLACK_MILLIS = 500;
    /**
     * A call that does not touch Redis takes microseconds. Calls in the back-off window are judged by
     * their 90th percentile, which a stray stall cannot move, against this bound, far below the
     * command timeout they prove was not waited for.
     */
    private static final long NO_WAIT_MILLIS = 20;

    @RegisterExtension
    final RedisServerExtension redis = new RedisServerExtension();
    private RedisCache cache;

    @BeforeEach
    void start() {
        cache = Connected.await(RedisCache.standalone(redis.uri(), RedisCacheSettings.defaults()
                .withCommandTimeout(COMMAND_TIMEOUT)
                .withTimeoutsToOpen(TIMEOUTS_TO_OPEN)
                .withBackoff(BACKOFF)));
    }

    @AfterEach
    void stop() {
        cache.close();
    }

    @Test
    void aKilledRedisMakesCallsMissAtOnceAndTheCacheRecoversWhenItReturns() {
        cache.put("k", bytes("before"), Duration.ofMinutes(5));
        assertThat(cache.get("k")).isPresent();
        assertThat(cache.isAvailable()).isTrue();

        redis.server().kill();

        // The first call finds the connection gone (commands are rejected while disconnected).
        assertPrompt(() -> assertThat(cache.get("k")).isEmpty(), COMMAND_TIMEOUT.toMillis() + SLACK_MILLIS);
        assertThat(cache.isAvailable()).isFalse();
        // Within the back-off window Redis is not even tried: every kind of call returns at once.
        Timings window = new Timings();
        for (int i = 0; i < 50; i++) {
            window.time(() -> assertThat(cache.get("k")).isEmpty());
            window.time(() -> assertThat(cache.getAll(List.of("k", "j"))).isEmpty());
            window.time(() -> cache.put("k", bytes("during"), Duration.ofMinutes(5)));
            window.time(() -> cache.putAll(Map.of("a", bytes("1")), Duration.ofMinutes(5)));
            window.time(() -> cache.delete(List.of("k")));
        }
        window.assertNoWaiting();
        assertThat(cache.isAvailable()).isFalse();

        redis.server().restart(); // same port, empty

        assertThat(eventually(Duration.ofSeconds(10), () -> {
            cache.put("k", bytes("after"), Duration.ofMinutes(5));
            return cache.get("k").isPresent();
        })).as("recovers by itself once Redis is back").isTrue();
        assertThat(cache.get("k")).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("after")));
        assertThat(cache.getAll(List.of("k"))).containsOnlyKeys("k");
        assertThat(cache.isAvailable()).isTrue();
    }

    @Test
    void aHungRedisCostsOneTimeoutPerBackoffWindowNotOnePerCall() {
        cache.put("k", bytes("v"), Duration.ofMinutes(5));
        assertThat(cache.get("k")).isPresent();
        redis.server().pause();
        try {
            // A read waits out the command timeout of silence, and no longer. One silent read is not
            // yet evidence that Redis is down (a slow Redis is not a dead one): TIMEOUTS_TO_OPEN in a
            // row are, and then the gate opens.
            for (int i = 1; i <= TIMEOUTS_TO_OPEN; i++) {
                assertThat(cache.isAvailable()).as("before silent read %d", i).isTrue();
                long waited = assertPrompt(() -> assertThat(cache.get("k")).isEmpty(),
                        COMMAND_TIMEOUT.toMillis() + SLACK_MILLIS);
                assertThat(waited).isGreaterThanOrEqualTo(COMMAND_TIMEOUT.toMillis() - 5);
            }
            assertThat(cache.isAvailable()).isFalse();
            long openedAt = System.nanoTime();

            // The rest of the window: no waiting at all.
            Timings window = new Timings();
            long start = System.nanoTime();
            while (System.nanoTime() - start < Duration.ofMillis(1_000).toNanos()) {
                window.time(() -> assertThat(cache.getAll(List.of("k"))).isEmpty());
                window.time(() -> cache.put("k", bytes("w"), Duration.ofMinutes(1)));
            }
            window.assertNoWaiting();
            // Had each call waited out the timeout, one second would have held 3 of them.
            assertThat(window.count()).isGreaterThan(100);

            // After the window one probe waits out the timeout again, and one silent probe is enough
            // to start the next window.
            sleep(Math.max(0, BACKOFF.toMillis() + 100 - (System.nanoTime() - openedAt) / 1_000_000));
            long probe = assertPrompt(() -> assertThat(cache.get("k")).isEmpty(), COMMAND_TIMEOUT.toMillis() + SLACK_MILLIS);
            assertThat(probe).isGreaterThanOrEqualTo(COMMAND_TIMEOUT.toMillis() - 5);
            Timings next = new Timings();
            for (int i = 0; i < 50; i++) {
                next.time(() -> assertThat(cache.get("k")).isEmpty());
            }
            next.assertNoWaiting();
        } finally {
            redis.server().resume();
        }

        assertThat(eventually(Duration.ofSeconds(10), () -> cache.get("k").isPresent()))
                .as("recovers once Redis answers again").isTrue();
        assertThat(cache.isAvailable()).isTrue();
    }

    @Test
    void aCacheMadeWhileRedisIsDownMissesAndStartsWorkingWhenRedisComesUp() {
        redis.server().kill();
        try (RedisCache early = RedisCache.standalone(redis.uri(), RedisCacheSettings.defaults()
                .withCommandTimeout(COMMAND_TIMEOUT).withBackoff(BACKOFF))) {
            // Nobody waits for a connection: calls miss at once while it cannot be opened.
            Timings calls = new Timings();
            for (int i = 0; i < 20; i++) {
                calls.time(() -> assertThat(early.get("k")).isEmpty());
                calls.time(() -> early.put("k", bytes("v"), Duration.ofMinutes(1)));
                sleep(10);
            }
            calls.assertNoWaiting();
            assertThat(early.isAvailable()).isFalse();

            redis.server().restart();

            assertThat(eventually(Duration.ofSeconds(10), () -> {
                early.put("k", bytes("v"), Duration.ofMinutes(1));
                return early.get("k").isPresent();
            })).isTrue();
            assertThat(early.isAvailable()).isTrue();
        }
    }

    /** Runs {@code call} and asserts it took at most {@code maxMillis}; returns the time it took. */
    private static long assertPrompt(Runnable call, long maxMillis) {
        long start = System.nanoTime();
        call.run();
        long took = (System.nanoTime() - start) / 1_000_000;
        assertThat(took).as("call took %d ms", took).isLessThanOrEqualTo(maxMillis);
        return took;
    }

    /** Durations of calls that should not wait for Redis. */
    private static final class Timings {
        private final List<Long> micros = new java.util.ArrayList<>();

        void time(Runnable call) {
            long start = System.nanoTime();
            call.run();
            micros.add((System.nanoTime() - start) / 1_000);
        }

        int count() {
            return micros.size();
        }

        void assertNoWaiting() {
            List<Long> sorted = micros.stream().sorted().toList();
            long p90 = sorted.get((int) (sorted.size() * 0.9));
            long max = sorted.get(sorted.size() - 1);
            assertThat(p90).as("90th percentile of %d calls, in µs", sorted.size()).isLessThanOrEqualTo(NO_WAIT_MILLIS * 1_000);
            assertThat(max).as("slowest of %d calls, in µs", sorted.size())
                    .isLessThanOrEqualTo((COMMAND_TIMEOUT.toMillis() + SLACK_MILLIS) * 1_000);
        }
    }

    private static boolean eventually(Duration within, BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
