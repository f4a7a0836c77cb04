package dev.playlistgateway.app.graphql;

import dev.playlistgateway.domain.model.AlbumId;
import dev.playlistgateway.domain.model.ArtistId;
import dev.playlistgateway.domain.model.InvalidInputException;
import dev.playlistgateway.domain.model.PlaylistId;
import dev.playlistgateway.domain.model.TrackId;

import java.util.Locale;

/**
 * The schema's global ids (Relay's Object Identification): an object's Spotify URI,
 * {@code spotify:<type>:<id>}. Unique across types because the type is part of the id, stable
 * because Spotify's ids are, and already known to anyone who has used Spotify's API. Arguments take
 * either a URI or a bare Spotify id; a URI of another type is refused. Domain ids never contain a
 * colon, so splitting on it is unambiguous. Stateless; failures are {@link InvalidInputException}
 * (BAD_USER_INPUT) with a message for the client.
 */
final class GlobalIds {
    private static final String SCHEME = "spotify:";

    /** The kinds of objects with a global id, by the word Spotify's URIs use. */
    enum Kind {
        USER, PLAYLIST, TRACK, ARTIST, ALBUM;

        final String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A decoded global id: its kind and the bare id (not yet validated as a domain id). */
    record GlobalId(Kind kind, String id) {
    }

    private GlobalIds() {
    }

    static String of(Kind kind, String bareId) {
        return SCHEME + kind.word() + ":" + bareId;
    }

    /** A global id, which must be a URI: {@code node(id:)} has no other way to tell a type. */
    static GlobalId parse(String raw) {
        if (raw == null || !raw.startsWith(SCHEME)) {
            throw new InvalidInputException("Not a global id: expected spotify:<type>:<id> (types: user, playlist, "
                    + "track, artist, album), was " + shown(raw));
        }
        String rest = raw.substring(SCHEME.length());
        int colon = rest.indexOf(':');
        if (colon < 0) {
            throw new InvalidInputException("Not a global id: expected spotify:<type>:<id>, was " + shown(raw));
        }
        String word = rest.substring(0, colon);
        for (Kind kind : Kind.values()) {
            if (kind.word().equals(word)) {
                return new GlobalId(kind, rest.substring(colon + 1));
            }
        }
        throw new InvalidInputException("Not a global id of this API: the type " + shown(word)
                + " is none of user, playlist, track, artist, album");
    }

    static PlaylistId playlist(String raw) {
        return PlaylistId.of(bare(raw, Kind.PLAYLIST));
    }

    static TrackId track(String raw) {
        return TrackId.of(bare(raw, Kind.TRACK));
    }

    static ArtistId artist(String raw) {
        return ArtistId.of(bare(raw, Kind.ARTIST));
    }

    static AlbumId album(String raw) {
        return AlbumId.of(bare(raw, Kind.ALBUM));
    }

    /** The bare id of {@code raw}: itself when it is not a URI, else the URI's id, if it is of {@code expected}. */
    private static String bare(String raw, Kind expected) {
        if (raw == null || !raw.startsWith(SCHEME)) {
            return raw; // a bare id: the typed id validates it
        }
        GlobalId id = parse(raw);
        if (id.kind() != expected) {
            throw new InvalidInputException("Expected a " + expected.word() + " id, but " + shown(raw)
                    + " is a " + id.kind().word() + "'s");
        }
        return id.id();
    }

    private static String shown(String value) {
        if (value == null) {
            return "null";
        }
        String printable = value.replaceAll("[^\\x20-\\x7E]", "?");
        return '"' + (printable.length() > 60 ? printable.substring(0, 60) + "…" : printable) + '"';
    }
}
