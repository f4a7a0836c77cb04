/**
 * Wiring: which adapter serves which port (demo catalog or Spotify; memory or Redis cache), and the
 * domain service built with {@code new} from them. Configuration keys are in docs/configuration.md.
 */
package dev.playlistgateway.app.wiring;
