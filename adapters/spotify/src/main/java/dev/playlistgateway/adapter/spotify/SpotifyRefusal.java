package dev.playlistgateway.adapter.spotify;

import dev.playlistgateway.domain.model.MusicDataException;

/**
 * Spotify answered a final 4xx (not 401 or 429, which the transport handles). Carries the status and
 * Spotify's own message so that an operation can say why (a 403 in Development Mode) or treat it as
 * an answer (a 404 in a batch means "absent"). Still a {@link MusicDataException}, so it may escape as is.
 */
final class SpotifyRefusal extends MusicDataException {

    private final int status;
    private final String spotifyMessage;

    SpotifyRefusal(Failure failure, int status, String spotifyMessage, String message) {
        super(failure, message);
        this.status = status;
        this.spotifyMessage = spotifyMessage;
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
}
