package dev.playlistgateway.adapter.spotify;

import dev.playlistgateway.domain.model.Viewer;

import java.util.Optional;

/**
 * Where the adapter gets a signed-in viewer's Spotify access token. Implemented by the sign-in code,
 * which holds the tokens (and refresh tokens) behind {@link Viewer#credential()}.
 *
 * <p><b>Threads:</b> implementations MUST be safe for concurrent use; the adapter may ask for the
 * same viewer from many threads at once, and SHOULD make one refresh for concurrent rejections of
 * the same token (return the token already refreshed by another thread).
 *
 * <p><b>Failures:</b> implementations return empty when the viewer has no usable sign-in (unknown
 * credential key, refresh token revoked); the adapter then fails with UNAUTHENTICATED. They MAY throw
 * {@link dev.playlistgateway.domain.model.MusicDataException}; other exceptions become UPSTREAM_UNAVAILABLE.
 * Tokens are secrets: implementations MUST NOT log them.
 */
public interface SpotifyUserTokens {

    /** No user tokens at all: every signed-in call fails with UNAUTHENTICATED. For app-only deployments. */
    SpotifyUserTokens NONE = new SpotifyUserTokens() {
        @Override
        public Optional<String> accessToken(Viewer viewer) {
            return Optional.empty();
        }

        @Override
        public Optional<String> refreshAfterRejection(Viewer viewer, String rejectedToken) {
            return Optional.empty();
        }
    };

    /**
     * The viewer's current access token, or empty if the viewer has none. Called before each request
     * made on the viewer's behalf; implementations MAY refresh a token they know to be expired.
     *
     * @param viewer a signed-in viewer (never anonymous)
     */
    Optional<String> accessToken(Viewer viewer);

    /**
     * Spotify answered 401 to {@code rejectedToken}: return a refreshed token, or empty if none can
     * be had. The adapter asks at most once per request and retries once with the answer.
     *
     * @param viewer        a signed-in viewer (never anonymous)
     * @param rejectedToken the token Spotify rejected, so that an implementation can tell whether it
     *                      was already replaced by a concurrent refresh
     */
    Optional<String> refreshAfterRejection(Viewer viewer, String rejectedToken);
}
