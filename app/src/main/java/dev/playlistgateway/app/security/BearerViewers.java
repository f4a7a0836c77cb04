package dev.playlistgateway.app.security;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.playlistgateway.domain.model.InvalidInputException;
import dev.playlistgateway.domain.model.UserId;
import dev.playlistgateway.domain.model.Viewer;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Bearer mode: clients that run their own PKCE send {@code Authorization: Bearer <Spotify access token>}.
 * The user behind a token is looked up once ({@code /v1/me}) and remembered for a short time under the
 * token's SHA-256, which is also the viewer's credential key ({@code b:<hash>}); concurrent first requests
 * with the same token share one lookup. The raw token is kept only here, in memory, for that short time,
 * so that the Spotify adapter can send it on; it is never stored elsewhere or logged.
 *
 * <p>A token Spotify rejects is remembered as rejected for a shorter time, so a client retrying a bad
 * token does not make a Spotify call per request. Failures to reach Spotify are not remembered.
 * Thread safe.
 */
final class BearerViewers {
    static final String KEY_PREFIX = "b:";
    private static final Duration REMEMBER_REJECTION = Duration.ofSeconds(30);

    /** What a lookup found: the user, or why there is none. */
    private record Outcome(UserId user, String token, SpotifyAccounts.AccountsException failure) {
    }

    private static final class Entry {
        final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        volatile long expiresAtMillis;

        Entry(long expiresAtMillis) {
            this.expiresAtMillis = expiresAtMillis;
        }
    }

    private final Map<String, Entry> entries;
    private final SpotifyAccounts accounts;
    private final Clock clock;
    private final Duration ttl;

    BearerViewers(SpotifyAccounts accounts, Clock clock, Duration ttl, int max) {
        this.accounts = accounts;
        this.clock = clock;
        this.ttl = ttl;
        // Bounded by Caffeine (least used tokens go first); entries also carry their own expiry,
        // shorter for a token Spotify rejected, which viewer() checks.
        this.entries = Caffeine.newBuilder().maximumSize(max).expireAfterWrite(ttl).<String, Entry>build().asMap();
    }

    /**
     * The viewer behind {@code token}. Blocks for the {@code /v1/me} lookup when the token is new.
     *
     * @throws SpotifyAccounts.AccountsException when Spotify rejects the token or cannot be asked
     */
    Viewer viewer(String token) {
        String hash = Secrets.sha256(token);
        long now = clock.millis();
        Entry[] created = new Entry[1];
        Entry entry = entries.compute(hash, (key, old) -> {
            if (old != null && old.expiresAtMillis > now) {
                return old;
            }
            created[0] = new Entry(now + ttl.toMillis());
            return created[0];
        });
        if (entry == created[0]) {
            lookUp(hash, token, entry);
        }
        Outcome outcome;
        try {
            outcome = entry.outcome.join();
        } catch (CompletionException e) {
            throw new SpotifyAccounts.AccountsException(SpotifyAccounts.Failure.UNAVAILABLE,
                    "Could not reach Spotify to identify you", e.getCause());
        }
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
        return Viewer.signedIn(outcome.user(), KEY_PREFIX + hash);
    }

    private void lookUp(String hash, String token, Entry entry) {
        try {
            SpotifyAccounts.Profile profile = accounts.profile(token);
            UserId user;
            try {
                user = UserId.of(profile.id());
            } catch (InvalidInputException e) {
                // Not Spotify's fault, nor a transient one: the token's user cannot be served. A rejected token
                // (401 UNAUTHENTICATED), remembered as such, rather than "could not reach Spotify".
                throw new SpotifyAccounts.AccountsException(SpotifyAccounts.Failure.REJECTED,
                        "This token's Spotify user id is not one this gateway can serve", e);
            }
            entry.outcome.complete(new Outcome(user, token, null));
        } catch (SpotifyAccounts.AccountsException e) {
            if (e.failure() == SpotifyAccounts.Failure.REJECTED) {
                entry.expiresAtMillis = Math.min(entry.expiresAtMillis, clock.millis() + REMEMBER_REJECTION.toMillis());
            } else {
                entries.remove(hash, entry); // transient: the next request asks again
            }
            entry.outcome.complete(new Outcome(null, null, e));
        } catch (RuntimeException e) {
            entries.remove(hash, entry);
            entry.outcome.completeExceptionally(e);
        }
    }

    /** The raw token of a Bearer viewer's credential key, while it is remembered. */
    Optional<String> token(String credentialKey) {
        if (!credentialKey.startsWith(KEY_PREFIX)) {
            return Optional.empty();
        }
        Entry entry = entries.get(credentialKey.substring(KEY_PREFIX.length()));
        if (entry == null || entry.expiresAtMillis <= clock.millis() || !entry.outcome.isDone()
                || entry.outcome.isCompletedExceptionally()) {
            return Optional.empty();
        }
        return Optional.ofNullable(entry.outcome.join().token());
    }

    /** Spotify rejected the token of this credential key: forget it, so the next request looks it up again. */
    void forget(String credentialKey) {
        if (credentialKey.startsWith(KEY_PREFIX)) {
            entries.remove(credentialKey.substring(KEY_PREFIX.length()));
        }
    }
}
