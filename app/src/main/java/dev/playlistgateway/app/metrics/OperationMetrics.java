package dev.playlistgateway.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * GraphQL operations as metrics:
 * <ul>
 *   <li>{@code gateway.graphql.operations}, a timer with histogram buckets (p50 and p99 in Prometheus),
 *       tagged {@code type} ({@code query}, {@code mutation}, or {@code none} for a request that did not run)
 *       and {@code operation}. The name is the client's to choose, so its cardinality is bounded: the first
 *       {@code gateway.metrics.operation-names} (50) distinct names of operations that ran are kept,
 *       later ones count as {@code (other)}; operations without a name are {@code (anonymous)}, requests
 *       that did not get as far as running (a document that does not parse or validate) {@code (none)};</li>
 *   <li>{@code gateway.graphql.errors}, a counter tagged {@code code}: every error a {@code /graphql}
 *       response carries, by its {@code extensions.code}.</li>
 * </ul>
 * Thread safe.
 */
@Singleton
public final class OperationMetrics {
    public static final String OTHER = "(other)";
    public static final String ANONYMOUS = "(anonymous)";
    public static final String NONE = "(none)";
    /** Bucket bounds of the latency histogram: a warm query takes milliseconds, a cold one up to seconds. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};
    private static final Set<String> TYPES = Set.of("query", "mutation", "subscription");

    private final MeterRegistry registry;
    private final int maxNames;
    private final Set<String> names = ConcurrentHashMap.newKeySet();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> errors = new ConcurrentHashMap<>();

    OperationMetrics(MeterRegistry registry, @Property(name = "gateway.metrics.operation-names", defaultValue = "50") int maxNames) {
        if (maxNames < 0) {
            throw new IllegalArgumentException("gateway.metrics.operation-names must not be negative, was " + maxNames);
        }
        this.registry = registry;
        this.maxNames = maxNames;
        timer("query", ANONYMOUS);
    }

    /**
     * One request took {@code nanos}.
     *
     * @param type the operation's type, or null when the request did not run
     * @param name the operation's name, or null when it has none
     */
    public void operation(@Nullable String type, @Nullable String name, long nanos) {
        String shownType = type == null ? "none" : (TYPES.contains(type) ? type : "other");
        timer(shownType, type == null ? NONE : bounded(name)).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** One response's errors, by code. */
    public void errors(Collection<String> codes) {
        for (String code : codes) {
            errors.computeIfAbsent(code, c -> Counter.builder("gateway.graphql.errors")
                    .description("Errors in /graphql responses, by extensions.code")
                    .tag("code", c)
                    .register(registry)).increment();
        }
    }

    /** Makes the counter of {@code code} exist at zero, so a dashboard and an alert see 0 rather than nothing. */
    public void knownCode(String code) {
        errors.computeIfAbsent(code, c -> Counter.builder("gateway.graphql.errors")
                .description("Errors in /graphql responses, by extensions.code")
                .tag("code", c)
                .register(registry));
    }

    private String bounded(@Nullable String name) {
        if (name == null || name.isEmpty()) {
            return ANONYMOUS;
        }
        if (names.contains(name)) {
            return name;
        }
        synchronized (names) {
            if (names.size() < maxNames) {
                names.add(name);
                return name;
            }
        }
        return names.contains(name) ? name : OTHER;
    }

    private Timer timer(String type, String operation) {
        return timers.computeIfAbsent(type + '|' + operation, key -> Timer.builder("gateway.graphql.operations")
                .description("GraphQL requests by operation: latency from the start of execution to the finished result")
                .tags("type", type, "operation", operation)
                .serviceLevelObjectives(BUCKETS)
                .minimumExpectedValue(BUCKETS[0])
                .maximumExpectedValue(BUCKETS[BUCKETS.length - 1])
                .register(registry));
    }
}
