package dev.playlistgateway.adapter.cache.redis;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.async.RedisKeyAsyncCommands;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import io.lettuce.core.api.async.RedisStringAsyncCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The adapter's waiting and judging rules against a connection whose answers the test makes, one by
 * one, at chosen moments: a slow Redis is waited for, a silent one is given up on, and only enough
 * silence, or a dropped connection, judges Redis down. Real Redis: {@code RedisUnderLoadIT}.
 */
class LettuceCacheAdapterTest {

    /** A reply the test completes. */
    static final class Reply<T> extends CompletableFuture<T> implements RedisFuture<T> {
        final String command;
        final Object[] args;

        Reply(String command, Object[] args) {
            this.command = command;
            this.args = args;
        }

        @Override
        public String getError() {
            return null;
        }

        @Override
        public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
            try {
                get(timeout, unit);
                return true;
            } catch (ExecutionException e) {
                return true;
            } catch (TimeoutException e) {
                return false;
            }
        }
    }

    private final LinkedBlockingQueue<Reply<Object>> sent = new LinkedBlockingQueue<>();
    private final ScheduledExecutorService redisSide = Executors.newSingleThreadScheduledExecutor();
    private LettuceCacheAdapter cache;

    @AfterEach
    void stop() {
        redisSide.shutdownNow();
        if (cache != null) {
            cache.close();
        }
    }

    private LettuceCacheAdapter cache(RedisCacheSettings settings) {
        Object commands = Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RedisStringAsyncCommands.class, RedisKeyAsyncCommands.class, RedisScriptingAsyncCommands.class},
                (proxy, method, args) -> {
                    Reply<Object> reply = new Reply<>(method.getName(), args);
                    sent.add(reply);
                    return reply;
                });
        @SuppressWarnings("unchecked")
        StatefulConnection<String, byte[]> connection = (StatefulConnection<String, byte[]>) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {StatefulConnection.class},
                (proxy, method, args) -> method.getName().equals("isOpen") ? Boolean.TRUE : null);
        @SuppressWarnings("unchecked")
        Link.Api api = new Link.Api((RedisStringAsyncCommands<String, byte[]>) commands,
                (RedisKeyAsyncCommands<String, byte[]>) commands, (RedisScriptingAsyncCommands<String, byte[]>) commands,
                connection);
        Link link = new Link(() -> CompletableFuture.completedFuture(api), failure -> { }, () -> { }).open();
        FailureGate gate = new FailureGate(settings.backoff(), settings.commandTimeout().multipliedBy(settings.timeoutsToOpen()),
                settings.failureLogInterval(), System::nanoTime, LoggerFactory.getLogger(RedisCache.class));
        ThrottledWarning trouble = new ThrottledWarning(LoggerFactory.getLogger(RedisCache.class),
                settings.failureLogInterval(), System::nanoTime);
        cache = new LettuceCacheAdapter(link, settings, gate, trouble, EventLoopWatch.NONE);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!cache.isAvailable() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        return cache;
    }

    /** The MGET answer for the keys it asked: a value for each. */
    private static List<KeyValue<String, byte[]>> values(Reply<Object> mget) {
        List<KeyValue<String, byte[]>> values = new ArrayList<>();
        for (Object key : (Object[]) mget.args[0]) {
            values.add(KeyValue.just((String) key, new byte[] {1}));
        }
        return values;
    }

    private static List<String> keys(int count) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            keys.add("k" + i);
        }
        return keys;
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    @Test
    void aReadAnsweredChunkByChunkWaitsPastTheCommandTimeoutAndIsNoFailure() {
        cache(RedisCacheSettings.defaults().withCommandTimeout(Duration.ofSeconds(1)).withMaxWait(Duration.ofSeconds(20)));
        // 6,000 keys: 12 MGETs of 500, answered one every 100 ms (a Redis busy with a backlog).
        redisSide.submit(() -> {
            for (int chunk = 0; chunk < 12; chunk++) {
                Reply<Object> mget = sent.take();
                TimeUnit.MILLISECONDS.sleep(100);
                mget.complete(values(mget));
            }
            return null;
        });

        long started = System.nanoTime();
        Map<String, byte[]> found = cache.getAll(keys(6_000));

        assertThat(millisSince(started)).as("longer than the command timeout").isGreaterThanOrEqualTo(1_100);
        assertThat(found).hasSize(6_000);
        assertThat(cache.isAvailable()).isTrue();
    }

    @Test
    void aReadThatRedisLeavesUnansweredWhileAnsweringOthersStopsAtMaxWaitWithoutJudgingRedisDown() {
        cache(RedisCacheSettings.defaults().withCommandTimeout(Duration.ofMillis(400)).withMaxWait(Duration.ofMillis(1_200)));
        // Answers to other commands keep coming, every 100 ms (writes of other requests), never to this read.
        redisSide.scheduleWithFixedDelay(() -> {
            cache.put("w", new byte[] {1}, Duration.ofMinutes(1));
            sent.stream().filter(reply -> reply.command.equals("set")).forEach(reply -> reply.complete("OK"));
        }, 100, 100, TimeUnit.MILLISECONDS);

        long started = System.nanoTime();
        assertThat(cache.get("k")).isEmpty();

        assertThat(millisSince(started)).as("waited to max-wait, not to the command timeout").isBetween(1_150L, 5_000L);
        assertThat(cache.isAvailable()).isTrue();
    }

    @Test
    void silentReadsMissAfterTheCommandTimeoutAndJudgeRedisDownOnlyAfterSeveralInARow() {
        cache(RedisCacheSettings.defaults().withCommandTimeout(Duration.ofMillis(200)).withTimeoutsToOpen(3));

        for (int read = 1; read <= 2; read++) {
            long started = System.nanoTime();
            assertThat(cache.get("k")).isEmpty();
            assertThat(millisSince(started)).isBetween(190L, 2_000L);
            assertThat(cache.isAvailable()).as("after silent read %d", read).isTrue();
        }
        assertThat(cache.get("k")).isEmpty();

        assertThat(cache.isAvailable()).as("600 ms of silence").isFalse();
        int before = sent.size();
        long started = System.nanoTime();
        assertThat(cache.getAll(List.of("a", "b"))).isEmpty();
        cache.putAll(Map.of("a", new byte[] {1}), Duration.ofMinutes(1));
        assertThat(millisSince(started)).as("the back-off window: no waiting").isLessThan(100);
        assertThat(sent).as("and nothing sent").hasSize(before);
    }

    @Test
    void writesAreSentWithoutWaitingAndTooManyPendingOnesAreDropped() {
        cache(RedisCacheSettings.defaults().withMaxPendingWrites(300));
        Map<String, byte[]> batch = new HashMap<>();
        keys(250).forEach(key -> batch.put(key, new byte[] {1}));

        long started = System.nanoTime();
        cache.putAll(batch, Duration.ofMinutes(1));
        cache.putAll(batch, Duration.ofMinutes(1)); // 500 pending would be too many: dropped
        cache.put("one", new byte[] {1}, Duration.ofMinutes(1));

        assertThat(millisSince(started)).as("nobody waited for Redis").isLessThan(1_000);
        assertThat(sent).extracting(reply -> reply.command).containsExactly("eval", "eval", "set");
        assertThat(cache.pendingWrites()).isEqualTo(251);
        sent.forEach(reply -> reply.complete(reply.command.equals("eval") ? 200L : "OK"));
        assertThat(cache.pendingWrites()).isZero();
        assertThat(cache.isAvailable()).isTrue();
    }

    @Test
    void aWriteRedisRefusesIsDroppedAndReadsGoOn() {
        cache(RedisCacheSettings.defaults());
        cache.putAll(Map.of("a", new byte[] {1}, "b", new byte[] {2}), Duration.ofMinutes(1));
        sent.remove().completeExceptionally(new RedisCommandExecutionException("OOM command not allowed when used memory > 'maxmemory'"));

        redisSide.submit(() -> {
            Reply<Object> get = sent.take();
            get.complete(new byte[] {7});
            return null;
        });

        assertThat(cache.get("a")).hasValueSatisfying(value -> assertThat(value).containsExactly(7));
        assertThat(cache.isAvailable()).isTrue();
        assertThat(cache.writesByScript()).isTrue();
    }

    @Test
    void aDroppedConnectionJudgesRedisDownAtOnce() {
        cache(RedisCacheSettings.defaults());
        redisSide.submit(() -> {
            sent.take().completeExceptionally(new RedisConnectionException("Connection closed"));
            return null;
        });

        long started = System.nanoTime();
        assertThat(cache.get("k")).isEmpty();

        assertThat(millisSince(started)).isLessThan(RedisCacheSettings.DEFAULT_COMMAND_TIMEOUT.toMillis());
        assertThat(cache.isAvailable()).isFalse();
    }
}
