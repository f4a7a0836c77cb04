package dev.playlistgateway.adapter.demo;

import dev.playlistgateway.domain.model.UserId;
import dev.playlistgateway.domain.port.PlaylistPort;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Objects;

/**
 * The offline demo catalog: a realistic, invented catalogue bundled with this module (three users,
 * fifteen playlists from empty to 260 items, about 350 tracks by 60 artists on 40 albums), served
 * through a {@link PlaylistPort} with Spotify's visibility and editing rules. The gateway uses it when
 * no Spotify credentials are configured; benchmarks use it with {@link #withLatency(Duration)}.
 *
 * <p>Changes to playlists are kept in memory, shared by every port of this catalog and of the
 * catalogs derived from it by {@link #withLatency(Duration)}, and lost when the process ends.
 * Every {@link #loadBundled()} starts afresh from the bundled data.
 *
 * <p>Thread safe.
 */
public final class DemoCatalog {

    private static final String BUNDLED = "catalog.json";

    private final Catalog catalog;
    private final Duration latency;

    private DemoCatalog(Catalog catalog, Duration latency) {
        this.catalog = catalog;
        this.latency = latency;
    }

    /**
     * Reads the catalogue bundled with this module.
     *
     * @throws IllegalStateException if the bundled resource is missing or inconsistent (a build error)
     */
    public static DemoCatalog loadBundled() {
        try (InputStream json = DemoCatalog.class.getResourceAsStream(BUNDLED)) {
            if (json == null) {
                throw new IllegalStateException("The demo catalog resource " + BUNDLED + " is not on the classpath");
            }
            return new DemoCatalog(Catalog.read(json), Duration.ZERO);
        } catch (IOException e) {
            throw new UncheckedIOException("The demo catalog cannot be read", e);
        }
    }

    /**
     * The catalogue as a {@link PlaylistPort}. Ports of one catalog share its playlists: a change
     * made through one is seen through all.
     */
    public PlaylistPort playlistPort() {
        return new DemoPlaylistAdapter(catalog, latency);
    }

    /** The user the gateway acts for in demo mode, who owns most playlists and collaborates on one. */
    public UserId defaultUser() {
        return catalog.defaultUser();
    }

    /**
     * This catalogue (same playlists, same changes), with every port call but
     * {@link PlaylistPort#itemsPageSize()} taking {@code perCall} before it answers, as a call over the
     * network would. For benchmarks of batching and caching; {@link Duration#ZERO} for none (the default).
     *
     * @throws IllegalArgumentException if {@code perCall} is negative
     */
    public DemoCatalog withLatency(Duration perCall) {
        Objects.requireNonNull(perCall, "perCall");
        if (perCall.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative, was " + perCall);
        }
        return new DemoCatalog(catalog, perCall);
    }

    /** The simulated latency per call; zero unless set by {@link #withLatency(Duration)}. */
    public Duration latency() {
        return latency;
    }
}
