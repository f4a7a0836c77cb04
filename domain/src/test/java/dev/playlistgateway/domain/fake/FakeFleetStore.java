package dev.playlistgateway.domain.fake;

import dev.playlistgateway.domain.cache.FlightLeases;
import dev.playlistgateway.domain.cache.SharedCounts;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What gateway instances share besides the cache, as Redis would hold it: leases that lapse on real
 * time, and counters. Each {@link #instance} is one gateway's view (its own lease token). Can play an
 * unreachable store, and counts the round trips of the counters.
 */
public final class FakeFleetStore {

    private record Lease(String holder, long lapsesAt) {
        boolean lapsed() {
            return System.nanoTime() - lapsesAt >= 0;
        }
    }

    private final Map<String, Lease> leases = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final AtomicInteger countReads = new AtomicInteger();
    private volatile boolean down;

    /** Every call from now on fails as an unreachable store does (or works again). */
    public void down(boolean down) {
        this.down = down;
    }

    /** How many times a count was read. */
    public int countReads() {
        return countReads.get();
    }

    /** A lease on {@code key} held by an instance that will never give it back (it died). */
    public void leaseHeldByADeadInstance(String key, Duration lease) {
        leases.put(key, new Lease("dead", System.nanoTime() + lease.toNanos()));
    }

    /** The leases of one gateway instance. */
    public FlightLeases leasesOf(String instance) {
        return new FlightLeases() {
            @Override
            public Set<String> take(Collection<String> keys, Duration lease) {
                if (down) {
                    return Set.copyOf(keys);
                }
                Set<String> taken = new LinkedHashSet<>();
                for (String key : keys) {
                    Lease mine = new Lease(instance, System.nanoTime() + lease.toNanos());
                    Lease now = leases.compute(key, (k, held) -> held == null || held.lapsed() ? mine : held);
                    if (now == mine) {
                        taken.add(key);
                    }
                }
                return taken;
            }

            @Override
            public Set<String> held(Collection<String> keys) {
                if (down) {
                    return Set.of();
                }
                Set<String> held = new LinkedHashSet<>();
                keys.forEach(key -> {
                    Lease lease = leases.get(key);
                    if (lease != null && !lease.lapsed()) {
                        held.add(key);
                    }
                });
                return held;
            }

            @Override
            public void giveBack(Collection<String> keys) {
                if (!down) {
                    keys.forEach(key -> leases.computeIfPresent(key, (k, held) -> held.holder().equals(instance) ? null : held));
                }
            }
        };
    }

    /** The shared counters, as every instance sees them. */
    public SharedCounts counts() {
        return new SharedCounts() {
            @Override
            public OptionalLong get(String name) {
                countReads.incrementAndGet();
                return down ? OptionalLong.empty() : OptionalLong.of(counts.computeIfAbsent(name, n -> new AtomicLong()).get());
            }

            @Override
            public boolean increment(String name) {
                if (down) {
                    return false;
                }
                counts.computeIfAbsent(name, n -> new AtomicLong()).incrementAndGet();
                return true;
            }
        };
    }
}
