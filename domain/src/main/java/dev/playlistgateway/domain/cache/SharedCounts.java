package dev.playlistgateway.domain.cache;

import java.util.OptionalLong;

/**
 * Counters shared by every gateway instance on one store: what {@link ChangeCounter#acrossInstances}
 * keeps its counts in. Each increment is seen by every read that starts after it returned, on any
 * instance (a single key in Redis is).
 *
 * <p><b>Failures:</b> implementations MUST NOT throw because the store is unreachable or slow:
 * {@link #get} answers empty and {@link #increment} false. A count MAY be lost (expired, evicted):
 * it then reads 0 again. Only programming errors (null arguments) throw.
 *
 * <p><b>Threads:</b> implementations MUST be safe for concurrent use.
 */
public interface SharedCounts {

    /** The count under {@code name}, 0 if there is none; empty if the store cannot answer. */
    OptionalLong get(String name);

    /** Adds one to the count under {@code name}; true once the store has it, false if it could not be reached. */
    boolean increment(String name);
}
