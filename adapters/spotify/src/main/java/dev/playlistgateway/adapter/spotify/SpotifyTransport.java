package dev.playlistgateway.adapter.spotify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.playlistgateway.domain.model.MusicDataException;
import dev.playlistgateway.domain.model.MusicDataException.Failure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The wire to Spotify, shared by every call the gateway makes there (Web API reads and writes, the app
 * token, sign-in's code exchange, refreshes, Bearer lookups): the {@link ThrottleGate} (no call while
 * Spotify said to wait; wait within the deadline, else RATE_LIMITED at once without a call), the
 * bulkhead, bounded retries with exponential backoff and jitter for 5xx, I/O errors and timeouts, the
 * {@code spotify.requests} metric and debug logs. It answers every other status to its caller, which
 * knows what a 401 or a 400 means for its kind of call. Logs carry method, path (ids, never
 * credentials), status and time; never a header, a token, a form or a body. Thread safe.
 */
final class SpotifyTransport {

    private static final Logger log = LoggerFactory.getLogger(SpotifyTransport.class);
    static final ObjectMapper JSON = new ObjectMapper();
    /** Used when a 429 carries no readable Retry-After. */
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
    /** The most 429s one call retries after (within its deadline) before it gives up. */
    private static final int MAX_THROTTLED_RETRIES = 3;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

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
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw malformed(request);
            }
        }

        ErrorBody error() {
            return ErrorBody.of(body);
        }
    }

    private final SpotifySettings settings;
    private final ThrottleGate gate;
    private final MeterRegistry meters;
    private final Clock clock;
    private final HttpClient client;
    private final Semaphore bulkhead;
    private final Counter gateRejections;

    SpotifyTransport(SpotifySettings settings, ThrottleGate gate, MeterRegistry meters, Clock clock) {
        this.settings = settings;
        this.gate = gate;
        this.meters = meters;
        this.clock = clock;
        boolean tls = "https".equals(settings.apiUrl().getScheme());
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                // HTTP/2 over TLS to Spotify; plain HTTP/1.1 to test servers (no h2c upgrade dance).
                .version(tls ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.bulkhead = new Semaphore(settings.maxConcurrentCalls(), true);
        this.gateRejections = Counter.builder("spotify.throttle.rejections")
                .description("Calls failed at once because Spotify's Retry-After reaches past the longest wait")
                .register(meters);
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
     * Sends {@code request} and returns Spotify's final answer. Waits for the gate first (and after each
     * 429, which closes it for everyone); retries 5xx, I/O errors and timeouts as the request allows.
     *
     * @param authorization the {@code Authorization} header value (a Bearer token or the app's Basic credentials)
     * @param waitDeadline  Retry-After waits ending after this fail with RATE_LIMITED instead, without a call
     * @throws MusicDataException RATE_LIMITED (with {@code retryAfter}) or UPSTREAM_UNAVAILABLE
     */
    Answer send(Service service, Request request, String authorization, Instant waitDeadline) {
        int failures = 0;
        int throttled = 0;
        while (true) {
            awaitGate(waitDeadline);
            HttpResponse<String> response;
            try {
                response = exchange(service, request, authorization);
            } catch (IOException e) {
                boolean mayRetry = request.retryAfterSending() || neverSent(e);
                if (mayRetry && failures < settings.readRetries()) {
                    backoff(failures++);
                    continue;
                }
                throw new MusicDataException(Failure.UPSTREAM_UNAVAILABLE, e instanceof HttpTimeoutException
                        ? service.label + " did not answer in time" : "Could not reach " + service.label, e);
            }
            int status = response.statusCode();
            if (status == 429) {
                Duration retryAfter = retryAfter(response);
                String reason = ErrorBody.of(response.body()).reason();
                ThrottleGate.Block block = new ThrottleGate.Block(clock.instant().plus(retryAfter), reason);
                gate.close(block);
                log.debug("Spotify throttled {} {}: retry after {} s{}", request.method(), request.endpoint(),
                        retryAfter.toSeconds(), reason == null ? "" : " (" + reason + ")");
                if (++throttled > MAX_THROTTLED_RETRIES) {
                    throw rateLimited(block);
                }
                continue; // awaitGate waits if the deadline allows, else fails with RATE_LIMITED
            }
            if (status >= 500) {
                if (request.retryAfterSending() && failures < settings.readRetries()) {
                    backoff(failures++);
                    continue;
                }
                throw new MusicDataException(Failure.UPSTREAM_UNAVAILABLE, service.label + " failed (HTTP " + status + ")");
            }
            return new Answer(status, response.body());
        }
    }

    // ------------------------------------------------------------------ the gate

    private void awaitGate(Instant deadline) {
        while (true) {
            Optional<ThrottleGate.Block> block = gate.current();
            if (block.isEmpty()) {
                return;
            }
            if (block.get().until().isAfter(deadline)) {
                gateRejections.increment();
                throw rateLimited(block.get());
            }
            Pause.until(clock, block.get().until());
        }
    }

    private MusicDataException rateLimited(ThrottleGate.Block block) {
        Duration left = Duration.between(clock.instant(), block.until());
        long seconds = Math.max(1, (left.toMillis() + 999) / 1000);
        String message = block.quotaExceeded()
                ? "Spotify's daily quota for this app is used up (QUOTA_EXCEEDED); try again in " + seconds + " s"
                : "Spotify is rate limiting this app; try again in " + seconds + " s";
        return MusicDataException.rateLimited(Duration.ofSeconds(seconds), message);
    }

    /** Retry-After in seconds (what Spotify sends), or an HTTP date; a default when absent or unreadable. */
    private Duration retryAfter(HttpResponse<?> response) {
        Optional<String> header = response.headers().firstValue("Retry-After").map(String::trim);
        if (header.isEmpty()) {
            return DEFAULT_RETRY_AFTER;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.get())));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(header.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration left = Duration.between(clock.instant(), at);
                return left.isNegative() ? Duration.ZERO : left;
            } catch (RuntimeException notADate) {
                return DEFAULT_RETRY_AFTER;
            }
        }
    }

    // ------------------------------------------------------------------ the wire

    private HttpResponse<String> exchange(Service service, Request request, String authorization) throws IOException {
        acquireSlot();
        long start = System.nanoTime();
        String outcome = "IO_ERROR";
        try {
            URI base = service == Service.ACCOUNTS ? settings.accountsUrl() : settings.apiUrl();
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + request.path()))
                    .timeout(settings.readTimeout())
                    .header("Authorization", authorization)
                    .header("Accept", "application/json");
            if (request.body() == null) {
                builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
            } else {
                builder.header("Content-Type", service.contentType)
                        .method(request.method(), HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
            }
            HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
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
            bulkhead.release();
            long nanos = System.nanoTime() - start;
            Timer.builder("spotify.requests")
                    .description("Calls to Spotify by endpoint template and outcome (HTTP status, TIMEOUT, IO_ERROR)")
                    .tag("endpoint", request.endpoint())
                    .tag("method", request.method())
                    .tag("status", outcome)
                    .register(meters)
                    .record(nanos, TimeUnit.NANOSECONDS);
            if (log.isDebugEnabled()) {
                // The path holds ids and paging parameters only; headers (tokens) and bodies (forms) are never logged.
                log.debug("{} {} -> {} in {} ms", request.method(), request.path(), outcome, nanos / 1_000_000);
            }
        }
    }

    private void acquireSlot() {
        try {
            if (!bulkhead.tryAcquire(settings.readTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
                throw new MusicDataException(Failure.UPSTREAM_UNAVAILABLE, "Too many calls to Spotify in flight; try again");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MusicDataException(Failure.UPSTREAM_UNAVAILABLE, "Interrupted while waiting to call Spotify", e);
        }
    }

    /** Only a failure to connect proves the request never reached Spotify. */
    private static boolean neverSent(IOException e) {
        return e instanceof HttpConnectTimeoutException || e instanceof ConnectException;
    }

    /** Exponential backoff with jitter: attempt n waits a random time in [d/2, d], d = base * 2^n, capped. */
    private void backoff(int attempt) {
        long base = settings.backoffBase().toMillis();
        long ceiling = Math.min(MAX_BACKOFF.toMillis(), base << Math.min(attempt, 20));
        long wait = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        Pause.forDuration(clock, Duration.ofMillis(wait));
    }

    static MusicDataException malformed(Request request) {
        return new MusicDataException(Failure.UPSTREAM_UNAVAILABLE,
                "Spotify answered " + request.endpoint() + " with data the gateway cannot read");
    }

    /**
     * Spotify's error object, read leniently: the Web API's {@code {"error":{"status":..,"message":..,"reason":..}}}
     * or the accounts service's OAuth2 {@code {"error":"invalid_grant","error_description":..}}.
     *
     * @param message the printable message, at most 200 characters, or an empty string
     * @param reason  the Web API's {@code reason}, or null
     * @param code    the accounts service's OAuth2 error code ({@code invalid_grant}), or null
     */
    record ErrorBody(String message, String reason, String code) {
        static ErrorBody of(String body) {
            try {
                JsonNode root = body == null || body.isBlank() ? MissingNode.getInstance() : JSON.readTree(body);
                JsonNode error = root.path("error");
                String message = error.isObject() ? error.path("message").asText("") : root.path("error_description").asText("");
                String reason = error.path("reason").isTextual() ? error.path("reason").asText()
                        : root.path("reason").isTextual() ? root.path("reason").asText() : null;
                String code = error.isTextual() ? abbreviate(error.asText()) : null;
                return new ErrorBody(abbreviate(message), reason, code);
            } catch (JsonProcessingException | RuntimeException e) {
                return new ErrorBody("", null, null); // an HTML error page from a proxy, say
            }
        }

        private static String abbreviate(String message) {
            String printable = message.replaceAll("[^\\x20-\\x7E]", "?");
            return printable.length() > 200 ? printable.substring(0, 200) + "…" : printable;
        }
    }
}
