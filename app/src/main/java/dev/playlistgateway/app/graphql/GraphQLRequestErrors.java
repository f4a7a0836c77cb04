package dev.playlistgateway.app.graphql;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/**
 * The GraphQL error shape for answers that are not a GraphQL execution, and the GraphQL path's own
 * refusals: requests that never reach execution (a body that is not JSON, a content type GraphQL does
 * not speak) get a GraphQL {@code errors} array with {@code extensions.code = BAD_USER_INPUT}, never a
 * 500. Everything else the HTTP layer refuses, on any path, is shaped by {@code dev.playlistgateway.app.http}
 * with {@link #body(String, ErrorCode)}.
 */
public final class GraphQLRequestErrors {
    private GraphQLRequestErrors() {
    }

    /** The JSON body of a request-level GraphQL error: {@code {"errors":[{"message":..,"extensions":{"code":"BAD_USER_INPUT"}}]}}. */
    public static Map<String, Object> body(String message) {
        return body(message, ErrorCode.BAD_USER_INPUT);
    }

    /** The JSON body of a request-level GraphQL error with {@code code}; {@code message} is shown to the client as it is. */
    public static Map<String, Object> body(String message, ErrorCode code) {
        return Map.of("errors", List.of(Map.of("message", message, "extensions", Map.of("code", code.name()))));
    }

    /** Thrown when a GraphQL request body (or its variables) is not valid JSON of the expected shape. */
    static final class MalformedRequest extends RuntimeException {
        MalformedRequest(String message) {
            super(message, null, false, false);
        }
    }

    @Produces
    @Singleton
    static final class MalformedRequestHandler implements ExceptionHandler<MalformedRequest, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, MalformedRequest exception) {
            return HttpResponse.badRequest(body(exception.getMessage())).contentType(MediaType.APPLICATION_JSON_TYPE);
        }
    }

    /** Refuses POSTs in a content type GraphQL does not read, before micronaut-graphql answers 422 with no errors array. */
    @ServerFilter("${graphql.path:/graphql}")
    static final class ContentTypeFilter {
        @RequestFilter
        @Nullable
        HttpResponse<?> check(HttpRequest<?> request) {
            if (request.getMethod() != HttpMethod.POST || request.getParameters().contains("query")) {
                return null;
            }
            String type = request.getContentType().map(MediaType::getName).orElse("");
            // Media types are case-insensitive (RFC 9110).
            if (type.equalsIgnoreCase(MediaType.APPLICATION_JSON) || type.equalsIgnoreCase("application/graphql")) {
                return null;
            }
            return HttpResponse.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                    .body(body("Send GraphQL requests as POST with Content-Type: application/json"))
                    .contentType(MediaType.APPLICATION_JSON_TYPE);
        }
    }
}
