package dev.playlistgateway.adapter.spotify;

import dev.playlistgateway.domain.model.MusicDataException;

import java.time.Instant;

/**
 * Where a Web API call's bearer token comes from, and its one renewal when Spotify answers 401: the app's own
 * token for anonymous viewers ({@link AppTokens}), the signed-in user's otherwise ({@link UserToken}).
 * Implementations are thread safe.
 */
interface BearerToken {

    /**
     * The token to send.
     *
     * @param waitDeadline a fetch of the token waits on a Retry-After until then at most
     * @throws MusicDataException when there is none (UNAUTHENTICATED) or it cannot be had
     */
    String current(Instant waitDeadline);

    /**
     * Spotify answered 401 to {@code rejected}: the token to try once more.
     *
     * @throws MusicDataException when there is none (UNAUTHENTICATED) or it cannot be had
     */
    String renewed(String rejected, Instant waitDeadline);

    /** What to tell when Spotify answers 401 to the renewed token as well. */
    MusicDataException stillRejected();
}
