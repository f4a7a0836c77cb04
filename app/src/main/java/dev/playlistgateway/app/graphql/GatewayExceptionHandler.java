package dev.playlistgateway.app.graphql;

import dev.playlistgateway.app.http.RequestIds;
import dev.playlistgateway.app.logging.RateLimitedLog;
import dev.playlistgateway.app.metrics.UpstreamFailures;
import dev.playlistgateway.domain.model.MusicDataException;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherExceptionHandlerResult;
import graphql.execution.ResultPath;
import graphql.language.SourceLocation;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Turns what a data fetcher threw into a GraphQL error with {@code extensions.code}. Domain failures
 * keep their message (written to be shown); anything else is a bug: the client gets INTERNAL and a
 * reference (and the request's id, {@code extensions.requestId}, which every log line of the request
 * carries), the log gets the stack trace under the same reference. A bug fails the same field of every
 * item, so the ERROR is rate-limited ({@link RateLimitedLog}): one stack trace per interval, the next line
 * says how many were left out, and each left-out reference goes to DEBUG. No stack trace leaves the server.
 * A failure of the music service (UPSTREAM_UNAVAILABLE, RATE_LIMITED) is also handed to
 * {@link UpstreamFailures}, which counts it and writes one rate-limited WARN: an outage fails the same
 * fields of every request, so a line per field would flood the log. The caller's own refusals
 * (NOT_FOUND, FORBIDDEN, UNAUTHENTICATED, BAD_USER_INPUT) are not logged above DEBUG.
 */
@Singleton
final class GatewayExceptionHandler implements DataFetcherExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayExceptionHandler.class);

    private final UpstreamFailures upstreamFailures;
    private final RateLimitedLog internalFailures = new RateLimitedLog(LOG, RateLimitedLog.DEFAULT_INTERVAL);

    GatewayExceptionHandler(UpstreamFailures upstreamFailures) {
        this.upstreamFailures = Objects.requireNonNull(upstreamFailures, "upstreamFailures");
    }

    @Override
    public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(DataFetcherExceptionHandlerParameters parameters) {
        var environment = parameters.getDataFetchingEnvironment();
        GraphQLError error = errorAt(parameters.getException(), parameters.getPath(),
                environment.getField() == null ? List.of() : List.of(environment.getField().getSourceLocation()));
        return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult(error).build());
    }

    /**
     * The error for {@code failure} at {@code path}: for failures a fetcher reports itself, such as one
     * entry of {@code nodes(ids:)}, whose path is the entry's, not the field's.
     */
    GraphQLError errorAt(Throwable thrown, ResultPath path, List<SourceLocation> locations) {
        Throwable failure = unwrap(thrown);
        Map<String, Object> extensions = new LinkedHashMap<>();
        String message;
        if (failure instanceof MusicDataException known) {
            ErrorCode code = ErrorCode.of(known.failure());
            extensions.put("code", code.name());
            known.retryAfter().ifPresent(wait -> extensions.put("retryAfterSeconds", Math.max(1, wait.toSeconds())));
            message = known.getMessage();
            if (!upstreamFailures.fieldFailed(known, path)) {
                LOG.debug("{} at {}: {}", code, path, message);
            }
        } else {
            String reference = UUID.randomUUID().toString();
            extensions.put("code", ErrorCode.INTERNAL.name());
            extensions.put("reference", reference);
            String requestId = RequestIds.current();
            if (requestId != null) {
                extensions.put("requestId", requestId);
            }
            message = "Internal error (reference " + reference + ")";
            if (!internalFailures.error(failure, "Unexpected failure at {} (reference {}, request {})", path, reference, requestId)) {
                LOG.debug("Unexpected failure at {} (reference {}, request {}): {}", path, reference, requestId, failure.toString());
            }
        }
        return GraphqlErrorBuilder.newError()
                .message(message)
                .path(path)
                .locations(locations.stream().filter(java.util.Objects::nonNull).toList())
                .extensions(extensions)
                .build();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while (current instanceof CompletionException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
