package dev.playlistgateway.adapter.spotify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.playlistgateway.adapter.spotify.SpotifyFixtures.Shape;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * WireMock extensions that answer like Spotify for any request of a family, so that tests need not
 * stub every offset or id: playlist items for any offset/limit (with Spotify's cap on limit), and
 * catalogue objects by id, singly or several at once. Ids starting with 'x' are unknown to Spotify.
 */
final class FakeSpotify {

    private FakeSpotify() {
    }

    static ResponseDefinition json(int status, String body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8").withBody(body).build();
    }

    private static int query(LoggedRequest request, String name, int otherwise) {
        var value = request.queryParameter(name);
        return value.isPresent() ? Integer.parseInt(value.firstValue()) : otherwise;
    }

    /**
     * {@code /v1/playlists/{id}/items}: entries for tracks {@code t…0} to {@code t…(total-1)}.
     * Parameters: total, cap (the most Spotify returns per page), shape.
     */
    static final class PlaylistItems implements ResponseDefinitionTransformerV2 {
        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Parameters parameters = event.getTransformerParameters();
            int total = parameters.getInt("total");
            int cap = parameters.getInt("cap", 100);
            Shape shape = Shape.valueOf(parameters.getString("shape", "EXTENDED"));
            LoggedRequest request = event.getRequest();
            int offset = query(request, "offset", 0);
            int limit = Math.min(query(request, "limit", 20), cap);
            List<JsonNode> entries = new ArrayList<>();
            for (int i = offset; i < Math.min(total, offset + limit); i++) {
                entries.add(SpotifyFixtures.entry(SpotifyFixtures.track(SpotifyFixtures.id('t', i), shape), shape));
            }
            String path = request.getUrl().replaceAll("\\?.*", "");
            return json(200, SpotifyFixtures.paging(path, entries, offset, limit, total).toString());
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return "playlist-items";
        }
    }

    /**
     * {@code /v1/{kind}?ids=…} (several: nulls for unknown ids) and {@code /v1/{kind}/{id}} (one: 404 for
     * an unknown id). Counts calls in flight, holding each for parameter delayMs.
     */
    static final class Catalogue implements ResponseDefinitionTransformerV2 {
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            try {
                Parameters parameters = event.getTransformerParameters();
                int delay = parameters.getInt("delayMs", 0);
                if (delay > 0) {
                    Thread.sleep(delay);
                }
                Shape shape = Shape.valueOf(parameters.getString("shape", "EXTENDED"));
                LoggedRequest request = event.getRequest();
                String[] path = request.getUrl().replaceAll("\\?.*", "").split("/"); // "", v1, kind[, id]
                String kind = path[2];
                if (path.length == 4) {
                    String id = path[3];
                    if (id.startsWith("x")) {
                        return json(404, SpotifyFixtures.error(404, "Resource not found"));
                    }
                    return json(200, object(kind, id, shape).toString());
                }
                return json(200, several(kind, request.queryParameter("ids").firstValue(), shape).toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return json(500, SpotifyFixtures.error(500, "interrupted"));
            } finally {
                inFlight.decrementAndGet();
            }
        }

        /** A several-ids answer for the comma-separated {@code ids}: null in the place of an unknown one. */
        static ObjectNode several(String kind, String ids, Shape shape) {
            ObjectNode answer = SpotifyFixtures.JSON.createObjectNode();
            ArrayNode list = answer.putArray(kind);
            for (String id : ids.split(",")) {
                if (id.startsWith("x")) {
                    list.addNull();
                } else {
                    list.add(object(kind, id, shape));
                }
            }
            return answer;
        }

        static ObjectNode object(String kind, String id, Shape shape) {
            return switch (kind) {
                case "tracks" -> SpotifyFixtures.track(id, shape);
                case "artists" -> SpotifyFixtures.fullArtist(id, shape);
                case "albums" -> SpotifyFixtures.album(id, shape);
                default -> throw new IllegalArgumentException(kind);
            };
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return "catalogue";
        }
    }
}
