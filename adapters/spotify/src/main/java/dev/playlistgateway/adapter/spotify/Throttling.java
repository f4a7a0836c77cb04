package dev.playlistgateway.adapter.spotify;

import dev.playlistgateway.adapter.spotify.SpotifyTransport.Exchange;
import dev.playlistgateway.adapter.spotify.SpotifyTransport.Request;
import dev.playlistgateway.domain.model.MusicDataException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Spotify's 429, the one place it is handled. Before every attempt a call waits for the {@link ThrottleGate}
 * (parking, outside the bulkhead) if the block ends before the call's wait deadline, and otherwise fails at
 * once with RATE_LIMITED, without a call, counted in {@code spotify.throttle.rejections}. A 429 closes the
 * gate for every caller until its {@code Retry-After} passes, and the call tries again, at most three
 * times. A pause Spotify dictates is not a rate, so this is not a rate
 * limiter (docs/decisions/0015). The time the gate was closed by the 429s this process met is counted in
 * {@code spotify.throttle.gate.closed} (seconds), what is left of the block in force in the gauge
 * {@code spotify.throttle.retry.after}. A budgeted call (the Web API's) then takes a slot of the
 * {@link CallBudget} before each attempt: it waits for the slot within the same deadline (timed in
 * {@code spotify.budget.waits}) or fails at once with RATE_LIMITED, without a call (counted in
 * {@code spotify.budget.rejections}). Thread safe; a {@link Call} belongs to one call on one thread.
 */
final class Throttling {

    private static final Logger log = LoggerFactory.getLogger(Throttling.class);
    /** Used when a 429 carries no readable Retry-After. */
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
    /** The most 429s one call retries after (within its deadline) before it gives up. */
    private static final int MAX_THROTTLED_RETRIES = 3;

    private final ThrottleGate gate;
    private final CallBudget budget;
    private final Clock clock;
    private final Counter rejections;
    private final Counter budgetRejections;
    private final Timer budgetWaits;
    /** Nanoseconds of closed gate the 429s seen here have added (overlapping blocks counted once). */
    private final AtomicLong closedNanos = new AtomicLong();

    Throttling(ThrottleGate gate, Clock clock, MeterRegistry meters) {
        this(gate, CallBudget.unlimited(), clock, meters);
    }

    Throttling(ThrottleGate gate, CallBudget budget, Clock clock, MeterRegistry meters) {
        this.gate = gate;
        this.budget = budget;
        this.clock = clock;
        this.budgetRejections = Counter.builder("spotify.budget.rejections")
                .description("Calls failed at once because the call budget (SPOTIFY_CALL_BUDGET) has no slot within the longest wait")
                .register(meters);
        this.budgetWaits = Timer.builder("spotify.budget.waits")
                .description("Calls to Spotify that waited for a slot of the call budget (SPOTIFY_CALL_BUDGET), and how long")
                .register(meters);
        this.rejections = Counter.builder("spotify.throttle.rejections")
                .description("Calls failed at once because Spotify's Retry-After reaches past the longest wait")
                .register(meters);
        FunctionCounter.builder("spotify.throttle.gate.closed", closedNanos, nanos -> nanos.get() / 1e9)
                .baseUnit("seconds")
                .description("Time Spotify's Retry-After kept every call to Spotify waiting (the 429s this process met)")
                .register(meters);
        Gauge.builder("spotify.throttle.retry.after", this, Throttling::secondsLeft)
                .baseUnit("seconds")
                .description("How long the Retry-After in force still holds calls to Spotify back (0 while none does)")
                .register(meters);
    }

    private double secondsLeft() {
        return gate.current()
                .map(block -> Math.max(0, Duration.between(clock.instant(), block.until()).toMillis()) / 1000.0)
                .orElse(0.0);
    }

    /** One call's attempts; Retry-After waits ending after {@code waitDeadline} fail with RATE_LIMITED instead. */
    Call call(Request request, Instant waitDeadline) {
        return call(request, waitDeadline, true);
    }

    /**
     * One call's attempts, each taking a slot of the call budget when {@code budgeted}; waits (Retry-After or
     * budget) ending after {@code waitDeadline} fail with RATE_LIMITED instead.
     */
    Call call(Request request, Instant waitDeadline, boolean budgeted) {
        return new Call(request, waitDeadline, budgeted);
    }

    /** The attempts of one call: the gate before each, and the 429s it has met so far. Not thread safe. */
    final class Call {
        private final Request request;
        private final Instant waitDeadline;
        private final boolean budgeted;
        private int throttled;
        private long gateWaitNanos;
        private long budgetWaitNanos;

        private Call(Request request, Instant waitDeadline, boolean budgeted) {
            this.request = request;
            this.waitDeadline = waitDeadline;
            this.budgeted = budgeted;
        }

        /**
         * Waits for the gate, makes the exchange, and again after each 429; returns the first answer that is
         * not a 429.
         *
         * @throws MusicDataException RATE_LIMITED when the gate stays closed past the deadline or after the
         *                            last throttled retry
         * @throws IOException        what the exchange throws
         */
        HttpResponse<String> send(Exchange exchange) throws IOException {
            while (true) {
                gateWaitNanos += awaitGate(waitDeadline);
                if (budgeted) {
                    long waited = awaitBudget(waitDeadline);
                    budgetWaitNanos += waited;
                    if (waited > 0) { // a 429 elsewhere may have closed the gate meanwhile
                        gateWaitNanos += awaitGate(waitDeadline);
                    }
                }
                HttpResponse<String> response = exchange.send();
                if (response.statusCode() != 429) {
                    return response;
                }
                ThrottleGate.Block block = closeGate(request, response);
                if (++throttled > MAX_THROTTLED_RETRIES) {
                    throw rateLimited(block);
                }
            }
        }

        /** The 429s this call has met so far. */
        int throttledResponses() {
            return throttled;
        }

        /** How long this call has waited on the gate so far. */
        long gateWaitNanos() {
            return gateWaitNanos;
        }

        /** How long this call has waited for slots of the call budget so far. */
        long budgetWaitNanos() {
            return budgetWaitNanos;
        }
    }

    /** Takes a slot of the budget, waiting for it if it comes before {@code deadline}; returns the nanoseconds waited. */
    private long awaitBudget(Instant deadline) {
        Instant now = clock.instant();
        Duration longest = now.isBefore(deadline) ? Duration.between(now, deadline) : Duration.ZERO;
        CallBudget.Reservation reservation = budget.reserve(longest);
        if (!reservation.granted()) {
            budgetRejections.increment();
            throw budgetSpent(reservation.delay());
        }
        if (reservation.delay().isZero()) {
            return 0;
        }
        long start = System.nanoTime();
        long waited = 0;
        try {
            Pause.until(clock, now.plus(reservation.delay()));
        } finally {
            waited = System.nanoTime() - start;
            budgetWaits.record(waited, TimeUnit.NANOSECONDS);
        }
        return waited;
    }

    /** Waits while the gate is closed (if it opens before {@code deadline}); returns the nanoseconds waited. */
    private long awaitGate(Instant deadline) {
        long waited = 0;
        while (true) {
            Optional<ThrottleGate.Block> block = gate.current();
            if (block.isEmpty()) {
                return waited;
            }
            if (block.get().until().isAfter(deadline)) {
                rejections.increment();
                throw rateLimited(block.get());
            }
            long start = System.nanoTime();
            try {
                Pause.until(clock, block.get().until());
            } finally {
                waited += System.nanoTime() - start;
            }
        }
    }

    private ThrottleGate.Block closeGate(Request request, HttpResponse<String> response) {
        Duration retryAfter = retryAfter(response);
        String reason = ErrorBody.of(response.body()).reason();
        Instant now = clock.instant();
        ThrottleGate.Block block = new ThrottleGate.Block(now.plus(retryAfter), reason);
        synchronized (closedNanos) { // 429s are rare; counting overlapping blocks once needs the gate read and write together
            Instant closedUntil = gate.current().map(ThrottleGate.Block::until).filter(now::isBefore).orElse(now);
            if (block.until().isAfter(closedUntil)) {
                closedNanos.addAndGet(Duration.between(closedUntil, block.until()).toNanos());
            }
            gate.close(block);
        }
        log.debug("Spotify throttled {} {}: retry after {} s{}", request.method(), request.endpoint(),
                retryAfter.toSeconds(), reason == null ? "" : " (" + reason + ")");
        return block;
    }

    private static MusicDataException budgetSpent(Duration nextSlotIn) {
        long seconds = Math.max(1, (nextSlotIn.toMillis() + 999) / 1000);
        return MusicDataException.rateLimited(Duration.ofSeconds(seconds),
                "The gateway's budget of calls to Spotify is spent for now; try again in " + seconds + " s");
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
}
