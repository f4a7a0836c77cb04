package dev.playlistgateway.domain.cache;

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
 * <p><b>Threads:</b> implementations MUST be safe for concurrent use; a claim belongs to one read, whose
 * loads may run on several threads. {@link #inProcess()} is the implementation the gateway uses: it
 * collapses the loads of one process.
 */
public interface SingleFlight {

    /** Single flight within this process. */
    static SingleFlight inProcess() {
        return new InProcessSingleFlight();
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
    }
}
