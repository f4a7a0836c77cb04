package dev.playlistgateway.domain.fake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one clock tests move by hand: it stands still until {@link #advance(Duration)}. Shared by the
 * service and the {@link FakeCache} so TTLs pass on command; {@link #nanos()} is the same time for
 * what wants a ticker (Caffeine's {@code Ticker}, Bucket4j's {@code TimeMeter}: {@code clock::nanos}).
 */
public final class MutableClock extends Clock {
    private final Instant start;
    private final AtomicLong elapsedNanos = new AtomicLong();

    public MutableClock(Instant start) {
        this.start = start;
    }

    public static MutableClock startingAt(String instant) {
        return new MutableClock(Instant.parse(instant));
    }

    public static MutableClock now() {
        return startingAt("2026-11-23T12:00:00Z");
    }

    public void advance(Duration duration) {
        elapsedNanos.addAndGet(duration.toNanos());
    }

    /** Nanoseconds moved since the start: a monotonic reading for tickers. */
    public long nanos() {
        return elapsedNanos.get();
    }

    @Override
    public Instant instant() {
        return start.plusNanos(elapsedNanos.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
