package dev.playlistgateway.adapter.cache.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * How the Redis cache behaves. {@link #defaults()} suits a gateway whose Redis is on the same
 * network: every value can be overridden through the {@code with...} methods.
 *
 * <p>A slow Redis is not a dead one: a read waits as long as Redis keeps answering (this cache's
 * commands, in order on one connection) up to {@code maxWait}, and gives up early only when Redis
 * has answered nothing for {@code commandTimeout}. Writes are sent without the caller waiting.
 *
 * @param keyPrefix          put before every key, to share a Redis with other users (default
 *                           {@value #DEFAULT_KEY_PREFIX}). The service's keys already start with their
 *                           format version ({@code v1:}), so a stored key reads {@code pgw:v1:track:ID};
 *                           the prefix need not carry a version. Printable ASCII without braces
 *                           (a <code>{hash tag}</code> in it would put every key on one cluster slot);
 *                           may be empty
 * @param commandTimeout     how long a read waits while Redis answers nothing at all (default 250 ms):
 *                           then it is a miss. A Redis that is busy answering other commands, or a
 *                           JVM too busy to read the answers, is waited for, up to {@code maxWait}
 * @param connectTimeout     the longest a (re)connection attempt may take in the background
 *                           (default 1 s); calls never wait for a connection
 * @param backoff            once Redis is judged down, how long it is not even tried (default 1 s):
 *                           reads miss and writes drop at once, so a dead or hung Redis costs about one
 *                           timeout per window; then one call probes, and any answer ends the back-off
 * @param failureLogInterval at most one warning of each kind per interval (default 30 s), with the
 *                           number of events since the last one
 * @param maxWait            the longest a read waits, however busy Redis or this JVM is (default 10 s:
 *                           on one connection Redis answers in order, so while it answers it is
 *                           working towards this read, and a miss would cost a Spotify call at the
 *                           worst moment). A read that reaches it is a miss but no evidence that Redis
 *                           is down. Writes are given three times as long ({@link #commandExpiry()})
 * @param timeoutsToOpen     Redis is judged down once reads have found it silent for this many command
 *                           timeouts in a row (default 3: 750 ms), however many reads gave up meanwhile;
 *                           a refused or dropped connection judges it down at once. Any answer from
 *                           Redis starts the count again
 * @param maxPendingWrites   how many written keys may await Redis's answer at once (default 20,000,
 *                           a few MB); beyond it writes are dropped rather than queued without bound
 */
public record RedisCacheSettings(String keyPrefix, Duration commandTimeout, Duration connectTimeout,
                                 Duration backoff, Duration failureLogInterval, Duration maxWait,
                                 int timeoutsToOpen, int maxPendingWrites) {

    public static final String DEFAULT_KEY_PREFIX = "pgw:";
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMillis(250);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(1);
    public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(1);
    public static final Duration DEFAULT_FAILURE_LOG_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(10);
    public static final int DEFAULT_TIMEOUTS_TO_OPEN = 3;
    public static final int DEFAULT_MAX_PENDING_WRITES = 20_000;

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
        requirePositive(maxWait, "maxWait");
        if (maxWait.compareTo(commandTimeout) < 0) {
            throw new IllegalArgumentException("maxWait (" + maxWait + ") must not be shorter than commandTimeout ("
                    + commandTimeout + ")");
        }
        if (timeoutsToOpen < 1) {
            throw new IllegalArgumentException("timeoutsToOpen must be at least 1, was " + timeoutsToOpen);
        }
        if (maxPendingWrites < 1) {
            throw new IllegalArgumentException("maxPendingWrites must be at least 1, was " + maxPendingWrites);
        }
    }

    /**
     * Prefix {@value #DEFAULT_KEY_PREFIX}, 250 ms of silence, 1 s connects, 1 s back-off, a warning at
     * most every 30 s, 10 s at most for any read, down after 3 command timeouts of silence, 20,000 pending writes.
     */
    public static RedisCacheSettings defaults() {
        return new RedisCacheSettings(DEFAULT_KEY_PREFIX, DEFAULT_COMMAND_TIMEOUT, DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_BACKOFF, DEFAULT_FAILURE_LOG_INTERVAL, DEFAULT_MAX_WAIT, DEFAULT_TIMEOUTS_TO_OPEN,
                DEFAULT_MAX_PENDING_WRITES);
    }

    /**
     * How long any command may stay unanswered before Lettuce fails it: three times {@code maxWait}
     * (30 s by default). Reads stop waiting at {@code maxWait}; this bounds writes, which nobody
     * waits for, so that a write queued behind a backlog on a busy JVM is not dropped for being slow.
     */
    public Duration commandExpiry() {
        return maxWait.multipliedBy(3);
    }

    public RedisCacheSettings withKeyPrefix(String keyPrefix) {
        return new RedisCacheSettings(keyPrefix, commandTimeout, connectTimeout, backoff, failureLogInterval, maxWait,
                timeoutsToOpen, maxPendingWrites);
    }

    /** The silence a read tolerates; {@code maxWait} is raised to it if it was shorter. */
    public RedisCacheSettings withCommandTimeout(Duration commandTimeout) {
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Duration longest = maxWait.compareTo(commandTimeout) < 0 ? commandTimeout : maxWait;
        return new RedisCacheSettings(keyPrefix, commandTimeout, connectTimeout, backoff, failureLogInterval, longest,
                timeoutsToOpen, maxPendingWrites);
    }

    public RedisCacheSettings withConnectTimeout(Duration connectTimeout) {
        return new RedisCacheSettings(keyPrefix, commandTimeout, connectTimeout, backoff, failureLogInterval, maxWait,
                timeoutsToOpen, maxPendingWrites);
    }

    public RedisCacheSettings withBackoff(Duration backoff) {
        return new RedisCacheSettings(keyPrefix, commandTimeout, connectTimeout, backoff, failureLogInterval, maxWait,
                timeoutsToOpen, maxPendingWrites);
    }

    public RedisCacheSettings withFailureLogInterval(Duration failureLogInterval) {
        return new RedisCacheSettings(keyPrefix, commandTimeout, connectTimeout, backoff, failureLogInterval, maxWait,
                timeoutsToOpen, maxPendingWrites);
    }

    public RedisCacheSettings withMaxWait(Duration maxWait) {
        return new RedisCacheSettings(keyPrefix, commandTimeout, connectTimeout, backoff, failureLogInterval, maxWait,
                timeoutsToOpen, maxPendingWrites);
    }

    public RedisCacheSettings withTimeoutsToOpen(int timeoutsToOpen) {
        return new RedisCacheSettings(keyPrefix, commandTimeout, connectTimeout, backoff, failureLogInterval, maxWait,
                timeoutsToOpen, maxPendingWrites);
    }

    public RedisCacheSettings withMaxPendingWrites(int maxPendingWrites) {
        return new RedisCacheSettings(keyPrefix, commandTimeout, connectTimeout, backoff, failureLogInterval, maxWait,
                timeoutsToOpen, maxPendingWrites);
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
