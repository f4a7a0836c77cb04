/**
 * The signed-in sessions. {@link dev.playlistgateway.app.security.session.Sessions} creates, finds, updates and ends
 * them; a session is known to the browser by its id (the cookie,
 * {@link dev.playlistgateway.app.security.session.SessionCookies}) and on the server by the id's SHA-256, its handle.
 * Records are sealed with {@code TokenCipher} (AES-256-GCM) before a {@code SessionStore} sees them: Redis
 * ({@code RedisSessionStore}) or this process's memory ({@code InMemorySessionStore}). Recently read sessions are kept
 * decrypted in memory ({@code SessionCopies}) so that a store outage ({@code SessionStoreOutage}) signs no one out;
 * docs/security.md, "Store outages", has the rules, and docs/decisions/0008 the reasons.
 * {@link dev.playlistgateway.app.security.session.SessionTokens} hands a session's Spotify token to the Spotify adapter
 * and refreshes it once per session however many requests ask. {@code SessionFactory} wires the store and the sessions.
 */
package dev.playlistgateway.app.security.session;
