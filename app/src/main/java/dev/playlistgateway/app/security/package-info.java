/**
 * Sign in with Spotify (Spotify mode only): the OAuth2 authorization-code login with PKCE, server-side
 * sessions whose Spotify tokens are encrypted at rest ({@link dev.playlistgateway.app.security.Sessions}),
 * the small session cookie, token refresh once per session, logout, Bearer mode for clients that run their
 * own PKCE, and the CSRF rule for cookie-authenticated requests. docs/security.md is the user's view.
 *
 * <p>Everything here is active only when {@code spotify.client-id} is set; demo mode needs none of it.
 */
package dev.playlistgateway.app.security;
