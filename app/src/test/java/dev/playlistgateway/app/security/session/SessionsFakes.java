package dev.playlistgateway.app.security.session;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.playlistgateway.app.security.SecuritySettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Fakes for unit tests of {@link Sessions}: one hand-moved time for both clocks, and a store that can be down. */
final class SessionsFakes {
    private SessionsFakes() {
    }

    /** Wall clock and ticker that move together, only when told. */
    static final class FakeTime extends Clock implements Ticker {
        private final AtomicLong nanos = new AtomicLong();
        private final Instant start = Instant.parse("2026-03-01T12:00:00Z");

        void advance(Duration by) {
            nanos.addAndGet(by.toNanos());
        }

        @Override
        public long read() {
            return nanos.get();
        }

        @Override
        public Instant instant() {
            return start.plusNanos(nanos.get());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    /** A store in a map that can be made unreachable, and counts the calls that reached it. */
    static class SwitchableStore implements SessionStore {
        final Map<String, String> values = new HashMap<>();
        final AtomicInteger reads = new AtomicInteger();
        final AtomicInteger writes = new AtomicInteger();
        private volatile boolean down;

        void down() {
            down = true;
        }

        void up() {
            down = false;
        }

        /** Redis restarted without persistence. */
        synchronized void lose() {
            values.clear();
        }

        private void reach() {
            if (down) {
                throw new SessionStoreUnavailable("the test store is down", null);
            }
        }

        @Override
        public synchronized void put(String key, String value, Duration ttl) {
            reach();
            writes.incrementAndGet();
            values.put(key, value);
        }

        @Override
        public synchronized boolean replace(String key, @Nullable String expected, String value, Duration ttl) {
            reach();
            writes.incrementAndGet();
            String current = values.get(key);
            if (current == null || (expected != null && !expected.equals(current))) {
                return false;
            }
            values.put(key, value);
            return true;
        }

        @Override
        public synchronized Optional<String> get(String key) {
            reach();
            reads.incrementAndGet();
            return Optional.ofNullable(values.get(key));
        }

        @Override
        public synchronized void delete(String key) {
            reach();
            writes.incrementAndGet();
            values.remove(key);
        }
    }

    static final JsonMapper JSON = JsonMapper.createDefault();
    static final SecuritySettings.SessionMemory DEFAULT_MEMORY =
            new SecuritySettings.SessionMemory(Duration.ofSeconds(5), Duration.ofMinutes(5), 10_000);

    static TokenCipher cipher(int seed) {
        byte[] key = new byte[32];
        key[0] = (byte) seed;
        return new TokenCipher(key);
    }

    /** Sessions over {@code store} with the default memory settings and a 1 s back-off. */
    static Sessions sessions(SessionStore store, TokenCipher cipher, FakeTime time, MeterRegistry meters) {
        return sessions(store, cipher, time, meters, DEFAULT_MEMORY);
    }

    static Sessions sessions(SessionStore store, TokenCipher cipher, FakeTime time, MeterRegistry meters,
                             SecuritySettings.SessionMemory memory) {
        SessionStoreOutage outage = new SessionStoreOutage(Duration.ofSeconds(1), memory.outageGrace(), Duration.ofHours(1),
                meters, time::read);
        return new Sessions(store, cipher, JSON, time, time, Duration.ofDays(7), memory, Duration.ofMillis(500), outage);
    }

    /** Sessions with real time and no memory copies: every call reaches the store. */
    static Sessions storeOnly(SessionStore store, TokenCipher cipher, Clock clock) {
        SecuritySettings.SessionMemory none = new SecuritySettings.SessionMemory(Duration.ZERO, Duration.ZERO, 1);
        SessionStoreOutage outage = new SessionStoreOutage(Duration.ofSeconds(1), Duration.ZERO, Duration.ofHours(1),
                new SimpleMeterRegistry(), System::nanoTime);
        return new Sessions(store, cipher, JSON, clock, Ticker.systemTicker(), Duration.ofDays(7), none, Duration.ofMillis(500), outage);
    }
}
