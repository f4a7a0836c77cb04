/**
 * Bearer mode: clients that run their own PKCE send {@code Authorization: Bearer <Spotify access token>}, and
 * {@link dev.playlistgateway.app.security.bearer.BearerViewers} says whose token it is ({@code GET /v1/me}, shared by
 * concurrent requests), how long that answer is trusted before Spotify is asked again, when a token is refused, and
 * what lookups of unknown tokens one client may cost ({@code BearerLookupLimits}, a Bucket4j bucket per client).
 * The limits are {@code gateway.security.bearer.*} ({@code SecuritySettings.Bearer}); docs/security.md, "Bearer mode",
 * has the rules and their reasons. The gateway never refreshes a Bearer token: it is the client's.
 */
package dev.playlistgateway.app.security.bearer;
