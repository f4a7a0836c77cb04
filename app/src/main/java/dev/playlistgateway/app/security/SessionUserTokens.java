package dev.playlistgateway.app.security;

import dev.playlistgateway.adapter.spotify.SpotifyAccounts;
import dev.playlistgateway.adapter.spotify.SpotifyAccountsException;
import dev.playlistgateway.adapter.spotify.SpotifyUserTokens;
import dev.playlistgateway.domain.model.MusicDataException;
import dev.playlistgateway.domain.model.MusicDataException.Failure;
import dev.playlistgateway.domain.model.Viewer;
import io.micronaut.core.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Spotify adapter's source of user tokens: the session's (credential key {@code s:<handle>}) or the
 * Bearer token's ({@code b:<hash>}).
 *
 * <p>Session tokens are refreshed shortly before they expire, and when Spotify rejects one. However many
 * requests of one session race for it, one refresh runs (single flight per session in this process) and the
 * others wait for its answer; a rotated refresh token replaces the old one in the store. A caller that
 * arrives after a refresh finished sees the new token in the store and does not refresh again. A
 * refresh token Spotify no longer accepts ends the session. Refreshes go through the Spotify adapter's
 * {@link SpotifyAccounts}, so they obey its Retry-After gate: while Spotify throttles, a refresh fails
 * RATE_LIMITED without a call. Bearer tokens are the client's: they are never refreshed here; one Spotify
 * rejects is refused from then on ({@link BearerViewers#rejected}). Thread safe.
 */
final class SessionUserTokens implements SpotifyUserTokens {
    private static final Logger LOG = LoggerFactory.getLogger(SessionUserTokens.class);
    static final String SESSION_PREFIX = "s:";

    private final Sessions sessions;
    private final SpotifyAccounts accounts;
    private final BearerViewers bearers;
    private final Map<String, CompletableFuture<Optional<SessionRecord>>> refreshing = new ConcurrentHashMap<>();

    SessionUserTokens(Sessions sessions, SpotifyAccounts accounts, BearerViewers bearers) {
        this.sessions = sessions;
        this.accounts = accounts;
        this.bearers = bearers;
    }

    static String credentialKey(String handle) {
        return SESSION_PREFIX + handle;
    }

    @Override
    public Optional<String> accessToken(Viewer viewer) {
        String key = viewer.credentialKey();
        if (key == null) {
            return Optional.empty();
        }
        if (key.startsWith(BearerViewers.KEY_PREFIX)) {
            return bearers.token(key);
        }
        if (!key.startsWith(SESSION_PREFIX)) {
            return Optional.empty();
        }
        String handle = key.substring(SESSION_PREFIX.length());
        Optional<SessionRecord> record = find(handle);
        if (record.isEmpty()) {
            return Optional.empty();
        }
        if (record.get().needsRenewal(sessions.now())) {
            return refresh(handle, record.get().accessToken()).map(SessionRecord::accessToken);
        }
        return Optional.of(record.get().accessToken());
    }

    @Override
    public Optional<String> refreshAfterRejection(Viewer viewer, String rejectedToken) {
        String key = viewer.credentialKey();
        if (key == null) {
            return Optional.empty();
        }
        if (key.startsWith(BearerViewers.KEY_PREFIX)) {
            bearers.rejected(key); // the client's token: only the client can get a new one; refuse it from now on
            return Optional.empty();
        }
        if (!key.startsWith(SESSION_PREFIX)) {
            return Optional.empty();
        }
        return refresh(key.substring(SESSION_PREFIX.length()), rejectedToken).map(SessionRecord::accessToken);
    }

    /**
     * Replaces {@code staleToken} with a fresh one, once per session however many callers ask at once.
     * Returns the session as it is afterwards, or empty when it is gone (or its refresh token was refused).
     */
    private Optional<SessionRecord> refresh(String handle, @Nullable String staleToken) {
        CompletableFuture<Optional<SessionRecord>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<SessionRecord>> running = refreshing.putIfAbsent(handle, mine);
        if (running != null) {
            return await(running);
        }
        try {
            Optional<SessionRecord> result = refreshNow(handle, staleToken);
            mine.complete(result);
            return result;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            refreshing.remove(handle, mine);
        }
    }

    private Optional<SessionRecord> refreshNow(String handle, @Nullable String staleToken) {
        // Read again: a refresh that finished a moment ago (here or on another instance) already replaced the token.
        Optional<SessionRecord> current = find(handle);
        if (current.isEmpty()) {
            return current;
        }
        SessionRecord record = current.get();
        if (!record.accessToken().equals(staleToken) && !record.needsRenewal(sessions.now())) {
            return current;
        }
        if (record.refreshToken() == null) {
            sessions.delete(handle);
            return Optional.empty();
        }
        SpotifyAccounts.Grant grant;
        try {
            grant = accounts.refresh(record.refreshToken());
        } catch (SpotifyAccountsException e) {
            switch (e.kind()) {
                case REJECTED -> {
                    LOG.info("Spotify refused a session's refresh token; the session ends and its user must sign in again");
                    deleteQuietly(handle);
                    return Optional.empty();
                }
                case FORBIDDEN -> throw new MusicDataException(Failure.FORBIDDEN, e.getMessage(), e);
                case RATE_LIMITED -> throw new MusicDataException(Failure.RATE_LIMITED, e.getMessage(), e.retryAfter().orElse(null), e);
                default -> throw new MusicDataException(Failure.UPSTREAM_UNAVAILABLE, e.getMessage(), e);
            }
        }
        SessionRecord refreshed = record.refreshed(grant.accessToken(), grant.refreshToken(), grant.expiresIn(), sessions.now());
        // Never throws: while the store cannot be written, Sessions keeps the new tokens in memory and writes them later.
        sessions.update(handle, refreshed);
        return Optional.of(refreshed);
    }

    private Optional<SessionRecord> find(String handle) {
        try {
            return sessions.find(handle);
        } catch (SessionStore.Unavailable e) {
            throw new MusicDataException(Failure.UPSTREAM_UNAVAILABLE, "Your session cannot be read right now; try again shortly", e);
        }
    }

    private void deleteQuietly(String handle) {
        try {
            sessions.delete(handle);
        } catch (SessionStore.Unavailable e) {
            LOG.warn("Could not delete an ended session: {}", e.getMessage());
        }
    }

    private static Optional<SessionRecord> await(CompletableFuture<Optional<SessionRecord>> running) {
        try {
            return running.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }
}
