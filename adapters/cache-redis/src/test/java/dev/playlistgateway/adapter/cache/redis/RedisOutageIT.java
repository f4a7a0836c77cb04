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
     * any call can be descheduled for a few hundred ms. A read's wait for a silent Redis is judged
     * with the time its event loop was stalled left out ({@link #assertWaitsOutTheTimeout}), as the
     * cache counts it: at load 19 a read that waited 300 ms of silence took 847 ms.
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
        assertPrompt(() -> assertThat(cache.get("k")).isEmpty());
        assertThat(cache.isAvailable()).isFalse();
        // Within the back-off window Redis is not even tried: every kind of call returns at once.
        Timings window = new Timings(cache);
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
            // yet evidence that Redis is down (a slow Redis is not a dead one): TIMEOUTS_TO_OPEN command
            // timeouts of silence in a row are, and then the gate opens. The gate counts silence, not
            // reads: silence also grows while this busy machine keeps the test from sending the next
            // read, so what is exact on any machine is that the gate does not open before
            // TIMEOUTS_TO_OPEN timeouts of silence (as the cache counts it, its event loop's stalls left
            // out) and opens at the latest with read TIMEOUTS_TO_OPEN (each read waits out one timeout).
            long silenceOpens = COMMAND_TIMEOUT.toMillis() * TIMEOUTS_TO_OPEN;
            long silentFrom = runningMillis();
            long readStart = 0;
            int reads = 0;
            while (cache.isAvailable()) {
                assertThat(reads).as("silent reads before the gate opened").isLessThan(TIMEOUTS_TO_OPEN);
                readStart = System.nanoTime();
                assertWaitsOutTheTimeout(() -> assertThat(cache.get("k")).isEmpty());
                reads++;
                if (reads == 1) {
                    // Only a test thread kept from running for twice the timeout while the event
                    // loop ran could make the first read see three timeouts of silence.
                    assertThat(cache.isAvailable()).as("one silent read is no evidence that Redis is down").isTrue();
                }
            }
            assertThat(runningMillis() - silentFrom).as("silence (ms, stalls left out) when the gate opened, after %d reads", reads)
                    .isGreaterThanOrEqualTo(silenceOpens - 10); // whole ms, and the event loop watch's 5 ms of slack
            long openedAt = System.nanoTime();
            // The gate opened after the last read had waited at least one timeout: its window cannot
            // end before this. Calls made after it would probe, and this part is about the window.
            long windowEndsNoSoonerThan = readStart + COMMAND_TIMEOUT.plus(BACKOFF).minusMillis(100).toNanos();

            // The rest of the window: no waiting at all.
            Timings window = new Timings(cache);
            long start = System.nanoTime();
            while (System.nanoTime() - start < Duration.ofMillis(1_000).toNanos() && System.nanoTime() < windowEndsNoSoonerThan) {
                window.time(() -> assertThat(cache.getAll(List.of("k"))).isEmpty());
                window.time(() -> cache.put("k", bytes("w"), Duration.ofMinutes(1)));
            }
            window.assertNoWaiting();
            // Had each call waited out the timeout, one second would have held 3 of them.
            assertThat(window.count()).isGreaterThan(100);

            // After the window one probe waits out the timeout again, and one silent probe is enough
            // to start the next window. The window ends by openedAt + BACKOFF at the latest.
            sleep(Math.max(0, BACKOFF.toMillis() + 100 - (System.nanoTime() - openedAt) / 1_000_000));
            assertWaitsOutTheTimeout(() -> assertThat(cache.get("k")).isEmpty());
            assertThat(cache.isAvailable()).as("a silent probe starts the next window").isFalse();
            Timings next = new Timings(cache);
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
            Timings calls = new Timings(early);
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

    /**
     * Runs {@code call}, which meets a dead Redis, and asserts it did not wait out more than one command
     * timeout (with {@link #SLACK_MILLIS}), the time the cache's event loop was stalled meanwhile left
     * out: the cache does not count that time as Redis's silence, so neither can this bound.
     */
    private void assertPrompt(Runnable call) {
        long stalledBefore = stalledMillis();
        long start = System.nanoTime();
        call.run();
        long took = (System.nanoTime() - start) / 1_000_000;
        long stalled = stalledMillis() - stalledBefore;
        assertThat(took - stalled).as("call took %d ms, %d of them with the event loop stalled", took, stalled)
                .isLessThanOrEqualTo(COMMAND_TIMEOUT.toMillis() + SLACK_MILLIS);
    }

    /** Runs {@code call}, a read of a silent Redis, and asserts it waited out the command timeout, and no longer. */
    private void assertWaitsOutTheTimeout(Runnable call) {
        long start = System.nanoTime();
        assertPrompt(call);
        long took = (System.nanoTime() - start) / 1_000_000;
        assertThat(took).as("a silent read waits out the command timeout").isGreaterThanOrEqualTo(COMMAND_TIMEOUT.toMillis() - 5);
    }

    private long stalledMillis() {
        return ((LettuceCacheAdapter) cache).loopStalledNanos() / 1_000_000;
    }

    /** Now on the clock the cache counts Redis's silence on: wall time less its event loop's stalls. */
    private long runningMillis() {
        return System.nanoTime() / 1_000_000 - stalledMillis();
    }

    /** Durations of calls that should not wait for Redis. */
    private static final class Timings {
        private final List<Long> micros = new java.util.ArrayList<>();
        private final List<Long> stalledMicros = new java.util.ArrayList<>();
        private final LettuceCacheAdapter cache;

        Timings(RedisCache cache) {
            this.cache = (LettuceCacheAdapter) cache;
        }

        void time(Runnable call) {
            long stalled = cache.loopStalledNanos();
            long start = System.nanoTime();
            call.run();
            micros.add((System.nanoTime() - start) / 1_000);
            stalledMicros.add((cache.loopStalledNanos() - stalled) / 1_000);
        }

        int count() {
            return micros.size();
        }

        void assertNoWaiting() {
            List<Long> sorted = micros.stream().sorted().toList();
            long p90 = sorted.get((int) (sorted.size() * 0.9));
            // The slowest call is judged as silent reads are, its event loop's stalls left out: a call
            // that waited for Redis would have waited while the loop ran. A JVM-wide pause (a safepoint,
            // a GC) stops the loop too; at load 19 one call here took 1.8 s.
            long max = 0;
            for (int i = 0; i < micros.size(); i++) {
                max = Math.max(max, micros.get(i) - stalledMicros.get(i));
            }
            assertThat(p90).as("90th percentile of %d calls, in µs", sorted.size()).isLessThanOrEqualTo(NO_WAIT_MILLIS * 1_000);
            assertThat(max).as("slowest of %d calls, in µs, event loop stalls left out", sorted.size())
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
