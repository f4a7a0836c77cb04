package dev.playlistgateway.app.http;

import dev.playlistgateway.app.graphql.ErrorCode;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import jakarta.inject.Singleton;

/**
 * The refusal for an error status the framework chose on its own (a route miss, a method or media type
 * the route does not serve, a body over the size limit): the code follows the status, the message says
 * what to change, in the GraphQL path's own words on that path. Thread safe.
 */
@Singleton
final class StatusRefusals {
    private final String graphqlPath;

    StatusRefusals(@Value("${graphql.path:/graphql}") String graphqlPath) {
        this.graphqlPath = graphqlPath;
    }

    Refusal forStatus(HttpRequest<?> request, HttpResponse<?> response) {
        int status = response.code();
        return new Refusal(status, code(status), message(request, response, status));
    }

    static ErrorCode code(int status) {
        return switch (status) {
            case 401 -> ErrorCode.UNAUTHENTICATED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 429 -> ErrorCode.RATE_LIMITED;
            case 502, 503, 504 -> ErrorCode.UPSTREAM_UNAVAILABLE;
            default -> status >= 500 ? ErrorCode.INTERNAL : ErrorCode.BAD_USER_INPUT;
        };
    }

    private String message(HttpRequest<?> request, HttpResponse<?> response, int status) {
        boolean graphql = onGraphQLPath(request);
        return switch (status) {
            case 400 -> graphql ? "Send a query: POST {\"query\": \"...\"} as application/json, or GET ?query=..."
                    : "The request is malformed";
            case 401 -> "Sign in first";
            case 403 -> "This request is not allowed";
            case 404 -> graphql ? "No such endpoint: send GraphQL requests to " + graphqlPath : "No such resource";
            case 405 -> graphql ? "Send GraphQL requests with POST (or GET for queries)"
                    : response.getHeaders().get(HttpHeaders.ALLOW) == null ? "This method is not allowed here"
                    : "This method is not allowed here; allowed: " + response.getHeaders().get(HttpHeaders.ALLOW);
            case 406 -> graphql ? "GraphQL responses are application/json"
                    : "This resource cannot be served in the media types the Accept header asks for";
            case 411 -> "A request body needs a Content-Length (or Transfer-Encoding: chunked)";
            case 413 -> "The request body is too large";
            case 414 -> "The request line (method and URL) is too long";
            case 415 -> graphql ? "Send GraphQL requests as POST with Content-Type: application/json"
                    : "This resource does not accept the request's Content-Type";
            case 431 -> "The request's headers are too large";
            default -> status >= 500 ? "The request could not be served (HTTP " + status + ")"
                    : "The request was refused (HTTP " + status + ")";
        };
    }

    /** {@code /graphql} and anything below it ({@code /graphql/} is the endpoint too). */
    private boolean onGraphQLPath(HttpRequest<?> request) {
        String path = request.getPath();
        return path.equals(graphqlPath) || path.startsWith(graphqlPath + "/");
    }
}
