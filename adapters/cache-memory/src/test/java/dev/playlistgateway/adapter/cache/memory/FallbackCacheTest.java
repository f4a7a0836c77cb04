package dev.playlistgateway.adapter.cache.memory;

import dev.playlistgateway.contract.CachePortContract;
import dev.playlistgateway.domain.port.CachePort;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class FallbackCacheTest {

    /** A primary that can be switched off: then it misses, drops writes and says it is unavailable. */
    static class SwitchableCache implements CachePort {
        final CachePort store;
        volatile boolean up = true;

        SwitchableCache(CachePort store) {
            this.store = store;
        }

        @Override
        public Optional<byte[]> get(String key) {
            return up ? store.get(key) : Optional.empty();
        }

        @Override
        public Map<String, byte[]> getAll(Collection<String> keys) {
            return up ? store.getAll(keys) : Map.of();
        }

        @Override
        public void put(String key, byte[] value, Duration ttl) {
            if (up) {
                store.put(key, value, ttl);
            }
        }

        @Override
        public void putAll(Map<String, byte[]> entries, Duration ttl) {
            if (up) {
                store.putAll(entries, ttl);
            }
        }

        @Override
        public void delete(Collection<String> keys) {
            if (up) {
                store.delete(keys);
            }
        }

        @Override
        public boolean isAvailable() {
            return up;
        }
    }

    /**
     * A primary that behaves as the Redis cache does: a call that finds its store down makes it
     * unavailable and starts a back-off window in which calls return at once without touching the
     * store; after the window one call probes, and only a probe that reaches a working store makes it
     * available again. Nothing else ever does.
     */
    static final class BackingOffCache implements CachePort {
        final CachePort store = InMemoryCache.create(1 << 20);
        final AtomicLong nanos = new AtomicLong();
        final long backoffNanos = Duration.ofSeconds(1).toNanos();
        volatile boolean storeUp = true;
        volatile boolean failing;
        volatile long failedAt;
        int storeCalls;

        /** True when this call may reach the store; false in the back-off window. */
        private synchronized boolean reach() {
            if (failing && nanos.get() - failedAt < backoffNanos) {
                return false;
            }
            storeCalls++;
            if (storeUp) {
                failing = false;
                return true;
            }
            failing = true;
            failedAt = nanos.get();
            return false;
        }

        @Override
        public Optional<byte[]> get(String key) {
            return reach() ? store.get(key) : Optional.empty();
        }

        @Override
        public Map<String, byte[]> getAll(Collection<String> keys) {
            return reach() ? store.getAll(keys) : Map.of();
        }

        @Override
        public void put(String key, byte[] value, Duration ttl) {
            if (reach()) {
                store.put(key, value, ttl);
            }
        }

        @Override
        public void putAll(Map<String, byte[]> entries, Duration ttl) {
            if (reach()) {
                store.putAll(entries, ttl);
            }
        }

        @Override
        public void delete(Collection<String> keys) {
            if (reach()) {
                store.delete(keys);
            }
        }

        @Override
        public boolean isAvailable() {
            return !failing;
        }
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** With the primary up (and, for the failure clause, down), the pair behaves as any CachePort must. */
    @Nested
    class WithThePrimaryUp extends CachePortContract {
        private final AtomicLong nanos = new AtomicLong();

        @Override
        protected CachePort cache() {
            return new FallbackCache(InMemoryCache.create(1 << 20, nanos::get), InMemoryCache.create(1 << 20, nanos::get));
        }

        /** The primary switched off: the pair then answers from memory, which the clause allows. */
        @Override
        protected CachePort cacheWithItsStoreDown() {
            SwitchableCache primary = new SwitchableCache(InMemoryCache.create(1 << 20));
            CachePort cache = new FallbackCache(primary, InMemoryCache.create(1 << 20));
            primary.up = false;
            return cache;
        }

        @Override
        protected void letTimePass(Duration duration) {
            nanos.addAndGet(duration.toNanos());
        }
    }

    @Test
    void whileThePrimaryIsDownReadsAndWritesUseMemoryInsteadOfMissing() {
        SwitchableCache primary = new SwitchableCache(InMemoryCache.create(1 << 20));
        CachePort cache = new FallbackCache(primary, InMemoryCache.create(1 << 20));

        primary.up = false;
        cache.put("k", bytes("v"), Duration.ofMinutes(1));

        assertThat(cache.get("k")).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("v")));
        assertThat(cache.getAll(List.of("k", "other"))).containsOnlyKeys("k");
        assertThat(cache.isAvailable()).as("health shows the shared store as it is").isFalse();
    }

    @Test
    void whenThePrimaryReturnsItIsReadAgain() {
        SwitchableCache primary = new SwitchableCache(InMemoryCache.create(1 << 20));
        CachePort cache = new FallbackCache(primary, InMemoryCache.create(1 << 20));
        primary.up = false;
        cache.put("k", bytes("from-memory"), Duration.ofMinutes(1));

        primary.up = true;
        primary.store.put("k", bytes("from-redis"), Duration.ofMinutes(1));

        assertThat(cache.get("k")).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("from-redis")));
    }

    @Test
    void aDeleteReachesTheFallbackSoAnInvalidationIsNotUndoneByTheNextOutage() {
        SwitchableCache primary = new SwitchableCache(InMemoryCache.create(1 << 20));
        CachePort cache = new FallbackCache(primary, InMemoryCache.create(1 << 20));
        primary.up = false;
        cache.put("playlist", bytes("old"), Duration.ofMinutes(1));
        primary.up = true;

        cache.delete(List.of("playlist"));
        primary.up = false;

        assertThat(cache.get("playlist")).isEmpty();
    }

    @Test
    void returnsToAPrimaryThatBacksOffOnceAProbeFindsItAnsweringAgain() {
        BackingOffCache primary = new BackingOffCache();
        CachePort cache = new FallbackCache(primary, InMemoryCache.create(1 << 20));
        primary.storeUp = false;
        cache.put("k", bytes("from-memory"), Duration.ofMinutes(1));
        assertThat(cache.isAvailable()).isFalse();

        primary.storeUp = true;
        primary.store.put("k", bytes("from-redis"), Duration.ofMinutes(1));
        // Within the back-off window the primary is not reached: memory answers, at once.
        primary.nanos.addAndGet(Duration.ofMillis(500).toNanos());
        assertThat(cache.get("k")).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("from-memory")));
        assertThat(cache.isAvailable()).isFalse();

        // Once the window has passed, the next call is the probe: it reaches the store, which answers.
        primary.nanos.addAndGet(Duration.ofMillis(600).toNanos());
        assertThat(cache.get("k")).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("from-redis")));
        assertThat(cache.isAvailable()).isTrue();
        cache.put("k2", bytes("v2"), Duration.ofMinutes(1));
        assertThat(primary.store.get("k2")).as("writes go to the primary again").isPresent();
    }

    @Test
    void whileThePrimaryBacksOffItIsAskedOncePerWindowNotOncePerCall() {
        BackingOffCache primary = new BackingOffCache();
        CachePort cache = new FallbackCache(primary, InMemoryCache.create(1 << 20));
        primary.storeUp = false;

        for (int second = 0; second < 5; second++) {
            for (int i = 0; i < 100; i++) {
                cache.getAll(List.of("a", "b"));
                cache.put("a", bytes("1"), Duration.ofMinutes(1));
            }
            primary.nanos.addAndGet(Duration.ofMillis(1_001).toNanos());
        }

        assertThat(primary.storeCalls).as("one probe per back-off window").isEqualTo(5);
        assertThat(cache.get("a")).as("answered from memory meanwhile").isPresent();
    }

    @Test
    void aReadThatFindsSomeKeysBeforeThePrimaryFailsTakesTheRestFromMemory() {
        SwitchableCache primary = new SwitchableCache(InMemoryCache.create(1 << 20)) {
            @Override
            public Map<String, byte[]> getAll(Collection<String> keys) {
                Map<String, byte[]> found = store.getAll(keys);
                up = false; // failed during this very call, after part of the answer
                return found;
            }
        };
        CachePort memory = InMemoryCache.create(1 << 20);
        CachePort cache = new FallbackCache(primary, memory);
        primary.store.put("a", bytes("from-redis"), Duration.ofMinutes(1));
        memory.put("b", bytes("from-memory"), Duration.ofMinutes(1));

        Map<String, byte[]> found = cache.getAll(List.of("a", "b"));

        assertThat(found).containsOnlyKeys("a", "b");
        assertThat(found.get("a")).isEqualTo(bytes("from-redis"));
    }
}
