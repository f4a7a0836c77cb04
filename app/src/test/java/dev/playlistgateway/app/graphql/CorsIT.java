package dev.playlistgateway.app.graphql;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CORS for the origins in {@code CORS_ORIGINS} (here through its key, {@code cors.origins}): preflights
 * for POST and GET with the headers GraphQL clients send, credentials, and the exact origin echoed
 * (never {@code *}); any other origin gets no CORS header at all.
 */
@MicronautTest
@Property(name = "cors.origins", value = "http://localhost:5173,https://app.example.com")
class CorsIT {
    static final String ALLOWED = "http://localhost:5173";

    @Inject
    RawGraphQL http;

    static List<String> corsHeaders(RawGraphQL.Answer answer) {
        return answer.headers().keySet().stream().filter(name -> name.toLowerCase().startsWith("access-control-")).toList();
    }

    @Test
    void aPreflightForAPostFromAListedOriginIsAllowedWithCredentials() {
        var preflight = http.options("/graphql", "Origin", ALLOWED, "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "content-type,authorization,apollographql-client-name");

        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin")).hasValue(ALLOWED);
        assertThat(preflight.header("Access-Control-Allow-Credentials")).hasValue("true");
        assertThat(preflight.header("Access-Control-Allow-Methods")).hasValue("POST");
        assertThat(preflight.header("Access-Control-Allow-Headers").orElseThrow().toLowerCase())
                .contains("content-type").contains("authorization").contains("apollographql-client-name");
        assertThat(preflight.header("Access-Control-Max-Age")).hasValue("600");
        assertThat(preflight.header("Vary").orElseThrow()).contains("Origin");
    }

    @Test
    void aPreflightForAGetIsAllowedToo() {
        var preflight = http.options("/graphql", "Origin", "https://app.example.com", "Access-Control-Request-Method", "GET",
                "Access-Control-Request-Headers", "accept,x-apollo-operation-name");

        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
        assertThat(preflight.header("Access-Control-Allow-Methods")).hasValue("GET");
    }

    @Test
    void anActualRequestFromAListedOriginGetsItsOriginBackNeverAStar() {
        var post = http.postJson(Map.of("query", "{ __typename }"), "Origin", ALLOWED);
        var get = http.get(Map.of("query", "{ __typename }"), "Origin", "https://app.example.com");

        assertThat(post.status()).isEqualTo(200);
        assertThat(post.header("Access-Control-Allow-Origin")).hasValue(ALLOWED);
        assertThat(post.header("Access-Control-Allow-Credentials")).hasValue("true");
        assertThat(post.header("Access-Control-Expose-Headers").orElseThrow()).containsIgnoringCase("ETag");
        assertThat(get.header("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
        assertThat(post.headers().values().stream().flatMap(List::stream)).doesNotContain("*");
    }

    @Test
    void anyOtherOriginGetsNoCorsHeaders() {
        for (String origin : List.of("http://localhost:5174", "http://localhost:5173/", "https://localhost:5173",
                "http://app.example.com", "null")) {
            var preflight = http.options("/graphql", "Origin", origin, "Access-Control-Request-Method", "POST",
                    "Access-Control-Request-Headers", "content-type");
            var post = http.postJson(Map.of("query", "{ __typename }"), "Origin", origin);

            assertThat(corsHeaders(preflight)).as("preflight from " + origin).isEmpty();
            assertThat(preflight.status()).as("preflight from " + origin).isNotEqualTo(200);
            assertThat(corsHeaders(post)).as("POST from " + origin).isEmpty();
        }
    }

    @Test
    void aSiteElsewhereCallingThisLocalGatewayIsRefusedOutright() {
        // Micronaut's drive-by-localhost guard: a page on the internet may not even send requests to a
        // gateway on this machine. (Listed origins, and local ones, are not affected.)
        var post = http.postJson(Map.of("query", "{ __typename }"), "Origin", "https://evil.example");
        assertThat(post.status()).isEqualTo(403);
        assertThat(corsHeaders(post)).isEmpty();
    }

    @Test
    void aPreflightAskingForAHeaderNotListedIsRefused() {
        var preflight = http.options("/graphql", "Origin", ALLOWED, "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "content-type,x-not-listed");
        assertThat(preflight.status()).isEqualTo(403);
        assertThat(corsHeaders(preflight)).isEmpty();
    }
}
