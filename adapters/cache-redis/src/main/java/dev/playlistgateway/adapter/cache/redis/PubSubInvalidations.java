package dev.playlistgateway.adapter.cache.redis;

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

/**
 * Invalidations on a Redis pub/sub channel: one subscriber connection, one connection to publish on
 * (a subscribed RESP2 connection may not publish). On a cluster a PUBLISH reaches every node, so one
 * subscription to any node hears every instance. Lettuce reconnects both and subscribes again by
 * itself; every confirmed subscription, the first included, tells the near tier to flush, since
 * whatever was published while the subscriber was away is lost.
 *
 * <p>Both connections open in the background: until they are, nothing is published or heard, and the
 * near TTL alone bounds what this instance may serve.
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
    private final String origin = UUID.randomUUID().toString();
    private final CompletableFuture<? extends StatefulRedisPubSubConnection<String, String>> subscriber;
    private final CompletableFuture<PublishingConnection> publishing;
    private final ThrottledWarning trouble;
    private volatile boolean subscribed;
    private volatile boolean closed;

    /**
     * @param subscriber the subscriber connection, opening
     * @param publishing the publisher connection, opening
     */
    PubSubInvalidations(String channel, Invalidations.Listener listener,
                        CompletableFuture<? extends StatefulRedisPubSubConnection<String, String>> subscriber,
                        CompletableFuture<PublishingConnection> publishing, Duration failureLogInterval) {
        this.channel = channel;
        this.subscriber = subscriber;
        this.publishing = publishing;
        this.trouble = new ThrottledWarning(LOG, failureLogInterval, System::nanoTime);
        subscriber.whenComplete((connection, failure) -> {
            if (failure != null) {
                trouble.warn("near cache: the invalidation channel did not connect; values are held for the near TTL only" + ": " + describe(failure));
                return;
            }
            connection.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void subscribed(String name, long count) {
                    if (PubSubInvalidations.this.channel.equals(name)) {
                        listener.resubscribed();
                        subscribed = true;
                    }
                }

                @Override
                public void message(String name, String message) {
                    if (!PubSubInvalidations.this.channel.equals(name)) {
                        return;
                    }
                    InvalidationMessage decoded = InvalidationMessage.decode(message);
                    if (decoded != null && !decoded.origin().equals(origin)) {
                        listener.invalidated(decoded.keys());
                    }
                }
            });
            connection.async().subscribe(channel).exceptionally(error -> {
                trouble.warn("near cache: subscribing to the invalidation channel failed" + ": " + describe(error));
                return null;
            });
            if (closed) {
                connection.closeAsync();
            }
        });
        publishing.whenComplete((connection, failure) -> {
            if (failure != null) {
                trouble.warn("near cache: the publishing connection did not connect; other instances hold this one's changes for their near TTL" + ": " + describe(failure));
            } else if (closed) {
                connection.connection().closeAsync();
            }
        });
    }

    @Override
    public void publish(Collection<String> keys) {
        if (keys.isEmpty() || closed) {
            return;
        }
        PublishingConnection connection = publishing.getNow(null);
        if (connection == null || !connection.connection().isOpen()) {
            return; // rejected at once anyway: the near TTL bounds what the others hold
        }
        for (String message : InvalidationMessage.encode(origin, keys)) {
            try {
                connection.publisher().publish(channel, message).exceptionally(error -> {
                    trouble.warn("near cache: an invalidation could not be published" + ": " + describe(error));
                    return null;
                });
            } catch (RuntimeException e) {
                trouble.warn("near cache: an invalidation could not be published" + ": " + describe(e));
            }
        }
    }

    @Override
    public boolean isUp() {
        StatefulRedisPubSubConnection<String, String> connection = subscriber.getNow(null);
        return subscribed && connection != null && connection.isOpen();
    }

    @Override
    public void close() {
        closed = true;
        StatefulRedisPubSubConnection<String, String> connection = subscriber.getNow(null);
        if (connection != null) {
            connection.close();
        }
        PublishingConnection publisher = publishing.getNow(null);
        if (publisher != null) {
            publisher.connection().close();
        }
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
