package dev.playlistgateway.adapter.spotify;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link SpotifyAccounts} call failed. The message may be shown to the user: it never holds a token, a
 * code, a secret or an internal address. No stack trace is filled in: these are answers, not bugs.
 */
public final class SpotifyAccountsException extends RuntimeException {

    /** Why, in terms sign-in can act on. */
    public enum Kind {
        /** Spotify does not accept the token, code or refresh token: sign in again. */
        REJECTED,
        /** Spotify refuses this user this app (a Development Mode app's user who is not on its list). */
        FORBIDDEN,
        /** Spotify's Retry-After holds; see {@link #retryAfter()}. No call was made, or Spotify answered 429. */
        RATE_LIMITED,
        /** Spotify failed, could not be reached, answered nonsense, or refuses the app's own credentials. */
        UNAVAILABLE
    }

    private final Kind kind;
    private final Duration retryAfter;

    /**
     * @param message    what to tell the user; never a token, a code or a secret
     * @param retryAfter for {@link Kind#RATE_LIMITED}: how long Spotify asked to wait; else null
     */
    public SpotifyAccountsException(Kind kind, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** How long to wait before trying again; present for {@link Kind#RATE_LIMITED}. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
