package dev.playlistgateway.adapter.spotify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.playlistgateway.adapter.spotify.SpotifyTransport.Answer;
import dev.playlistgateway.adapter.spotify.SpotifyTransport.Request;
import dev.playlistgateway.adapter.spotify.SpotifyTransport.Service;
import dev.playlistgateway.domain.model.MusicDataException;
import dev.playlistgateway.domain.model.MusicDataException.Failure;
import dev.playlistgateway.domain.model.Viewer;

import java.time.Instant;
import java.util.Optional;

/**
 * One Web API call on behalf of a viewer, over the shared {@link SpotifyTransport} (gate, bulkhead,
 * retries, metrics): the token (the app's for anonymous viewers, the user's otherwise, refreshed once on
 * 401) and the translation of Spotify's final answers into {@link MusicDataException}. Thread safe.
 */
final class SpotifyHttp {

    private final SpotifyTransport transport;
    private final AppTokens appTokens;
    private final SpotifyUserTokens userTokens;

    SpotifyHttp(SpotifyTransport transport, AppTokens appTokens, SpotifyUserTokens userTokens) {
        this.transport = transport;
        this.appTokens = appTokens;
        this.userTokens = userTokens;
    }

    /** The latest moment a call starting now may wait on a Retry-After. */
    Instant waitDeadline() {
        return transport.waitDeadline();
    }

    JsonNode call(Viewer viewer, Request request) {
        return call(viewer, request, waitDeadline());
    }

    /**
     * Sends {@code request} on behalf of {@code viewer} and returns the parsed 2xx body (a
     * {@link MissingNode} when empty). Throws {@link SpotifyRefusal} for a final 400, 403 or 404, and
     * {@link MusicDataException} for everything else that goes wrong.
     *
     * @param waitDeadline Retry-After waits ending after this fail with RATE_LIMITED instead
     */
    JsonNode call(Viewer viewer, Request request, Instant waitDeadline) {
        boolean asUser = !viewer.isAnonymous();
        String token = asUser ? userToken(viewer) : appTokens.get(waitDeadline);
        boolean tokenRenewed = false;
        while (true) {
            Answer answer = transport.send(Service.WEB_API, request, "Bearer " + token, waitDeadline);
            if (answer.ok()) {
                return answer.json(request);
            }
            if (answer.status() == 401) {
                if (tokenRenewed) {
                    throw asUser
                            ? new MusicDataException(Failure.UNAUTHENTICATED, "Spotify no longer accepts your sign-in; sign in again")
                            : new MusicDataException(Failure.UPSTREAM_UNAVAILABLE, "Spotify rejects the gateway's app token");
                }
                tokenRenewed = true;
                if (asUser) {
                    token = refreshedUserToken(viewer, token);
                } else {
                    appTokens.invalidate(token);
                    token = appTokens.get(waitDeadline);
                }
                continue;
            }
            throw refusal(answer.status(), answer.error().message());
        }
    }

    private static SpotifyRefusal refusal(int status, String spotifyMessage) {
        String said = spotifyMessage.isEmpty() ? "" : " (Spotify said: " + spotifyMessage + ")";
        return switch (status) {
            case 404 -> new SpotifyRefusal(Failure.NOT_FOUND, status, spotifyMessage, "Not found on Spotify" + said);
            case 403 -> new SpotifyRefusal(Failure.FORBIDDEN, status, spotifyMessage, "Spotify refuses this request" + said);
            case 400 -> new SpotifyRefusal(Failure.BAD_INPUT, status, spotifyMessage, "Spotify rejected the request" + said);
            default -> new SpotifyRefusal(Failure.UPSTREAM_UNAVAILABLE, status, spotifyMessage,
                    "Spotify answered HTTP " + status + said);
        };
    }

    // ------------------------------------------------------------------ user tokens

    private String userToken(Viewer viewer) {
        Optional<String> token;
        try {
            token = userTokens.accessToken(viewer);
        } catch (MusicDataException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MusicDataException(Failure.UPSTREAM_UNAVAILABLE, "Could not read your Spotify sign-in", e);
        }
        return token.filter(t -> !t.isBlank()).orElseThrow(() ->
                new MusicDataException(Failure.UNAUTHENTICATED, "Sign in with Spotify to see this"));
    }

    private String refreshedUserToken(Viewer viewer, String rejected) {
        Optional<String> token;
        try {
            token = userTokens.refreshAfterRejection(viewer, rejected);
        } catch (MusicDataException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MusicDataException(Failure.UPSTREAM_UNAVAILABLE, "Could not refresh your Spotify sign-in", e);
        }
        return token.filter(t -> !t.isBlank()).orElseThrow(() ->
                new MusicDataException(Failure.UNAUTHENTICATED, "Your Spotify sign-in has expired; sign in again"));
    }
}
