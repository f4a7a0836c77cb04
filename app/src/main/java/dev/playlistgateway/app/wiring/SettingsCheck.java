package dev.playlistgateway.app.wiring;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.convert.ConversionContext;
import io.micronaut.core.convert.format.ReadableBytesTypeConverter;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.value.PropertyResolver;
import io.micronaut.management.endpoint.health.DetailsVisibility;

import java.util.List;
import java.util.Optional;

/**
 * The settings that Micronaut binds for the gateway ({@code @Property}, {@code @ConfigurationProperties}) or for
 * itself, read once through {@link Settings} before anything else is built. Micronaut's binding falls back to the
 * default on a value it cannot convert when the injection point has one, reads every word but {@code true},
 * {@code yes}, {@code on} and {@code y} as false, and otherwise fails naming the Java parameter, not the key: here
 * such a value stops the start naming the key, its environment variable and what it accepts. The settings that the
 * wiring reads itself ({@code cache.*}, {@code spotify.*}, {@code demo.latency}, {@code gateway.upstream.threads})
 * are checked where they are read, with the same reader. Ranges that involve two keys stay with the classes that use
 * them.
 */
@Context
@Order(Ordered.HIGHEST_PRECEDENCE) // before every other bean built at start-up, so that this message comes first
final class SettingsCheck {
    private static final List<String> FLAGS = List.of(
            "graphql.enabled", "graphql.graphiql.enabled",
            "graphql.persisted-queries.enabled", "graphql.persisted-queries.only",
            "graphql.http-cache.enabled", "graphql.response-cache.enabled",
            "gateway.security.cookie-secure",
            "micronaut.otel.enabled", "micronaut.metrics.enabled",
            "micronaut.metrics.export.prometheus.enabled", "micronaut.metrics.export.prometheus.descriptions",
            "endpoints.health.enabled", "endpoints.health.sensitive",
            "endpoints.prometheus.enabled", "endpoints.prometheus.sensitive");
    private static final List<String> POSITIVE_DURATIONS = List.of(
            "graphql.persisted-queries.ttl",
            "gateway.security.session-ttl", "gateway.security.bearer-cache-ttl",
            "gateway.security.redis.timeout", "gateway.security.redis.backoff",
            "gateway.security.bearer.revalidate-after", "gateway.security.bearer.rejected-ttl",
            "micronaut.metrics.export.prometheus.step");
    private static final List<String> NON_NEGATIVE_DURATIONS = List.of(
            "graphql.http-cache.max-age", "gateway.upstream.failure-log-interval",
            "gateway.security.redis.failure-log-interval",
            "gateway.security.session-memory.recheck", "gateway.security.session-memory.outage-grace");
    private static final List<String> COUNTS_FROM_ONE = List.of(
            "gateway.security.bearer-cache-max", "gateway.security.session-memory.max-sessions",
            "gateway.security.bearer.lookups-per-client.burst", "gateway.security.bearer.lookups-per-client.per-minute",
            "micronaut.server.netty.max-initial-line-length", "micronaut.server.netty.max-header-size");
    private static final List<String> COUNTS_FROM_ZERO = List.of(
            "gateway.metrics.operation-names", "micronaut.server.cors.configurations.frontends.max-age");
    /** An origin as browsers send it: scheme, host, optional port; no path, no trailing slash. */

    SettingsCheck(Environment env) {
        check(env);
    }

    static void check(PropertyResolver env) {
        FLAGS.forEach(key -> Settings.flag(env, key));
        POSITIVE_DURATIONS.forEach(key -> Settings.positiveDuration(env, key));
        NON_NEGATIVE_DURATIONS.forEach(key -> Settings.nonNegativeDuration(env, key));
        COUNTS_FROM_ONE.forEach(key -> Settings.wholeNumber(env, key, 1));
        COUNTS_FROM_ZERO.forEach(key -> Settings.wholeNumber(env, key, 0));
        Settings.bytes(env, "graphql.response-cache.max-size", 0);
        // Micronaut reads this one itself, as @ReadableBytes: 1MB, 512KB or a number, without B or spaces.
        Settings.raw(env, "micronaut.server.max-request-size").ifPresent(raw -> {
            Optional<Number> size = new ReadableBytesTypeConverter().convert(raw, Number.class, ConversionContext.DEFAULT);
            if (size.isEmpty() || size.get().longValue() < 1) {
                throw Settings.invalid("micronaut.server.max-request-size", "a size such as 1MB, 512KB or 1048576", raw);
            }
        });
        // -1: a random free port (the tests' choice); 0 is Micronaut's too.
        Settings.wholeNumber(env, "micronaut.server.port", -1, 65_535);
        Settings.oneOf(env, "endpoints.health.details-visible", DetailsVisibility.class)
                .filter(visibility -> env.getProperty("endpoints.health.details-visible", DetailsVisibility.class).isEmpty())
                .ifPresent(visibility -> {
                    throw Settings.invalid("endpoints.health.details-visible", "ANONYMOUS, AUTHENTICATED or NEVER",
                            Settings.raw(env, "endpoints.health.details-visible").orElse(""));
                });
        // cors.origins: app/http/CorsOrigins checks each entry against what browsers send.
    }
}
