package dev.playlistgateway.app.graphql;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.playlistgateway.app.support.GraphQLJson;
import io.micronaut.context.annotation.Factory;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tests' one HTTP client of a running gateway: the JDK's client, headers exactly as given (Origin,
 * Accept, If-None-Match...), status, headers and body returned as they came, whatever the status: what
 * a browser or a CDN sees. {@link #query} posts a GraphQL request as a browser client does.
 */
final class RawGraphQL {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    RawGraphQL(URI base) {
        this.base = base;
    }

    /** Lets a {@code @MicronautTest} inject a client of its own gateway: {@code @Inject RawGraphQL http}. */
    @Factory
    static class OfTheTestsGateway {
        @Singleton
        RawGraphQL client(EmbeddedServer server) {
            return new RawGraphQL(server.getURI());
        }
    }

    /** POST /graphql of {@code {"query": ..., "variables": ...}} as JSON. */
    Answer query(String query, Map<String, Object> variables, String... headers) {
        return postJson(Map.of("query", query, "variables", variables), headers);
    }

    Answer query(String query) {
        return query(query, Map.of());
    }

    Answer post(String body, String... headers) {
        return send(HttpRequest.newBuilder(base.resolve("/graphql")).POST(HttpRequest.BodyPublishers.ofString(body)), headers);
    }

    Answer postJson(Map<String, Object> body, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Content-Type";
        all[1] = "application/json";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return post(json(body), all);
    }

    /** GET /graphql with these parameters (each value URL-encoded; maps and lists as JSON). */
    Answer get(Map<String, Object> parameters, String... headers) {
        StringBuilder query = new StringBuilder();
        parameters.forEach((name, value) -> query.append(query.length() == 0 ? "?" : "&").append(name).append('=')
                .append(URLEncoder.encode(value instanceof String text ? text : json(value), StandardCharsets.UTF_8)));
        return send(HttpRequest.newBuilder(base.resolve("/graphql" + query)).GET(), headers);
    }

    Answer options(String path, String... headers) {
        return send(HttpRequest.newBuilder(base.resolve(path)).method("OPTIONS", HttpRequest.BodyPublishers.noBody()), headers);
    }

    /** Any method on any path, {@code body} null for none: for what the framework itself refuses. */
    Answer request(String method, String path, String body, String... headers) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        return send(HttpRequest.newBuilder(base.resolve(path)).method(method, publisher), headers);
    }

    private Answer send(HttpRequest.Builder builder, String... headers) {
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = http.send(builder.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One HTTP answer. */
    record Answer(int status, Map<String, List<String>> headers, String body) {

        Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).reduce((a, b) -> a + ", " + b);
        }

        Map<String, Object> json() {
            try {
                return JSON.readValue(body, new TypeReference<>() { });
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        <T> T at(String path) {
            return GraphQLJson.at(json(), path);
        }

        /** The GraphQL errors, empty when there are none. */
        List<Map<String, Object>> errors() {
            return GraphQLJson.errors(json());
        }

        /** The codes of all errors, in order. */
        List<String> errorCodes() {
            return GraphQLJson.errorCodes(json());
        }
    }
}
