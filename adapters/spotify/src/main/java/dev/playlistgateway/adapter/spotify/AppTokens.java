package dev.playlistgateway.adapter.spotify;

import dev.playlistgateway.domain.model.MusicDataException;
import dev.playlistgateway.domain.model.MusicDataException.Failure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * The app's own access token (client credentials), for anonymous viewers. Reused until shortly
 * before it expires; when it is missing, exactly one thread fetches it and every thread that needs it
 * meanwhile waits for that one fetch (and shares its failure, so a broken token endpoint is not
 * hammered by every waiting request). A token Spotify rejects is fetched anew once. Thread safe.
 */
final class AppTokens implements BearerToken {

    /** A token and the moment it stops being used (before Spotify's expiry, to allow for clock skew and flight time). */
    record Token(String value, Instant renewAt) {
        /** Renew a minute before expiry, or halfway through a lifetime shorter than two minutes. */
        static Token expiringIn(String value, Duration lifetime, Instant now) {
            Duration margin = lifetime.compareTo(Duration.ofMinutes(2)) < 0 ? lifetime.dividedBy(2) : Duration.ofMinutes(1);
            return new Token(value, now.plus(lifetime).minus(margin));
        }
    }

    /** Fetches a token; Retry-After waits ending after the given moment fail with RATE_LIMITED instead. */
    private final Function<Instant, Token> fetch;
    private final Clock clock;
    private final Object lock = new Object();
    private Token held;
    private CompletableFuture<Token> inFlight;

    AppTokens(Function<Instant, Token> fetch, Clock clock) {
        this.fetch = fetch;
        this.clock = clock;
    }

    /** The token, fetched first if needed; a fetch waits on a Retry-After until {@code waitDeadline} at most. */
    @Override
    public String current(Instant waitDeadline) {
        CompletableFuture<Token> shared;
        boolean mine = false;
        synchronized (lock) {
            if (held != null && clock.instant().isBefore(held.renewAt())) {
                return held.value();
            }
            if (inFlight == null) {
                inFlight = new CompletableFuture<>();
                mine = true;
            }
            shared = inFlight;
        }
        if (mine) {
            try {
                Token token = fetch.apply(waitDeadline);
                synchronized (lock) {
                    held = token;
                    inFlight = null;
                }
                shared.complete(token);
                return token.value();
            } catch (RuntimeException e) {
                synchronized (lock) {
                    inFlight = null;
                }
                shared.completeExceptionally(e);
                throw e;
            }
        }
        try {
            return shared.join().value();
        } catch (CompletionException e) {
            if (e.getCause() instanceof MusicDataException failure) {
                throw failure;
            }
            throw new MusicDataException(Failure.UPSTREAM_UNAVAILABLE, "Could not get an app token from Spotify", e.getCause());
        }
    }

    /** Spotify rejected {@code rejected}: forget it (unless another thread already replaced it) and fetch anew. */
    @Override
    public String renewed(String rejected, Instant waitDeadline) {
        synchronized (lock) {
            if (held != null && held.value().equals(rejected)) {
                held = null;
            }
        }
        return current(waitDeadline);
    }

    /** The app's credentials work (the token endpoint answered) but the Web API refuses its token: a deployment problem. */
    @Override
    public MusicDataException stillRejected() {
        return new MusicDataException(Failure.UPSTREAM_UNAVAILABLE, "Spotify rejects the gateway's app token");
    }
}
