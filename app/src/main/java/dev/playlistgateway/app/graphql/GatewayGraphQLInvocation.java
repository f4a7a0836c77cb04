package dev.playlistgateway.app.graphql;

import dev.playlistgateway.app.http.RequestIds;
import dev.playlistgateway.app.metrics.OperationMetrics;
import dev.playlistgateway.app.tracing.OperationTrace;
import dev.playlistgateway.app.tracing.Tracing;
import dev.playlistgateway.app.viewer.ViewerResolver;
import dev.playlistgateway.domain.model.Viewer;
import dev.playlistgateway.domain.service.PlaylistService;
import dev.playlistgateway.domain.service.QueryCost;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.GraphQLException;
import graphql.GraphqlErrorBuilder;
import io.micronaut.configuration.graphql.DefaultGraphQLInvocation;
import io.micronaut.configuration.graphql.GraphQLInvocation;
import io.micronaut.configuration.graphql.GraphQLInvocationData;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * Runs one GraphQL request: resolves the viewer, gives the request its own DataLoaders and cost
 * ledger, executes off the event loop (the service blocks on the cache and on Spotify), and adds
 * {@code extensions.cache} to the response. Replaces micronaut-graphql's default invocation, whose
 * DataLoaderRegistry would be a bean rather than something bound to the request's viewer. Each request is
 * timed and its errors counted by code ({@link OperationMetrics}), and traced as an operation span with its
 * DataLoader batches when tracing is on ({@link Tracing}).
 * {@link GraphQLHttpController} calls {@link #execute} directly, already on a blocking thread.
 */
@Singleton
@Replaces(DefaultGraphQLInvocation.class)
final class GatewayGraphQLInvocation implements GraphQLInvocation {

    /**
     * graphql-java's own error kinds that the client must fix: parse and validation errors (bad
     * variable values included), refusals by the depth and complexity limits, abusive introspection.
     */
    private static final Set<String> CLIENT_ERRORS = Set.of("InvalidSyntax", "ValidationError",
            "OperationNotSupported", "ExecutionAborted", "BadFaithIntrospection");

    private final GraphQL graphQL;
    private final PlaylistService service;
    private final ViewerResolver viewers;
    private final ExecutorService executor;
    private final Tracing tracing;
    private final OperationMetrics metrics;
    private final ResponseCache responses;
    private final QueryLimits.Settings limits;

    GatewayGraphQLInvocation(GraphQL graphQL, PlaylistService service, ViewerResolver viewers,
                             @Named(TaskExecutors.BLOCKING) ExecutorService executor, Tracing tracing, OperationMetrics metrics,
                             ResponseCache responses, QueryLimits.Settings limits) {
        this.responses = responses;
        this.limits = limits;
        this.graphQL = graphQL;
        this.service = service;
        this.viewers = viewers;
        this.executor = executor;
        this.tracing = tracing;
        this.metrics = metrics;
        for (ErrorCode code : ErrorCode.values()) {
            metrics.knownCode(code.name());
        }
    }

    @Override
    public Publisher<ExecutionResult> invoke(GraphQLInvocationData data, HttpRequest httpRequest,
                                             @Nullable MutableHttpResponse<String> httpResponse) {
        return Publishers.fromCompletableFuture(() -> CompletableFuture
                .supplyAsync(() -> execute(data.getQuery() == null ? "" : data.getQuery(), data.getOperationName(),
                        data.getVariables() == null ? Map.of() : data.getVariables(), Map.of(), httpRequest, null, false), executor)
                .thenCompose(Function.identity())
                .thenApply(Executed::result));
    }

    /**
     * A finished execution, and the request's state (its cost, whether it was a refused GET mutation); or an
     * answer given again from the {@link ResponseCache} ({@code replayed}, then {@code result} is null).
     * {@code keepAs}: the key to keep the answer under, if it turns out to be one worth keeping.
     */
    record Executed(@Nullable ExecutionResult result, GatewayRequest request, @Nullable ResponseCache.Answer replayed,
                    @Nullable ResponseCache.Key keepAs) {
        Executed(ExecutionResult result, GatewayRequest request) {
            this(result, request, null, null);
        }
    }

    /**
     * Executes {@code query} for the caller of {@code httpRequest}. Call it off the event loop: resolving
     * the viewer and the first loads may block. {@code onValid} (null: none) runs once the document has
     * parsed and validated, before anything executes.
     */
    CompletableFuture<Executed> execute(String query, @Nullable String operationName, Map<String, Object> variables,
                                        Map<String, Object> extensions, HttpRequest<?> httpRequest, @Nullable Runnable onValid) {
        return execute(query, operationName, variables, extensions, httpRequest, onValid, true);
    }

    /** As above; {@code replayable}: whether the answer may come from the {@link ResponseCache} (as bytes, not a result). */
    private CompletableFuture<Executed> execute(String query, @Nullable String operationName, Map<String, Object> variables,
                                                Map<String, Object> extensions, HttpRequest<?> httpRequest,
                                                @Nullable Runnable onValid, boolean replayable) {
        long started = System.nanoTime();
        OperationTrace trace = tracing.startOperation();
        Viewer viewer;
        try {
            viewer = viewers.resolve(httpRequest);
        } catch (RuntimeException e) {
            trace.finished(null, null, new QueryCost(), List.of(ErrorCode.INTERNAL.name()));
            throw e;
        }
        // After the viewer: a token that no longer signs anyone in has been refused (or made anonymous) by now.
        // A request that registers a persisted query runs, so that it registers.
        ResponseCache.Key keepAs = replayable && responses.enabled() && onValid == null
                ? ResponseCache.Key.of(viewer, query, operationName, variables, extensions,
                        GraphQLMediaTypes.wantsGraphQLResponse(httpRequest))
                : null;
        if (keepAs != null) {
            Optional<ResponseCache.Answer> kept = responses.lookUp(keepAs);
            if (kept.isPresent()) {
                return CompletableFuture.completedFuture(replay(kept.get(), viewer, httpRequest, started, trace));
            }
        }
        QueryCost cost = keepAs == null ? new QueryCost() : QueryCost.keepingEntriesRead(responses.now());
        GatewayRequest request = new GatewayRequest(viewer, cost, GatewayRequest.viaGet(httpRequest.getMethod()));
        Map<Object, Object> context = new HashMap<>();
        context.put(GatewayRequest.class, request);
        context.put(QueryLimits.Settings.class, limits);
        if (onValid != null) {
            context.put(ParsedDocuments.ON_VALID, onValid);
        }
        ExecutionInput input = ExecutionInput.newExecutionInput()
                .query(query)
                .operationName(operationName)
                .variables(variables)
                .extensions(extensions)
                .dataLoaderRegistry(RequestLoaders.registryFor(service, viewer, cost, trace))
                .graphQLContext(context)
                .build();
        CompletableFuture<ExecutionResult> execution;
        try (OperationTrace.Scope ignored = trace.enter()) {
            execution = graphQL.executeAsync(input);
        } catch (GraphQLException e) {
            execution = CompletableFuture.failedFuture(e);
        }
        return execution
                .exceptionally(GatewayGraphQLInvocation::refused)
                .thenApply(result -> new Executed(finish(result, cost), request, null, keepAs))
                .whenComplete((executed, failure) -> observe(request, executed, System.nanoTime() - started, trace));
    }

    /** A kept answer, counted and traced as the operation it replays, with what that one cost. */
    private Executed replay(ResponseCache.Answer answer, Viewer viewer, HttpRequest<?> httpRequest, long started,
                            OperationTrace trace) {
        QueryCost cost = QueryCost.replaying(answer.hits(), answer.sharedFreshUntil());
        GatewayRequest request = new GatewayRequest(viewer, cost, GatewayRequest.viaGet(httpRequest.getMethod()));
        metrics.operation(answer.operationType(), answer.operationName(), System.nanoTime() - started);
        metrics.errors(List.of());
        trace.replayed();
        trace.finished(answer.operationType(), answer.operationName(), cost, List.of());
        return new Executed(null, request, answer, null);
    }

    /** The request's metrics and the end of its span, once its result is final (or it failed outright). */
    private void observe(GatewayRequest request, @Nullable Executed executed, long nanos, OperationTrace trace) {
        List<String> codes = new ArrayList<>();
        if (executed == null) {
            codes.add(ErrorCode.INTERNAL.name());
        } else {
            for (GraphQLError error : executed.result().getErrors()) {
                Map<String, Object> extensions = error.getExtensions();
                codes.add(String.valueOf(extensions == null ? ErrorCode.INTERNAL.name() : extensions.get("code")));
            }
        }
        String type = request.operationType();
        String name = request.operationName();
        metrics.operation(type, name, nanos);
        metrics.errors(codes);
        trace.finished(type, name, request.cost(), codes);
    }

    /**
     * graphql-java throws, rather than answering with errors, for requests it cannot even start: an
     * operationName the document does not have, several operations and none named. Those are the
     * client's to fix; answer them in the error model, not with a 500 and a stack trace in the log.
     */
    private static ExecutionResult refused(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof GraphQLException) {
            return ExecutionResult.newExecutionResult().addError(GraphqlErrorBuilder.newError()
                    .message(cause.getMessage())
                    .extensions(Map.of("code", ErrorCode.BAD_USER_INPUT.name()))
                    .build()).build();
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        throw new CompletionException(cause);
    }

    /** Gives every error a code (graphql-java's own parse and validation errors have none) and adds the cost. */
    static ExecutionResult finish(ExecutionResult result, QueryCost cost) {
        List<GraphQLError> errors = new ArrayList<>(result.getErrors().size());
        for (GraphQLError error : result.getErrors()) {
            errors.add(withCode(error));
        }
        return result.transform(builder -> builder.errors(errors).addExtension("cache", costOf(cost)));
    }

    /** {@code extensions.cache}: what the request cost. */
    static Map<String, Object> costOf(QueryCost cost) {
        Map<String, Object> spent = new LinkedHashMap<>();
        spent.put("upstreamCalls", cost.upstreamCalls());
        spent.put("hits", cost.hits());
        spent.put("misses", cost.misses());
        if (cost.staleServed() > 0) {
            spent.put("stale", true);
            spent.put("staleEntries", cost.staleServed());
        }
        return spent;
    }

    private static GraphQLError withCode(GraphQLError error) {
        Map<String, Object> extensions = error.getExtensions();
        if (extensions != null && extensions.containsKey("code")) {
            return error;
        }
        String classification = String.valueOf(error.getErrorType());
        // Parse and validation errors (including bad variable values) are the client's to fix.
        boolean clients = CLIENT_ERRORS.contains(classification);
        Map<String, Object> merged = new LinkedHashMap<>(extensions == null ? Map.of() : extensions);
        merged.put("code", (clients ? ErrorCode.BAD_USER_INPUT : ErrorCode.INTERNAL).name());
        String requestId = RequestIds.current();
        if (!clients && requestId != null) {
            merged.put("requestId", requestId); // so that a user can report it, and we find the request's log lines
        }
        return GraphqlErrorBuilder.newError()
                .message(error.getMessage())
                .locations(error.getLocations())
                .path(error.getPath())
                .errorType(error.getErrorType())
                .extensions(merged)
                .build();
    }
}
