package dev.playlistgateway.app.http;

import dev.playlistgateway.app.graphql.ErrorCode;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.cors.CorsOriginConfiguration;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The refusal for an error status the framework chose on its own (a route miss, a method or media type
 * the route does not serve, a body over the size limit): the code follows the status, the message says
 * what to change, in the GraphQL path's own words on that path. Thread safe.
 */
@Singleton
final class StatusRefusals {
    private final String graphqlPath;
    private final Collection<CorsOriginConfiguration> cors;

    StatusRefusals(@Value("${graphql.path:/graphql}") String graphqlPath, HttpServerConfiguration server) {
        this.graphqlPath = graphqlPath;
        this.cors = server.getCors().isEnabled() ? server.getCors().getConfigurations().values() : List.of();
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
            case 403 -> preflightOfAListedOrigin(request).map(StatusRefusals::whatThePreflightMayAskFor)
                    .orElse("This request is not allowed");
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

    /**
     * The CORS configuration listing the origin of a preflight: Micronaut refuses such a preflight (403,
     * no CORS header) when it asks for a method or a header that origin may not use.
     */
    private Optional<CorsOriginConfiguration> preflightOfAListedOrigin(HttpRequest<?> request) {
        HttpHeaders headers = request.getHeaders();
        String origin = headers.get(HttpHeaders.ORIGIN);
        if (request.getMethod() != HttpMethod.OPTIONS || origin == null
                || headers.get(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) == null) {
            return Optional.empty();
        }
        return cors.stream().filter(configuration -> configuration.getAllowedOrigins().contains(origin)).findFirst();
    }

    private static String whatThePreflightMayAskFor(CorsOriginConfiguration configuration) {
        String methods = configuration.getAllowedMethods().stream().map(HttpMethod::name).collect(Collectors.joining(", "));
        return "This origin may send " + methods + " requests with these headers only: "
                + String.join(", ", configuration.getAllowedHeaders());
    }

    /** {@code /graphql} and anything below it ({@code /graphql/} is the endpoint too). */
    private boolean onGraphQLPath(HttpRequest<?> request) {
        String path = request.getPath();
        return path.equals(graphqlPath) || path.startsWith(graphqlPath + "/");
    }
}
