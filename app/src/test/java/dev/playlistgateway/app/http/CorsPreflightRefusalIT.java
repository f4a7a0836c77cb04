package dev.playlistgateway.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A listed origin's preflight asking for a method or header it may not use: Micronaut's CORS filter
 * refuses it before any route is matched, and the refusal comes in the GraphQL error shape like every
 * other refusal of the HTTP layer (it was a 403 with an empty body), still with no CORS header.
 */
@MicronautTest
@Property(name = "cors.origins", value = "http://localhost:5173")
class CorsPreflightRefusalIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORIGIN = "http://localhost:5173";

    @Inject
    EmbeddedServer server;

    private RawHttp.Answer preflight(String origin, String method, String headers) {
        return RawHttp.exchange(server.getPort(), "OPTIONS /graphql HTTP/1.1\r\nHost: localhost\r\nOrigin: " + origin
                + "\r\nAccess-Control-Request-Method: " + method + "\r\n"
                + (headers == null ? "" : "Access-Control-Request-Headers: " + headers + "\r\n")
                + "Connection: close\r\n\r\n");
    }

    @Test
    void aHeaderNotAllowedIsA403InTheGraphQLShapeSayingWhatIsAllowed() throws IOException {
        RawHttp.Answer answer = preflight(ORIGIN, "POST", "content-type,x-not-listed");

        assertForbidden(answer);
        assertThat(answer.body()).contains("content-type").contains("authorization").doesNotContain("x-not-listed");
    }

    @Test
    void aMethodNotAllowedIsA403InTheGraphQLShapeToo() throws IOException {
        RawHttp.Answer answer = preflight(ORIGIN, "DELETE", "content-type");

        assertForbidden(answer);
        assertThat(answer.body()).contains("GET, POST");
    }

    @Test
    void anAllowedPreflightIsUnchanged() {
        RawHttp.Answer answer = preflight(ORIGIN, "POST", "content-type");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(answer.body()).isEmpty();
    }

    @Test
    void anOriginNotListedGetsTheGenericRefusalNotTheListOfHeaders() throws IOException {
        RawHttp.Answer answer = preflight("https://evil.example", "POST", "x-not-listed");

        assertThat(answer.status()).isGreaterThanOrEqualTo(400);
        assertThat(answer.headers().keySet()).noneMatch(name -> name.startsWith("access-control-"));
        assertThat(answer.body()).doesNotContain("authorization");
    }

    private static void assertForbidden(RawHttp.Answer answer) throws IOException {
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(answer.headers().keySet()).noneMatch(name -> name.startsWith("access-control-"));
        JsonNode error = JSON.readTree(answer.body()).path("errors").path(0);
        assertThat(error.path("extensions").path("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(error.path("message").asText()).startsWith("This origin may send GET, POST requests with these headers only: ");
    }
}
