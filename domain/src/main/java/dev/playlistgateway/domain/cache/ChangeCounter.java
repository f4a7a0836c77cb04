package dev.playlistgateway.domain.cache;

/**
 * Counts the changes made through the gateway, per kind of data they change, so that a read which
 * began before a change does not store what may be the old version. A read takes a {@link #mark()}
 * before it goes upstream; a change calls {@link #changing} before it is made upstream; what the read
 * brought is stored only if its mark has not seen a change of that kind ({@link EntryStore#putRead}).
 *
 * <p>Coarse on purpose: any change of a kind (any playlist's, not only the one read) outdates every
 * read of that kind in flight. Changes are rare, and the cost is a miss.
 *
 * <p><b>Threads:</b> implementations MUST be safe for concurrent use, and a mark MUST see every
 * {@link #changing} call that returned before {@link Mark#changed} was asked. {@link #inProcess()}
 * knows the changes made through this process; {@link #acrossInstances} those made through any
 * instance on one store.
 */
public interface ChangeCounter {

    /** Counts the changes made through this process. */
    static ChangeCounter inProcess() {
        return new InProcessChangeCounter();
    }

    /**
     * Counts the changes made through any instance on one store, for the kinds in {@code shared} (the
     * kinds changes touch: {@link PlaylistChanges#CHANGED_KINDS}); the others never change. While the
     * store cannot be reached, the changes made through this process still count. A change of a kind
     * not shared is refused (IllegalArgumentException): the other instances would never hear of it.
     */
    static ChangeCounter acrossInstances(SharedCounts counts, java.util.Set<DataKind> shared) {
        return new FleetChangeCounter(counts, shared);
    }

    /** Where the counts stand now. */
    Mark mark();

    /** A change to data of {@code kind} is about to be made upstream: reads begun before now may bring the old version. */
    void changing(DataKind kind);

    /** The counts at one moment. Thread safe. */
    interface Mark {

        /** Whether a change to data of {@code kind} began since this mark was taken. */
        boolean changed(DataKind kind);
    }
}
