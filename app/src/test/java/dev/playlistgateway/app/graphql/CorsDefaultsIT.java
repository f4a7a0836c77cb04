package dev.playlistgateway.app.graphql;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Without {@code CORS_ORIGINS} no origin is allowed: not even a local one gets a CORS header. */
@MicronautTest
class CorsDefaultsIT {
    @Inject
    EmbeddedServer server;

    @Test
    void noOriginIsAllowedByDefault() {
        RawGraphQL http = new RawGraphQL(server.getURI());
        var preflight = http.options("/graphql", "Origin", "http://localhost:5173", "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "content-type");
        var post = http.postJson(Map.of("query", "{ __typename }"), "Origin", "http://localhost:5173");

        assertThat(CorsIT.corsHeaders(preflight)).isEmpty();
        assertThat(CorsIT.corsHeaders(post)).isEmpty();
        assertThat(post.status()).isEqualTo(200);
    }
}
