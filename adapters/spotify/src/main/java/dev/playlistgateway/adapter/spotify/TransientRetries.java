package dev.playlistgateway.adapter.spotify;

import dev.playlistgateway.adapter.spotify.SpotifyTransport.Exchange;
import dev.playlistgateway.adapter.spotify.SpotifyTransport.Request;
import dev.playlistgateway.adapter.spotify.SpotifyTransport.Service;
import dev.playlistgateway.domain.model.MusicDataException;
import dev.playlistgateway.domain.model.MusicDataException.Failure;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Transient failures: a 5xx, an I/O error or a timeout is retried up to {@code read-retries} times with
 * exponential backoff and equal jitter (Resilience4j Retry), then it is UPSTREAM_UNAVAILABLE. A request that
 * must not reach Spotify twice ({@link Request#retryAfterSending()} false: adding tracks, a code exchange, a
 * refresh) is retried only after a failure to connect, which proves it never left. A 429 is not a transient
 * failure: {@link Throttling} answers it inside each attempt. Thread safe.
 */
final class TransientRetries {

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    /** Reads and idempotent writes: every transient failure. */
    private final Retry afterSending;
    /** The rest: only what never reached Spotify. */
    private final Retry unsentOnly;

    TransientRetries(SpotifySettings settings) {
        IntervalFunction backoff = attempt -> equalJitter(settings.backoffBase(), attempt);
        this.afterSending = Retry.of("spotify", RetryConfig.<HttpResponse<String>>custom()
                .maxAttempts(settings.readRetries() + 1)
                .intervalFunction(backoff)
                .retryOnException(IOException.class::isInstance)
                .retryOnResult(response -> response.statusCode() >= 500)
                .build());
        this.unsentOnly = Retry.of("spotify-unsent", RetryConfig.<HttpResponse<String>>custom()
                .maxAttempts(settings.readRetries() + 1)
                .intervalFunction(backoff)
                .retryOnException(TransientRetries::neverSent)
                .build());
    }

    /**
     * Runs {@code exchange}, again after transient failures as the request allows.
     *
     * @return an answer below 500
     * @throws MusicDataException UPSTREAM_UNAVAILABLE once the retries are spent, or what the exchange throws
     */
    HttpResponse<String> send(Service service, Request request, Exchange exchange) {
        Retry retry = request.retryAfterSending() ? afterSending : unsentOnly;
        HttpResponse<String> response;
        try {
            response = retry.executeCallable(exchange::send);
        } catch (IOException e) {
            throw new MusicDataException(Failure.UPSTREAM_UNAVAILABLE, e instanceof HttpTimeoutException
                    ? service.label() + " did not answer in time" : "Could not reach " + service.label(), e);
        } catch (CancellationException e) {
            throw new MusicDataException(Failure.UPSTREAM_UNAVAILABLE, "Interrupted while waiting to call Spotify", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("An exchange threw what it does not declare", e); // a bug, not Spotify
        }
        if (response.statusCode() >= 500) {
            throw new MusicDataException(Failure.UPSTREAM_UNAVAILABLE,
                    service.label() + " failed (HTTP " + response.statusCode() + ")");
        }
        return response;
    }

    /** Only a failure to connect proves the request never reached Spotify. */
    private static boolean neverSent(Throwable e) {
        return e instanceof HttpConnectTimeoutException || e instanceof ConnectException;
    }

    /**
     * Exponential backoff with equal jitter: retry n (from 1) waits a random time in [d/2, d] milliseconds,
     * d = base * 2^(n-1), capped at 5 s.
     */
    static long equalJitter(Duration base, int retry) {
        long ceiling = Math.min(MAX_BACKOFF.toMillis(), base.toMillis() << Math.min(retry - 1, 20));
        return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    }
}
