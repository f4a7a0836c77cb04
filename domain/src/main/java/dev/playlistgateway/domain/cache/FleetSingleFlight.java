package dev.playlistgateway.domain.cache;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link SingleFlight} for every gateway instance on one store: the in-process single flight joins
 * the loads of this instance, and a {@link FlightLeases lease} per key it would load decides which
 * instance loads it. A key leased by another instance is waited for, by polling its lease, until it
 * is given back (the holder stored the value) or lapses (the holder died or is slow), and then read
 * from the cache; what the cache does not have, the caller leases and loads itself. Nobody waits for
 * another instance's keys for longer than two leases: then it loads them without one.
 */
final class FleetSingleFlight implements SingleFlight {

    private final SingleFlight local = new InProcessSingleFlight();
    private final FlightLeases leases;
    private final Duration lease;
    private final long pollMillis;

    FleetSingleFlight(FlightLeases leases, Duration lease, Duration poll) {
        this.leases = Objects.requireNonNull(leases, "leases");
        this.lease = requirePositive(lease, "lease");
        this.pollMillis = Math.max(1, requirePositive(poll, "poll").toMillis());
    }

    private static Duration requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
        return duration;
    }

    @Override
    public long landed() {
        return local.landed();
    }

    @Override
    public <V> Claim<V> claim(Collection<String> keys) {
        Claim<V> here = local.claim(keys);
        Set<String> taken = here.mine().isEmpty() ? Set.of() : leases.take(here.mine(), lease);
        return new FleetClaim<>(here, taken);
    }

    private final class FleetClaim<V> implements Claim<V> {
        private final Claim<V> here;
        private final Set<String> mine;
        /** Leases taken and not yet given back; completions may come from several threads. */
        private final Set<String> leased = ConcurrentHashMap.newKeySet();
        /** Keys another instance holds the lease of; only the reading thread touches it. */
        private final Set<String> elsewhere = new LinkedHashSet<>();
        private final long waitUntil = System.nanoTime() + lease.multipliedBy(2).toNanos();

        FleetClaim(Claim<V> here, Set<String> taken) {
            this.here = here;
            this.mine = Collections.unmodifiableSet(new LinkedHashSet<>(taken)); // in the order asked: upstream sees ids in that order
            this.leased.addAll(taken);
            here.mine().stream().filter(key -> !taken.contains(key)).forEach(elsewhere::add);
        }

        @Override
        public Set<String> mine() {
            return mine;
        }

        @Override
        public Set<String> theirs() {
            return here.theirs();
        }

        @Override
        public Set<String> elsewhere() {
            return Collections.unmodifiableSet(new LinkedHashSet<>(elsewhere));
        }

        /** We took leases after our cache read: another instance may have landed those keys just before. */
        @Override
        public boolean mayHaveLandedElsewhere() {
            return !mine.isEmpty();
        }

        @Override
        public void complete(String key, V value) {
            here.complete(key, value);
            giveBack(key);
        }

        @Override
        public void fail(String key, Throwable failure) {
            here.fail(key, failure);
            giveBack(key);
        }

        private void giveBack(String key) {
            if (leased.remove(key)) {
                leases.giveBack(List.of(key));
            }
        }

        @Override
        public Set<String> awaitElsewhere() {
            while (!elsewhere.isEmpty()) {
                Set<String> landed = new LinkedHashSet<>(elsewhere);
                if (System.nanoTime() - waitUntil < 0) {
                    landed.removeAll(leases.held(elsewhere));
                }
                if (!landed.isEmpty()) {
                    elsewhere.removeAll(landed);
                    return landed;
                }
                try {
                    Thread.sleep(pollMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    landed = new LinkedHashSet<>(elsewhere);
                    elsewhere.clear();
                    return landed;
                }
            }
            return Set.of();
        }

        @Override
        public Set<String> takeOver(Set<String> keys) {
            if (keys.isEmpty() || System.nanoTime() - waitUntil >= 0 || Thread.currentThread().isInterrupted()) {
                return keys; // waited long enough: load them, lease or not
            }
            Set<String> taken = leases.take(keys, lease);
            leased.addAll(taken);
            keys.stream().filter(key -> !taken.contains(key)).forEach(elsewhere::add);
            return taken;
        }

        @Override
        public void release() {
            here.release();
            if (!leased.isEmpty()) {
                List<String> left = List.copyOf(leased);
                leased.removeAll(left);
                leases.giveBack(left);
            }
        }

        @Override
        public V await(String key) {
            return here.await(key);
        }
    }
}
