package dev.playlistgateway.app.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.micronaut.context.exceptions.ConfigurationException;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many bytes new automatic persisted queries may add to the store: a token bucket per client and one for
 * the whole instance (Bucket4j, in memory, as for Bearer lookups), each holding one minute's worth and refilled
 * greedily over the minute. A registration costs its query's UTF-8 bytes plus {@value #ENTRY_OVERHEAD} (the
 * key and the store's bookkeeping per entry, so that many tiny queries cost what they take), from the client's
 * bucket and then the instance's; refused by either, it takes nothing. So what this instance writes within
 * any time T is at most {@code totalPerMinute * (1 + T/1min)} bytes, and what one client gets written at most
 * {@code perClientPerMinute * (1 + T/1min)}; with T the entries' time to live, that bounds the store.
 * At most {@value #MAX_CLIENTS} clients are tracked, least recently seen dropped first: a client dropped
 * gets a full bucket again, which the instance's bucket still bounds. Thread safe.
 */
final class RegistrationBudget {
    static final int MAX_CLIENTS = 10_000;
    /**
     * Charged per entry beside its text: 1000 keys of ours with a 14-byte value and a TTL grew Redis 7's
     * used_memory by 282 bytes each (the 75-byte key, its dict and expiry entries, the tables' growth).
     */
    static final long ENTRY_OVERHEAD = 320;

    private static final Pattern SIZE = Pattern.compile("\\s*(\\d{1,12})\\s*(|B|KB|MB|GB)\\s*", Pattern.CASE_INSENSITIVE);

    private final long perClientPerMinute;
    private final Cache<String, Bucket> clients;
    private final Bucket total;
    private final TimeMeter time;

    RegistrationBudget(long perClientPerMinute, long totalPerMinute, TimeMeter time) {
        this.perClientPerMinute = perClientPerMinute;
        this.time = time;
        this.total = bucket(totalPerMinute, time);
        // A bucket untouched for a minute is full again: forgetting it changes nothing.
        this.clients = Caffeine.newBuilder().maximumSize(MAX_CLIENTS).expireAfterAccess(Duration.ofMinutes(1))
                .executor(Runnable::run).build();
    }

    /** The cost of storing {@code utf8Bytes} of query text. */
    static long cost(long utf8Bytes) {
        return utf8Bytes + ENTRY_OVERHEAD;
    }

    /** Takes {@code cost(utf8Bytes)} for {@code client}: whether the query may be stored. */
    boolean take(String client, long utf8Bytes) {
        long cost = cost(utf8Bytes);
        Bucket own = clients.get(client, c -> bucket(perClientPerMinute, time));
        if (!own.tryConsume(cost)) {
            return false;
        }
        if (!total.tryConsume(cost)) {
            own.addTokens(cost); // never more than the bucket holds
            return false;
        }
        return true;
    }

    private static Bucket bucket(long perMinute, TimeMeter time) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
                .withCustomTimePrecision(time)
                .build();
    }

    /**
     * A size setting as the docs write them ({@code 64KB}, {@code 1MB}, {@code 65536}; KB is 1024 bytes), at
     * least 1 KB: anything else stops the start, naming the setting, rather than being ignored.
     */
    static long bytes(String setting, String name) {
        Matcher size = SIZE.matcher(setting == null ? "" : setting);
        if (!size.matches()) {
            throw new ConfigurationException(name + " must be a size such as 64KB, 1MB or 65536 (bytes), was '" + setting + "'");
        }
        long unit = switch (size.group(2).toUpperCase(Locale.ROOT)) {
            case "KB" -> 1L << 10;
            case "MB" -> 1L << 20;
            case "GB" -> 1L << 30;
            default -> 1L;
        };
        long bytes;
        try {
            bytes = Math.multiplyExact(Long.parseLong(size.group(1)), unit);
        } catch (ArithmeticException e) {
            throw new ConfigurationException(name + " is too large, was '" + setting + "'");
        }
        if (bytes < 1024) {
            throw new ConfigurationException(name + " must be at least 1KB, was '" + setting + "'");
        }
        return bytes;
    }
}
