package dev.playlistgateway.app.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real frontend GraphQL clients against the gateway in demo mode, as Node scripts
 * ({@code app/src/test/node/clients/}; see {@link NodeProject} for when they are skipped):
 * <ul>
 *   <li>Apollo Client 4.3 with {@code PersistedQueryLink} (hashed queries by GET) and
 *       {@code relayStylePagination()} on both connections pages through the viewer's playlists and
 *       every item of every one of them, the 260-item one included;</li>
 *   <li>relay-compiler 21 compiles fragments with {@code @connection} on both connections and
 *       {@code @refetchable} on Playlist, Track and User, and persists its operations in Relay's
 *       persisted queries JSON; a gateway that runs only that file (the safelist) answers them by
 *       {@code documentId}: the app query, the pagination and refetch queries through {@code node}.</li>
 * </ul>
 */
class GraphQLClientsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(3);

    @Test
    void apolloClientPagesThroughEveryPlaylistWithPersistedQueriesAndRelayStylePagination() throws IOException {
        NodeProject clients = NodeProject.installed("clients");
        try (EmbeddedServer gateway = ApplicationContext.run(EmbeddedServer.class, Map.of())) {
            NodeProject.Result result = clients.node(SCRIPT_TIMEOUT, "apollo-paging.mjs", gateway.getURI().resolve("/graphql").toString());

            assertThat(result.exitCode()).as(result.output()).isZero();
            JsonNode summary = JSON.readTree(result.lastJsonLine());
            assertThat(summary.get("apolloClient").asText()).startsWith("4.3.");
            assertThat(summary.get("playlists").asInt()).isEqualTo(10);
            assertThat(summary.get("problems")).isEmpty();
            // A fresh gateway: each of the two operations missed once, was sent in full once, then by hash.
            assertThat(summary.get("misses").asInt()).isEqualTo(2);
            assertThat(summary.get("fullQueries").asInt()).isEqualTo(2);
            assertThat(summary.get("publicAnswers").asInt()).as("hashed GETs of public playlists are cacheable").isPositive();
        }
    }

    @Test
    void relayCompilerAcceptsTheSchemaAndAGatewayRunningOnlyItsPersistedQueriesAnswersThem() throws IOException {
        NodeProject clients = NodeProject.installed("clients");
        Path work = clients.dir().resolve("relay-work");
        deleteRecursively(work);
        Path schema = Path.of("src/main/resources/schema.graphqls").toAbsolutePath();

        NodeProject.Result compiled = clients.node(SCRIPT_TIMEOUT, "relay-compile.mjs", schema.toString(), work.toString());

        assertThat(compiled.exitCode()).as(compiled.output()).isZero();
        JsonNode summary = JSON.readTree(compiled.lastJsonLine());
        assertThat(summary.get("missing")).isEmpty();
        Path persisted = work.resolve("persisted_queries.json");
        assertThat(JSON.readTree(persisted.toFile()).size()).isEqualTo(4);

        try (EmbeddedServer gateway = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "graphql.persisted-queries.only", "true",
                "graphql.persisted-queries.manifest", persisted.toString()))) {
            String url = gateway.getURI().resolve("/graphql").toString();
            NodeProject.Result ran = clients.node(SCRIPT_TIMEOUT, "relay-run.mjs", url, work.toString());

            assertThat(ran.exitCode()).as(ran.output()).isZero();
            JsonNode run = JSON.readTree(ran.lastJsonLine());
            assertThat(run.get("items").asInt()).isEqualTo(260);
            assertThat(run.get("problems")).isEmpty();
            var freeform = new RawGraphQL(gateway.getURI()).postJson(Map.of("query", "{ __typename }"));
            assertThat(freeform.errorCodes()).containsExactly("PERSISTED_QUERY_NOT_IN_LIST");
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var files = Files.walk(path)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
