/**
 * The ports the domain depends on: {@link dev.playlistgateway.domain.port.PlaylistPort} (where music
 * data comes from) and {@link dev.playlistgateway.domain.port.CachePort} (where it is kept).
 * Adapters under {@code adapters/} implement them; the app wires one of each.
 */
package dev.playlistgateway.domain.port;
