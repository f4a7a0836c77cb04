package dev.playlistgateway.app.security.session;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Duration;
import java.time.Instant;

/**
 * One signed-in session as the store keeps it (encrypted, see {@link Sessions}): who signed in, the
 * Spotify tokens, and when the access token is renewed and the session ends. Holds secrets:
 * {@link #toString()} shows none.
 *
 * @param userId          Spotify user id, from {@code /v1/me} at sign-in
 * @param displayName     Spotify display name at sign-in, may be null
 * @param accessToken     Spotify access token
 * @param refreshToken    Spotify refresh token; null if Spotify gave none (the session then ends with the access token)
 * @param renewAtMillis   when the access token is refreshed before use (a minute before Spotify's expiry)
 * @param expiresAtMillis when the session ends, whatever happens to its tokens
 */
@Serdeable
public record SessionRecord(String userId, @Nullable String displayName, String accessToken, @Nullable String refreshToken,
                     long renewAtMillis, long expiresAtMillis) {

    /** A new session for a token response of Spotify's. */
    public static SessionRecord signedIn(String userId, @Nullable String displayName, String accessToken,
                                  @Nullable String refreshToken, @Nullable Integer expiresInSeconds,
                                  Instant now, Duration sessionTtl) {
        return new SessionRecord(userId, displayName, accessToken, refreshToken,
                renewAt(expiresInSeconds, now).toEpochMilli(), now.plus(sessionTtl).toEpochMilli());
    }

    /** This session after a refresh: a new access token; the refresh token replaced only if Spotify rotated it. */
    SessionRecord refreshed(String newAccessToken, @Nullable String rotatedRefreshToken,
                            @Nullable Integer expiresInSeconds, Instant now) {
        return new SessionRecord(userId, displayName, newAccessToken,
                rotatedRefreshToken == null || rotatedRefreshToken.isBlank() ? refreshToken : rotatedRefreshToken,
                renewAt(expiresInSeconds, now).toEpochMilli(), expiresAtMillis);
    }

    boolean needsRenewal(Instant now) {
        return now.toEpochMilli() >= renewAtMillis;
    }

    boolean expired(Instant now) {
        return now.toEpochMilli() >= expiresAtMillis;
    }

    /** Renew a minute before expiry, or halfway through a lifetime shorter than two minutes (as the adapter does for app tokens). */
    private static Instant renewAt(@Nullable Integer expiresInSeconds, Instant now) {
        Duration lifetime = Duration.ofSeconds(expiresInSeconds == null || expiresInSeconds <= 0 ? 3600 : expiresInSeconds);
        Duration margin = lifetime.compareTo(Duration.ofMinutes(2)) < 0 ? lifetime.dividedBy(2) : Duration.ofMinutes(1);
        return now.plus(lifetime).minus(margin);
    }

    @Override
    public String toString() {
        return "SessionRecord[userId=" + userId + ", tokens=****, renewAt=" + Instant.ofEpochMilli(renewAtMillis)
                + ", expiresAt=" + Instant.ofEpochMilli(expiresAtMillis) + "]";
    }
}
