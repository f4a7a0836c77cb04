package dev.playlistgateway.app.graphql;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code graphql-http} 1.23 server audit ({@code auditServer}, the GraphQL-over-HTTP spec's own
 * conformance checks) against the running gateway in demo mode: no MUST and no SHOULD may fail.
 * The Node project is {@code app/src/test/node/audit/}; see {@link NodeProject} for when it is skipped.
 */
@MicronautTest
class GraphQLHttpAuditIT {
    @Inject
    EmbeddedServer server;

    @Test
    void theGraphQLOverHttpAuditFindsNoMustOrShouldFailure() {
        NodeProject audit = NodeProject.installed("audit");

        NodeProject.Result result = audit.node(Duration.ofMinutes(3), "audit.mjs", server.getURI().resolve("/graphql").toString());

        assertThat(result.lastJsonLine()).as(result.output()).contains("\"must\":0").contains("\"should\":0");
        assertThat(result.exitCode()).as(result.output()).isZero();
    }
}
