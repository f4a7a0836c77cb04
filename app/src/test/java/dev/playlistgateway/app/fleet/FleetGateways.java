package dev.playlistgateway.app.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.playlistgateway.adapter.spotify.SpotifyFixtures;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Whole gateways for the fleet tests, each with its embedded server, in Spotify mode against one
 * {@link WindowedSpotify}, on one Redis when given (one token key), and a small client for
 * them. {@link #close()} stops them all.
 */
final class FleetGateways implements AutoCloseable {
    static final String TOKEN_KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One answer: the HTTP status and the GraphQL body. */
    record Answer(int status, JsonNode body) {
        boolean ok() {
            return status == 200 && !body.has("errors");
        }

        String errorCode() {
            return body.path("errors").path(0).path("extensions").path("code").asText(null);
        }

        long retryAfterSeconds() {
            return body.path("errors").path(0).path("extensions").path("retryAfterSeconds").asLong(-1);
        }
    }

    private final WindowedSpotify spotify;
    private final String redisUri;
    private final List<EmbeddedServer> running = new ArrayList<>();

    FleetGateways(WindowedSpotify spotify, String redisUri) {
        this.spotify = spotify;
        this.redisUri = redisUri;
    }

    /**
     * Starts a gateway with {@code overrides} (key, value pairs) on top of the settings above; it is member
     * {@link #memberOf} of the fleet at the stand-in.
     */
    EmbeddedServer start(String... overrides) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.putAll(spotify.gatewayProperties(running.size()));
        if (redisUri != null) {
            properties.put("redis.uri", redisUri);
            // Generous: on a loaded test machine a slow answer would send an instance to its local share, which
            // is not what these tests are about. A killed Redis is refused at once, whatever the timeout.
            properties.put("cache.redis.command-timeout", "2s");
            properties.put("cache.redis.backoff", "500ms");
            properties.put("gateway.security.redis.timeout", "500ms");
        }
        properties.put("gateway.security.token-key", TOKEN_KEY);
        for (int i = 0; i < overrides.length; i += 2) {
            properties.put(overrides[i], overrides[i + 1]);
        }
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties);
        running.add(server);
        return server;
    }

    /** Which member of the fleet {@code gateway} is (the index the stand-in records its calls under). */
    int memberOf(EmbeddedServer gateway) {
        return running.indexOf(gateway);
    }

    /** {@code count} gateways with the same overrides. */
    List<EmbeddedServer> startAll(int count, String... overrides) {
        List<EmbeddedServer> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            started.add(start(overrides));
        }
        return started;
    }

    /** The query {@code { track(id:) { name } }} for catalogue track {@code n}: one Spotify call while cold. */
    static String track(int n) {
        return "{ track(id: \"" + SpotifyFixtures.id('t', n) + "\") { name } }";
    }

    static CompletableFuture<Answer> ask(EmbeddedServer gateway, String query) {
        String body = JSON.createObjectNode().put("query", query).toString();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.getPort() + "/graphql"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            try {
                return new Answer(response.statusCode(), JSON.readTree(response.body()));
            } catch (Exception notJson) {
                return new Answer(response.statusCode(), JsonNodeFactory.instance.textNode(response.body()));
            }
        });
    }

    /** Sends track queries {@code first..first+count-1} at once, round robin over {@code gateways}; waits for all. */
    static List<Answer> burst(List<EmbeddedServer> gateways, int first, int count) {
        List<CompletableFuture<Answer>> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            answers.add(ask(gateways.get(i % gateways.size()), track(first + i)));
        }
        return answers.stream().map(CompletableFuture::join).toList();
    }

    @Override
    public void close() {
        running.forEach(EmbeddedServer::close);
        running.clear();
    }
}
