package dev.playlistgateway.adapter.cache.redis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keys whose delete has not been confirmed by Redis: a mutation's invalidation sent while Redis was down,
 * refused, or dropped. What Redis still holds under them is an old version, so this instance reads them
 * as missing, without asking Redis, until a delete of them is confirmed; {@link #inChunks} hands them out
 * to be deleted again once Redis answers, so the other instances stop seeing the old version too. A key is marked before
 * its delete is sent and cleared only by the confirmation of its latest delete: a confirmation that arrives
 * for an older delete of the key (one sent before a newer one failed) leaves it marked.
 *
 * <p>Bounded: beyond {@code capacity} keys a delete is not remembered, and {@link #overflowed} says so once
 * (those keys keep their old version in Redis until their TTL ends, as every delete did before this class).
 * Thread safe; while nothing is marked a lookup is one read of an empty map.
 */
final class UnsentDeletes {

    /** Keys in one resend: one UNLINK each, small enough not to hold Redis up. */
    static final int RESEND_CHUNK = 500;
    /** At most one resend per this many ns: the confirmations of one take a round trip to arrive. */
    static final long RESEND_INTERVAL_NANOS = 1_000_000_000L;
    /** After a resend that could not be sent, the next may be tried this soon. */
    static final long RETRY_MILLIS = 50;

    private final int capacity;
    private final Map<String, Long> marked = new ConcurrentHashMap<>();
    private final AtomicLong deletes = new AtomicLong();
    private final AtomicLong lastResend = new AtomicLong(System.nanoTime() - RESEND_INTERVAL_NANOS);
    private final AtomicBoolean overflowReported = new AtomicBoolean();

    UnsentDeletes(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative, was " + capacity);
        }
        this.capacity = capacity;
    }

    /** One delete of some keys, marked until Redis confirms it. */
    record Delete(List<String> keys, long number) {
    }

    /** Marks {@code keys} (stored names) as deleted here and not yet in Redis; null when none could be kept. */
    Delete mark(Collection<String> keys) {
        long number = deletes.incrementAndGet();
        List<String> kept = new ArrayList<>(keys.size());
        for (String key : keys) {
            if (marked.size() >= capacity && !marked.containsKey(key)) {
                continue;
            }
            marked.put(key, number);
            kept.add(key);
        }
        return kept.isEmpty() ? null : new Delete(kept, number);
    }

    /** Redis confirmed {@code delete}: its keys are clear unless a later delete of them is still unconfirmed. */
    void confirmed(Delete delete) {
        for (String key : delete.keys()) {
            marked.remove(key, delete.number());
        }
    }

    /** Whether {@code key} (a stored name) must be read as missing. */
    boolean holds(String key) {
        return !marked.isEmpty() && marked.containsKey(key);
    }

    boolean isEmpty() {
        return marked.isEmpty();
    }

    int size() {
        return marked.size();
    }

    /**
     * Whether a resend may start at {@code now} ({@link System#nanoTime()}): something is held, and no
     * resend was sent in the second before (nor tried in the {@value #RETRY_MILLIS} ms before).
     */
    boolean resendDue(long now) {
        long last = lastResend.get();
        return !marked.isEmpty() && now - last >= RESEND_INTERVAL_NANOS && lastResend.compareAndSet(last, now);
    }

    /** The resend {@link #resendDue} allowed could not be sent (Redis still judged down): try again soon. */
    void notResent(long now) {
        lastResend.set(now - RESEND_INTERVAL_NANOS + RETRY_MILLIS * 1_000_000L);
    }

    /** The held keys in chunks of {@value #RESEND_CHUNK}, to {@link #mark} again as each is sent. */
    List<List<String>> inChunks() {
        List<List<String>> chunks = new ArrayList<>();
        List<String> keys = new ArrayList<>(RESEND_CHUNK);
        for (String key : marked.keySet()) {
            keys.add(key);
            if (keys.size() == RESEND_CHUNK) {
                chunks.add(keys);
                keys = new ArrayList<>(RESEND_CHUNK);
            }
        }
        if (!keys.isEmpty()) {
            chunks.add(keys);
        }
        return chunks;
    }

    /** True the first time a delete could not be remembered since the last time nothing was marked. */
    boolean overflowed(Delete kept, int asked) {
        if (marked.isEmpty()) {
            overflowReported.set(false);
        }
        int keptCount = kept == null ? 0 : kept.keys().size();
        return keptCount < asked && overflowReported.compareAndSet(false, true);
    }
}
