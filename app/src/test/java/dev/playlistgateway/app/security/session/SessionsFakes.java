package dev.playlistgateway.app.security.session;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.playlistgateway.app.security.SecuritySettings;
import dev.playlistgateway.domain.fake.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** Fakes for unit tests of {@link Sessions}: a store that can be down; time is a {@link MutableClock}, also their ticker. */
final class SessionsFakes {
    private SessionsFakes() {
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
    static Sessions sessions(SessionStore store, TokenCipher cipher, MutableClock time, MeterRegistry meters) {
        return sessions(store, cipher, time, meters, DEFAULT_MEMORY);
    }

    static Sessions sessions(SessionStore store, TokenCipher cipher, MutableClock time, MeterRegistry meters,
                             SecuritySettings.SessionMemory memory) {
        SessionStoreOutage outage = new SessionStoreOutage(Duration.ofSeconds(1), memory.outageGrace(), Duration.ofHours(1),
                meters, time::nanos);
        return new Sessions(store, cipher, JSON, time, time::nanos, Duration.ofDays(7), memory, Duration.ofMillis(500), outage);
    }

    /** Sessions with real time and no memory copies: every call reaches the store. */
    static Sessions storeOnly(SessionStore store, TokenCipher cipher, Clock clock) {
        SecuritySettings.SessionMemory none = new SecuritySettings.SessionMemory(Duration.ZERO, Duration.ZERO, 1);
        SessionStoreOutage outage = new SessionStoreOutage(Duration.ofSeconds(1), Duration.ZERO, Duration.ofHours(1),
                new SimpleMeterRegistry(), System::nanoTime);
        return new Sessions(store, cipher, JSON, clock, Ticker.systemTicker(), Duration.ofDays(7), none, Duration.ofMillis(500), outage);
    }
}
