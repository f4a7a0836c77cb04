/**
 * The music model the gateway serves: users, playlists and their items, tracks, artists, albums,
 * pages, typed ids, and the one failure type. Spotify-free: adapters translate into these.
 */
package dev.playlistgateway.domain.model;
