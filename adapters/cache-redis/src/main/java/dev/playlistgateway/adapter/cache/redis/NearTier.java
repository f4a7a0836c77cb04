package dev.playlistgateway.adapter.cache.redis;

import dev.playlistgateway.domain.cache.FlightLeases;
import dev.playlistgateway.domain.cache.SharedCounts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

import java.time.Duration;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * The near tier: values read from or written to Redis, held in this process for at most the near TTL,
 * dropped when another instance says it changed them, all of them when the channel comes back.
 *
 * <p>A value read from Redis is kept only if no change to its key was heard while it was read (the
 * read may have fetched the old version and lost the race with the invalidation) nor within the
 * {@link #QUARANTINE} before (the change's PUBLISH travels on another connection than its SET, so it
 * may reach Redis first and a read right after it still see the old value). It is put if absent and
 * taken back if a change came meanwhile, so a value this instance just wrote is never replaced by
 * an older one a concurrent read brought.
 */
final class NearTier implements NearCache, Invalidations.Listener {

    /** Longer than two connections to one Redis can reorder a SET and its PUBLISH. */
    static final Duration QUARANTINE = Duration.ofSeconds(1);

    /** Caffeine's node, the map's, the holder, the array and key headers (as the memory adapter measured). */
    private static final int ENTRY_OVERHEAD_BYTES = 192;

    /** A value and how long it may be held; identity matters (a conditional remove takes back only its own). */
    private static final class Held {
        final byte[] value;
        final long ttlNanos;

        Held(byte[] value, long ttlNanos) {
            this.value = value;
            this.ttlNanos = ttlNanos;
        }
    }

    private final RedisCache redis;
    private final Invalidations channel;
    private final long ttlNanos;
    private final long quarantineNanos;
    private final Ticker ticker;
    private final Cache<String, Held> near;
    /**
     * Keys changed within the quarantine: reads of them are not kept. Bounded for a burst of writes
     * beyond any real one (a cold 50 x 100 query writes about 5,000 keys); a key pushed out early may
     * at worst be held stale for the near TTL.
     */
    private final Cache<String, Boolean> recentlyChanged;
    /** Moves on every flush: a read that began before one is not kept. */
    private final AtomicLong flushes = new AtomicLong();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder invalidated = new LongAdder();
    /**
     * The Redis reads in flight, by key: a call that misses a key another call is reading joins that read
     * (after the near TTL, every concurrent response-cache hit would otherwise read the same thousands of
     * keys). A change to a key through this instance, or heard from another, detaches it, once the change
     * has been sent to Redis: a call that begins after a change never joins a read that began before it.
     */
    private final ConcurrentHashMap<String, CompletableFuture<Map<String, byte[]>>> reading = new ConcurrentHashMap<>();

    NearTier(RedisCache redis, NearCacheSettings settings, Function<Invalidations.Listener, Invalidations> channel,
             Ticker ticker) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.ttlNanos = settings.ttl().toNanos();
        this.quarantineNanos = Math.min(QUARANTINE.toNanos(), ttlNanos);
        this.ticker = ticker;
        this.near = Caffeine.newBuilder()
                .maximumWeight(settings.maxBytes())
                .weigher((String key, Held held) -> (int) Math.min(Integer.MAX_VALUE,
                        2L * key.length() + held.value.length + ENTRY_OVERHEAD_BYTES))
                .expireAfter(new Expiry<String, Held>() {
                    @Override
                    public long expireAfterCreate(String key, Held held, long now) {
                        return held.ttlNanos;
                    }

                    @Override
                    public long expireAfterUpdate(String key, Held held, long now, long remaining) {
                        return held.ttlNanos;
                    }

                    @Override
                    public long expireAfterRead(String key, Held held, long now, long remaining) {
                        return remaining;
                    }
                })
                .ticker(ticker)
                .build();
        this.recentlyChanged = Caffeine.newBuilder()
                .expireAfterWrite(Duration.ofNanos(quarantineNanos))
                .maximumSize(200_000)
                .ticker(ticker)
                .build();
        this.channel = channel.apply(this);
    }

    @Override
    public Optional<byte[]> get(String key) {
        Objects.requireNonNull(key, "key");
        Held held = near.getIfPresent(key);
        if (held != null) {
            hits.increment();
            return Optional.of(held.value);
        }
        misses.increment();
        long flush = flushes.get();
        long began = ticker.read();
        Optional<byte[]> read = redis.get(key);
        read.ifPresent(value -> keep(key, value, flush, began));
        return read;
    }

    /**
     * One Caffeine bulk read (one clock read for the whole batch, where a read per key costs one each);
     * when every key is held, the held values as they are, through a view rather than a second map (a
     * response-cache hit asks for thousands of keys that are all here).
     */
    @Override
    public Map<String, byte[]> getAll(Collection<String> keys) {
        Objects.requireNonNull(keys, "keys");
        for (String key : keys) {
            Objects.requireNonNull(key, "key");
        }
        Map<String, Held> held = near.getAllPresent(keys);
        hits.add(held.size());
        if (held.size() == keys.size()) {
            return new HeldValues(held);
        }
        List<String> absent = new ArrayList<>();
        for (String key : keys) {
            if (!held.containsKey(key)) {
                absent.add(key);
            }
        }
        Map<String, byte[]> found = new HashMap<>((held.size() + absent.size()) * 2);
        held.forEach((key, value) -> found.put(key, value.value));
        if (absent.isEmpty()) {
            return found; // the keys repeat one another
        }
        misses.add(absent.size());
        // Keys another call is reading from Redis right now are taken from its read rather than read again.
        CompletableFuture<Map<String, byte[]>> mine = new CompletableFuture<>();
        List<String> toRead = new ArrayList<>();
        Map<CompletableFuture<Map<String, byte[]>>, List<String>> joined = new HashMap<>();
        for (String key : absent) {
            CompletableFuture<Map<String, byte[]>> other = reading.putIfAbsent(key, mine);
            if (other == null) {
                toRead.add(key);
            } else if (other != mine) {
                joined.computeIfAbsent(other, ignored -> new ArrayList<>()).add(key);
            }
        }
        if (!toRead.isEmpty()) {
            try {
                long flush = flushes.get();
                long began = ticker.read();
                Map<String, byte[]> read = redis.getAll(toRead);
                read.forEach((key, value) -> keep(key, value, flush, began));
                found.putAll(read);
                mine.complete(read);
            } catch (RuntimeException | Error e) {
                mine.complete(Map.of()); // those who joined miss; this caller sees the programming error
                throw e;
            } finally {
                for (String key : toRead) {
                    reading.remove(key, mine);
                }
            }
        }
        joined.forEach((read, joinedKeys) -> {
            Map<String, byte[]> values = read.join();
            for (String key : joinedKeys) {
                byte[] value = values.get(key);
                if (value != null) {
                    found.put(key, value);
                }
            }
        });
        return found;
    }

    /** The values of a bulk read's held entries, read-only, without copying them into a map of their own. */
    private static final class HeldValues extends AbstractMap<String, byte[]> {
        private final Map<String, Held> held;

        HeldValues(Map<String, Held> held) {
            this.held = held;
        }

        @Override
        public byte[] get(Object key) {
            Held value = held.get(key);
            return value == null ? null : value.value;
        }

        @Override
        public boolean containsKey(Object key) {
            return held.containsKey(key);
        }

        @Override
        public int size() {
            return held.size();
        }

        @Override
        public Set<Entry<String, byte[]>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public int size() {
                    return held.size();
                }

                @Override
                public Iterator<Entry<String, byte[]>> iterator() {
                    Iterator<Entry<String, Held>> entries = held.entrySet().iterator();
                    return new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return entries.hasNext();
                        }

                        @Override
                        public Entry<String, byte[]> next() {
                            Entry<String, Held> entry = entries.next();
                            return new SimpleImmutableEntry<>(entry.getKey(), entry.getValue().value);
                        }
                    };
                }
            };
        }
    }

    private void keep(String key, byte[] value, long flush, long began) {
        if (ticker.read() - began >= quarantineNanos || recentlyChanged.getIfPresent(key) != null) {
            return; // a change older than the quarantine may have crossed this read unnoticed
        }
        Held held = new Held(value, ttlNanos);
        if (near.asMap().putIfAbsent(key, held) == null
                && (flushes.get() != flush || recentlyChanged.getIfPresent(key) != null)) {
            near.asMap().remove(key, held);
        }
    }

    @Override
    public void put(String key, byte[] value, Duration ttl) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        long nanos = positiveNanos(ttl);
        recentlyChanged.put(key, Boolean.TRUE);
        near.put(key, new Held(value, Math.min(nanos, ttlNanos)));
        redis.put(key, value, ttl);
        detach(List.of(key));
        channel.publish(List.of(key));
    }

    @Override
    public void putAll(Map<String, byte[]> entries, Duration ttl) {
        Objects.requireNonNull(entries, "entries");
        long nanos = Math.min(positiveNanos(ttl), ttlNanos);
        if (entries.isEmpty()) {
            return;
        }
        Map<String, Held> held = new HashMap<>(entries.size() * 2);
        entries.forEach((key, value) -> {
            Objects.requireNonNull(value, "value");
            recentlyChanged.put(Objects.requireNonNull(key, "key"), Boolean.TRUE);
            held.put(key, new Held(value, nanos));
        });
        near.putAll(held);
        redis.putAll(entries, ttl);
        detach(entries.keySet());
        channel.publish(entries.keySet());
    }

    @Override
    public void delete(Collection<String> keys) {
        Objects.requireNonNull(keys, "keys");
        if (keys.isEmpty()) {
            return;
        }
        forget(keys);
        redis.delete(keys);
        detach(keys);
        channel.publish(keys);
    }

    /**
     * Later calls read these keys from Redis themselves: a read in flight may have been sent before the
     * change. Called once the change has been sent (reads and writes share one connection, in order).
     */
    private void detach(Collection<String> keys) {
        if (reading.isEmpty()) {
            return;
        }
        for (String key : keys) {
            reading.remove(key);
        }
    }

    private void forget(Collection<String> keys) {
        for (String key : keys) {
            recentlyChanged.put(Objects.requireNonNull(key, "key"), Boolean.TRUE);
        }
        near.invalidateAll(keys);
    }

    private static long positiveNanos(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, was " + ttl);
        }
        return ttl.toNanos();
    }

    @Override
    public void invalidated(List<String> keys) {
        forget(keys);
        detach(keys);
        invalidated.add(keys.size());
    }

    @Override
    public void resubscribed() {
        flushes.incrementAndGet();
        near.invalidateAll();
        reading.clear();
    }

    @Override
    public boolean isAvailable() {
        return redis.isAvailable();
    }

    @Override
    public Stats stats() {
        return new Stats(hits.sum(), misses.sum(), invalidated.sum(), flushes.get(), near.estimatedSize(), channel.isUp());
    }

    // Leases and counts go through the Redis cache's own connection, so a lease given back after a value's
    // write still reaches Redis after it (the near tier adds no connection of its own for them).
    @Override
    public FlightLeases flightLeases() {
        return redis.flightLeases();
    }

    @Override
    public SharedCounts sharedCounts() {
        return redis.sharedCounts();
    }

    @Override
    public void close() {
        channel.close();
        redis.close();
    }
}
