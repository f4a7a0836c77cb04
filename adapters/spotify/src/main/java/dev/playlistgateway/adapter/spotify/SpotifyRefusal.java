package dev.playlistgateway.adapter.spotify;

import dev.playlistgateway.domain.model.MusicDataException;

/**
 * Spotify answered a final 4xx (not 401, which {@link SpotifyWebApi} renews once, or 429, which
 * {@link Throttling} handles). Carries the status and Spotify's own message so that an operation can say why
 * (a 403 in Development Mode) or treat it as an answer (a 404 in a batch means "absent"). Still a
 * {@link MusicDataException}, so it may escape as is.
 */
final class SpotifyRefusal extends MusicDataException {

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

    private static String said(String spotifyMessage) {
        return spotifyMessage.isEmpty() ? "" : " (Spotify said: " + spotifyMessage + ")";
    }
}
