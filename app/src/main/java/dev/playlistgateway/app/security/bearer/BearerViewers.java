package dev.playlistgateway.app.security.bearer;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.playlistgateway.adapter.spotify.SpotifyAccounts;
import dev.playlistgateway.adapter.spotify.SpotifyAccountsException;
import dev.playlistgateway.app.http.ClientAddresses;
import dev.playlistgateway.app.security.Credential;
import dev.playlistgateway.app.security.Secrets;
import dev.playlistgateway.app.security.SecuritySettings;
import dev.playlistgateway.domain.model.InvalidInputException;
import dev.playlistgateway.domain.model.UserId;
import dev.playlistgateway.domain.model.Viewer;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentMap;

/**
 * Bearer mode: clients that run their own PKCE send {@code Authorization: Bearer <Spotify access token>}.
 * The user behind a token is looked up with {@code GET /v1/me} and remembered under the token's SHA-256,
 * which is also the viewer's credential ({@link Credential.Bearer}); concurrent requests with the same token
 * share one lookup. The raw token is kept only here, in memory, so that the Spotify adapter can send it on;
 * it is never stored elsewhere or logged. docs/security.md ("Bearer mode") has the rules and their reasons:
 * <ul>
 *   <li><b>Revalidation.</b> A token's user is trusted for {@code revalidate-after} (1 minute); the next
 *       request after that asks Spotify again before it runs, so a token Spotify stopped accepting is refused
 *       within that time even when everything it reads is cached. While Spotify cannot answer (throttled,
 *       down), the last good answer stands, at most {@code bearer-cache-ttl} (5 minutes) after it was given.</li>
 *   <li><b>Rejection.</b> A token Spotify refuses, at a lookup or on any call made with it
 *       ({@link #rejected}), is remembered as refused for {@code rejected-ttl} (30 s): its requests are refused
 *       at once, with no call.</li>
 *   <li><b>Cost per client.</b> A token the gateway does not know costs the client one lookup of its
 *       {@link BearerLookupLimits bucket}; an empty bucket refuses the request (TOO_MANY_LOOKUPS) with no
 *       call. Re-checking a known token is not charged.</li>
 *   <li><b>The gate.</b> Lookups never wait on Spotify's Retry-After: while it holds they answer at once,
 *       without a call (SPOTIFY_THROTTLES, with the time left), and the client gets its lookup back.</li>
 * </ul>
 * Thread safe.
 */
@Singleton
public final class BearerViewers {
    /** Why a Bearer token gives no viewer. */
    public enum Reason {
        /** Spotify does not accept the token (expired, revoked, junk), or its user id cannot be served. */
        INVALID,
        /** Spotify refuses this user this app. */
        FORBIDDEN,
        /** The client has used up its lookups of unknown tokens for now; see {@link Refusal#retryAfter()}. */
        TOO_MANY_LOOKUPS,
        /** Spotify's Retry-After holds; see {@link Refusal#retryAfter()}. */
        SPOTIFY_THROTTLES,
        /** Spotify could not be asked. */
        SPOTIFY_UNAVAILABLE
    }

    /** The request must be refused; the message may be shown to the client (it never holds the token). */
    public static final class Refusal extends RuntimeException {
        private final Reason reason;
        private final Duration retryAfter;

        Refusal(Reason reason, String message, @Nullable Duration retryAfter) {
            super(message, null, false, false);
            this.reason = reason;
            this.retryAfter = retryAfter;
        }

        public Reason reason() {
            return reason;
        }

        /** When asking again may succeed: present for TOO_MANY_LOOKUPS and SPOTIFY_THROTTLES. */
        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }
    }

    private sealed interface State permits Known, Checking, Refused {
    }

    /** Spotify said {@code user} owns {@code token} at {@code checkedAt}; trusted until {@code nextCheck}. */
    private record Known(UserId user, String token, Instant checkedAt, Instant nextCheck) implements State {
        @Override
        public String toString() {
            return "Known[" + user + ", checkedAt=" + checkedAt + "]";
        }
    }

    /** A lookup in flight; {@code previous} is what was known before a re-check (null for a new token). */
    private record Checking(CompletableFuture<Known> lookup, @Nullable Known previous) implements State {
    }

    /** Refused until {@code until}. */
    private record Refused(Refusal refusal, Instant until) implements State {
    }

    private final ConcurrentMap<String, State> states;
    private final SpotifyAccounts accounts;
    private final BearerLookupLimits limits;
    private final SecuritySettings.Bearer settings;
    private final Clock clock;
    private final Duration ttl;

    /** Lookups on the Spotify adapter's accounts client (its gate, bulkhead and metric), with the configured limits. */
    @Inject
    BearerViewers(SpotifyAccounts accounts, SecuritySettings settings) {
        this(accounts, new BearerLookupLimits(settings.bearer().lookupsPerClient()), settings.bearer(), Clock.systemUTC(),
                settings.bearerCacheTtl(), settings.bearerCacheMax());
    }

    /**
     * @param ttl how long after Spotify's last good answer a token's user is remembered at most
     * @param max the most tokens remembered at once (least used dropped first)
     */
    BearerViewers(SpotifyAccounts accounts, BearerLookupLimits limits, SecuritySettings.Bearer settings, Clock clock,
                  Duration ttl, int max) {
        this.accounts = accounts;
        this.limits = limits;
        this.settings = settings;
        this.clock = clock;
        this.ttl = ttl;
        // Bounded by Caffeine; each state also carries its own moments, which viewer() checks.
        this.states = Caffeine.newBuilder().maximumSize(max).expireAfterWrite(ttl).<String, State>build().asMap();
    }

    /**
     * The viewer behind {@code token} for this request (the client is the request's address). May block for a lookup.
     *
     * @throws Refusal when the token gives no viewer now
     */
    public Viewer viewer(String token, HttpRequest<?> request) {
        return viewer(token, clientOf(request));
    }

    /**
     * The viewer behind {@code token}. Blocks for the {@code /v1/me} lookup when the token is new or due
     * for a re-check.
     *
     * @param client who is asking, for the per-client limit on lookups of unknown tokens
     * @throws Refusal when the token gives no viewer now
     */
    Viewer viewer(String token, String client) {
        String hash = Secrets.sha256(token);
        while (true) {
            Instant now = clock.instant();
            State state = states.get(hash);
            if (state instanceof Known known && now.isBefore(known.nextCheck())) {
                return viewerOf(known, hash);
            }
            if (state instanceof Refused refused && now.isBefore(refused.until())) {
                throw refused.refusal();
            }
            if (state instanceof Checking checking) {
                return viewerOf(await(checking), hash);
            }
            Known previous = state instanceof Known known && remembered(known, now) ? known : null;
            if (previous == null) {
                // A token the gateway does not know: the client pays one lookup, or is refused without a call.
                Optional<Duration> wait = limits.take(client);
                if (wait.isPresent()) {
                    throw new Refusal(Reason.TOO_MANY_LOOKUPS, "Too many new Bearer tokens from this client; try again in "
                            + seconds(wait.get()) + " s", roundedUp(wait.get()));
                }
            }
            Checking checking = new Checking(new CompletableFuture<>(), previous);
            boolean claimed = state == null ? states.putIfAbsent(hash, checking) == null : states.replace(hash, state, checking);
            if (claimed) {
                return viewerOf(lookUp(hash, token, checking, previous == null ? client : null), hash);
            }
            if (previous == null) {
                limits.giveBack(client); // another request took this token's lookup on: join it next time round
            }
        }
    }

    /** @param charged the client that paid for this lookup, or null when it was free (a re-check) */
    private Known lookUp(String hash, String token, Checking checking, @Nullable String charged) {
        Instant now = clock.instant();
        Known outcome;
        try {
            SpotifyAccounts.Profile profile = accounts.profile(token, Duration.ZERO);
            outcome = new Known(userIdOf(profile), token, now, now.plus(settings.revalidateAfter()));
        } catch (Refusal invalidUser) {
            remember(hash, checking, invalidUser, now);
            throw invalidUser;
        } catch (SpotifyAccountsException e) {
            Refusal refusal = refusalOf(e);
            if (refusal.reason() == Reason.SPOTIFY_THROTTLES && charged != null) {
                limits.giveBack(charged); // the gate answered, Spotify was not asked: the lookup cost nothing
            }
            if (refusal.reason() == Reason.INVALID || refusal.reason() == Reason.FORBIDDEN) {
                remember(hash, checking, refusal, now);
                throw refusal;
            }
            Known previous = checking.previous();
            if (previous == null) {
                forget(hash, checking, refusal); // transient: the next request asks again
                throw refusal;
            }
            // Spotify cannot say now. The token was good at previous.checkedAt: keep to that answer (within
            // the ttl) and ask again once the Retry-After has passed, or after another revalidate-after.
            Instant retry = now.plus(e.retryAfter().filter(d -> d.compareTo(settings.revalidateAfter()) < 0)
                    .orElse(settings.revalidateAfter()));
            Instant forgotten = previous.checkedAt().plus(ttl);
            outcome = new Known(previous.user(), previous.token(), previous.checkedAt(),
                    retry.isBefore(forgotten) ? retry : forgotten);
        } catch (RuntimeException e) {
            Refusal refusal = new Refusal(Reason.SPOTIFY_UNAVAILABLE, "Could not reach Spotify to identify you", null);
            forget(hash, checking, refusal);
            throw refusal;
        }
        states.replace(hash, checking, outcome); // unless rejected() came in meanwhile: refused stays refused
        checking.lookup().complete(outcome);
        return outcome;
    }

    private void remember(String hash, Checking checking, Refusal refusal, Instant now) {
        states.replace(hash, checking, new Refused(refusal, now.plus(settings.rejectedTtl())));
        checking.lookup().completeExceptionally(refusal);
    }

    private void forget(String hash, Checking checking, Refusal refusal) {
        states.remove(hash, checking);
        checking.lookup().completeExceptionally(refusal);
    }

    /**
     * The raw token behind a Bearer viewer's credential, while it is remembered and not refused. The viewer was
     * resolved for this request already; a re-check in flight does not take its token away.
     */
    public Optional<String> token(Credential.Bearer credential) {
        State state = states.get(credential.tokenHash());
        Known known = state instanceof Known k ? k : state instanceof Checking checking ? checking.previous() : null;
        return known != null && remembered(known, clock.instant()) ? Optional.of(known.token()) : Optional.empty();
    }

    /**
     * Spotify answered 401 to a call made with this credential's token: the token is refused from now on (for
     * {@code rejected-ttl}), so the next request with it is refused without a lookup, whatever is cached.
     */
    public void rejected(Credential.Bearer credential) {
        states.put(credential.tokenHash(), new Refused(invalidToken(), clock.instant().plus(settings.rejectedTtl())));
    }

    /** Who is asking, for the per-client limit ({@link ClientAddresses}). */
    String clientOf(HttpRequest<?> request) {
        return ClientAddresses.of(request, settings.clientAddressHeader());
    }

    private boolean remembered(Known known, Instant now) {
        return now.isBefore(known.checkedAt().plus(ttl));
    }

    private static Viewer viewerOf(Known known, String hash) {
        return Viewer.signedIn(known.user(), new Credential.Bearer(hash));
    }

    private static UserId userIdOf(SpotifyAccounts.Profile profile) {
        try {
            return UserId.of(profile.id());
        } catch (InvalidInputException e) {
            // Not Spotify's fault, nor a transient one: the token's user cannot be served. Refused like a
            // rejected token (401 UNAUTHENTICATED) and remembered as such, rather than "could not reach Spotify".
            throw new Refusal(Reason.INVALID, "This token's Spotify user id is not one this gateway can serve", null);
        }
    }

    private static Known await(Checking checking) {
        try {
            return checking.lookup().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Refusal refusal) {
                throw refusal;
            }
            throw new Refusal(Reason.SPOTIFY_UNAVAILABLE, "Could not reach Spotify to identify you", null);
        }
    }

    private static Refusal invalidToken() {
        return new Refusal(Reason.INVALID, "Spotify does not accept this Bearer token (expired or invalid)", null);
    }

    private static Refusal refusalOf(SpotifyAccountsException e) {
        return switch (e.kind()) {
            case REJECTED -> invalidToken();
            case FORBIDDEN -> new Refusal(Reason.FORBIDDEN, e.getMessage(), null);
            case RATE_LIMITED -> new Refusal(Reason.SPOTIFY_THROTTLES, e.getMessage(),
                    roundedUp(e.retryAfter().orElse(Duration.ofSeconds(1))));
            case UNAVAILABLE -> new Refusal(Reason.SPOTIFY_UNAVAILABLE, e.getMessage(), null);
        };
    }

    private static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    private static Duration roundedUp(Duration wait) {
        return Duration.ofSeconds(seconds(wait));
    }
}
