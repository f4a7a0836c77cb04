package dev.playlistgateway.app.http;

import dev.playlistgateway.app.graphql.ErrorCode;
import dev.playlistgateway.app.logging.RateLimitedLog;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The answer to any exception no more specific handler takes (Micronaut picks the handler whose type is
 * closest to the exception's, so this one sees only what would otherwise reach RouteExecutor's
 * "Unexpected error occurred": a 500 and an ERROR with the stack trace, whatever the cause).
 * <ul>
 *   <li>a client's mistake ({@link ClientMistakes}: a body that is not the gzip it claims, an unknown
 *       charset, ...): its 4xx, logged at DEBUG only;</li>
 *   <li>a client that went away: 400 (nobody reads it), DEBUG;</li>
 *   <li>an outbound HTTP call that failed (the sign-in code exchange with Spotify's accounts service):
 *       502 {@code UPSTREAM_UNAVAILABLE}; unreachable or 5xx: one rate-limited WARN without a stack trace,
 *       refused (4xx, for what the client sent): DEBUG;</li>
 *   <li>anything else is the gateway's fault: 500 {@code INTERNAL} with a reference and the request's id, and
 *       the stack trace in the log under the same reference.</li>
 * </ul>
 * Thread safe.
 */
@Produces
@Singleton
final class UnexpectedFailureHandler implements ExceptionHandler<Throwable, HttpResponse<?>> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedFailureHandler.class);

    private final RateLimitedLog upstreamWarnings = new RateLimitedLog(LOG, RateLimitedLog.DEFAULT_INTERVAL);

    @Override
    public HttpResponse<?> handle(HttpRequest request, Throwable failure) {
        Refusal refusal = ClientMistakes.of(failure).orElse(null);
        if (refusal != null) {
            LOG.debug("Refused {} {}: {} ({})", request.getMethod(), printable(request.getPath()), refusal.message(), printable(failure.toString()));
            return answer(refusal);
        }
        if (ClientMistakes.clientGone(failure)) {
            LOG.debug("Client went away during {} {}: {}", request.getMethod(), printable(request.getPath()), printable(failure.toString()));
            return answer(Refusal.badInput(400, "The connection closed before the request was read"));
        }
        if (failure instanceof HttpClientResponseException refused && refused.code() < 500) {
            // The service refused what it was sent, which came from the client (a used sign-in code, say).
            LOG.debug("An outbound HTTP call was refused while serving {}: HTTP {}", printable(request.getPath()), refused.code());
            return answer(new Refusal(502, ErrorCode.UPSTREAM_UNAVAILABLE, "A service the gateway depends on refused the request"));
        }
        if (failure instanceof HttpClientException) {
            upstreamWarnings.warn("An outbound HTTP call failed while serving {}: {}: {}", printable(request.getPath()),
                    failure.getClass().getSimpleName(), printable(String.valueOf(failure.getMessage())));
            return answer(new Refusal(502, ErrorCode.UPSTREAM_UNAVAILABLE, "A service the gateway depends on did not answer; try again"));
        }
        String reference = UUID.randomUUID().toString();
        LOG.error("Unexpected failure serving {} {} (reference {})", request.getMethod(), printable(request.getPath()), reference, failure);
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", ErrorCode.INTERNAL.name());
        extensions.put("reference", reference);
        RequestIds.of(request).or(() -> Optional.ofNullable(RequestIds.current()))
                .ifPresent(id -> extensions.put("requestId", id));
        Map<String, Object> body = Map.of("errors", List.of(Map.of(
                "message", "Internal error (reference " + reference + ")",
                "extensions", extensions)));
        return HttpResponse.serverError(body).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    private static HttpResponse<?> answer(Refusal refusal) {
        return HttpResponse.status(HttpStatus.valueOf(refusal.status()))
                .body(refusal.body())
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    /** At most 200 printable ASCII characters: nothing from the request breaks a log line. */
    static String printable(String text) {
        String clean = text.replaceAll("[^\\x20-\\x7E]", "?");
        return clean.length() > 200 ? clean.substring(0, 200) + "..." : clean;
    }
}
