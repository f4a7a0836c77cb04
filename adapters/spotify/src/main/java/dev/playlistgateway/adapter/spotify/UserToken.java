package dev.playlistgateway.adapter.spotify;

import dev.playlistgateway.domain.model.MusicDataException;
import dev.playlistgateway.domain.model.MusicDataException.Failure;
import dev.playlistgateway.domain.model.Viewer;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A signed-in viewer's token from the sign-in code ({@link SpotifyUserTokens}), refreshed by it once when
 * Spotify rejects it. No token, or no refreshed one, is UNAUTHENTICATED; anything but a
 * {@link MusicDataException} the sign-in code throws is UPSTREAM_UNAVAILABLE.
 */
record UserToken(SpotifyUserTokens tokens, Viewer viewer) implements BearerToken {

    @Override
    public String current(Instant waitDeadline) {
        return token(() -> tokens.accessToken(viewer), "Could not read your Spotify sign-in",
                "Sign in with Spotify to see this");
    }

    @Override
    public String renewed(String rejected, Instant waitDeadline) {
        return token(() -> tokens.refreshAfterRejection(viewer, rejected), "Could not refresh your Spotify sign-in",
                "Your Spotify sign-in has expired; sign in again");
    }

    @Override
    public MusicDataException stillRejected() {
        return new MusicDataException(Failure.UNAUTHENTICATED, "Spotify no longer accepts your sign-in; sign in again");
    }

    private static String token(Supplier<Optional<String>> ask, String failed, String none) {
        Optional<String> token;
        try {
            token = ask.get();
        } catch (MusicDataException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MusicDataException(Failure.UPSTREAM_UNAVAILABLE, failed, e);
        }
        return token.filter(t -> !t.isBlank()).orElseThrow(() -> new MusicDataException(Failure.UNAUTHENTICATED, none));
    }
}
