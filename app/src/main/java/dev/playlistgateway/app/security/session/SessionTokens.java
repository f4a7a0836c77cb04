package dev.playlistgateway.app.security.session;

import dev.playlistgateway.adapter.spotify.SpotifyAccounts;
import dev.playlistgateway.adapter.spotify.SpotifyAccountsException;
import dev.playlistgateway.app.security.Credential;
import dev.playlistgateway.domain.model.MusicDataException.Failure;
import dev.playlistgateway.domain.model.MusicDataException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A session's Spotify access token, for the Spotify adapter (through {@code request.ViewerTokens}), refreshed
 * shortly before it expires and when Spotify rejects it.
 *
 * <p>However many requests of one session race for a refresh, one runs (single flight per session in this process)
 * and the others wait for its answer; a rotated refresh token replaces the old one in the store. A caller that
 * arrives after a refresh finished sees the new token in the store and does not refresh again. A refresh token
 * Spotify no longer accepts ends the session. Refreshes go through the Spotify adapter's {@link SpotifyAccounts},
 * so they obey its Retry-After gate: while Spotify throttles, a refresh fails RATE_LIMITED without a call.
 *
 * <p>Empty answers mean the session has no usable sign-in (unknown, ended, refresh token refused); failures are
 * {@link MusicDataException}s (UPSTREAM_UNAVAILABLE while the session store cannot be read). Thread safe.
 */
@Singleton
public final class SessionTokens {
    private static final Logger LOG = LoggerFactory.getLogger(SessionTokens.class);

    private final Sessions sessions;
    private final SpotifyAccounts accounts;
    private final Map<String, CompletableFuture<Optional<SessionRecord>>> refreshing = new ConcurrentHashMap<>();

    SessionTokens(Sessions sessions, SpotifyAccounts accounts) {
        this.sessions = sessions;
        this.accounts = accounts;
    }

    /** The session's current access token, refreshed first when it is due; empty when the session is gone. */
    public Optional<String> accessToken(Credential.Session session) {
        String handle = session.handle();
        Optional<SessionRecord> record = find(handle);
        if (record.isEmpty()) {
            return Optional.empty();
        }
        if (record.get().needsRenewal(sessions.now())) {
            return refresh(handle, record.get().accessToken()).map(SessionRecord::accessToken);
        }
        return Optional.of(record.get().accessToken());
    }

    /** Spotify answered 401 to {@code rejectedToken}: a refreshed token (another caller's, if it got there first), or empty. */
    public Optional<String> afterRejection(Credential.Session session, String rejectedToken) {
        return refresh(session.handle(), rejectedToken).map(SessionRecord::accessToken);
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
        } catch (SessionStoreUnavailable e) {
            throw new MusicDataException(Failure.UPSTREAM_UNAVAILABLE, "Your session cannot be read right now; try again shortly", e);
        }
    }

    private void deleteQuietly(String handle) {
        try {
            sessions.delete(handle);
        } catch (SessionStoreUnavailable e) {
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
