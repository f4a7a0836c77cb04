package dev.playlistgateway.app.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * N gateway instances in one test, as behind a load balancer: each its own Micronaut
 * {@link ApplicationContext} with an embedded server on a free port, all on one Redis (standalone or
 * Cluster) and one Spotify (WireMock, or the Spotify adapter's {@code SpotifyStandIn}). The test owns
 * Redis and Spotify; the fleet owns the instances, and {@link #start()} returns once every instance's
 * cache is connected (Redis connects in the background). The instances share one session token key,
 * {@link #TOKEN_KEY}, as a fleet must.
 *
 * <pre>{@code
 * try (GatewayFleet fleet = GatewayFleet.of(3).redis(redis.uri()).properties(spotify.gatewayProperties())
 *         .property(2, "cache.redis.lease", "2s").start()) {
 *     JsonNode answer = fleet.graphql(1, "{ playlist(id: \"...\") { name } }", Map.of());
 * }
 * }</pre>
 *
 * {@link #graphql} is for answers a test reads as data (anything but HTTP 200 fails the test);
 * {@link #ask} and {@link #burst} for answers a test judges whole ({@link Answer}: status, error code,
 * {@code retryAfterSeconds}). The fleet's shared state alone, on Redis without gateways, is
 * {@link FleetRedisTopologies}'s.
 */
public final class GatewayFleet implements AutoCloseable {
    /** The sessions' sealing key every instance gets (32 zero bytes, base64): a test key, never a real one. */
    public static final String TOKEN_KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String TOKEN_KEY_PROPERTY = "gateway.security.token-key";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<EmbeddedServer> instances;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private GatewayFleet(List<EmbeddedServer> instances) {
        this.instances = instances;
    }

    /** A fleet of {@code size} instances, to configure and {@link Builder#start()}. */
    public static Builder of(int size) {
        return new Builder(size);
    }

    /** The settings of a fleet: shared by all instances, and overrides per instance. */
    public static final class Builder {
        private final int size;
        private final Map<String, Object> shared = new LinkedHashMap<>();
        private final List<Map<String, Object>> own = new ArrayList<>();

        private Builder(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("a fleet has at least one instance, not " + size);
            }
            this.size = size;
            for (int i = 0; i < size; i++) {
                own.add(new LinkedHashMap<>());
            }
            // Sessions on a shared Redis need one key for the fleet, or the gateway refuses to start.
            shared.put(TOKEN_KEY_PROPERTY, TOKEN_KEY);
        }

        /** Every instance on the standalone Redis at {@code uri}. */
        public Builder redis(String uri) {
            return property("redis.uri", uri);
        }

        /** Every instance on the Redis Cluster with these seed nodes. */
        public Builder redisCluster(List<String> uris) {
            return property("redis.uris", String.join(",", uris));
        }

        /** Settings for every instance (a Spotify stand-in's {@code gatewayProperties()}, say). */
        public Builder properties(Map<String, ?> properties) {
            shared.putAll(properties);
            return this;
        }

        public Builder property(String name, Object value) {
            shared.put(name, value);
            return this;
        }

        /** A setting for instance {@code index} only, over the shared ones. */
        public Builder property(int index, String name, Object value) {
            own.get(index).put(name, value);
            return this;
        }

        /**
         * Settings that differ by instance, over the shared ones: {@code ofInstance} is asked once for each
         * index (a stand-in that tells the instances apart by their Spotify URL, say).
         */
        public Builder instanceProperties(IntFunction<? extends Map<String, ?>> ofInstance) {
            for (int i = 0; i < size; i++) {
                own.get(i).putAll(ofInstance.apply(i));
            }
            return this;
        }

        /** No session token key (every fleet has {@link #TOKEN_KEY} otherwise): for a test of what a gateway does without one. */
        public Builder withoutTokenKey() {
            shared.remove(TOKEN_KEY_PROPERTY);
            return this;
        }

        /**
         * Generous Redis timeouts: on a loaded test machine a slow answer would send an instance to its local
         * share of the call budget, which is not what a test of the shared one is about. A killed Redis is
         * refused at once, whatever the timeout.
         */
        public Builder generousRedisTimeouts() {
            property("cache.redis.command-timeout", "2s");
            property("cache.redis.backoff", "500ms");
            return property("gateway.security.redis.timeout", "500ms");
        }

        /** Starts the instances one after another and waits until each one's cache is connected. */
        public GatewayFleet start() {
            List<EmbeddedServer> started = new ArrayList<>();
            try {
                for (int i = 0; i < size; i++) {
                    Map<String, Object> properties = new HashMap<>();
                    properties.put("micronaut.server.port", -1);
                    properties.putAll(shared);
                    properties.putAll(own.get(i));
                    started.add(ApplicationContext.run(EmbeddedServer.class, properties));
                }
                GatewayFleet fleet = new GatewayFleet(started);
                for (int i = 0; i < size; i++) {
                    fleet.awaitCacheUp(i, Duration.ofSeconds(20));
                }
                return fleet;
            } catch (RuntimeException | Error e) {
                started.forEach(EmbeddedServer::close);
                throw e;
            }
        }
    }

    /** One answer of {@code /graphql}, whatever its HTTP status: the status and the body (JSON, or the text as a JSON string). */
    public record Answer(int status, JsonNode body) {
        /** HTTP 200 without GraphQL errors. */
        public boolean ok() {
            return status == 200 && !body.has("errors");
        }

        /** The first error's {@code extensions.code}, or null. */
        public String errorCode() {
            return body.path("errors").path(0).path("extensions").path("code").asText(null);
        }

        /** The first error's {@code extensions.retryAfterSeconds}, or -1. */
        public long retryAfterSeconds() {
            return body.path("errors").path(0).path("extensions").path("retryAfterSeconds").asLong(-1);
        }
    }

    public int size() {
        return instances.size();
    }

    public EmbeddedServer instance(int index) {
        return instances.get(index);
    }

    /** The base URI of instance {@code index}. */
    public URI uri(int index) {
        return URI.create("http://127.0.0.1:" + instances.get(index).getPort());
    }

    /** A bean of instance {@code index}'s context. */
    public <T> T bean(int index, Class<T> type) {
        return instances.get(index).getApplicationContext().getBean(type);
    }

    /** POSTs {@code query} to instance {@code index}'s {@code /graphql}; the answer's JSON (data, errors, extensions). */
    public JsonNode graphql(int index, String query, Map<String, String> headers) {
        return graphql(index, query, Map.of(), headers);
    }

    public JsonNode graphql(int index, String query, Map<String, Object> variables, Map<String, String> headers) {
        try {
            HttpResponse<String> response = http.send(request(index, query, variables, headers), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("instance " + index + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** POSTs {@code query} to instance {@code index}'s {@code /graphql} without waiting; the answer whatever its status. */
    public CompletableFuture<Answer> ask(int index, String query) {
        HttpRequest request;
        try {
            request = request(index, query, Map.of(), Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            try {
                return new Answer(response.statusCode(), JSON.readTree(response.body()));
            } catch (IOException notJson) {
                return new Answer(response.statusCode(), JsonNodeFactory.instance.textNode(response.body()));
            }
        });
    }

    /** {@link #ask} and wait for the answer. */
    public Answer answer(int index, String query) {
        return ask(index, query).join();
    }

    /** Sends {@code queries} at once, round robin over all instances; waits for every answer. */
    public List<Answer> burst(List<String> queries) {
        return burst(IntStream.range(0, size()).boxed().toList(), queries);
    }

    /** Sends {@code queries} at once, round robin over the instances {@code indexes}; waits for every answer. */
    public List<Answer> burst(List<Integer> indexes, List<String> queries) {
        List<CompletableFuture<Answer>> answers = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            answers.add(ask(indexes.get(i % indexes.size()), queries.get(i)));
        }
        return answers.stream().map(CompletableFuture::join).toList();
    }

    private HttpRequest request(int index, String query, Map<String, Object> variables, Map<String, String> headers)
            throws IOException {
        Objects.requireNonNull(query, "query");
        String body = JSON.writeValueAsString(Map.of("query", query, "variables", variables));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(index).resolve("/graphql"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return request.build();
    }

    /** The status of the {@code cache} component of instance {@code index}'s {@code /health}. */
    public String cacheHealth(int index) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(index).resolve("/health"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body()).path("details").path("cache").path("status").asText("none");
        } catch (IOException e) {
            return "failed: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private void awaitCacheUp(int index, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!cacheHealth(index).equals("UP")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the cache of instance " + index + " did not come up: " + cacheHealth(index));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    @Override
    public void close() {
        for (EmbeddedServer instance : instances) {
            instance.close();
            instance.getApplicationContext().close();
        }
    }
}
