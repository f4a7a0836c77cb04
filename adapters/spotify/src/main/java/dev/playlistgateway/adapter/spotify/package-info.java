/**
 * The gateway's one client for Spotify: the Web API behind {@link dev.playlistgateway.domain.port.PlaylistPort}
 * (both API shapes, Extended Quota and Development Mode; app and user tokens; paging at Spotify's maxima;
 * several-ids batching or bounded one-id fan-out) and the accounts calls sign-in needs
 * ({@link dev.playlistgateway.adapter.spotify.SpotifyAccounts}: who owns a token, the code exchange, refresh),
 * all on one transport with the shared Retry-After gate, retries, bulkhead and metrics.
 * Public surface: {@link dev.playlistgateway.adapter.spotify.Spotify} (the factory, one per process),
 * {@link dev.playlistgateway.adapter.spotify.SpotifyAccounts},
 * {@link dev.playlistgateway.adapter.spotify.SpotifyAccountsException},
 * {@link dev.playlistgateway.adapter.spotify.SpotifySettings},
 * {@link dev.playlistgateway.adapter.spotify.SpotifyUserTokens},
 * {@link dev.playlistgateway.adapter.spotify.ThrottleGate}; the port itself is the package-private
 * {@code SpotifyPlaylistAdapter}. See the module README.
 */
package dev.playlistgateway.adapter.spotify;
