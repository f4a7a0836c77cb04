package dev.playlistgateway.domain.cache;

import java.util.concurrent.atomic.AtomicLongArray;

/** {@link ChangeCounter} within one process: a count per kind; a mark is a copy of the counts. */
final class InProcessChangeCounter implements ChangeCounter {

    private final AtomicLongArray counts = new AtomicLongArray(DataKind.values().length);

    @Override
    public Mark mark() {
        long[] at = new long[counts.length()];
        for (int kind = 0; kind < at.length; kind++) {
            at[kind] = counts.get(kind);
        }
        return kind -> counts.get(kind.ordinal()) != at[kind.ordinal()];
    }

    @Override
    public void changing(DataKind kind) {
        counts.incrementAndGet(kind.ordinal());
    }
}
