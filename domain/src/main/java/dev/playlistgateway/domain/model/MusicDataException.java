package dev.playlistgateway.domain.model;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The one failure type of the domain and its ports. Adapters translate whatever went wrong
 * upstream into one of these, with a message fit to show to the caller (no tokens, no stack
 * traces, no upstream URLs with credentials).
 */
public class MusicDataException extends RuntimeException {

    /** What went wrong, in terms a caller can act on. */
    public enum Failure {
        /** The request can never succeed as asked (malformed id, bad page size). */
        BAD_INPUT,
        /** The thing does not exist, or the caller may not know that it does. */
        NOT_FOUND,
        /** The operation needs a signed-in user, or the user's sign-in is no longer valid. */
        UNAUTHENTICATED,
        /** The caller is known but not allowed, or the music service refuses this app. */
        FORBIDDEN,
        /** The music service asked us to slow down; see {@link #retryAfter()}. */
        RATE_LIMITED,
        /** The music service failed, timed out or answered nonsense. */
        UPSTREAM_UNAVAILABLE
    }

    private final Failure failure;
    private final Duration retryAfter;

    public MusicDataException(Failure failure, String message) {
        this(failure, message, null, null);
    }

    public MusicDataException(Failure failure, String message, Throwable cause) {
        this(failure, message, null, cause);
    }

    public MusicDataException(Failure failure, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.failure = Objects.requireNonNull(failure, "failure");
        this.retryAfter = retryAfter;
    }

    public static MusicDataException notFound(String what) {
        return new MusicDataException(Failure.NOT_FOUND, what + " was not found");
    }

    public static MusicDataException rateLimited(Duration retryAfter, String message) {
        return new MusicDataException(Failure.RATE_LIMITED, message, retryAfter, null);
    }

    public Failure failure() {
        return failure;
    }

    /** How long the caller should wait before trying again; present for {@link Failure#RATE_LIMITED}. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
