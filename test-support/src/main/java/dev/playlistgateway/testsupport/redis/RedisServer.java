package dev.playlistgateway.testsupport.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A real, empty Redis for one test class (or one test), on 127.0.0.1 and a free port: never 6379,
 * never a Redis the machine already runs. A test class gets one through {@link RedisServerExtension}
 * ({@code @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();}),
 * which starts and closes it; {@link #start()} is for a server scoped by hand:
 *
 * <pre>{@code
 * try (RedisServer other = RedisServer.start()) {
 *     ... RedisClient.create(other.uri()) ...
 * }
 * }</pre>
 *
 * <p>Where it runs: in a container when Testcontainers is on the test classpath and a Docker engine
 * answers, else {@code redis-server} from PATH (no persistence, files in a temporary directory that
 * {@link #stop()} deletes). With neither, {@link #start()} skips the test through a JUnit assumption,
 * or fails it with what to install when the environment variable {@code CI} is {@code true}.
 *
 * <p>For outage tests: {@link #kill()} ends the server abruptly, {@link #restart()} brings it back
 * (empty) on the same port, {@link #pause()} and {@link #resume()} freeze and thaw it (SIGSTOP and
 * SIGCONT: a hung Redis, connections stay open, nothing answers). {@link #info} reads {@code INFO}
 * fields, such as {@code keyspace_hits}, to see whether Redis is being used again. Not thread-safe for control calls; clients may of course
 * use the server from any thread. Do not start it from a static initialiser: a skip there becomes an
 * {@code ExceptionInInitializerError}.
 */
public final class RedisServer implements AutoCloseable {

    private final Node node;

    RedisServer(Node node) {
        this.node = Objects.requireNonNull(node, "node");
    }

    /** Starts an empty Redis and waits until it answers PING. Skips or fails the test when none can be had. */
    public static RedisServer start() {
        if (Backends.dockerUsable()) {
            return new RedisServer(ContainerRedis.start());
        }
        if (Backends.mode().equals("docker")) {
            throw Backends.noRedis("pgw.test.redis=docker but no Docker engine answers (or Testcontainers is not on the classpath)");
        }
        return new RedisServer(LocalRedisProcess.start(Backends.onPath("redis-server")
                .orElseThrow(() -> Backends.noRedis("no Docker engine and no redis-server on PATH")), false));
    }

    /** Always {@code 127.0.0.1}. */
    public String host() {
        return "127.0.0.1";
    }

    /** The port; the same after {@link #restart()}. */
    public int port() {
        return node.port();
    }

    /** {@code redis://127.0.0.1:PORT}, as Lettuce and micronaut-redis ({@code redis.uri}) take it. */
    public String uri() {
        return "redis://" + host() + ":" + port();
    }

    /** Ends the server abruptly, as a crash would: open connections drop, new ones are refused. */
    public void kill() {
        node.kill();
    }

    /** Starts it again, empty, on the same port (after {@link #kill()}, or while running), and waits until it answers. */
    public void restart() {
        node.restart();
    }

    /** Freezes the server: connections stay open, commands get no answer (a hung or overloaded Redis). */
    public void pause() {
        node.pause();
    }

    /** Thaws a {@link #pause() paused} server. */
    public void resume() {
        node.resume();
    }

    /** True while the server runs (not killed or stopped). */
    public boolean isRunning() {
        return node.isRunning();
    }

    /**
     * Runs one command on a fresh connection and returns the reply: a String (simple or bulk reply),
     * a Long, a List, or null. Handy for assertions ({@code PTTL}, {@code MEMORY USAGE}, {@code DBSIZE})
     * without a client library. A Redis error reply throws {@link IllegalStateException}.
     */
    public Object command(String... args) {
        try {
            return Resp.command(host(), port(), 5_000, args);
        } catch (IOException e) {
            throw new UncheckedIOException("Redis " + uri() + " did not answer " + String.join(" ", args), e);
        }
    }

    /**
     * One section of {@code INFO} as field to value ({@code info("stats").get("keyspace_hits")}): for
     * tests that check whether Redis is being read or written, without a client library.
     */
    public Map<String, String> info(String section) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : String.valueOf(command("INFO", section)).split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return fields;
    }

    /** Removes every key: for tests that share one server between test methods. */
    public void flushAll() {
        command("FLUSHALL");
    }

    /** Stops the server and deletes what it left behind. Idempotent. */
    public void stop() {
        node.stop();
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return node.toString();
    }
}
