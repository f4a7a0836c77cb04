package dev.playlistgateway.bench;

/** The GraphQL documents the run sends, the same to the gateway and to the naive baseline. */
final class Queries {

    private Queries() {
    }

    /** One page of a playlist's items; the client follows {@code endCursor} to read all of them. */
    static String playlistPage(String playlistId, String after) {
        return "{ playlist(id: \"" + playlistId + "\") { name trackCount tracks(first: 100"
                + (after == null ? "" : ", after: \"" + after + "\"")
                + ") { pageInfo { hasNextPage endCursor } edges { addedAt node { id name durationMs"
                + " album { name } artists { name } } } } } }";
    }

    /** One page of the viewer's playlists, each with its first 100 tracks and their artists. */
    static String libraryPage(String after) {
        return "{ me { playlists(first: 50" + (after == null ? "" : ", after: \"" + after + "\"")
                + ") { pageInfo { hasNextPage endCursor } nodes { name trackCount tracks(first: 100) {"
                + " edges { node { name album { name } artists { name } } } } } } } }";
    }

    /** A playlist's 100 tracks with their artists' genres (one artist load each). */
    static String genres(String playlistId) {
        return "{ playlist(id: \"" + playlistId + "\") { name tracks(first: 100) { edges { node { name"
                + " artists { name genres } } } } } }";
    }

    /** The load workload's first query: one playlist, 100 tracks with artists and album (about 25 KB). */
    static String hundredTracks(String playlistId) {
        return "{ playlist(id: \"" + playlistId + "\") { name tracks(first: 100) { edges { node {"
                + " id name album { name } artists { name } } } } } }";
    }

    /** The load workload's second: 50 playlists x 100 tracks (about 0.96 MB). */
    static String fiftyByHundred() {
        return "{ me { playlists(first: 50) { nodes { name tracks(first: 100) { edges { track { name"
                + " album { name } artists { name } } } } } } } }";
    }
}
