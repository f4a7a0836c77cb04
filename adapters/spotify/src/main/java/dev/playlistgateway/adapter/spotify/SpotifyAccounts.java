package dev.playlistgateway.adapter.spotify;

import java.time.Duration;

/**
 * What sign-in needs from Spotify, on the same transport as every Web API call (one Retry-After gate,
 * one bulkhead, the {@code spotify.requests} metric): who owns an access token, the authorization-code
 * exchange, and refreshing a user's tokens. Made by {@link Spotify#accounts()}.
 *
 * <p><b>Threads:</b> safe for concurrent use; every method blocks the calling thread for its call (never
 * call it on an event loop).
 * <p><b>Failures:</b> every method throws {@link SpotifyAccountsException} and nothing else for what
 * Spotify answers or cannot answer; its message may be shown to the user (it never holds a token, a code or
 * a secret). While Spotify's Retry-After holds, no call goes out: a method fails at once with
 * {@link SpotifyAccountsException.Kind#RATE_LIMITED} when the wait would pass its longest wait.
 * <p><b>Secrets:</b> tokens, codes and the client secret are never logged; the records' {@code toString}
 * masks them.
 */
public interface SpotifyAccounts {

    /**
     * The user behind an access token ({@code GET /v1/me}).
     *
     * @param id          the Spotify user id, never blank
     * @param displayName the display name, or null when the user has none
     */
    record Profile(String id, String displayName) {
        public Profile {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("id must not be blank");
            }
        }
    }

    /**
     * Tokens from the accounts service.
     *
     * @param accessToken  the access token, never blank
     * @param refreshToken the refresh token; null when Spotify sent none (a refresh that does not rotate it)
     * @param expiresIn    the access token's lifetime in seconds, or null when Spotify did not say
     * @param scope        the granted scopes, space separated, or null
     */
    record Grant(String accessToken, String refreshToken, Integer expiresIn, String scope) {
        public Grant {
            if (accessToken == null || accessToken.isBlank()) {
                throw new IllegalArgumentException("accessToken must not be blank");
            }
        }

        @Override
        public String toString() {
            return "Grant[tokens=****, expiresIn=" + expiresIn + ", scope=" + scope + "]";
        }
    }

    /**
     * An authorization code and what must accompany it (RFC 6749 4.1.3, RFC 7636 4.5).
     *
     * @param code         the code from Spotify's redirect, never blank
     * @param redirectUri  the redirect URI the authorization request carried, or null if it carried none
     * @param codeVerifier the PKCE verifier, or null without PKCE
     */
    record AuthorizationCode(String code, String redirectUri, String codeVerifier) {
        public AuthorizationCode {
            if (code == null || code.isBlank()) {
                throw new IllegalArgumentException("code must not be blank");
            }
        }

        @Override
        public String toString() {
            return "AuthorizationCode[code=****, redirectUri=" + redirectUri + ", codeVerifier=****]";
        }
    }

    /**
     * {@code GET /v1/me} with {@code accessToken}. A 401 (or 400, Spotify's answer to a token that is not
     * even well formed) is {@link SpotifyAccountsException.Kind#REJECTED}; it is never refreshed here.
     *
     * @param longestWait the longest this call may wait on a Retry-After before it fails RATE_LIMITED;
     *                    {@link Duration#ZERO} answers at once, without a call, while the gate is closed
     */
    Profile profile(String accessToken, Duration longestWait);

    /**
     * Exchanges an authorization code for tokens ({@code POST /api/token}, grant
     * {@code authorization_code}, the app's credentials as HTTP Basic). A code Spotify refuses
     * ({@code 400 invalid_grant}: used, expired, or for another redirect URI) is
     * {@link SpotifyAccountsException.Kind#REJECTED}. Never retried once it may have reached Spotify
     * (a code is good for one exchange).
     */
    Grant exchange(AuthorizationCode code);

    /**
     * Refreshes a user's tokens ({@code POST /api/token}, grant {@code refresh_token}). A refresh token
     * Spotify no longer accepts ({@code 400 invalid_grant}) is {@link SpotifyAccountsException.Kind#REJECTED}.
     * Never retried once it may have reached Spotify (it may have rotated the refresh token).
     */
    Grant refresh(String refreshToken);
}
