package dev.playlistgateway.domain.cache;

/** The kinds of cached data; each has its own time to live (see {@link CacheTtls}) and metrics. */
public enum DataKind {
    TRACKS, ARTISTS, ALBUMS, PLAYLISTS, ITEMS, USERS;

    /** Lower-case name used in configuration keys and metric tags. */
    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
