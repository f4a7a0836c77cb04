package dev.playlistgateway.adapter.cache.redis;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.async.RedisKeyAsyncCommands;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import io.lettuce.core.api.async.RedisStringAsyncCommands;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one long-lived Lettuce connection, standalone or cluster, opened in the background: creating
 * the cache never blocks or fails because Redis is down, and no call ever waits for a connection:
 * until it is open, calls miss. Once open, Lettuce reconnects it by itself; an attempt that failed is
 * reported (so the cache backs off) and retried by the next call the {@link FailureGate} lets through.
 */
final class Link implements AutoCloseable {

    /**
     * What the adapter uses of a connection: the same object for standalone and cluster.
     * {@code scripts} is null on a cluster, where a script's keys must share one slot.
     */
    record Api(RedisStringAsyncCommands<String, byte[]> strings, RedisKeyAsyncCommands<String, byte[]> keys,
               RedisScriptingAsyncCommands<String, byte[]> scripts, StatefulConnection<String, byte[]> connection) {

        /** Scripts on one key each: allowed on a cluster too (one key is one slot); null if the connection has none. */
        RedisScriptingAsyncCommands<String, byte[]> oneKeyScripts() {
            if (scripts != null) {
                return scripts;
            }
            return connection instanceof StatefulRedisClusterConnection<String, byte[]> cluster ? cluster.async() : null;
        }
    }

    private final Supplier<CompletableFuture<Api>> connector;
    private final Consumer<Throwable> onConnectFailure;
    private final Runnable shutdown;
    /** Written under this object's lock, read without it. */
    private volatile CompletableFuture<Api> current;
    private volatile boolean closed;

    /**
     * @param connector        opens a connection asynchronously
     * @param onConnectFailure told when an attempt to connect fails
     * @param shutdown         releases what the link owns besides the connection (an owned client), or nothing
     */
    Link(Supplier<CompletableFuture<Api>> connector, Consumer<Throwable> onConnectFailure, Runnable shutdown) {
        this.connector = connector;
        this.onConnectFailure = onConnectFailure;
        this.shutdown = shutdown;
    }

    /** Starts connecting now, so that the connection is ready by the first calls. */
    Link open() {
        attempt();
        return this;
    }

    private synchronized CompletableFuture<Api> attempt() {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("closed"));
        }
        if (current == null || current.isCompletedExceptionally() || current.isCancelled()) {
            // Off the caller's thread: even the synchronous part of connecting (bootstrap, the first
            // event loop, address resolution) must not delay a request.
            CompletableFuture<Api> next = CompletableFuture.supplyAsync(connector).thenCompose(Function.identity());
            next.whenComplete((api, failure) -> {
                if (failure != null && !isClosed()) {
                    onConnectFailure.accept(failure.getCause() != null ? failure.getCause() : failure);
                }
            });
            current = next;
        }
        return current;
    }

    /** The connection if it is open or reconnecting; null while a first connection is still being opened (or failed). */
    Api get() {
        CompletableFuture<Api> attempt = attempt();
        return attempt.isDone() && !attempt.isCompletedExceptionally() ? attempt.join() : null;
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    /** True when the connection is open now (not while Lettuce reconnects it). Does not block. */
    boolean isOpen() {
        CompletableFuture<Api> attempt = current;
        if (closed || attempt == null || !attempt.isDone() || attempt.isCompletedExceptionally()) {
            return false;
        }
        return attempt.join().connection().isOpen();
    }

    @Override
    public void close() {
        CompletableFuture<Api> last;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            last = current;
        }
        if (last != null) {
            // Closes now if open, or as soon as a pending attempt opens it.
            last.thenAccept(api -> api.connection().close());
        }
        shutdown.run();
    }
}
