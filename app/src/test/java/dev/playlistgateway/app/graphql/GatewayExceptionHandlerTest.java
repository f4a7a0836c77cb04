package dev.playlistgateway.app.graphql;

import dev.playlistgateway.app.http.RequestIds;
import dev.playlistgateway.app.metrics.UpstreamFailures;
import graphql.ErrorType;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.ResultPath;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.playlistgateway.domain.service.QueryCost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An INTERNAL error names the request it happened in, so a user can report it and we find its log lines. */
class GatewayExceptionHandlerTest {

    @AfterEach
    void clearMdc() {
        MDC.remove(RequestIds.MDC_KEY);
    }

    @Test
    void aBugInAFetcherIsInternalWithTheReferenceAndTheRequestsId() {
        MDC.put(RequestIds.MDC_KEY, "req-42");
        GatewayExceptionHandler handler = new GatewayExceptionHandler(new UpstreamFailures(new SimpleMeterRegistry(), Duration.ofSeconds(30)));

        GraphQLError error = handler.errorAt(new IllegalStateException("a bug"), ResultPath.parse("/track/name"), List.of());

        assertThat(error.getExtensions()).containsEntry("code", "INTERNAL").containsEntry("requestId", "req-42")
                .containsKey("reference");
        assertThat(error.getMessage()).doesNotContain("a bug");
    }

    @Test
    void anErrorGraphQLItselfRaisesOnOurFaultIsInternalWithTheRequestsId() {
        MDC.put(RequestIds.MDC_KEY, "req-43");
        GraphQLError nullInNonNull = GraphqlErrorBuilder.newError().message("non-null field returned null")
                .errorType(ErrorType.DataFetchingException).build();
        GraphQLError syntax = GraphqlErrorBuilder.newError().message("bad syntax").errorType(ErrorType.InvalidSyntax).build();

        ExecutionResult finished = GatewayGraphQLInvocation.finish(
                ExecutionResult.newExecutionResult().addError(nullInNonNull).addError(syntax).build(), new QueryCost());

        assertThat(finished.getErrors().get(0).getExtensions()).containsEntry("code", "INTERNAL").containsEntry("requestId", "req-43");
        assertThat(finished.getErrors().get(1).getExtensions()).containsEntry("code", "BAD_USER_INPUT").doesNotContainKey("requestId");
    }
}
