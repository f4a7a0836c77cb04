package dev.playlistgateway.app.graphql;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.playlistgateway.app.graphql.PersistedQueriesIT.persisted;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A manifest without the safelist (Relay's persisted queries JSON here): its operations run by
 * {@code documentId}, and everything else runs as usual, automatic persisted queries included.
 */
@MicronautTest
@Property(name = "graphql.persisted-queries.manifest", value = "classpath:persisted-queries/relay-persisted-queries.json")
class PersistedQueryManifestIT {
    @Inject
    RawGraphQL http;

    @Test
    void aRelayDocumentRunsByItsIdAndFreeformQueriesStillRun() {
        var byId = http.postJson(Map.of("documentId", "a1b2c3d4e5f60718293a4b5c6d7e8f90"));
        var byGet = http.get(Map.of("documentId", "a1b2c3d4e5f60718293a4b5c6d7e8f90"));
        var unknown = http.postJson(Map.of("documentId", "ffffffffffffffffffffffffffffffff"));
        var freeform = http.postJson(Map.of("query", "{ __typename }"));
        String query = "# apq beside a manifest\n{ __typename }";
        var apq = http.postJson(Map.of("query", query, "extensions", persisted(PersistedQueries.sha256(query))));

        assertThat(byId.<String>at("data.me.spotifyId")).isEqualTo("demo-listener");
        assertThat(byGet.<String>at("data.me.spotifyId")).isEqualTo("demo-listener");
        assertThat(unknown.errorCodes()).containsExactly("PERSISTED_QUERY_NOT_FOUND");
        assertThat(freeform.<String>at("data.__typename")).isEqualTo("Query");
        assertThat(apq.<String>at("data.__typename")).isEqualTo("Query");
    }

    @Test
    void documentIdAndQueryTogetherAre400() {
        var both = http.postJson(Map.of("documentId", "a1b2c3d4e5f60718293a4b5c6d7e8f90", "query", "{ __typename }"));
        // A listed id runs its own text; the query beside it is never looked at.
        assertThat(both.<String>at("data.me.spotifyId")).isEqualTo("demo-listener");
        var unlisted = http.postJson(Map.of("documentId", "ffffffffffffffffffffffffffffffff", "query", "{ __typename }"));
        assertThat(unlisted.status()).isEqualTo(400);
        assertThat(unlisted.errorCodes()).containsExactly("BAD_USER_INPUT");
    }
}
