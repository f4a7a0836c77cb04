package dev.playlistgateway.domain.cache;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Short leases on cache keys, shared by every gateway instance on one store: the part of
 * {@link SingleFlight#acrossInstances single flight across instances} that a store (Redis) provides.
 * The instance that takes a key's lease loads the key; the others wait until it is given back or
 * lapses, then read the cache. A lease lapses by itself after the time it was taken for, so a holder
 * that died cannot keep others waiting longer than that.
 *
 * <p><b>Failures:</b> a lease is an optimisation, never a source of errors. Implementations MUST NOT
 * throw because the store is unreachable or slow: {@link #take} then answers every key (each
 * instance loads for itself, as with no store), {@link #held} answers none, and {@link #giveBack} is
 * dropped. Only programming errors (null arguments) throw.
 *
 * <p><b>Threads:</b> implementations MUST be safe for concurrent use.
 */
public interface FlightLeases {

    /** No store: every lease is taken at once, none is ever held by anyone else. */
    FlightLeases NONE = new FlightLeases() {
        @Override
        public Set<String> take(Collection<String> keys, Duration lease) {
            return Collections.unmodifiableSet(new LinkedHashSet<>(keys));
        }

        @Override
        public Set<String> held(Collection<String> keys) {
            return Set.of();
        }

        @Override
        public void giveBack(Collection<String> keys) {
            // nothing was taken
        }
    };

    /**
     * Takes the lease of each key that nobody holds, for {@code lease} (positive). Answers the keys
     * taken, in the order of {@code keys}; a key held by anyone, this instance included, is not. With
     * the store unreachable: all keys.
     */
    Set<String> take(Collection<String> keys, Duration lease);

    /** The keys among {@code keys} whose lease someone holds now. With the store unreachable: none. */
    Set<String> held(Collection<String> keys);

    /**
     * Gives back the leases this instance took on {@code keys}; a lease that lapsed and was taken by
     * another instance since MUST be left alone. Implementations MAY send it without waiting, but MUST
     * keep it after any write this instance sent earlier for the same key, so that whoever sees the
     * lease gone also sees what its holder stored.
     */
    void giveBack(Collection<String> keys);
}
