package dev.playlistgateway.adapter.spotify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.playlistgateway.adapter.spotify.SpotifyTransport.Answer;
import dev.playlistgateway.adapter.spotify.SpotifyTransport.Request;
import dev.playlistgateway.adapter.spotify.SpotifyTransport.Service;
import dev.playlistgateway.domain.model.MusicDataException;
import dev.playlistgateway.domain.model.Viewer;

import java.time.Instant;

/**
 * One Web API call on behalf of a viewer, over the shared {@link SpotifyTransport} (gate, bulkhead,
 * retries, metrics): the viewer's {@link BearerToken}, one renewal when Spotify answers 401, and a final
 * 4xx told as a {@link SpotifyRefusal}. Thread safe.
 */
final class SpotifyWebApi {

    private final SpotifyTransport transport;
    private final AppTokens appTokens;
    private final SpotifyUserTokens userTokens;

    SpotifyWebApi(SpotifyTransport transport, AppTokens appTokens, SpotifyUserTokens userTokens) {
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
        BearerToken bearer = viewer.isAnonymous() ? appTokens : new UserToken(userTokens, viewer);
        String token = bearer.current(waitDeadline);
        Answer answer = send(request, token, waitDeadline);
        if (answer.status() == 401) {
            answer = send(request, bearer.renewed(token, waitDeadline), waitDeadline);
            if (answer.status() == 401) {
                throw bearer.stillRejected();
            }
        }
        if (!answer.ok()) {
            throw SpotifyRefusal.of(answer.status(), answer.error().message());
        }
        return answer.json(request);
    }

    private Answer send(Request request, String token, Instant waitDeadline) {
        return transport.send(Service.WEB_API, request, "Bearer " + token, waitDeadline);
    }
}
