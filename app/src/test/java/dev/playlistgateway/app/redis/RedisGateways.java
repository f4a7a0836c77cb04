package dev.playlistgateway.app.redis;

import dev.playlistgateway.app.support.Eventually;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** What the Redis tests ask a running gateway besides GraphQL: its cache's health. */
final class RedisGateways {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RedisGateways() {
    }

    /** The status of the {@code cache} component of {@code /health} ({@code UP}, {@code DEGRADED}), or the failure. */
    static String cacheHealth(EmbeddedServer server) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest
                    .newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + "/health"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode health = JSON.readTree(response.body());
            return response.statusCode() + " " + health.path("details").path("cache").path("status").asText("none");
        } catch (IOException e) {
            return "failed: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    static boolean cacheUp(EmbeddedServer server) {
        return cacheHealth(server).equals("200 UP");
    }

    /** The Redis connection opens in the background at start-up; a test that counts calls waits for it. */
    static void awaitCacheUp(EmbeddedServer server) {
        if (!Eventually.within(Duration.ofSeconds(20), () -> cacheUp(server))) {
            throw new AssertionError("the cache did not come up: " + cacheHealth(server));
        }
    }

}
