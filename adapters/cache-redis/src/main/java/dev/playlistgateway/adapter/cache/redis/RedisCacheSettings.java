package dev.playlistgateway.adapter.cache.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * How the Redis cache behaves. {@link #defaults()} suits a gateway whose Redis is on the same
 * network: every value can be overridden through the {@code with...} methods.
 *
 * @param keyPrefix          put before every key, to share a Redis with other users (default
 *                           {@value #DEFAULT_KEY_PREFIX}). The service's keys already start with their
 *                           format version ({@code v1:}), so a stored key reads {@code pgw:v1:track:ID};
 *                           the prefix need not carry a version. Printable ASCII without braces
 *                           (a <code>{hash tag}</code> in it would put every key on one cluster slot);
 *                           may be empty
 * @param commandTimeout     the longest one call waits for Redis, connection included (default 250 ms):
 *                           a slower answer is a miss or a dropped write
 * @param connectTimeout     the longest a (re)connection attempt may take in the background
 *                           (default 1 s); calls never wait for it beyond {@code commandTimeout}
 * @param backoff            after a failure, how long Redis is not even tried (default 1 s): reads miss
 *                           and writes drop at once, so a dead or hung Redis costs at most one timeout
 *                           per window; then one call probes, and success ends the back-off
 * @param failureLogInterval at most one warning per interval while Redis fails (default 30 s), with
 *                           the number of failures since the last one
 */
public record RedisCacheSettings(String keyPrefix, Duration commandTimeout, Duration connectTimeout,
                                 Duration backoff, Duration failureLogInterval) {

    public static final String DEFAULT_KEY_PREFIX = "pgw:";
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMillis(250);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(1);
    public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(1);
    public static final Duration DEFAULT_FAILURE_LOG_INTERVAL = Duration.ofSeconds(30);

    public RedisCacheSettings {
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        for (int i = 0; i < keyPrefix.length(); i++) {
            char c = keyPrefix.charAt(i);
            if (c < 0x21 || c > 0x7E || c == '{' || c == '}') {
                throw new IllegalArgumentException("keyPrefix must be printable ASCII without spaces or braces: \""
                        + keyPrefix + '"');
            }
        }
        if (keyPrefix.length() > 64) {
            throw new IllegalArgumentException("keyPrefix longer than 64 characters");
        }
        requirePositive(commandTimeout, "commandTimeout");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(backoff, "backoff");
        requirePositive(failureLogInterval, "failureLogInterval");
    }

    /** Prefix {@value #DEFAULT_KEY_PREFIX}, 250 ms commands, 1 s connects, 1 s back-off, a warning at most every 30 s. */
    public static RedisCacheSettings defaults() {
        return new RedisCacheSettings(DEFAULT_KEY_PREFIX, DEFAULT_COMMAND_TIMEOUT, DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_BACKOFF, DEFAULT_FAILURE_LOG_INTERVAL);
    }

    public RedisCacheSettings withKeyPrefix(String keyPrefix) {
        return new RedisCacheSettings(keyPrefix, commandTimeout, connectTimeout, backoff, failureLogInterval);
    }

    public RedisCacheSettings withCommandTimeout(Duration commandTimeout) {
        return new RedisCacheSettings(keyPrefix, commandTimeout, connectTimeout, backoff, failureLogInterval);
    }

    public RedisCacheSettings withConnectTimeout(Duration connectTimeout) {
        return new RedisCacheSettings(keyPrefix, commandTimeout, connectTimeout, backoff, failureLogInterval);
    }

    public RedisCacheSettings withBackoff(Duration backoff) {
        return new RedisCacheSettings(keyPrefix, commandTimeout, connectTimeout, backoff, failureLogInterval);
    }

    public RedisCacheSettings withFailureLogInterval(Duration failureLogInterval) {
        return new RedisCacheSettings(keyPrefix, commandTimeout, connectTimeout, backoff, failureLogInterval);
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
