package dev.playlistgateway.adapter.spotify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.playlistgateway.domain.model.MusicDataException;
import dev.playlistgateway.domain.model.MusicDataException.Failure;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.core.exception.AcquirePermissionCancelledException;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Tracer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The wire to Spotify, shared by every call the gateway makes there (Web API reads and writes, the app
 * token, sign-in's code exchange, refreshes, Bearer lookups). One call is three pieces, outermost first:
 * {@link TransientRetries} (5xx, I/O errors, timeouts), {@link Throttling} (429 and the Retry-After gate,
 * then a slot of the {@link CallBudget} for Web API calls, before every attempt), and one exchange here (a bulkhead slot, the HTTP request, the
 * {@code spotify.requests} timer, a debug line). Every other status goes back to the caller, which knows
 * what a 401 or a 400 means for its kind of call. Logs carry method, path (ids, never credentials), status
 * and time; never a header, a token, a form or a body. Each call is one trace span ({@link SpotifyCallSpan}:
 * endpoint template, status, attempts, time waited on the gate, the budget and the bulkhead). Thread safe.
 */
final class SpotifyTransport {

    private static final Logger log = LoggerFactory.getLogger(SpotifyTransport.class);

    /**
     * One request.
     *
     * @param method            HTTP method
     * @param endpoint          the path template, for metrics ({@code /v1/playlists/{id}/items})
     * @param path              the path and query to send (ids are validated, so safe in a URL); never a credential
     * @param body              the body (JSON, or a form for the accounts service), or null
     * @param retryAfterSending whether a 5xx, a read timeout or an I/O error after the request may have
     *                          reached Spotify may be retried: true for reads and idempotent writes
     */
    record Request(String method, String endpoint, String path, String body, boolean retryAfterSending) {
        static Request get(String endpoint, String path) {
            return new Request("GET", endpoint, path, null, true);
        }

        @Override
        public String toString() {
            return method + " " + path; // never the body: a form may carry a code or a refresh token
        }
    }

    /** Where a request goes and how it is authorized. */
    enum Service {
        /** The Web API ({@code api-url}), JSON bodies. */
        WEB_API("Spotify", "application/json"),
        /** The accounts service ({@code accounts-url}), form bodies. */
        ACCOUNTS("Spotify's accounts service", "application/x-www-form-urlencoded");

        private final String label;
        private final String contentType;

        Service(String label, String contentType) {
            this.label = label;
            this.contentType = contentType;
        }

        /** How messages name it. */
        String label() {
            return label;
        }
    }

    /** Spotify's final answer to a request: any status but 429, and but a 5xx that could still be retried. */
    record Answer(int status, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The parsed body, a {@link MissingNode} when empty; UPSTREAM_UNAVAILABLE when it is not JSON. */
        JsonNode json(Request request) {
            if (body == null || body.isBlank()) {
                return MissingNode.getInstance();
            }
            try {
                return SpotifyJson.MAPPER.readTree(body);
            } catch (JsonProcessingException e) {
                throw malformed(request);
            }
        }

        ErrorBody error() {
            return ErrorBody.of(body);
        }
    }

    /** One attempt on the wire. */
    @FunctionalInterface
    interface Exchange {
        HttpResponse<String> send() throws IOException;
    }

    private final SpotifySettings settings;
    private final Clock clock;
    private final HttpClient client;
    private final Bulkhead bulkhead;
    private final Throttling throttling;
    private final TransientRetries retries;
    private final Tracer tracer;
    /** {@code spotify.requests}, one timer per endpoint, method and status, registered on first use. */
    private final Meter.MeterProvider<Timer> requestTimers;

    SpotifyTransport(SpotifySettings settings, ThrottleGate gate, MeterRegistry meters, Tracer tracer, Clock clock) {
        this(settings, gate, CallBudget.unlimited(), meters, tracer, clock);
    }

    SpotifyTransport(SpotifySettings settings, ThrottleGate gate, CallBudget budget, MeterRegistry meters, Tracer tracer,
                     Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.tracer = tracer;
        boolean tls = "https".equals(settings.apiUrl().getScheme());
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                // HTTP/2 over TLS to Spotify; plain HTTP/1.1 to test servers (no h2c upgrade dance).
                .version(tls ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        // Fair: slots go to callers in the order they asked; a caller waits at most read-timeout for one.
        this.bulkhead = Bulkhead.of("spotify", BulkheadConfig.custom()
                .maxConcurrentCalls(settings.maxConcurrentCalls())
                .maxWaitDuration(settings.readTimeout())
                .fairCallHandlingStrategyEnabled(true)
                .writableStackTraceEnabled(false)
                .build());
        this.throttling = new Throttling(gate, budget, clock, meters);
        this.retries = new TransientRetries(settings);
        this.requestTimers = Timer.builder("spotify.requests")
                .description("Calls to Spotify by endpoint template and outcome (HTTP status, TIMEOUT, IO_ERROR)")
                .withRegistry(meters);
    }

    SpotifySettings settings() {
        return settings;
    }

    Clock clock() {
        return clock;
    }

    /** The latest moment a call starting now may wait on a Retry-After. */
    Instant waitDeadline() {
        return clock.instant().plus(settings.maxWait());
    }

    /**
     * Sends {@code request} and returns Spotify's final answer.
     *
     * @param authorization the {@code Authorization} header value (a Bearer token or the app's Basic credentials)
     * @param waitDeadline  Retry-After waits ending after this fail with RATE_LIMITED instead, without a call
     * @throws MusicDataException RATE_LIMITED (with {@code retryAfter}) or UPSTREAM_UNAVAILABLE
     */
    Answer send(Service service, Request request, String authorization, Instant waitDeadline) {
        SpotifyCallSpan span = SpotifyCallSpan.start(tracer, service, request);
        // The budget is for Spotify's rolling window on the Web API; the accounts service is not counted in it.
        Throttling.Call throttled = throttling.call(request, waitDeadline, service == Service.WEB_API);
        HttpResponse<String> response;
        try {
            response = retries.send(service, request,
                    () -> throttled.send(() -> exchange(service, request, authorization, span)));
        } catch (RuntimeException e) {
            span.failed(e, throttled);
            throw e;
        }
        span.answered(response.statusCode(), throttled);
        return new Answer(response.statusCode(), response.body());
    }

    static MusicDataException malformed(Request request) {
        return new MusicDataException(Failure.UPSTREAM_UNAVAILABLE,
                "Spotify answered " + request.endpoint() + " with data the gateway cannot read");
    }

    // ------------------------------------------------------------------ one exchange

    private HttpResponse<String> exchange(Service service, Request request, String authorization, SpotifyCallSpan span)
            throws IOException {
        long asked = System.nanoTime();
        enterBulkhead();
        long start = System.nanoTime();
        span.waitedForSlot(start - asked);
        String outcome = "IO_ERROR";
        try {
            HttpResponse<String> response = client.send(httpRequest(service, request, authorization),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            outcome = Integer.toString(response.statusCode());
            return response;
        } catch (HttpTimeoutException e) {
            outcome = "TIMEOUT";
            throw e;
        } catch (InterruptedException e) {
            outcome = "INTERRUPTED";
            Thread.currentThread().interrupt();
            throw new MusicDataException(Failure.UPSTREAM_UNAVAILABLE, "Interrupted while calling Spotify", e);
        } finally {
            bulkhead.onComplete();
            long nanos = System.nanoTime() - start;
            span.exchanged(outcome);
            requestTimers.withTags("endpoint", request.endpoint(), "method", request.method(), "status", outcome)
                    .record(nanos, TimeUnit.NANOSECONDS);
            if (log.isDebugEnabled()) {
                // The path holds ids and paging parameters only; headers (tokens) and bodies (forms) are never logged.
                log.debug("{} {} -> {} in {} ms", request.method(), request.path(), outcome, nanos / 1_000_000);
            }
        }
    }

    private HttpRequest httpRequest(Service service, Request request, String authorization) {
        URI base = service == Service.ACCOUNTS ? settings.accountsUrl() : settings.apiUrl();
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + request.path()))
                .timeout(settings.readTimeout())
                .header("Authorization", authorization)
                .header("Accept", "application/json");
        if (request.body() == null) {
            return builder.method(request.method(), HttpRequest.BodyPublishers.noBody()).build();
        }
        return builder.header("Content-Type", service.contentType)
                .method(request.method(), HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8))
                .build();
    }

    private void enterBulkhead() {
        try {
            bulkhead.acquirePermission();
        } catch (BulkheadFullException e) {
            throw new MusicDataException(Failure.UPSTREAM_UNAVAILABLE, "Too many calls to Spotify in flight; try again");
        } catch (AcquirePermissionCancelledException e) {
            throw new MusicDataException(Failure.UPSTREAM_UNAVAILABLE, "Interrupted while waiting to call Spotify", e);
        }
    }
}
