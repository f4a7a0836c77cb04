package dev.playlistgateway.app.security;

import dev.playlistgateway.app.graphql.ErrorCode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How sign-in answers a request it will not run (bad credentials, CSRF, the session store away, a logout that could
 * not be made): the GraphQL error shape, {@code {"errors":[{"message":..,"extensions":{"code":..}}]}}, with
 * {@code extensions.retryAfterSeconds} and a {@code Retry-After} header when asking again later may succeed. The
 * message is shown to the client as it is: ours, never an exception's. Also whether a request's body is JSON, which
 * decides both the CSRF rule ({@code request.SignInFilter}) and how a logout is answered ({@code login.SessionLogoutHandler}).
 */
public final class ErrorResponses {
    private ErrorResponses() {
    }

    public static MutableHttpResponse<?> error(HttpStatus status, ErrorCode code, String message) {
        return error(status, code, message, null);
    }

    /** With a {@code retryAfter}: also {@code extensions.retryAfterSeconds} and the {@code Retry-After} header (whole seconds, at least 1). */
    public static MutableHttpResponse<?> error(HttpStatus status, ErrorCode code, String message, @Nullable Duration retryAfter) {
        Map<String, Object> extensions = retryAfter == null ? Map.of("code", code.name())
                : Map.of("code", code.name(), "retryAfterSeconds", seconds(retryAfter));
        MutableHttpResponse<?> response = HttpResponse.status(status)
                .body(Map.of("errors", List.of(Map.of("message", message, "extensions", extensions))))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
        return retryAfter == null ? response : response.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds(retryAfter)));
    }

    /** Whether the body is {@code application/json}; media type names are case-insensitive (RFC 9110 8.3.1). */
    public static boolean isJson(HttpRequest<?> request) {
        return request.getContentType().map(type -> type.getName().equalsIgnoreCase(MediaType.APPLICATION_JSON)).orElse(false);
    }

    private static long seconds(Duration wait) {
        return Math.max(1, wait.toSeconds());
    }
}
