package dev.playlistgateway.app.graphql;

import dev.playlistgateway.app.graphql.GatewayGraphQLInvocation.Executed;
import dev.playlistgateway.app.graphql.GraphQLRequestErrors.MalformedRequest;
import dev.playlistgateway.app.graphql.PersistedQueries.Refused;
import dev.playlistgateway.app.graphql.PersistedQueries.Resolution;
import dev.playlistgateway.app.graphql.PersistedQueries.Run;
import dev.playlistgateway.app.metrics.OperationMetrics;
import dev.playlistgateway.domain.service.QueryCost;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import io.micronaut.configuration.graphql.GraphQLController;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /graphql} as GraphQL over HTTP describes it (it replaces micronaut-graphql's controller, which
 * answers only {@code application/json}, always 200):
 * <ul>
 *   <li>{@code POST} with {@code application/json} (or {@code application/graphql}, or {@code ?query=}
 *       on the URL) and {@code GET ?query=&variables=&operationName=&extensions=} (queries only). HEAD
 *       is a GET in every respect (the router serves it with the GET route, and a browser sends it
 *       cross-site without a preflight): a mutation by HEAD is refused as by GET, and the caching
 *       headers are the GET's;</li>
 *   <li>the response is {@code application/graphql-response+json} when the client's {@code Accept}
 *       prefers it, with the spec's status codes: 400 for a request that cannot run (a document that
 *       does not parse or validate, variables that do not coerce, an unknown operation, a refusal by
 *       the query limits), 200 once it ran; {@code application/json} otherwise, 200 whenever the
 *       request was well formed. A body that is not a GraphQL request is 400 in both; a mutation sent
 *       by GET or HEAD is 405 with {@code Allow: POST} in both; an {@code Accept} that allows neither
 *       (by {@code q=0} too) is 406;</li>
 *   <li>persisted queries ({@link PersistedQueries}): their protocol errors (PERSISTED_QUERY_NOT_FOUND,
 *       ..._NOT_SUPPORTED) are 200 in both media types, because clients answer them by retrying, and a
 *       4xx would show as a failed request in every browser console; PERSISTED_QUERY_NOT_IN_LIST is 403
 *       with {@code application/graphql-response+json};</li>
 *   <li>HTTP caching headers ({@link HttpCaching}).</li>
 * </ul>
 * Runs on the blocking executor: resolving a persisted query and the viewer may wait on Redis.
 */
@Controller("${graphql.path:/graphql}")
@Replaces(GraphQLController.class)
@ExecuteOn(TaskExecutors.BLOCKING)
final class GraphQLHttpController {
    private final GatewayGraphQLInvocation invocation;
    private final PersistedQueries persistedQueries;
    private final HttpCaching caching;
    private final JsonMapper json;
    private final ResponseJson responseJson;
    private final OperationMetrics metrics;
    private final ResponseCache responses;

    GraphQLHttpController(GatewayGraphQLInvocation invocation, PersistedQueries persistedQueries, HttpCaching caching,
                          JsonMapper json, OperationMetrics metrics, ResponseCache responses) {
        this.responses = responses;
        this.invocation = invocation;
        this.persistedQueries = persistedQueries;
        this.caching = caching;
        this.json = json;
        this.responseJson = new ResponseJson(json);
        this.metrics = metrics;
    }

    @Get(consumes = MediaType.ALL, produces = {GraphQLMediaTypes.GRAPHQL_RESPONSE_JSON, MediaType.APPLICATION_JSON}, single = true)
    CompletableFuture<MutableHttpResponse<?>> get(HttpRequest<?> request) {
        return answer(request, () -> GraphQLHttpRequest.fromParameters(json, request.getParameters(), true));
    }

    @Post(consumes = MediaType.ALL, produces = {GraphQLMediaTypes.GRAPHQL_RESPONSE_JSON, MediaType.APPLICATION_JSON}, single = true)
    CompletableFuture<MutableHttpResponse<?>> post(HttpRequest<?> request, @Nullable @Body String body) {
        return answer(request, () -> {
            String type = request.getContentType().map(MediaType::getName).orElse("");
            if (type.equalsIgnoreCase(MediaType.APPLICATION_JSON)) {
                return GraphQLHttpRequest.fromJson(json, body);
            }
            if (request.getParameters().contains("query")) {
                return GraphQLHttpRequest.fromParameters(json, request.getParameters(), false);
            }
            if (type.equalsIgnoreCase("application/graphql")) {
                return GraphQLHttpRequest.fromDocument(body);
            }
            // ContentTypeFilter refuses other types before they get here.
            throw new MalformedRequest("Send GraphQL requests as POST with Content-Type: application/json");
        });
    }

    private interface Parse {
        GraphQLHttpRequest parse();
    }

    private CompletableFuture<MutableHttpResponse<?>> answer(HttpRequest<?> http, Parse parse) {
        Optional<Boolean> chosen = GraphQLMediaTypes.choose(http);
        if (chosen.isEmpty()) {
            // The router matches Accept by name and ignores q=0: "application/json;q=0" would still get JSON.
            metrics.errors(List.of(ErrorCode.BAD_USER_INPUT.name()));
            return CompletableFuture.completedFuture(respond(http, false, HttpStatus.NOT_ACCEPTABLE,
                    GraphQLRequestErrors.body("GraphQL responses are " + GraphQLMediaTypes.GRAPHQL_RESPONSE_JSON + " or "
                            + MediaType.APPLICATION_JSON + "; the Accept header allows neither"), Optional.empty()));
        }
        boolean graphqlResponse = chosen.get();
        GraphQLHttpRequest request;
        Resolution resolution;
        try {
            request = parse.parse();
            resolution = persistedQueries.resolve(request);
        } catch (MalformedRequest e) {
            metrics.errors(List.of(ErrorCode.BAD_USER_INPUT.name()));
            return CompletableFuture.completedFuture(respond(http, graphqlResponse, HttpStatus.BAD_REQUEST,
                    GraphQLRequestErrors.body(e.getMessage()), Optional.empty()));
        }
        if (resolution instanceof Refused refused) {
            metrics.errors(List.of(refused.code().name()));
            return CompletableFuture.completedFuture(refuse(http, graphqlResponse, refused));
        }
        Run run = (Run) resolution;
        Runnable register = run.registerAs() == null ? null : () -> persistedQueries.register(run.registerAs(), run.query());
        return invocation.execute(run.query(), request.operationName(), request.variables(), request.extensions(), http, register)
                .thenApply(executed -> respond(http, graphqlResponse, executed));
    }

    private MutableHttpResponse<?> respond(HttpRequest<?> http, boolean graphqlResponse, Executed executed) {
        boolean viaGet = GatewayRequest.viaGet(http.getMethod());
        if (executed.replayed() != null) {
            ResponseCache.Answer answer = executed.replayed();
            Optional<Long> sharedMaxAge = caching.sharedMaxAge(viaGet, true, executed.request().cost());
            return respond(http, graphqlResponse, HttpStatus.OK, answer.bytes(), sharedMaxAge);
        }
        ExecutionResult result = executed.result();
        HttpStatus status = HttpStatus.OK;
        if (executed.request().mutationOverGet().get()) {
            status = HttpStatus.METHOD_NOT_ALLOWED;
        } else if (graphqlResponse && !result.isDataPresent() && !result.getErrors().isEmpty()) {
            // The request could not run at all: the client's to fix, unless something of ours broke.
            status = result.getErrors().stream().allMatch(GraphQLHttpController::isClients)
                    ? HttpStatus.BAD_REQUEST : HttpStatus.INTERNAL_SERVER_ERROR;
        }
        boolean clean = status == HttpStatus.OK && result.getErrors().isEmpty();
        Optional<Long> sharedMaxAge = caching.sharedMaxAge(viaGet, clean, executed.request().cost());
        byte[] bytes = responseJson.write(result.toSpecification());
        if (clean && executed.keepAs() != null) {
            keep(executed, bytes);
        }
        MutableHttpResponse<?> response = respond(http, graphqlResponse, status, bytes, sharedMaxAge);
        if (status == HttpStatus.METHOD_NOT_ALLOWED) {
            response.header(HttpHeaders.ALLOW, HttpMethod.POST.name());
        }
        return response;
    }

    /**
     * Keeps a clean answer to a query that read every entry it needed fresh from the cache and called
     * nobody: giving it again later reports the same cost, and is right while those entries hold.
     */
    private void keep(Executed executed, byte[] bytes) {
        GatewayRequest request = executed.request();
        QueryCost cost = request.cost();
        if (!"query".equals(request.operationType()) || request.mutationOverGet().get()
                || cost.misses() > 0 || cost.upstreamCalls() > 0 || cost.staleServed() > 0) {
            return;
        }
        cost.entriesRead().ifPresent(builtFrom -> responses.keep(executed.keepAs(), new ResponseCache.Answer(
                bytes, builtFrom, cost.hits(), cost.sharedFreshUntil(), request.operationType(), request.operationName())));
    }

    /** A persisted-query refusal: an answer in the GraphQL error shape (with extensions.cache), nothing run. */
    private MutableHttpResponse<?> refuse(HttpRequest<?> http, boolean graphqlResponse, Refused refused) {
        Map<String, Object> body = new LinkedHashMap<>(GraphQLRequestErrors.body(refused.message(), refused.code()));
        body.put("extensions", Map.of("cache", GatewayGraphQLInvocation.costOf(new QueryCost())));
        HttpStatus status = switch (refused.code()) {
            case PERSISTED_QUERY_NOT_FOUND, PERSISTED_QUERY_NOT_SUPPORTED -> HttpStatus.OK;
            case PERSISTED_QUERY_NOT_IN_LIST -> graphqlResponse ? HttpStatus.FORBIDDEN : HttpStatus.OK;
            default -> graphqlResponse ? HttpStatus.BAD_REQUEST : HttpStatus.OK;
        };
        return respond(http, graphqlResponse, status, body, Optional.empty());
    }

    private MutableHttpResponse<?> respond(HttpRequest<?> http, boolean graphqlResponse, HttpStatus status,
                                           Map<String, Object> body, Optional<Long> sharedMaxAge) {
        return respond(http, graphqlResponse, status, responseJson.write(body), sharedMaxAge);
    }

    private MutableHttpResponse<?> respond(HttpRequest<?> http, boolean graphqlResponse, HttpStatus status,
                                           byte[] bytes, Optional<Long> sharedMaxAge) {
        String vary = HttpHeaders.ACCEPT + ", " + HttpHeaders.ORIGIN;
        if (sharedMaxAge.isPresent()) {
            String etag = HttpCaching.etagOf(bytes);
            String cacheControl = "public, max-age=" + sharedMaxAge.get();
            if (HttpCaching.notModified(http.getHeaders().get(HttpHeaders.IF_NONE_MATCH), etag)) {
                return HttpResponse.notModified()
                        .header(HttpHeaders.ETAG, etag)
                        .header(HttpHeaders.CACHE_CONTROL, cacheControl)
                        .header(HttpHeaders.VARY, vary);
            }
            return HttpResponse.status(status).body(bytes)
                    .contentType(graphqlResponse ? GraphQLMediaTypes.GRAPHQL_RESPONSE_JSON_TYPE : GraphQLMediaTypes.JSON_TYPE)
                    .header(HttpHeaders.ETAG, etag)
                    .header(HttpHeaders.CACHE_CONTROL, cacheControl)
                    .header(HttpHeaders.VARY, vary);
        }
        return HttpResponse.status(status).body(bytes)
                .contentType(graphqlResponse ? GraphQLMediaTypes.GRAPHQL_RESPONSE_JSON_TYPE : GraphQLMediaTypes.JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, HttpCaching.NO_STORE)
                .header(HttpHeaders.VARY, vary);
    }

    private static boolean isClients(GraphQLError error) {
        Map<String, Object> extensions = error.getExtensions();
        return extensions != null && !ErrorCode.INTERNAL.name().equals(extensions.get("code"));
    }
}
