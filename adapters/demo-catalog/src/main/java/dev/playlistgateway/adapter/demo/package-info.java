/**
 * The offline demo catalog: a {@link dev.playlistgateway.domain.port.PlaylistPort} over a bundled,
 * realistic catalogue, so the gateway serves data with no Spotify credentials and no network.
 * {@link dev.playlistgateway.adapter.demo.DemoCatalog} is the entry point; everything else is
 * package-private.
 */
package dev.playlistgateway.adapter.demo;
