package dev.playlistgateway.testsupport.redis;

/**
 * A {@link RedisServer} for a test class or a test, started on first use and closed after:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RedisServerExtension redis = new RedisServerExtension();   // one for the class
 * ... RedisClient.create(redis.uri()) ... redis.server().kill() ...
 *
 * @RegisterExtension
 * final RedisServerExtension redis = new RedisServerExtension();          // one per test
 * }</pre>
 *
 * Skips the test (or fails it when {@code CI=true}) where no Redis can be had, as {@link RedisServer#start()}.
 */
public final class RedisServerExtension extends StartedOnFirstUse<RedisServer> {

    public RedisServerExtension() {
        super(RedisServer::start);
    }

    /** The running server, started now if no test asked for it before in this scope. */
    public RedisServer server() {
        return started();
    }

    /** {@code redis://127.0.0.1:PORT} of {@link #server()}. */
    public String uri() {
        return server().uri();
    }
}
