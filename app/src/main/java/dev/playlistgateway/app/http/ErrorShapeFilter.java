package dev.playlistgateway.app.http;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.annotation.PreMatching;

/**
 * Gives a body in the GraphQL error shape to error responses that have none: those a route or a filter
 * returns as a bare status (micronaut-graphql's 400 for a GET without a query, security's 401/403),
 * which the {@link GraphQLShapedErrorResponses} processor never sees. Responses that carry a body of
 * their own (the health report with its 503, GraphQL's own errors) are left as they are, and HEAD
 * answers get none. Runs outermost, on every path, so it sees the final answer; and once more around
 * the filters that answer before a route is matched (Micronaut's CORS preflight and its 403 for a
 * method or header a listed origin may not use), which no route-matched filter sees.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class ErrorShapeFilter implements Ordered {
    private final StatusRefusals statusRefusals;

    ErrorShapeFilter(StatusRefusals statusRefusals) {
        this.statusRefusals = statusRefusals;
    }

    @ResponseFilter
    @SuppressWarnings("unchecked")
    void shape(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (response.code() < 400 || request.getMethod() == HttpMethod.HEAD || response.getBody().isPresent()) {
            return;
        }
        ((MutableHttpResponse<Object>) response).body(statusRefusals.forStatus(request, response).body())
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    @ResponseFilter
    @PreMatching
    void shapeBeforeRouting(HttpRequest<?> request, MutableHttpResponse<?> response) {
        shape(request, response);
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.before();
    }
}
