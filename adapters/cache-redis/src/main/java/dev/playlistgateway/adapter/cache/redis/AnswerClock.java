package dev.playlistgateway.adapter.cache.redis;

/**
 * When Redis last answered this cache, and so how long a waiting read has found it silent. Silence
 * runs from the later of the read's start and Redis's last answer, and is counted in the time the
 * event loop that reads the answers was running ({@link EventLoopWatch}): while that loop is stalled,
 * the delay is this JVM's, not Redis's. Times are {@link System#nanoTime()}. Thread-safe.
 */
final class AnswerClock {

    /** The moment a read started, and how long the event loop had been stalled by then. */
    record Start(long at, long stalled) {
    }

    private final EventLoopWatch loops;
    private volatile long lastAnswer = System.nanoTime();
    /** {@link EventLoopWatch#stalledNanos()} when that answer was read. */
    private volatile long stalledAtLastAnswer;

    AnswerClock(EventLoopWatch loops) {
        this.loops = loops;
    }

    /** Redis answered a command: called where the answer was read (Lettuce's event loop). */
    void answered() {
        loops.answerRead();
        stalledAtLastAnswer = loops.stalledNanos();
        lastAnswer = System.nanoTime();
    }

    /** A read starts now. */
    Start start() {
        return new Start(System.nanoTime(), loops.stalledNanos());
    }

    /**
     * Now on the clock silence is counted on: {@link System#nanoTime()} less the event loop's stalls so
     * far. Only differences mean something.
     */
    long runningNow() {
        return System.nanoTime() - loops.stalledNanos();
    }

    /**
     * From when the read that began at {@code start} has found Redis silent, on the {@link #runningNow()}
     * clock: the {@link FailureGate} adds up silence across reads on that clock, so that a stalled loop
     * does not judge Redis down any more than it makes a single read give up.
     */
    long silentFrom(Start start) {
        long last = lastAnswer;
        return last - start.at() > 0 ? last - stalledAtLastAnswer : start.at() - start.stalled();
    }

    /** How long the read that began at {@code start} has found Redis silent, up to {@code now}, stalls left out. */
    long silenceNanos(Start start, long now) {
        long from = start.at();
        long stalledAtFrom = start.stalled();
        long last = lastAnswer;
        if (last - from > 0) {
            from = last;
            stalledAtFrom = stalledAtLastAnswer;
        }
        return (now - from) - Math.max(0, loops.stalledNanos() - stalledAtFrom);
    }

    /** True when Redis has answered nothing since {@code since}. */
    boolean silentSince(long since) {
        return lastAnswer - since <= 0;
    }
}
