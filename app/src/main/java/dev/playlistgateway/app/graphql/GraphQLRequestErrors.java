package dev.playlistgateway.app.graphql;

import io.micronaut.configuration.graphql.GraphQLJsonSerializer;
import io.micronaut.configuration.graphql.JacksonGraphQLJsonSerializer;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Requests that never reach GraphQL execution (a body that is not JSON, a content type GraphQL does
 * not speak) still get an answer in the error model: a GraphQL {@code errors} array with
 * {@code extensions.code = BAD_USER_INPUT}, never a 500 or the framework's HTML/JSON error page.
 */
final class GraphQLRequestErrors {
    private GraphQLRequestErrors() {
    }

    /** The JSON body of a request-level GraphQL error. */
    static Map<String, Object> body(String message) {
        return body(message, ErrorCode.BAD_USER_INPUT);
    }

    static Map<String, Object> body(String message, ErrorCode code) {
        return Map.of("errors", List.of(Map.of("message", message, "extensions", Map.of("code", code.name()))));
    }

    /** Thrown when a GraphQL request body (or its variables) is not valid JSON of the expected shape. */
    static final class MalformedRequest extends RuntimeException {
        MalformedRequest(String message) {
            super(message, null, false, false);
        }
    }

    /** micronaut-graphql's serializer throws a bare RuntimeException (a 500) on malformed JSON; this one says what is wrong. */
    @Singleton
    @Replaces(JacksonGraphQLJsonSerializer.class)
    static final class StrictJsonSerializer implements GraphQLJsonSerializer {
        private final JsonMapper json;

        StrictJsonSerializer(JsonMapper json) {
            this.json = json;
        }

        @Override
        public String serialize(Object object) {
            try {
                return new String(json.writeValueAsBytes(object), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException("Could not write a GraphQL response", e);
            }
        }

        @Override
        public <T> T deserialize(String text, Class<T> type) {
            if (text == null || text.isBlank()) {
                throw new MalformedRequest("The request body is empty: send {\"query\": \"...\"}");
            }
            try {
                T value = json.readValue(text, Argument.of(type));
                if (value == null) {
                    throw new MalformedRequest("The request body must be a JSON object");
                }
                return value;
            } catch (IOException e) {
                throw new MalformedRequest("The request body is not valid JSON of the form {\"query\": \"...\", \"variables\": {...}}");
            }
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

    /**
     * What the framework answers on its own for the GraphQL path (a body over the size limit, a method
     * other than GET and POST, a GET without a query, an Accept it cannot serve) comes in its own error
     * format, or as HTML. Rewritten into the GraphQL error shape, so every client parses one format.
     */
    @ServerFilter({"${graphql.path:/graphql}", "${graphql.path:/graphql}/**"})
    static final class ErrorShape {
        @ResponseFilter
        @SuppressWarnings("unchecked")
        void shape(HttpRequest<?> request, MutableHttpResponse<?> response) {
            int status = response.code();
            if (status < 400 || response.getBody().map(ErrorShape::isGraphQLShaped).orElse(false)) {
                return;
            }
            ErrorCode code = switch (status) {
                case 401 -> ErrorCode.UNAUTHENTICATED;
                case 403 -> ErrorCode.FORBIDDEN;
                default -> status >= 500 ? ErrorCode.INTERNAL : ErrorCode.BAD_USER_INPUT;
            };
            String message = switch (status) {
                case 400 -> "Send a query: POST {\"query\": \"...\"} as application/json, or GET ?query=...";
                case 404 -> "No such endpoint: send GraphQL requests to " + request.getPath().replaceAll("/+$", "");
                case 405 -> "Send GraphQL requests with POST (or GET for queries)";
                case 406 -> "GraphQL responses are application/json";
                case 413 -> "The request body is too large";
                default -> "The request could not be served (HTTP " + status + ")";
            };
            ((MutableHttpResponse<Object>) response).body(body(message, code)).contentType(MediaType.APPLICATION_JSON_TYPE);
        }

        private static boolean isGraphQLShaped(Object body) {
            return body instanceof Map<?, ?> map && map.containsKey("errors");
        }
    }
}
