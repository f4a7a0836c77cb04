package dev.playlistgateway.contract;

import dev.playlistgateway.domain.port.CachePort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link CachePort} must do, written once. An adapter's test extends this class and
 * implements {@link #cache()} and {@link #cacheWithItsStoreDown()} (and, where the store's clock
 * cannot be driven, keeps the default {@link #shortTtl()}): nothing else.
 *
 * <p>The failure clause of {@link CachePort} (never throw because the store is down: a read is a miss
 * or what is still at hand, a write is dropped) runs against {@link #cacheWithItsStoreDown()}.
 *
 * <p>Keys are made unique per test so that a shared store never leaks state between tests.
 */
public abstract class CachePortContract {

    /**
     * The adapter under test, connected to a store that works. Called once per test; one that is
     * {@link AutoCloseable} is closed after the test, as is the one of {@link #cacheWithItsStoreDown()}.
     */
    protected abstract CachePort cache();

    /**
     * The adapter under test with its store down: reachable when the adapter was made, stopped since
     * (a Redis server killed, a primary switched off). A store that lives in the adapter's own process
     * cannot be down apart from it: such an adapter calls {@link #noStoreToTakeDown(String)}.
     */
    protected abstract CachePort cacheWithItsStoreDown() throws Exception;

    /** For {@link #cacheWithItsStoreDown()}: the failure clause does not apply, the test is skipped saying why. */
    protected static CachePort noStoreToTakeDown(String why) {
        Assumptions.abort("No store to take down: " + why);
        throw new AssertionError("unreachable");
    }

    /** A TTL short enough to wait out in a test. Stores with second granularity may need 1s. */
    protected Duration shortTtl() {
        return Duration.ofMillis(300);
    }

    /** Lets time pass for the store; adapters with a fake clock override this to advance it. */
    protected void letTimePass(Duration duration) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(duration.toMillis());
    }

    private CachePort cache;
    private String ns;
    private final List<CachePort> made = new ArrayList<>();

    @BeforeEach
    void setUpContract() {
        cache = made(cache());
        ns = "contract:" + UUID.randomUUID() + ":";
    }

    @AfterEach
    void closeWhatWasMade() throws Exception {
        for (CachePort each : made) {
            if (each instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
        made.clear();
    }

    private CachePort made(CachePort port) {
        made.add(port);
        return port;
    }

    private CachePort storeDown() throws Exception {
        return made(cacheWithItsStoreDown());
    }

    private String key(String name) {
        return ns + name;
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void missesAKeyThatWasNeverWritten() {
        assertThat(cache.get(key("absent"))).isEmpty();
    }

    @Test
    void returnsWhatWasPut() {
        cache.put(key("a"), bytes("alpha"), Duration.ofMinutes(1));
        assertThat(cache.get(key("a"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("alpha")));
    }

    @Test
    void keepsBinaryValuesExactly() {
        byte[] value = new byte[256];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) i;
        }
        cache.put(key("bin"), value, Duration.ofMinutes(1));
        assertThat(cache.get(key("bin"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(value));
    }

    @Test
    void storesAnEmptyValueAsAValue() {
        cache.put(key("empty"), new byte[0], Duration.ofMinutes(1));
        assertThat(cache.get(key("empty"))).hasValueSatisfying(v -> assertThat(v).isEmpty());
    }

    @Test
    void aLaterPutReplacesTheValue() {
        cache.put(key("a"), bytes("one"), Duration.ofMinutes(1));
        cache.put(key("a"), bytes("two"), Duration.ofMinutes(1));
        assertThat(cache.get(key("a"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("two")));
    }

    @Test
    void getAllReturnsOnlyTheHits() {
        cache.put(key("a"), bytes("alpha"), Duration.ofMinutes(1));
        cache.put(key("c"), bytes("gamma"), Duration.ofMinutes(1));

        Map<String, byte[]> found = cache.getAll(List.of(key("a"), key("b"), key("c")));

        assertThat(found).containsOnlyKeys(key("a"), key("c"));
        assertThat(found.get(key("a"))).isEqualTo(bytes("alpha"));
        assertThat(found.get(key("c"))).isEqualTo(bytes("gamma"));
    }

    @Test
    void getAllOfNoKeysIsEmpty() {
        assertThat(cache.getAll(List.of())).isEmpty();
    }

    @Test
    void putAllStoresEveryEntry() {
        Map<String, byte[]> entries = new HashMap<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            entries.put(key("k" + i), bytes("v" + i));
            keys.add(key("k" + i));
        }
        cache.putAll(entries, Duration.ofMinutes(1));

        Map<String, byte[]> found = cache.getAll(keys);

        assertThat(found).hasSize(250);
        assertThat(found.get(key("k42"))).isEqualTo(bytes("v42"));
    }

    @Test
    void putAllOfNothingDoesNothing() {
        cache.putAll(Map.of(), Duration.ofMinutes(1));
        assertThat(cache.get(key("any"))).isEmpty();
    }

    @Test
    void deleteRemovesOnlyTheNamedKeys() {
        cache.put(key("a"), bytes("alpha"), Duration.ofMinutes(1));
        cache.put(key("b"), bytes("beta"), Duration.ofMinutes(1));

        cache.delete(List.of(key("a"), key("never-written")));

        assertThat(cache.get(key("a"))).isEmpty();
        assertThat(cache.get(key("b"))).isPresent();
    }

    @Test
    void anEntryIsGoneOnceItsTtlHasPassed() throws InterruptedException {
        cache.put(key("short"), bytes("x"), shortTtl());
        cache.put(key("long"), bytes("y"), Duration.ofMinutes(1));

        letTimePass(shortTtl().multipliedBy(3));

        assertThat(cache.get(key("short"))).isEmpty();
        assertThat(cache.getAll(List.of(key("short"), key("long")))).containsOnlyKeys(key("long"));
    }

    @Test
    void putAllAppliesTheTtlToEveryEntry() throws InterruptedException {
        cache.putAll(Map.of(key("a"), bytes("1"), key("b"), bytes("2")), shortTtl());

        letTimePass(shortTtl().multipliedBy(3));

        assertThat(cache.getAll(List.of(key("a"), key("b")))).isEmpty();
    }

    @Test
    void refusesANonPositiveTtl() {
        assertThatThrownBy(() -> cache.put(key("a"), bytes("x"), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.put(key("a"), bytes("x"), Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesNullArguments() {
        assertThatThrownBy(() -> cache.get(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> cache.put(key("a"), null, Duration.ofMinutes(1)))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void isSafeUnderConcurrentReadsAndWrites() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 200; i++) {
                        String k = key("c" + (i % 20));
                        cache.put(k, bytes(thread + ":" + i), Duration.ofMinutes(1));
                        cache.get(k);
                        cache.getAll(List.of(k, key("c" + ((i + 1) % 20))));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < 20; i++) {
            assertThat(cache.get(key("c" + i))).isPresent();
        }
    }

    // ------------------------------------------------------------------ the store down

    @Test
    void noMethodThrowsWhileTheStoreIsDown() throws Exception {
        CachePort down = storeDown();

        assertThatCode(() -> {
            down.put(key("a"), bytes("alpha"), Duration.ofMinutes(1));
            down.putAll(Map.of(key("b"), bytes("beta"), key("c"), bytes("gamma")), Duration.ofMinutes(1));
            assertThat(down.get(key("a"))).isNotNull();
            assertThat(down.getAll(List.of(key("a"), key("b"), key("absent")))).isNotNull();
            down.delete(List.of(key("a"), key("b")));
            down.isAvailable();
        }).doesNotThrowAnyException();
    }

    @Test
    void aReadWhileTheStoreIsDownIsAMissOrWhatWasWritten() throws Exception {
        CachePort down = storeDown();
        down.put(key("a"), bytes("alpha"), Duration.ofMinutes(1));

        assertThat(down.get(key("a"))).satisfiesAnyOf(
                read -> assertThat(read).isEmpty(),
                read -> assertThat(read).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("alpha"))));
        assertThat(down.getAll(List.of(key("a"), key("never-written"))))
                .doesNotContainKey(key("never-written"))
                .allSatisfy((k, v) -> assertThat(v).isEqualTo(bytes("alpha")));
    }

    @Test
    void programmingErrorsStillThrowWhileTheStoreIsDown() throws Exception {
        CachePort down = storeDown();

        assertThatThrownBy(() -> down.put(key("a"), bytes("x"), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> down.get(null)).isInstanceOf(NullPointerException.class);
    }
}
