package dev.playlistgateway.adapter.spotify;

import dev.playlistgateway.adapter.spotify.SpotifySettings.ApiMode;
import dev.playlistgateway.domain.model.MusicDataException;
import dev.playlistgateway.domain.model.PlaylistId;
import dev.playlistgateway.domain.model.UserId;

/**
 * Spotify answered a final 4xx (not 401, which {@link SpotifyWebApi} renews once, or 429, which
 * {@link Throttling} handles). Carries the status and Spotify's own message so that an operation can say why
 * (a 403 in Development Mode) or treat it as an answer (a 404 in a batch means "absent"); the wording for
 * each operation is here. Still a {@link MusicDataException}, so it may escape as is.
 */
final class SpotifyRefusal extends MusicDataException {

    private static final String DEV_MODE_ITEMS_RULE = "in Development Mode Spotify lets an app read the items only of "
            + "playlists the signed-in user owns or collaborates on";
    private static final String DEV_MODE_PLAYLISTS_RULE =
            "in Development Mode Spotify offers an app only the signed-in user's own playlists";
    private static final String CHANGE_RULE = "only its owner or a collaborator may change it, with the playlist-modify scopes";

    private final int status;
    private final String spotifyMessage;

    SpotifyRefusal(Failure failure, int status, String spotifyMessage, String message) {
        super(failure, message);
        this.status = status;
        this.spotifyMessage = spotifyMessage;
    }

    /** Spotify's final answer {@code status}, told the general way: 404 NOT_FOUND, 403 FORBIDDEN, 400 BAD_INPUT. */
    static SpotifyRefusal of(int status, String spotifyMessage) {
        String said = said(spotifyMessage);
        return switch (status) {
            case 404 -> new SpotifyRefusal(Failure.NOT_FOUND, status, spotifyMessage, "Not found on Spotify" + said);
            case 403 -> new SpotifyRefusal(Failure.FORBIDDEN, status, spotifyMessage, "Spotify refuses this request" + said);
            case 400 -> new SpotifyRefusal(Failure.BAD_INPUT, status, spotifyMessage, "Spotify rejected the request" + said);
            default -> new SpotifyRefusal(Failure.UPSTREAM_UNAVAILABLE, status, spotifyMessage,
                    "Spotify answered HTTP " + status + said);
        };
    }

    int status() {
        return status;
    }

    /** Spotify's {@code error.message}, or an empty string. */
    String spotifyMessage() {
        return spotifyMessage;
    }

    /** The same refusal told another way. */
    SpotifyRefusal withMessage(Failure newFailure, String message) {
        return new SpotifyRefusal(newFailure, status, spotifyMessage, message);
    }

    // ------------------------------------------------------------------ told per operation

    /** A refused list of {@code owner}'s playlists: another user's in Development Mode (403), or no such user (404). */
    SpotifyRefusal forPlaylistsOf(UserId owner, boolean viewersOwn, ApiMode mode) {
        if (status == 403 && !viewersOwn) {
            return forbidden("Spotify refuses this app the playlists of user " + owner, DEV_MODE_PLAYLISTS_RULE, mode);
        }
        if (status == 404) {
            return withMessage(Failure.NOT_FOUND, "User " + owner + " was not found");
        }
        return this;
    }

    /** A refused read of playlist {@code id} ({@code what}: the playlist, or its items). 400 is an id Spotify does not know. */
    SpotifyRefusal forPlaylist(PlaylistId id, String what, ApiMode mode) {
        return switch (status) {
            case 404, 400 -> withMessage(Failure.NOT_FOUND, "Playlist " + id + " was not found");
            case 403 -> forbidden("Spotify refuses this app " + what, DEV_MODE_ITEMS_RULE, mode);
            default -> this;
        };
    }

    /** A refused change of playlist {@code id}. */
    SpotifyRefusal forPlaylistChange(PlaylistId id, ApiMode mode) {
        return switch (status) {
            case 403 -> forbidden("Spotify refuses to change playlist " + id, CHANGE_RULE, mode);
            case 404 -> withMessage(Failure.NOT_FOUND, "Playlist " + id + " was not found");
            default -> this;
        };
    }

    /** A several-ids endpoint refused although the setting says the app has the full API. */
    SpotifyRefusal forSeveralIdsInExtendedMode(String endpoint) {
        return withMessage(Failure.FORBIDDEN, "Spotify refuses this app " + endpoint
                + " although spotify.api-mode is extended; if the app is in Development Mode, set it to auto or development");
    }

    /** A 403, told with the reason Development Mode would give when the app is (or may be) in it. */
    private SpotifyRefusal forbidden(String what, String devModeRule, ApiMode mode) {
        String why = switch (mode) {
            case DEVELOPMENT -> ": " + devModeRule;
            case AUTO -> ": if the app is in Development Mode, " + devModeRule + "; otherwise the user or app lacks access";
            case EXTENDED -> ": the user or app lacks access";
        };
        return withMessage(Failure.FORBIDDEN, what + why + said(spotifyMessage));
    }

    private static String said(String spotifyMessage) {
        return spotifyMessage.isEmpty() ? "" : " (Spotify said: " + spotifyMessage + ")";
    }
}
