/**
 * Signing in and out with Spotify: the OAuth2 authorization-code flow with PKCE that micronaut-security runs
 * ({@code GET /oauth/login/spotify}, {@code GET /oauth/callback/spotify}, {@code POST /logout}), and the parts of it the
 * gateway supplies. {@code SpotifyCodeExchange} hands the code exchange to the Spotify adapter (its Retry-After gate,
 * bulkhead and metric; docs/decisions/0009); {@code SpotifyLoginMapper} asks {@code /v1/me} whose token it is and stores
 * the session; {@code SessionLoginHandler} sets the session cookie (or sends a failed sign-in to the failure URL) and
 * {@code SessionLogoutHandler} ends the session. A failed callback is answered quietly: {@code SignInFailureFilter}
 * turns every error answer of the callback into the failure redirect, {@code SignInFailures} counts and rate-limits
 * them, and {@code QuietStateSerDes} reads a forged state as no state. {@code ReturningStateFactory} carries the page to
 * come back to ({@code ?returnTo=}, only a {@code LocalReturnPath}) in the state, for {@code SessionLoginHandler}.
 */
package dev.playlistgateway.app.security.login;
