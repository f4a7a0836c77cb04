package dev.playlistgateway.domain.cache;

import dev.playlistgateway.domain.model.MusicDataException;

import java.util.Map;

/**
 * What a batch read produced: the values found, and the ids whose upstream read failed (with no stale
 * copy to serve instead). Ids that upstream does not know are in neither. Immutable.
 *
 * @param <I> the ids asked for
 * @param <V> the values
 */
public record Loaded<I, V>(Map<I, V> values, Map<I, MusicDataException> failures) {
    public Loaded {
        values = Map.copyOf(values);
        failures = Map.copyOf(failures);
    }

    /** Nothing asked, nothing found. */
    public static <I, V> Loaded<I, V> none() {
        return new Loaded<>(Map.of(), Map.of());
    }

    /** The values, or the first failure thrown. */
    public Map<I, V> orThrow() {
        if (!failures.isEmpty()) {
            throw failures.values().iterator().next();
        }
        return values;
    }
}
