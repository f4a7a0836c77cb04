package dev.playlistgateway.adapter.cache.redis;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Transports;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Tells "Redis said nothing" from "this JVM did not get round to reading what Redis said". A tiny
 * task ticks every {@value #TICK_MILLIS} ms on each of Lettuce's I/O event loops (the threads that
 * read Redis's answers); a gap of more than {@value #STALL_MILLIS} ms between ticks means that loop
 * was starved of CPU or busy decoding a backlog. Measured on this 2-core machine under load: gaps of
 * 0.1 to 4 s while Redis had long answered (docs/benchmarks.md, "Redis under load"). Silence only
 * counts from the last such stall.
 *
 * <p>Thread-safe; ticks run on the event loops, {@link #steadySince()} on any thread.
 */
final class EventLoopWatch implements AutoCloseable {
    static final long TICK_MILLIS = 20;
    static final long STALL_MILLIS = 50;
    private static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(STALL_MILLIS);

    /** No event loops to watch: every moment counts as steady (unit tests, or resources we cannot reach). */
    static final EventLoopWatch NONE = new EventLoopWatch();

    private final AtomicLongArray lastTick;
    private final List<ScheduledFuture<?>> ticks = new ArrayList<>();
    private final Runnable release;
    private volatile long lastStall = System.nanoTime();

    private EventLoopWatch() {
        this.lastTick = new AtomicLongArray(0);
        this.release = () -> { };
    }

    private EventLoopWatch(EventLoopGroup loops, Runnable release) {
        this.release = release;
        List<EventExecutor> executors = new ArrayList<>();
        loops.forEach(executors::add);
        this.lastTick = new AtomicLongArray(executors.size());
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
        return new EventLoopWatch(group, () -> resources.eventLoopGroupProvider().release(group, 0, 2, TimeUnit.SECONDS));
    }

    private void tick(int loop) {
        long now = System.nanoTime();
        if (now - lastTick.get(loop) > STALL_NANOS) {
            lastStall = now;
        }
        lastTick.set(loop, now);
    }

    /**
     * Since when ({@link System#nanoTime()}) every event loop has been running steadily: the end of the
     * latest stall, or now if a loop is stalled at this moment.
     */
    long steadySince() {
        long now = System.nanoTime();
        for (int i = 0; i < lastTick.length(); i++) {
            if (now - lastTick.get(i) > STALL_NANOS) {
                return now;
            }
        }
        return lastStall;
    }

    @Override
    public void close() {
        ticks.forEach(tick -> tick.cancel(false));
        release.run();
    }
}
