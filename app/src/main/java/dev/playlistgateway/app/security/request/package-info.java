/**
 * Who is asking, per request, in Spotify mode. {@code GatewayViewers} (the app's {@code ViewerResolver}) answers from
 * the {@code Authorization: Bearer} header, else the session cookie, else anonymous, once per request, and gives a
 * signed-in viewer its {@link dev.playlistgateway.app.security.Credential}. {@code ViewerTokens} (the Spotify adapter's
 * {@code SpotifyUserTokens}) turns that credential back into a Spotify token. {@code SignInFilter} runs before GraphQL:
 * it refuses bad or uncheckable credentials in the GraphQL error shape, applies the CSRF rule to cookie-authenticated
 * posts, and clears a cookie that authenticates nothing. docs/decisions/0017 says why this is not micronaut-security's
 * {@code AuthenticationFetcher}.
 */
package dev.playlistgateway.app.security.request;
