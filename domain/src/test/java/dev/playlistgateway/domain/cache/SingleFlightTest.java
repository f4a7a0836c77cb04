package dev.playlistgateway.domain.cache;

import dev.playlistgateway.domain.model.MusicDataException;
import dev.playlistgateway.domain.model.MusicDataException.Failure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class SingleFlightTest {

    /** Result of {@link #load}: the values found, and how many keys were joined rather than loaded. */
    record Outcome<V>(Map<String, V> values, int joined) {
    }

    /**
     * The claim protocol as its callers use it (ReadThrough does the same per group of keys):
     * load the keys nobody else is loading with one call of {@code loader}, then wait for the rest.
     */
    static <V> Outcome<V> load(SingleFlight flights, Collection<String> keys, Function<Set<String>, Map<String, V>> loader) {
        SingleFlight.Claim<V> claim = flights.claim(keys);
        Map<String, V> values = new HashMap<>();
        try {
            if (!claim.mine().isEmpty()) {
                Map<String, V> loaded;
                try {
                    loaded = loader.apply(claim.mine());
                } catch (RuntimeException | Error e) {
                    claim.mine().forEach(key -> claim.fail(key, e));
                    throw e;
                }
                for (String key : claim.mine()) {
                    V value = loaded.get(key);
                    claim.complete(key, value);
                    if (value != null) {
                        values.put(key, value);
                    }
                }
            }
        } finally {
            claim.release();
        }
        for (String key : claim.theirs()) {
            V value = claim.await(key);
            if (value != null) {
                values.put(key, value);
            }
        }
        return new Outcome<>(values, claim.theirs().size());
    }

    private final SingleFlight flights = SingleFlight.inProcess();
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private static Map<String, String> valuesOf(Set<String> keys) {
        Map<String, String> values = new HashMap<>();
        keys.forEach(k -> values.put(k, k + "=v"));
        return values;
    }

    /** Waits until every thread that entered is parked (in the loader or waiting on a flight). */
    private static void awaitAllParked(List<Thread> threads) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (threads.size() > 0 && threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING
                    || t.getState() == Thread.State.TIMED_WAITING)) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("threads did not all park: " + threads.stream().map(Thread::getState).toList());
    }

    @Test
    void concurrentLoadsOfOverlappingKeySetsCallTheLoaderOncePerKey() throws Exception {
        Map<String, AtomicInteger> loads = new ConcurrentHashMap<>();
        CountDownLatch release = new CountDownLatch(1);
        Function<Set<String>, Map<String, String>> loader = keys -> {
            keys.forEach(k -> loads.computeIfAbsent(k, x -> new AtomicInteger()).incrementAndGet());
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return valuesOf(keys);
        };
        List<Thread> threads = new ArrayList<>();
        Map<Integer, Outcome<String>> outcomes = new ConcurrentHashMap<>();
        for (int i = 0; i < 12; i++) {
            int n = i;
            // each thread: its own key, plus the shared "s" and its neighbour's key
            List<String> keys = List.of("own" + n, "s", "own" + ((n + 1) % 12));
            Thread t = new Thread(() -> outcomes.put(n, load(flights, keys, loader)));
            threads.add(t);
            t.start();
        }
        awaitAllParked(threads);
        release.countDown();
        for (Thread t : threads) {
            t.join(10_000);
        }

        assertThat(loads).hasSize(13).allSatisfy((key, count) -> assertThat(count.get()).as(key).isEqualTo(1));
        assertThat(outcomes).hasSize(12).allSatisfy((n, outcome) -> {
            assertThat(outcome.values()).containsOnlyKeys("own" + n, "s", "own" + ((n + 1) % 12));
            assertThat(outcome.values().get("s")).isEqualTo("s=v");
        });
        assertThat(outcomes.values().stream().mapToInt(Outcome::joined).sum()).isEqualTo(12 * 3 - 13);
    }

    @Test
    void loaderFailureReachesEveryJoiner() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        MusicDataException throttled = MusicDataException.rateLimited(Duration.ofSeconds(5), "slow down");
        Thread leader = new Thread(() -> {
            try {
                load(flights, List.of("k"), keys -> {
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw throttled;
                });
            } catch (MusicDataException expected) {
                // the leader sees it too
            }
        });
        leader.start();
        awaitAllParked(List.of(leader));
        AtomicInteger loaderCalls = new AtomicInteger();
        Map<Integer, Throwable> seen = new ConcurrentHashMap<>();
        List<Thread> joiners = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            Thread joiner = new Thread(() -> {
                try {
                    load(flights, List.of("k"), keys -> {
                        loaderCalls.incrementAndGet();
                        return valuesOf(keys);
                    });
                } catch (RuntimeException e) {
                    seen.put(n, e);
                }
            });
            joiners.add(joiner);
            joiner.start();
        }
        List<Thread> all = new ArrayList<>(joiners);
        all.add(leader);
        awaitAllParked(all);
        release.countDown();
        for (Thread joiner : joiners) {
            joiner.join(10_000);
        }

        assertThat(seen).hasSize(5).allSatisfy((n, e) -> assertThat(e).isSameAs(throttled));
        assertThat(loaderCalls.get()).as("joiners must not load").isZero();
        leader.join(5000);
    }

    @Test
    void keyIsLoadedAfreshOnceItsFlightHasLanded() {
        AtomicInteger calls = new AtomicInteger();
        Function<Set<String>, Map<String, String>> loader = keys -> {
            calls.incrementAndGet();
            return valuesOf(keys);
        };
        long before = flights.landed();

        load(flights, List.of("a"), loader);
        load(flights, List.of("a"), loader);

        assertThat(calls.get()).isEqualTo(2);
        assertThat(flights.landed()).isGreaterThan(before);
    }

    @Test
    void failedFlightDoesNotPoisonTheKey() {
        assertThatThrownBy(() -> load(flights, List.of("a"), keys -> {
            throw new MusicDataException(Failure.UPSTREAM_UNAVAILABLE, "down");
        })).isInstanceOf(MusicDataException.class);

        assertThat(load(flights, List.of("a"), SingleFlightTest::valuesOf).values()).containsEntry("a", "a=v");
    }

    @Test
    void keysUpstreamDoesNotKnowAreAbsentForLeaderAndJoiners() {
        Outcome<String> outcome = load(flights, List.of("known", "unknown"),
                keys -> Map.of("known", "v"));

        assertThat(outcome.values()).containsOnlyKeys("known");
    }

    @Test
    void claimLeftWithoutAValueFailsItsJoinersInsteadOfHangingThem() throws Exception {
        SingleFlight.Claim<String> leader = flights.claim(List.of("k"));
        SingleFlight.Claim<String> joiner = flights.claim(List.of("k"));
        assertThat(leader.mine()).containsExactly("k");
        assertThat(joiner.theirs()).containsExactly("k");

        leader.release();

        assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                assertThatThrownBy(() -> joiner.await("k")).isInstanceOf(MusicDataException.class));
    }

    @Test
    void manyThreadsWithOverlappingKeySetsNeverDeadlock() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
            AtomicInteger overlapping = new AtomicInteger();
            Function<Set<String>, Map<String, String>> loader = keys -> {
                keys.forEach(k -> {
                    if (inFlight.computeIfAbsent(k, x -> new AtomicInteger()).incrementAndGet() > 1) {
                        overlapping.incrementAndGet();
                    }
                });
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                keys.forEach(k -> inFlight.get(k).decrementAndGet());
                return valuesOf(keys);
            };
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 32; t++) {
                long seed = t;
                work.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    for (int round = 0; round < 100; round++) {
                        List<String> keys = new ArrayList<>();
                        for (int i = 0; i < 1 + random.nextInt(8); i++) {
                            keys.add("k" + random.nextInt(20));
                        }
                        Outcome<String> outcome = load(flights, keys, loader);
                        assertThat(outcome.values()).containsOnlyKeys(Set.copyOf(keys));
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get(30, TimeUnit.SECONDS);
            }
            assertThat(overlapping.get()).as("two loads of one key at the same time").isZero();
        });
    }
}
