package dev.playlistgateway.app.fleet;

import dev.playlistgateway.app.logging.RateLimitedLog;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The fleet's scripts on Redis: one lazily opened connection, each script run by its SHA (loaded on the first
 * NOSCRIPT), every call bounded by a timeout. After a failure Redis is not asked again for the back-off, so a
 * dead Redis costs a call to Spotify nothing but the first timeout; trouble is one WARN per interval. Never
 * throws: an answer or empty. Thread safe.
 */
final class FleetRedis implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FleetRedis.class);

    /** A live connection and its scripting commands (the same for standalone and cluster). */
    record Link(StatefulConnection<String, String> connection, RedisScriptingAsyncCommands<String, String> scripts) {
    }

    /** A Lua script and its SHA-1, which Redis knows it by. */
    record Script(String name, String source, String sha) {
        static Script of(String name, String source) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
                return new Script(name, source, HexFormat.of().formatHex(digest));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-1 is not available", e);
            }
        }
    }

    private final Supplier<CompletionStage<Link>> connector;
    private final Duration connectTimeout;
    private final Duration timeout;
    private final long backoffNanos;
    private final LongSupplier nanoTime;
    private final RateLimitedLog warnings;
    private final Object lock = new Object();
    private CompletableFuture<Link> link;
    private volatile long quietUntil;
    private volatile boolean backingOff;

    FleetRedis(Supplier<CompletionStage<Link>> connector, Duration connectTimeout, Duration timeout, Duration backoff,
               Duration failureLogInterval) {
        this(connector, connectTimeout, timeout, backoff, failureLogInterval, System::nanoTime);
    }

    FleetRedis(Supplier<CompletionStage<Link>> connector, Duration connectTimeout, Duration timeout, Duration backoff,
               Duration failureLogInterval, LongSupplier nanoTime) {
        this.connector = connector;
        this.connectTimeout = connectTimeout;
        this.timeout = timeout;
        this.backoffNanos = backoff.toNanos();
        this.nanoTime = nanoTime;
        this.warnings = new RateLimitedLog(LOG, failureLogInterval);
    }

    /** Starts connecting without waiting, so that the first call to Spotify does not pay for the connection. */
    void connectSoon() {
        link();
    }

    /** Runs {@code script} on {@code keys} (all on one slot) with {@code args}; empty on any trouble. */
    Optional<List<Object>> run(Script script, String[] keys, String... args) {
        if (backingOff && nanoTime.getAsLong() - quietUntil < 0) {
            return Optional.empty();
        }
        try {
            Link current = await(link(), nanoTime.getAsLong() + connectTimeout.toNanos());
            long deadline = nanoTime.getAsLong() + timeout.toNanos();
            List<Object> answer;
            try {
                answer = await(current.scripts().<List<Object>>evalsha(script.sha(), ScriptOutputType.MULTI, keys, args)
                        .toCompletableFuture(), deadline);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RedisNoScriptException)) {
                    throw e;
                }
                answer = await(current.scripts().<List<Object>>eval(script.source(), ScriptOutputType.MULTI, keys, args)
                        .toCompletableFuture(), deadline);
            }
            if (backingOff) {
                backingOff = false;
                LOG.info("Redis answers again: the Spotify call budget and Retry-After are shared by the fleet again");
            }
            return Optional.of(answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            failed(script, e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e);
            return Optional.empty();
        }
    }

    private void failed(Script script, Throwable cause) {
        quietUntil = nanoTime.getAsLong() + backoffNanos;
        backingOff = true;
        synchronized (lock) {
            if (link != null && link.isCompletedExceptionally()) {
                link = null; // connect afresh after the back-off
            }
        }
        warnings.warn("Redis did not answer the Spotify {} script ({}): this instance keeps its own share of the call budget"
                + " and its own Retry-After until it does", script.name(), describe(cause));
    }

    private static String describe(Throwable cause) {
        return cause instanceof TimeoutException ? "timed out" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private CompletableFuture<Link> link() {
        synchronized (lock) {
            if (link == null) {
                link = connector.get().toCompletableFuture();
            }
            return link;
        }
    }

    private <T> T await(CompletableFuture<T> future, long deadlineNanos) throws ExecutionException, TimeoutException,
            InterruptedException {
        long left = deadlineNanos - nanoTime.getAsLong();
        try {
            return future.get(Math.max(0, left), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            if (future != link) {
                future.cancel(false);
            }
            throw e;
        }
    }

    @Override
    public void close() {
        CompletableFuture<Link> current;
        synchronized (lock) {
            current = link;
            link = null;
        }
        if (current != null) {
            current.thenAccept(l -> l.connection().closeAsync());
        }
    }
}
