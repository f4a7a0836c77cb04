package dev.playlistgateway.domain.cache;

import java.time.Duration;
import java.util.Collection;
import java.util.Set;

/**
 * Collapses concurrent loads of the same keys into one: a caller {@linkplain #claim claims} the keys
 * nobody else is loading, loads them, and waits for the rest. Keys are full cache keys, which carry
 * the user for user-scoped data, so callers never share another user's load.
 *
 * <p><b>Protocol</b> ({@link ReadThrough} follows it): claim; {@linkplain Claim#complete complete} or
 * {@linkplain Claim#fail fail} each key of {@link Claim#mine()} once its value is stored;
 * {@link Claim#release()} in a finally, before awaiting anything; then {@link Claim#await} each key of
 * {@link Claim#theirs()}. Under it, implementations MUST be deadlock free (a caller finishes or abandons
 * its own loads before it waits on anybody else's), MUST NOT let a key be claimed by two callers at once,
 * and MUST fail the joiners of a key whose claimer released it without a value rather than hang them.
 *
 * <p>A caller that read the cache, missed, and claimed a key only after another caller's flight for it
 * had landed would load it a second time. {@link #landed()} lets it notice: the count moves whenever a
 * flight lands (after the loader stored its values, before the key is free to claim again), so a caller
 * that sees it moved since its cache read reads the cache again for what it claimed.
 *
 * <p><b>Across instances</b> ({@link #acrossInstances}): a claim may also name keys that another gateway
 * instance is loading ({@link Claim#elsewhere()}). Their values cannot be handed over: the caller, after
 * loading its own, waits with {@link Claim#awaitElsewhere()} until their flights land, reads the cache
 * for them, and {@linkplain Claim#takeOver takes over} what the cache does not have (the other instance
 * failed, died, or upstream does not know the key), loading it as its own. All before {@code release()}.
 *
 * <p><b>Threads:</b> implementations MUST be safe for concurrent use; a claim belongs to one read, whose
 * loads may run on several threads. {@link #inProcess()} collapses the loads of one process;
 * {@link #acrossInstances} those of every instance on one store.
 */
public interface SingleFlight {

    /** Single flight within this process. */
    static SingleFlight inProcess() {
        return new InProcessSingleFlight();
    }

    /**
     * Single flight for every instance on one store: joins within this process, and leases each key it
     * would load, for {@code lease}, so that one instance loads it while the others wait and read the
     * cache. {@code poll} is how often a waiter looks whether a lease is gone.
     */
    static SingleFlight acrossInstances(FlightLeases leases, Duration lease, Duration poll) {
        return new FleetSingleFlight(leases, lease, poll);
    }

    /** Moves whenever a claim is released; read it before a cache read, compare after claiming. */
    long landed();

    /** Claims the keys nobody is loading and joins the flights of the others. */
    <V> Claim<V> claim(Collection<String> keys);

    /**
     * The keys of one caller: those it must load ({@link #mine()}), completing each, and those it joined
     * ({@link #theirs()}), read with {@link #await}. {@link #release()} MUST be called, in a finally,
     * before awaiting anything.
     *
     * @param <V> the type of the values loaded
     */
    interface Claim<V> {

        Set<String> mine();

        Set<String> theirs();

        /** Hands the value (null: upstream does not know the key) to everyone waiting on a claimed key. */
        void complete(String key, V value);

        /** Hands the failure to everyone waiting on a claimed key. */
        void fail(String key, Throwable failure);

        /** Ends this caller's flights: any claimed key not completed fails, and all may be claimed again. */
        void release();

        /**
         * What another caller's flight produced for a joined key: the value, or null when upstream does not
         * know it; its failure is thrown (a {@code MusicDataException} for anything but a programming error).
         */
        V await(String key);

        /** Keys another instance is loading, claimed here but not to load yet; none within one process. */
        default Set<String> elsewhere() {
            return Set.of();
        }

        /**
         * True when another instance's flight may have stored some of {@link #mine()} since the caller's
         * cache read (its lease was given back just before ours was taken): read the cache again first.
         */
        default boolean mayHaveLandedElsewhere() {
            return false;
        }

        /**
         * Waits until the flight of at least one key of {@link #elsewhere()} lands or its lease lapses, and
         * answers those keys, no longer elsewhere: the caller reads the cache for them, completes what it
         * finds, and passes the rest to {@link #takeOver}. Empty once nothing is elsewhere. Bounded:
         * implementations MUST answer every key within a bound of their own, landed or not.
         */
        default Set<String> awaitElsewhere() {
            return Set.of();
        }

        /**
         * Of keys answered by {@link #awaitElsewhere()} that the cache did not have, those the caller now
         * loads and completes like {@link #mine()}; the others went back to {@link #elsewhere()}.
         */
        default Set<String> takeOver(Set<String> keys) {
            return keys;
        }
    }
}
