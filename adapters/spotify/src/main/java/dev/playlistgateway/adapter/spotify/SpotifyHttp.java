package dev.playlistgateway.adapter.spotify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.playlistgateway.domain.model.MusicDataException;
import dev.playlistgateway.domain.model.MusicDataException.Failure;
import dev.playlistgateway.domain.model.Viewer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
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
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One logical call to Spotify, with everything around it: the {@link ThrottleGate} (no call while
 * Spotify said to wait; wait within the deadline, else RATE_LIMITED), the token (the app's for
 * anonymous viewers, the user's otherwise, refreshed once on 401), the bulkhead, bounded retries with
 * exponential backoff and jitter for 5xx, I/O errors and timeouts, the translation of Spotify's
 * answers into {@link MusicDataException}, metrics and debug logs. Logs carry method, path (ids, never
 * credentials), status and time; never a header, a token or a body. Thread safe.
 */
final class SpotifyHttp {

    private static final Logger log = LoggerFactory.getLogger(SpotifyHttp.class);
    static final ObjectMapper JSON = new ObjectMapper();
    static final String TOKEN_ENDPOINT = "/api/token";
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
     * @param path              the path and query to send (ids are validated, so safe in a URL)
     * @param body              a JSON body, or null
     * @param retryAfterSending whether a 5xx, a read timeout or an I/O error after the request may have
     *                          reached Spotify may be retried: true for reads and idempotent writes
     */
    record Request(String method, String endpoint, String path, String body, boolean retryAfterSending) {
        static Request get(String endpoint, String path) {
            return new Request("GET", endpoint, path, null, true);
        }
    }

    private final SpotifySettings settings;
    private final SpotifyUserTokens userTokens;
    private final ThrottleGate gate;
    private final MeterRegistry meters;
    private final Clock clock;
    private final HttpClient client;
    private final Semaphore bulkhead;
    private final AppTokens appTokens;
    private final String basicAuthorization;
    private final Counter gateRejections;

    SpotifyHttp(SpotifySettings settings, SpotifyUserTokens userTokens, ThrottleGate gate, MeterRegistry meters, Clock clock) {
        this.settings = settings;
        this.userTokens = userTokens;
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
        this.appTokens = new AppTokens(this::fetchAppToken, clock);
        this.basicAuthorization = "Basic " + Base64.getEncoder().encodeToString(
                (form(settings.clientId()) + ":" + form(settings.clientSecret())).getBytes(StandardCharsets.UTF_8));
        this.gateRejections = Counter.builder("spotify.throttle.rejections")
                .description("Calls failed at once because Spotify's Retry-After reaches past the longest wait")
                .register(meters);
    }

    /** The latest moment a call starting now may wait on a Retry-After. */
    Instant waitDeadline() {
        return clock.instant().plus(settings.maxWait());
    }

    JsonNode call(Viewer viewer, Request request) {
        return call(viewer, request, waitDeadline());
    }

    /**
     * Sends {@code request} on behalf of {@code viewer} and returns the parsed 2xx body (a
     * {@link MissingNode} when empty). Throws {@link SpotifyRefusal} for a final 400, 403 or 404, and
     * {@link MusicDataException} for everything else that goes wrong.
     *
     * @param waitDeadline Retry-After waits ending after this fail with RATE_LIMITED instead
     */
    JsonNode call(Viewer viewer, Request request, Instant waitDeadline) {
        boolean asUser = !viewer.isAnonymous();
        String token = null;
        boolean tokenRenewed = false;
        int failures = 0;
        int throttled = 0;
        while (true) {
            awaitGate(waitDeadline);
            if (token == null) {
                token = asUser ? userToken(viewer) : appTokens.get();
            }
            HttpResponse<String> response;
            try {
                response = exchange(settings.apiUrl(), request, "Bearer " + token, "application/json");
            } catch (IOException e) {
                boolean mayRetry = request.retryAfterSending() || neverSent(e);
                if (mayRetry && failures < settings.readRetries()) {
                    backoff(failures++);
                    continue;
                }
                throw new MusicDataException(Failure.UPSTREAM_UNAVAILABLE, e instanceof HttpTimeoutException
                        ? "Spotify did not answer in time" : "Could not reach Spotify", e);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return parse(request, response.body());
            }
            ErrorBody error = ErrorBody.of(response.body());
            if (status == 401) {
                if (tokenRenewed) {
                    throw asUser
                            ? new MusicDataException(Failure.UNAUTHENTICATED, "Spotify no longer accepts your sign-in; sign in again")
                            : new MusicDataException(Failure.UPSTREAM_UNAVAILABLE, "Spotify rejects the gateway's app token");
                }
                tokenRenewed = true;
                if (asUser) {
                    token = refreshedUserToken(viewer, token);
                } else {
                    appTokens.invalidate(token);
                    token = null;
                }
                continue;
            }
            if (status == 429) {
                Duration retryAfter = retryAfter(response);
                gate.close(new ThrottleGate.Block(clock.instant().plus(retryAfter), error.reason()));
                log.debug("Spotify throttled {} {}: retry after {} s{}", request.method(), request.endpoint(),
                        retryAfter.toSeconds(), error.reason() == null ? "" : " (" + error.reason() + ")");
                if (++throttled > MAX_THROTTLED_RETRIES) {
                    throw rateLimited(new ThrottleGate.Block(clock.instant().plus(retryAfter), error.reason()));
                }
                continue; // awaitGate waits if the deadline allows, else fails with RATE_LIMITED
            }
            if (status >= 500) {
                if (request.retryAfterSending() && failures < settings.readRetries()) {
                    backoff(failures++);
                    continue;
                }
                throw new MusicDataException(Failure.UPSTREAM_UNAVAILABLE, "Spotify failed (HTTP " + status + ")");
            }
            throw refusal(status, error.message());
        }
    }

    private static SpotifyRefusal refusal(int status, String spotifyMessage) {
        String said = spotifyMessage.isEmpty() ? "" : " (Spotify said: " + spotifyMessage + ")";
        return switch (status) {
            case 404 -> new SpotifyRefusal(Failure.NOT_FOUND, status, spotifyMessage, "Not found on Spotify" + said);
            case 403 -> new SpotifyRefusal(Failure.FORBIDDEN, status, spotifyMessage, "Spotify refuses this request" + said);
            case 400 -> new SpotifyRefusal(Failure.BAD_INPUT, status, spotifyMessage, "Spotify rejected the request" + said);
            default -> new SpotifyRefusal(Failure.UPSTREAM_UNAVAILABLE, status, spotifyMessage,
                    "Spotify answered HTTP " + status + said);
        };
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

    // ------------------------------------------------------------------ tokens

    private String userToken(Viewer viewer) {
        Optional<String> token;
        try {
            token = userTokens.accessToken(viewer);
        } catch (MusicDataException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MusicDataException(Failure.UPSTREAM_UNAVAILABLE, "Could not read your Spotify sign-in", e);
        }
        return token.filter(t -> !t.isBlank()).orElseThrow(() ->
                new MusicDataException(Failure.UNAUTHENTICATED, "Sign in with Spotify to see this"));
    }

    private String refreshedUserToken(Viewer viewer, String rejected) {
        Optional<String> token;
        try {
            token = userTokens.refreshAfterRejection(viewer, rejected);
        } catch (MusicDataException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MusicDataException(Failure.UPSTREAM_UNAVAILABLE, "Could not refresh your Spotify sign-in", e);
        }
        return token.filter(t -> !t.isBlank()).orElseThrow(() ->
                new MusicDataException(Failure.UNAUTHENTICATED, "Your Spotify sign-in has expired; sign in again"));
    }

    /** Client credentials grant. Retried like a read; a 429 here is answered, not waited on. */
    private AppTokens.Token fetchAppToken() {
        Request request = new Request("POST", TOKEN_ENDPOINT, TOKEN_ENDPOINT, "grant_type=client_credentials", true);
        int failures = 0;
        while (true) {
            HttpResponse<String> response;
            try {
                response = exchange(settings.accountsUrl(), request, basicAuthorization, "application/x-www-form-urlencoded");
            } catch (IOException e) {
                if (failures < settings.readRetries()) {
                    backoff(failures++);
                    continue;
                }
                throw new MusicDataException(Failure.UPSTREAM_UNAVAILABLE, "Could not reach Spotify's accounts service", e);
            }
            int status = response.statusCode();
            if (status == 200) {
                JsonNode body = parse(request, response.body());
                JsonNode token = body.path("access_token");
                if (!token.isTextual() || token.asText().isBlank()) {
                    throw malformed(request);
                }
                long lifetime = body.path("expires_in").asLong(3600);
                return AppTokens.Token.expiringIn(token.asText(), Duration.ofSeconds(Math.max(1, lifetime)), clock.instant());
            }
            if (status >= 500 && failures < settings.readRetries()) {
                backoff(failures++);
                continue;
            }
            if (status == 429) {
                throw rateLimited(new ThrottleGate.Block(clock.instant().plus(retryAfter(response)), null));
            }
            if (status == 400 || status == 401) {
                log.warn("Spotify's token endpoint refused the app's client credentials (HTTP {}): check spotify.client-id and spotify.client-secret", status);
                throw new MusicDataException(Failure.UPSTREAM_UNAVAILABLE, "Spotify refuses the gateway's app credentials");
            }
            throw new MusicDataException(Failure.UPSTREAM_UNAVAILABLE, "Spotify's accounts service failed (HTTP " + status + ")");
        }
    }

    // ------------------------------------------------------------------ the wire

    private HttpResponse<String> exchange(URI base, Request request, String authorization, String contentType) throws IOException {
        acquireSlot();
        long start = System.nanoTime();
        String outcome = "IO_ERROR";
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + request.path()))
                    .timeout(settings.readTimeout())
                    .header("Authorization", authorization)
                    .header("Accept", "application/json");
            if (request.body() == null) {
                builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
            } else {
                builder.header("Content-Type", contentType)
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
                // The path holds ids and paging parameters only; headers (tokens) are never logged.
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

    private static JsonNode parse(Request request, String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw malformed(request);
        }
    }

    static MusicDataException malformed(Request request) {
        return new MusicDataException(Failure.UPSTREAM_UNAVAILABLE,
                "Spotify answered " + request.endpoint() + " with data the gateway cannot read");
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Spotify's error object {@code {"error":{"status":..,"message":..,"reason":..}}}, read leniently. */
    private record ErrorBody(String message, String reason) {
        static ErrorBody of(String body) {
            try {
                JsonNode root = body == null || body.isBlank() ? MissingNode.getInstance() : JSON.readTree(body);
                JsonNode error = root.path("error");
                String message = error.isObject() ? error.path("message").asText("") : root.path("error_description").asText("");
                String reason = error.path("reason").isTextual() ? error.path("reason").asText()
                        : root.path("reason").isTextual() ? root.path("reason").asText() : null;
                return new ErrorBody(abbreviate(message), reason);
            } catch (JsonProcessingException | RuntimeException e) {
                return new ErrorBody("", null); // an HTML error page from a proxy, say
            }
        }

        private static String abbreviate(String message) {
            String printable = message.replaceAll("[^\\x20-\\x7E]", "?");
            return printable.length() > 200 ? printable.substring(0, 200) + "…" : printable;
        }
    }
}
