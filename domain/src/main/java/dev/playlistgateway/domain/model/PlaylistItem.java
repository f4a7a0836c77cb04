package dev.playlistgateway.domain.model;

import java.time.Instant;

/**
 * One entry of a playlist.
 *
 * @param addedAt when it was added, or null for very old playlists
 * @param trackId the track, or null when the entry is not a catalogue track (a local file, an episode)
 */
public record PlaylistItem(Instant addedAt, TrackId trackId) {
}
