package dev.playlistgateway.domain.fake;

import dev.playlistgateway.domain.port.CachePort;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A {@link CachePort} over a map, honouring each entry's TTL against a clock the test controls.
 * Counts round trips, can play an unreachable store (every read misses, every write is dropped),
 * and can run a hook after each batch read so a test can hold a thread between "missed" and
 * "went upstream".
 */
public final class FakeCache implements CachePort {

    private record Stored(byte[] value, Instant expiresAt) {
    }

    private final Clock clock;
    private final Map<String, Stored> entries = new ConcurrentHashMap<>();
    private final AtomicInteger getAllCalls = new AtomicInteger();
    private final AtomicInteger getCalls = new AtomicInteger();
    private final AtomicInteger writes = new AtomicInteger();
    private volatile boolean available = true;
    private volatile boolean honourTtl = true;
    private volatile Consumer<Collection<String>> afterGetAll = keys -> {
    };

    public FakeCache(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
    }

    /** A store that cannot be reached: all misses, writes dropped, {@link #isAvailable()} false. */
    public FakeCache unavailable() {
        available = false;
        return this;
    }

    /** A store that keeps entries past their TTL (a misbehaving or lagging store). */
    public FakeCache ignoringTtl() {
        honourTtl = false;
        return this;
    }

    /** Runs after every {@link #getAll} with the keys asked, on the caller's thread. */
    public void afterGetAll(Consumer<Collection<String>> hook) {
        afterGetAll = Objects.requireNonNull(hook);
    }

    @Override
    public Optional<byte[]> get(String key) {
        Objects.requireNonNull(key);
        getCalls.incrementAndGet();
        return Optional.ofNullable(read(key));
    }

    @Override
    public Map<String, byte[]> getAll(Collection<String> keys) {
        keys.forEach(Objects::requireNonNull);
        getAllCalls.incrementAndGet();
        Map<String, byte[]> found = new HashMap<>();
        for (String key : keys) {
            byte[] value = read(key);
            if (value != null) {
                found.put(key, value);
            }
        }
        afterGetAll.accept(keys);
        return found;
    }

    private byte[] read(String key) {
        if (!available) {
            return null;
        }
        Stored stored = entries.get(key);
        if (stored == null) {
            return null;
        }
        if (honourTtl && !clock.instant().isBefore(stored.expiresAt())) {
            entries.remove(key, stored);
            return null;
        }
        return stored.value().clone();
    }

    @Override
    public void put(String key, byte[] value, Duration ttl) {
        Objects.requireNonNull(key);
        Objects.requireNonNull(value);
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, was " + ttl);
        }
        if (key.length() > 512 || !key.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("not a valid key: " + key);
        }
        writes.incrementAndGet();
        if (available) {
            entries.put(key, new Stored(value.clone(), clock.instant().plus(ttl)));
        }
    }

    @Override
    public void putAll(Map<String, byte[]> values, Duration ttl) {
        values.forEach((key, value) -> put(key, value, ttl));
    }

    @Override
    public void delete(Collection<String> keys) {
        if (available) {
            keys.forEach(entries::remove);
        }
    }

    @Override
    public boolean isAvailable() {
        return available;
    }

    // ---- for tests

    /** Overwrites what is stored under every key matching {@code contains} with {@code garbage}. */
    public int corrupt(String contains, byte[] garbage) {
        int n = 0;
        for (Map.Entry<String, Stored> entry : entries.entrySet()) {
            if (entry.getKey().contains(contains)) {
                entry.setValue(new Stored(garbage.clone(), entry.getValue().expiresAt()));
                n++;
            }
        }
        return n;
    }

    public Set<String> keys() {
        return new TreeSet<>(entries.keySet());
    }

    public boolean containsKeyWith(String part) {
        return entries.keySet().stream().anyMatch(key -> key.contains(part));
    }

    public int getAllCalls() {
        return getAllCalls.get();
    }

    public int getCalls() {
        return getCalls.get();
    }

    public int writes() {
        return writes.get();
    }

    public void resetCounts() {
        getAllCalls.set(0);
        getCalls.set(0);
        writes.set(0);
    }

    public void clear() {
        entries.clear();
    }
}
