package dev.playlistgateway.adapter.cache.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Invalidations on a Redis pub/sub channel: one subscriber connection, one connection to publish on
 * (a subscribed RESP2 connection may not publish). On a cluster a PUBLISH reaches every node, so one
 * subscription to any node hears every instance. Once open, Lettuce reconnects both and subscribes
 * again by itself; every confirmed subscription, the first included, tells the near tier to flush,
 * since whatever was published while the subscriber was away is lost.
 *
 * <p>Both connections open in the background, and a first attempt that fails (Redis not up yet) is
 * tried again every back-off window: until they are open nothing is published or heard, and the near
 * TTL alone bounds what this instance may serve.
 */
final class PubSubInvalidations implements Invalidations {

    private static final Logger LOG = LoggerFactory.getLogger(PubSubInvalidations.class);

    /** Publishes one message on a channel: the publisher connection's {@code async()::publish}. */
    interface Publisher {
        CompletionStage<Long> publish(String channel, String message);
    }

    /** An open publisher connection: how to publish on it and the connection itself (to close it). */
    record PublishingConnection(Publisher publisher, StatefulConnection<String, String> connection) {
    }

    private final String channel;
    private final Invalidations.Listener listener;
    private final String origin = UUID.randomUUID().toString();
    private final Supplier<CompletableFuture<? extends StatefulRedisPubSubConnection<String, String>>> subscriberConnector;
    private final Supplier<CompletableFuture<PublishingConnection>> publisherConnector;
    private final Duration retryAfter;
    private final ThrottledWarning trouble;
    private volatile StatefulRedisPubSubConnection<String, String> subscriber;
    private volatile PublishingConnection publisher;
    private final AbstractRedisClient client;
    /** Tells when the subscriber drops: until its subscription is confirmed again, nothing is heard. */
    private final RedisConnectionStateListener dropped = new RedisConnectionStateListener() {
        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
            if (connection == subscriber) {
                subscribed = false;
            }
        }
    };
    private volatile boolean subscribed;
    private volatile boolean closed;

    /**
     * @param client     the client both connections are made from (told us when the subscriber drops)
     * @param subscriber opens the subscriber connection
     * @param publisher  opens the publisher connection
     * @param retryAfter how long after a failed first attempt to connect the next one is made
     */
    PubSubInvalidations(String channel, Invalidations.Listener listener, AbstractRedisClient client,
                        Supplier<CompletableFuture<? extends StatefulRedisPubSubConnection<String, String>>> subscriber,
                        Supplier<CompletableFuture<PublishingConnection>> publisher,
                        Duration retryAfter, Duration failureLogInterval) {
        this.channel = channel;
        this.listener = listener;
        this.subscriberConnector = subscriber;
        this.publisherConnector = publisher;
        this.retryAfter = retryAfter;
        this.trouble = new ThrottledWarning(LOG, failureLogInterval, System::nanoTime);
        this.client = client;
        client.addListener(dropped);
        connectSubscriber();
        connectPublisher();
    }

    private void connectSubscriber() {
        if (closed) {
            return;
        }
        attempt(subscriberConnector).whenComplete((connection, failure) -> {
            if (failure != null) {
                trouble.warn("near cache: the invalidation channel did not connect, trying again; values are held for"
                        + " the near TTL only: " + describe(failure));
                later(this::connectSubscriber);
                return;
            }
            connection.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void subscribed(String name, long count) {
                    if (channel.equals(name)) {
                        listener.resubscribed();
                        subscribed = true;
                    }
                }

                @Override
                public void message(String name, String message) {
                    if (!channel.equals(name)) {
                        return;
                    }
                    InvalidationMessage decoded = InvalidationMessage.decode(message);
                    if (decoded != null && !decoded.origin().equals(origin)) {
                        listener.invalidated(decoded.keys());
                    }
                }
            });
            subscriber = connection;
            connection.async().subscribe(channel).exceptionally(error -> {
                trouble.warn("near cache: subscribing to the invalidation channel failed: " + describe(error));
                return null;
            });
            if (closed) {
                connection.closeAsync();
            }
        });
    }

    private void connectPublisher() {
        if (closed) {
            return;
        }
        attempt(publisherConnector).whenComplete((connection, failure) -> {
            if (failure != null) {
                trouble.warn("near cache: the publishing connection did not connect, trying again; meanwhile other"
                        + " instances hold this one's changes for their near TTL: " + describe(failure));
                later(this::connectPublisher);
                return;
            }
            publisher = connection;
            if (closed) {
                connection.connection().closeAsync();
            }
        });
    }

    /** Off the caller's thread: even the synchronous part of connecting must not delay start-up or a request. */
    private static <T> CompletableFuture<T> attempt(Supplier<? extends CompletableFuture<? extends T>> connector) {
        return CompletableFuture.supplyAsync(connector).thenCompose(future -> future.thenApply(value -> (T) value));
    }

    private void later(Runnable retry) {
        CompletableFuture.delayedExecutor(retryAfter.toMillis(), TimeUnit.MILLISECONDS).execute(retry);
    }

    @Override
    public void publish(Collection<String> keys) {
        PublishingConnection connection = publisher;
        if (keys.isEmpty() || closed || connection == null || !connection.connection().isOpen()) {
            return; // rejected at once anyway: the near TTL bounds what the others hold
        }
        for (String message : InvalidationMessage.encode(origin, keys)) {
            try {
                connection.publisher().publish(channel, message).exceptionally(error -> {
                    trouble.warn("near cache: an invalidation could not be published: " + describe(error));
                    return null;
                });
            } catch (RuntimeException e) {
                trouble.warn("near cache: an invalidation could not be published: " + describe(e));
            }
        }
    }

    @Override
    public boolean isUp() {
        StatefulRedisPubSubConnection<String, String> connection = subscriber;
        return subscribed && connection != null && connection.isOpen();
    }

    @Override
    public void close() {
        closed = true;
        client.removeListener(dropped);
        StatefulRedisPubSubConnection<String, String> connection = subscriber;
        if (connection != null) {
            connection.close();
        }
        PublishingConnection open = publisher;
        if (open != null) {
            open.connection().close();
        }
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
