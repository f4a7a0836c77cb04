package dev.playlistgateway.app.security.session;

import dev.playlistgateway.app.wiring.LettuceShutdown;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisKeyAsyncCommands;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import io.lettuce.core.api.async.RedisStringAsyncCommands;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Sessions in Redis (standalone or cluster), so that they survive a restart and every instance sees
 * them. Keys are {@code prefix + sha256(session id)}, values the sealed records, with Redis's own expiry.
 *
 * <p>Redis may be down: nothing connects at startup, the first use connects, and while Redis cannot be
 * reached every call fails with {@link SessionStoreUnavailable} within the timeout (reconnect attempts
 * are spaced by the timeout, so a dead Redis is not hammered). Nothing is logged here: {@link Sessions}
 * reports store trouble, once per interval. Requests without a session never get here, so anonymous
 * queries keep working. {@link #replace} is one Lua script, atomic in Redis (one key, so cluster-safe).
 * Thread safe.
 */
final class RedisSessionStore implements SessionStore {
    /** KEYS[1] the session key; ARGV: expected value ('' for any), new value, time to live in ms. */
    static final String REPLACE_SCRIPT = """
            local current = redis.call('GET', KEYS[1])
            if not current then return 0 end
            if ARGV[1] ~= '' and current ~= ARGV[1] then return 0 end
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            return 1
            """;

    /** A live connection and the command groups this store uses. */
    record Link(StatefulConnection<String, String> connection, RedisStringAsyncCommands<String, String> strings,
                RedisKeyAsyncCommands<String, String> keys, RedisScriptingAsyncCommands<String, String> scripts) {
    }

    private final Supplier<CompletionStage<Link>> connector;
    private final String prefix;
    private final Duration timeout;
    private final Runnable afterClose;
    private final Object lock = new Object();
    private CompletableFuture<Link> link;
    private long retryAtNanos;
    private volatile boolean closed;

    RedisSessionStore(Supplier<CompletionStage<Link>> connector, String prefix, Duration timeout) {
        this(connector, prefix, timeout, () -> { });
    }

    private RedisSessionStore(Supplier<CompletionStage<Link>> connector, String prefix, Duration timeout, Runnable afterClose) {
        this.connector = connector;
        this.prefix = prefix;
        this.timeout = timeout;
        this.afterClose = afterClose;
    }

    /**
     * A store on a Redis of the sessions' own, with a client of its own (shut down by {@link #close()}).
     * Reconnect attempts are at most {@code reconnectCap} apart, so a Redis that returns is used again soon.
     */
    static RedisSessionStore ownStandalone(RedisURI uri, String prefix, Duration timeout, Duration reconnectCap) {
        ClientResources resources = DefaultClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(10),
                        reconnectCap.compareTo(Duration.ofMillis(20)) > 0 ? reconnectCap : Duration.ofMillis(20), 2, TimeUnit.MILLISECONDS))
                .build();
        RedisClient client = RedisClient.create(resources);
        return new RedisSessionStore(() -> client.connectAsync(StringCodec.UTF8, uri).thenApply(RedisSessionStore::link),
                prefix, timeout, () -> LettuceShutdown.shutDown(client, resources));
    }

    static RedisSessionStore standalone(RedisClient client, RedisURI uri, String prefix, Duration timeout) {
        return new RedisSessionStore(() -> client.connectAsync(StringCodec.UTF8, uri).thenApply(RedisSessionStore::link),
                prefix, timeout);
    }

    static RedisSessionStore cluster(RedisClusterClient client, String prefix, Duration timeout) {
        return new RedisSessionStore(() -> client.connectAsync(StringCodec.UTF8).thenApply(RedisSessionStore::link),
                prefix, timeout);
    }

    private static Link link(StatefulRedisConnection<String, String> connection) {
        return new Link(connection, connection.async(), connection.async(), connection.async());
    }

    private static Link link(StatefulRedisClusterConnection<String, String> connection) {
        return new Link(connection, connection.async(), connection.async(), connection.async());
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        Link current = link();
        await(current.strings().set(prefix + key, value, SetArgs.Builder.px(Math.max(1, ttl.toMillis()))), "write");
    }

    @Override
    public boolean replace(String key, @Nullable String expected, String value, Duration ttl) {
        Link current = link();
        Long replaced = await(current.scripts().<Long>eval(REPLACE_SCRIPT, ScriptOutputType.INTEGER,
                new String[] {prefix + key}, expected == null ? "" : expected, value,
                Long.toString(Math.max(1, ttl.toMillis()))), "write");
        return replaced != null && replaced == 1L;
    }

    @Override
    public Optional<String> get(String key) {
        Link current = link();
        return Optional.ofNullable(await(current.strings().get(prefix + key), "read"));
    }

    @Override
    public void delete(String key) {
        Link current = link();
        await(current.keys().del(prefix + key), "delete");
    }

    @Override
    public void close() {
        closed = true;
        CompletableFuture<Link> current;
        synchronized (lock) {
            current = link;
            link = null;
        }
        if (current != null) {
            // Closed before the client shuts down, within the store's timeout; a connection still being
            // opened is closed when it opens (or by the client's shutdown, if that comes first).
            current.thenAccept(l -> awaitClosed(l.connection().closeAsync()));
        }
        afterClose.run();
    }

    private void awaitClosed(CompletableFuture<Void> closing) {
        try {
            closing.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // closing anyway: the client's shutdown closes what is left
        }
    }

    /** The connection, connecting (again) if there is none and the last failure is a timeout old. */
    private Link link() {
        if (closed) {
            throw new SessionStoreUnavailable("The session store is closed", null);
        }
        CompletableFuture<Link> current;
        synchronized (lock) {
            boolean failed = link != null && link.isCompletedExceptionally();
            if (link == null || (failed && System.nanoTime() - retryAtNanos >= 0)) {
                retryAtNanos = System.nanoTime() + timeout.toNanos();
                link = connector.get().toCompletableFuture();
            }
            current = link;
        }
        try {
            return current.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new SessionStoreUnavailable("Redis did not accept a connection within " + timeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            throw new SessionStoreUnavailable("Cannot connect to Redis: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SessionStoreUnavailable("Interrupted while connecting to Redis", e);
        }
    }

    private <T> T await(CompletionStage<T> command, String what) {
        CompletableFuture<T> future = command.toCompletableFuture();
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Not sent while Redis is away: do not let it run late (a late write could resurrect a deleted session).
            future.cancel(true);
            throw new SessionStoreUnavailable("Redis did not answer a session " + what + " within " + timeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            throw new SessionStoreUnavailable("Redis failed a session " + what, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SessionStoreUnavailable("Interrupted during a session " + what, e);
        }
    }
}
