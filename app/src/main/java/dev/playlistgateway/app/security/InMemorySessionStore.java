package dev.playlistgateway.app.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sessions in this process's memory: the default. They end with the process and are not shared
 * between instances. Sessions are only made by a successful Spotify sign-in, so the map grows with
 * real users, not with requests; expired entries are swept every few hundred writes. Thread safe.
 */
final class InMemorySessionStore implements SessionStore {
    private static final int SWEEP_EVERY = 256;

    private record Entry(String value, long expiresAtMillis) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicInteger writes = new AtomicInteger();
    private final Clock clock;

    InMemorySessionStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        long now = clock.millis();
        entries.put(key, new Entry(value, now + ttl.toMillis()));
        if (writes.incrementAndGet() % SWEEP_EVERY == 0) {
            entries.values().removeIf(entry -> entry.expiresAtMillis() <= now);
        }
    }

    @Override
    public Optional<String> get(String key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (entry.expiresAtMillis() <= clock.millis()) {
            entries.remove(key, entry);
            return Optional.empty();
        }
        return Optional.of(entry.value());
    }

    @Override
    public void delete(String key) {
        entries.remove(key);
    }

    /** How many entries are held, expired ones not yet swept included (for tests). */
    int size() {
        return entries.size();
    }
}
