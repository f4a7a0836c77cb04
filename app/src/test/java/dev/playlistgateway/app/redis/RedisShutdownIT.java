package dev.playlistgateway.app.redis;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.playlistgateway.testsupport.redis.RedisServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closing a gateway on Redis is quiet: the Lettuce connections, clients and their resources (micronaut-redis's,
 * the cache's and the session store's own) are shut down in order, so that no Netty or Lettuce thread logs an
 * ERROR ("Failed to submit a listener notification task. Event loop shut down?") after the context has closed,
 * and no Lettuce thread is left running.
 */
class RedisShutdownIT {
    private static final String QUERY = "{ playlist(id: \"wYog1zmWxOnf8NVxsMQ7Ru\") { name } }";

    private static RedisServer redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Test
    void closingAGatewayOnRedisLogsNoErrorAndLeavesNoLettuceThread() throws InterruptedException {
        assertQuietClose(() -> { });
    }

    @Test
    void closingAGatewayWhileLettuceReconnectsToADeadRedisLogsNoErrorAndLeavesNoLettuceThread() throws InterruptedException {
        try {
            assertQuietClose(() -> {
                redis.kill();
                // Long enough for the connections to notice and for reconnect attempts to be under way.
                pause(1_500);
            });
        } finally {
            redis.restart();
        }
    }

    private static void assertQuietClose(Runnable beforeClose) throws InterruptedException {
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.setContext(logging);
        lines.start();
        Set<String> before = lettuceThreads();
        Set<String> left;
        root.addAppender(lines);
        try {
            for (int round = 0; round < 2; round++) {
                if (!redis.isRunning()) {
                    redis.restart();
                }
                Map<String, Object> properties = new HashMap<>(Map.of("micronaut.server.port", -1,
                        "redis.uri", redis.uri(), "cache.redis.command-timeout", "200ms", "cache.redis.backoff", "500ms"));
                // The session store on a Redis of its own: the third kind of client the gateway makes.
                properties.put("gateway.security.redis.uri", redis.uri());
                EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties);
                RedisGateways.awaitCacheUp(server);
                try (HttpClient client = HttpClient.create(server.getURL())) {
                    for (int i = 0; i < 5; i++) {
                        client.toBlocking().exchange(HttpRequest.POST("/graphql", Map.of("query", QUERY))
                                .contentType(MediaType.APPLICATION_JSON_TYPE), String.class);
                    }
                }
                beforeClose.run();
                server.close();
            }
            // Threads stop within the shutdown's bounds (2 s each for client and resources); a late listener
            // or reconnect would log within them too.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            do {
                Thread.sleep(100);
                left = new TreeSet<>(lettuceThreads());
                left.removeAll(before);
            } while (!left.isEmpty() && System.nanoTime() < deadline);
            Thread.sleep(500);
        } finally {
            root.detachAppender(lines);
        }

        assertThat(lines.list).filteredOn(line -> line.getLevel().isGreaterOrEqual(Level.ERROR))
                .extracting(line -> "[" + line.getThreadName() + "] " + line.getLoggerName() + " - " + line.getFormattedMessage())
                .isEmpty();
        assertThat(left).as("Lettuce threads still running after the contexts closed").isEmpty();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Set<String> lettuceThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .map(Thread::getName).filter(name -> name.startsWith("lettuce-")).collect(Collectors.toSet());
    }
}
