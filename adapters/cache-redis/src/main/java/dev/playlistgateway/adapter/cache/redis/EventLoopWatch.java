package dev.playlistgateway.adapter.cache.redis;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Transports;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Tells "Redis said nothing" from "this JVM did not get round to reading what Redis said". A tiny
 * task ticks every {@value #TICK_MILLIS} ms on each of Lettuce's I/O event loops (the threads that
 * read Redis's answers); whatever a gap between ticks exceeds that period by (more than
 * {@value #SLACK_MILLIS} ms) is time the loop was stalled: starved of CPU, or busy decoding a
 * backlog. Measured on this 2-core machine under load: stalls of 0.1 to 4 s while Redis had long
 * answered (docs/benchmarks.md, "Redis under load"). Silence is counted in the time the loops ran:
 * wall time minus {@link #stalledNanos()} over the same span.
 *
 * <p>The loop that counts is the one that reads this cache's connection: {@link #answerRead()},
 * called where answers are read, learns which it is (a connection keeps its loop until it reconnects).
 * Until then, the loop stalled longest. Thread-safe; ticks run on the event loops,
 * {@link #stalledNanos()} on any thread.
 */
final class EventLoopWatch implements AutoCloseable {
    static final long TICK_MILLIS = 20;
    static final long SLACK_MILLIS = 5;
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
    private static final long SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(SLACK_MILLIS);

    /** No event loops to watch: never stalled (unit tests, where answers are made by the test). */
    static final EventLoopWatch NONE = new EventLoopWatch();

    private final List<EventExecutor> executors = new ArrayList<>();
    private final AtomicLongArray lastTick;
    private final AtomicLongArray stalled;
    private final List<ScheduledFuture<?>> ticks = new ArrayList<>();
    private final Runnable release;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The loop that reads this cache's answers, or -1 while unknown. */
    private volatile int reader = -1;

    private EventLoopWatch() {
        this.lastTick = new AtomicLongArray(0);
        this.stalled = new AtomicLongArray(0);
        this.release = () -> { };
    }

    private EventLoopWatch(EventLoopGroup loops, Runnable release) {
        this.release = release;
        loops.forEach(executors::add);
        this.lastTick = new AtomicLongArray(executors.size());
        this.stalled = new AtomicLongArray(executors.size());
        long now = System.nanoTime();
        for (int i = 0; i < executors.size(); i++) {
            int loop = i;
            lastTick.set(loop, now);
            ticks.add(executors.get(i).scheduleWithFixedDelay(() -> tick(loop), TICK_MILLIS, TICK_MILLIS,
                    TimeUnit.MILLISECONDS));
        }
    }

    /**
     * Watches the I/O event loops of {@code resources}: the same group Lettuce's clients on these
     * resources connect with (shared, reference-counted; {@link #close()} gives back this reference).
     */
    static EventLoopWatch of(ClientResources resources) {
        Class<? extends EventLoopGroup> type = Transports.eventLoopGroupClass();
        EventLoopGroup group = resources.eventLoopGroupProvider().allocate(type);
        return new EventLoopWatch(group, () -> resources.eventLoopGroupProvider().release(group, 100, 2_000, TimeUnit.MILLISECONDS));
    }

    private void tick(int loop) {
        long now = System.nanoTime();
        long late = now - lastTick.get(loop) - TICK_NANOS;
        if (late > SLACK_NANOS) {
            stalled.addAndGet(loop, late);
        }
        lastTick.set(loop, now);
    }

    /** Called on the thread that read an answer of this cache's connection: notes which loop that is. */
    void answerRead() {
        int known = reader;
        if (known >= 0 && executors.get(known).inEventLoop()) {
            return;
        }
        for (int i = 0; i < executors.size(); i++) {
            if (executors.get(i).inEventLoop()) {
                reader = i;
                return;
            }
        }
    }

    /**
     * How long the loop that reads this cache's answers has been stalled in all, up to now (a stall in
     * progress included); the most stalled loop's while that one is unknown. Only differences mean
     * something: the stall within a span is the difference of two calls.
     */
    long stalledNanos() {
        long now = System.nanoTime();
        int known = reader;
        if (known >= 0) {
            return stalledNanos(known, now);
        }
        long most = 0;
        for (int i = 0; i < stalled.length(); i++) {
            most = Math.max(most, stalledNanos(i, now));
        }
        return most;
    }

    private long stalledNanos(int loop, long now) {
        long late = now - lastTick.get(loop) - TICK_NANOS;
        return stalled.get(loop) + (late > SLACK_NANOS ? late : 0);
    }

    /** Stops the ticks and gives back the reference to the event loops. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ticks.forEach(tick -> tick.cancel(false));
        release.run();
    }
}
