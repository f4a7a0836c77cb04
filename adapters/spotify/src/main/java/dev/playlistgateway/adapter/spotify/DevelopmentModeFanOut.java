package dev.playlistgateway.adapter.spotify;

import dev.playlistgateway.domain.model.MusicDataException;
import dev.playlistgateway.domain.model.MusicDataException.Failure;
import io.opentelemetry.context.Context;
import org.slf4j.MDC;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * Development Mode has no several-ids endpoints: one call per id, at most {@code dev-mode-concurrency} at once
 * for one batch, the calling thread being one of the workers. Its threads are daemons and idle ones go after
 * a minute, so none keeps the JVM up. The other workers carry the caller's trace context and logging MDC (its
 * request id), so their calls are spans of the caller's trace and their log lines name its request. Thread
 * safe; one per connection, shared by its ports.
 */
final class DevelopmentModeFanOut {

    private final ExecutorService workers;
    private final int concurrency;

    DevelopmentModeFanOut(int concurrency) {
        this.concurrency = concurrency;
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "spotify-fan-out-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.workers = Executors.newCachedThreadPool(factory);
    }

    /**
     * {@code fetchOne} for each id, in the ids' order.
     *
     * @param fetchOne the value for an id, or null when Spotify does not know it
     * @return the values found, in the order of {@code ids}
     * @throws MusicDataException the first failure of any call (the others take no new id after it); a failure
     *                            that is not a {@link MusicDataException} as UPSTREAM_UNAVAILABLE
     */
    <I, V> Map<I, V> fetchEach(List<I> ids, Function<I, V> fetchOne) {
        AtomicReferenceArray<V> results = new AtomicReferenceArray<>(ids.size());
        AtomicInteger cursor = new AtomicInteger();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Runnable worker = () -> {
            int index;
            while (failure.get() == null && (index = cursor.getAndIncrement()) < ids.size()) {
                try {
                    results.set(index, fetchOne.apply(ids.get(index)));
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }
        };
        List<CompletableFuture<Void>> others = new ArrayList<>();
        Runnable helper = withCallersContext(worker);
        for (int i = 1; i < Math.min(ids.size(), concurrency); i++) {
            others.add(CompletableFuture.runAsync(helper, workers));
        }
        worker.run(); // the calling thread is one of the workers
        others.forEach(CompletableFuture::join);
        if (failure.get() != null) {
            RuntimeException e = failure.get();
            throw e instanceof MusicDataException m ? m
                    : new MusicDataException(Failure.UPSTREAM_UNAVAILABLE, "The music service failed", e);
        }
        Map<I, V> found = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            if (results.get(i) != null) {
                found.put(ids.get(i), results.get(i));
            }
        }
        return found;
    }

    /** {@code task} run with the calling thread's trace context and MDC, the worker's own restored afterwards. */
    private static Runnable withCallersContext(Runnable task) {
        Runnable traced = Context.current().wrap(task);
        Map<String, String> callers = MDC.getCopyOfContextMap();
        return () -> {
            Map<String, String> own = MDC.getCopyOfContextMap();
            setMdc(callers);
            try {
                traced.run();
            } finally {
                setMdc(own);
            }
        };
    }

    private static void setMdc(Map<String, String> values) {
        if (values == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(values);
        }
    }
}
