package dev.playlistgateway.domain.port;

/**
 * Hears what the caching policy does, for metrics. The app implements it with Micrometer.
 *
 * <p>Implementations MUST be cheap, non-blocking, thread safe, and MUST NOT throw.
 * Kinds are lower-case names ({@code tracks}, {@code playlists}, ...).
 */
public interface CacheObserver {

    CacheObserver NONE = new CacheObserver() {
    };

    default void hits(String kind, int count) {
    }

    default void misses(String kind, int count) {
    }

    default void upstreamCall(String kind) {
    }

    default void singleFlightJoins(String kind, int count) {
    }

    default void staleServed(String kind, int count) {
    }
}
