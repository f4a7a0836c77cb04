package dev.playlistgateway.domain.cache;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@link ChangeCounter} for every gateway instance on one store: the counts of the kinds that changes
 * touch live in {@link SharedCounts}, and the in-process counts beside them still see this instance's
 * own changes when the store cannot be reached. Only the shared kinds cost a round trip: a mark reads
 * their counts, and asking it about one of them reads that count again; the kinds no change touches
 * (tracks, items under their snapshot) are answered in process.
 */
final class FleetChangeCounter implements ChangeCounter {

    private final ChangeCounter local = new InProcessChangeCounter();
    private final SharedCounts counts;
    private final Set<DataKind> shared;

    FleetChangeCounter(SharedCounts counts, Set<DataKind> shared) {
        this.counts = Objects.requireNonNull(counts, "counts");
        this.shared = shared.isEmpty() ? EnumSet.noneOf(DataKind.class) : EnumSet.copyOf(shared);
    }

    @Override
    public Mark mark() {
        Mark here = local.mark();
        Map<DataKind, OptionalLong> at = new EnumMap<>(DataKind.class);
        shared.forEach(kind -> at.put(kind, counts.get(nameOf(kind))));
        return kind -> here.changed(kind) || changedElsewhere(kind, at.get(kind));
    }

    /** A count the store could not give, then or now, says nothing: the in-process count decides. */
    private boolean changedElsewhere(DataKind kind, OptionalLong then) {
        if (then == null || then.isEmpty()) {
            return false;
        }
        OptionalLong now = counts.get(nameOf(kind));
        return now.isPresent() && now.getAsLong() != then.getAsLong();
    }

    @Override
    public void changing(DataKind kind) {
        if (!shared.contains(kind)) {
            // The other instances would never hear of it, and store what may be the old version.
            throw new IllegalArgumentException("changes of " + kind.tag() + " are not counted across instances");
        }
        local.changing(kind);
        counts.increment(nameOf(kind));
    }

    static String nameOf(DataKind kind) {
        return "changes:" + kind.tag();
    }
}
