/**
 * The Spotify Web API behind {@link dev.playlistgateway.domain.port.PlaylistPort}: both API shapes
 * (Extended Quota, Development Mode), app and user tokens, paging at Spotify's maxima, several-ids
 * batching or bounded one-id fan-out, the shared Retry-After gate, retries, bulkhead and metrics.
 * Public surface: {@link dev.playlistgateway.adapter.spotify.SpotifyAdapter},
 * {@link dev.playlistgateway.adapter.spotify.SpotifySettings},
 * {@link dev.playlistgateway.adapter.spotify.SpotifyUserTokens},
 * {@link dev.playlistgateway.adapter.spotify.ThrottleGate}. See the module README.
 */
package dev.playlistgateway.adapter.spotify;
