package dev.playlistgateway.adapter.cache.memory;

import com.github.benmanes.caffeine.cache.Ticker;
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
    static final class SwitchableCache implements CachePort {
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

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** With the primary up, the pair behaves as any CachePort must. */
    @Nested
    class WithThePrimaryUp extends CachePortContract {
        private final AtomicLong nanos = new AtomicLong();

        @Override
        protected CachePort cache() {
            Ticker ticker = nanos::get;
            return new FallbackCache(InMemoryCache.create(1 << 20, ticker), InMemoryCache.create(1 << 20, ticker));
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
}
