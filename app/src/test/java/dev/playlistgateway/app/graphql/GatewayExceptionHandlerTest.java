package dev.playlistgateway.app.graphql;

import dev.playlistgateway.app.http.RequestIds;
import dev.playlistgateway.app.metrics.UpstreamFailures;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import graphql.ErrorType;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.ResultPath;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.playlistgateway.domain.service.QueryCost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
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

    @Test
    void aResolverFailingOnFiveThousandItemsWritesOneErrorNamingTheRequest() {
        MDC.put(RequestIds.MDC_KEY, "req-44");
        GatewayExceptionHandler handler = new GatewayExceptionHandler(new UpstreamFailures(new SimpleMeterRegistry(), Duration.ofSeconds(30)));
        Logger logger = (Logger) LoggerFactory.getLogger(GatewayExceptionHandler.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            for (int i = 0; i < 5_000; i++) {
                GraphQLError error = handler.errorAt(new IllegalStateException("a bug"),
                        ResultPath.parse("/playlist/items/" + i + "/name"), List.of());
                assertThat(error.getExtensions()).containsEntry("code", "INTERNAL").containsKey("reference");
            }
        } finally {
            logger.detachAppender(lines);
        }

        List<ILoggingEvent> errors = lines.list.stream().filter(line -> line.getLevel() == Level.ERROR).toList();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).getFormattedMessage()).contains("/playlist/items/0/name").contains("request req-44");
        assertThat(errors.get(0).getThrowableProxy().getMessage()).isEqualTo("a bug");
    }
}
