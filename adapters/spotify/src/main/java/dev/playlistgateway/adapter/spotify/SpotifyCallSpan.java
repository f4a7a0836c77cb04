package dev.playlistgateway.adapter.spotify;

import dev.playlistgateway.adapter.spotify.SpotifyTransport.Request;
import dev.playlistgateway.adapter.spotify.SpotifyTransport.Service;
import dev.playlistgateway.domain.model.MusicDataException;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;

import java.util.concurrent.TimeUnit;

/**
 * The trace of one call to Spotify: a CLIENT span from the first wait to the final answer, retries and
 * Retry-After waits included, child of whatever span is current on the calling thread. Its attributes say
 * what the call cost and never what it carried: the endpoint template ({@code /v1/playlists/{id}/items}),
 * never the path with its ids, no header, no token, no body (docs/operations.md, "Traces"). With
 * OpenTelemetry's no-op API (tracing off) nothing is recorded. One per call, on the calling thread.
 */
final class SpotifyCallSpan {
    static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<String> ENDPOINT = AttributeKey.stringKey("url.template");
    static final AttributeKey<String> SERVICE = AttributeKey.stringKey("spotify.service");
    static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("spotify.outcome");
    static final AttributeKey<Long> ATTEMPTS = AttributeKey.longKey("spotify.attempts");
    static final AttributeKey<Long> RETRIES = AttributeKey.longKey("spotify.retries");
    static final AttributeKey<Long> THROTTLED = AttributeKey.longKey("spotify.throttled");
    static final AttributeKey<Long> GATE_WAIT = AttributeKey.longKey("spotify.wait.retry_after_ms");
    static final AttributeKey<Long> BUDGET_WAIT = AttributeKey.longKey("spotify.wait.budget_ms");
    static final AttributeKey<Long> BULKHEAD_WAIT = AttributeKey.longKey("spotify.wait.bulkhead_ms");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    private final Span span;
    private int attempts;
    private String lastOutcome;
    private long bulkheadWaitNanos;

    private SpotifyCallSpan(Span span) {
        this.span = span;
    }

    static SpotifyCallSpan start(Tracer tracer, Service service, Request request) {
        Span span = tracer.spanBuilder("Spotify " + request.method() + " " + request.endpoint())
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(METHOD, request.method())
                .setAttribute(ENDPOINT, request.endpoint())
                .setAttribute(SERVICE, service == Service.ACCOUNTS ? "accounts" : "web_api")
                .startSpan();
        return new SpotifyCallSpan(span);
    }

    /** One exchange on the wire ended with {@code outcome} (an HTTP status, TIMEOUT, IO_ERROR, INTERRUPTED). */
    void exchanged(String outcome) {
        attempts++;
        lastOutcome = outcome;
    }

    void waitedForSlot(long nanos) {
        bulkheadWaitNanos += nanos;
    }

    /** Spotify's final answer: any status but 429, and but a 5xx that could still be retried. */
    void answered(int status, Throttling.Call throttled) {
        if (span.isRecording()) {
            span.setAttribute(STATUS, (long) status);
            if (status >= 400) {
                span.setAttribute(ERROR_TYPE, Integer.toString(status));
                span.setStatus(StatusCode.ERROR);
            }
            end(throttled);
        } else {
            span.end();
        }
    }

    /** The call failed: RATE_LIMITED, UPSTREAM_UNAVAILABLE (after the retries) or a failure of ours. */
    void failed(RuntimeException failure, Throttling.Call throttled) {
        if (span.isRecording()) {
            span.setAttribute(ERROR_TYPE, failure instanceof MusicDataException known
                    ? known.failure().name() : failure.getClass().getSimpleName());
            span.setStatus(StatusCode.ERROR);
            end(throttled);
        } else {
            span.end();
        }
    }

    private void end(Throttling.Call throttled) {
        int tooMany = throttled == null ? 0 : throttled.throttledResponses();
        span.setAttribute(ATTEMPTS, (long) attempts);
        span.setAttribute(THROTTLED, (long) tooMany);
        span.setAttribute(RETRIES, (long) Math.max(0, attempts - 1 - tooMany));
        span.setAttribute(GATE_WAIT, throttled == null ? 0L : TimeUnit.NANOSECONDS.toMillis(throttled.gateWaitNanos()));
        if (throttled != null && throttled.budgetWaitNanos() > 0) {
            span.setAttribute(BUDGET_WAIT, TimeUnit.NANOSECONDS.toMillis(throttled.budgetWaitNanos()));
        }
        span.setAttribute(BULKHEAD_WAIT, TimeUnit.NANOSECONDS.toMillis(bulkheadWaitNanos));
        if (lastOutcome != null) {
            span.setAttribute(OUTCOME, lastOutcome);
        }
        span.end();
    }
}
