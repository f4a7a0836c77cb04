/**
 * Sign in with Spotify, in Spotify mode only. docs/security.md is the user's view; here is where each part lives:
 * <ul>
 *   <li>{@link dev.playlistgateway.app.security.session session}: the signed-in sessions ({@code Sessions}), their
 *       store in Redis or memory, the memory copies that ride out a store outage, the encryption of the Spotify tokens
 *       at rest, the session cookie, and the refresh of a session's tokens;</li>
 *   <li>{@link dev.playlistgateway.app.security.bearer bearer}: Bearer mode, for clients that run their own PKCE and
 *       send a Spotify token: who owns it, how long that answer is trusted, what lookups cost a client;</li>
 *   <li>{@link dev.playlistgateway.app.security.login login}: the OAuth2 authorization-code flow micronaut-security runs
 *       ({@code /oauth/login/spotify}, {@code /oauth/callback/spotify}, {@code /logout}): the code exchange through the
 *       Spotify adapter, the user behind the new token, the cookie on the way out, and quiet failed callbacks;</li>
 *   <li>{@link dev.playlistgateway.app.security.request request}: who is asking, per request: the viewer resolver
 *       (Bearer token, else session cookie, else anonymous), the tokens the Spotify adapter gets for that viewer, and
 *       the filter that refuses bad credentials and cross-site posts (CSRF) before GraphQL runs.</li>
 * </ul>
 * This package holds what they share: {@link dev.playlistgateway.app.security.SecuritySettings} (every
 * {@code gateway.security.*} key), the {@link dev.playlistgateway.app.security.Credential} a signed-in viewer carries,
 * the hashes that stand in for secrets, and the GraphQL-shaped refusals. Dependencies between the sub-packages run one
 * way (request and login use session and bearer; ArchitectureTest keeps them free of cycles).
 *
 * <p>The {@code @Requires} here is the one switch for all of it: every bean in this package and below exists only when
 * {@code spotify.client-id} is set; demo mode has none of them. (A {@code @MicronautTest} class in these packages is a
 * bean too, and would be skipped in demo mode: tests of demo mode start their context themselves.)
 */
@Configuration
@Requires(property = "spotify.client-id")
package dev.playlistgateway.app.security;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
