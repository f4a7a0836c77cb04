package dev.playlistgateway.app.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.playlistgateway.app.wiring.Settings;
import dev.playlistgateway.domain.cache.ReadStamps;
import dev.playlistgateway.domain.model.Viewer;
import dev.playlistgateway.domain.port.CachePort;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The bytes of warm answers, given again without executing while every cache entry they were built from
 * is unchanged and fresh ({@link ReadStamps#stillHoldIn}: one round trip to the cache per hit). Only
 * answers of queries that ran without errors, misses, stale entries or upstream calls are kept, so the
 * {@code extensions.cache} they carry is what executing them again would report. The key holds the
 * viewer's user id (none for an anonymous caller), so no answer is ever given to another viewer; the
 * viewer is resolved, credentials checked, before the key is built. Bounded in bytes
 * ({@code graphql.response-cache.max-size}); {@code graphql.response-cache.enabled=false} turns it off.
 * Thread safe.
 */
@Context // built at start-up: a bad setting stops the start, not the first request
final class ResponseCache {

    /** What an answer depends on besides the cache entries it read. */
    record Key(@Nullable String userId, String query, @Nullable String operationName, Map<String, Object> variables,
               Map<String, Object> extensions, boolean graphqlResponse) {

        static Key of(Viewer viewer, String query, @Nullable String operationName, Map<String, Object> variables,
                      Map<String, Object> extensions, boolean graphqlResponse) {
            return new Key(viewer.isAnonymous() ? null : viewer.userId().value(), query, operationName,
                    variables, extensions, graphqlResponse);
        }
    }

    /**
     * A kept answer: its bytes, what they were built from, and what the execution reported, so that giving
     * it again reports the same.
     */
    record Answer(byte[] bytes, ReadStamps builtFrom, int hits, Optional<Instant> sharedFreshUntil,
                  String operationType, @Nullable String operationName) {
    }

    private final boolean enabled;
    private final CachePort entries;
    private final Clock clock;
    private final Cache<Key, Answer> answers;
    private final Counter hits;
    private final Counter misses;
    private final Counter outdated;

    /** {@code 32MB}, {@code 512KB}, {@code 0} (off): a setting that reads otherwise stops the start, it is not ignored. */
    static long bytes(String setting) {
        return Settings.bytes("graphql.response-cache.max-size", setting);
    }

    ResponseCache(CachePort entries, Clock clock, MeterRegistry registry,
                  @Property(name = "graphql.response-cache.enabled", defaultValue = "true") boolean enabled,
                  @Property(name = "graphql.response-cache.max-size", defaultValue = "32MB") String maxSizeSetting) {
        long maxSize = bytes(maxSizeSetting);
        this.enabled = enabled && maxSize > 0;
        this.entries = entries;
        this.clock = clock;
        this.answers = Caffeine.newBuilder()
                .maximumWeight(maxSize)
                .weigher((Key key, Answer answer) -> (int) Math.min(Integer.MAX_VALUE,
                        answer.bytes().length + 2L * key.query().length() + answer.builtFrom().weight()))
                .expireAfter(new UntilStale(clock))
                .build();
        this.hits = counter(registry, "hit");
        this.misses = counter(registry, "miss");
        this.outdated = counter(registry, "outdated");
    }

    boolean enabled() {
        return enabled;
    }

    Instant now() {
        return clock.instant();
    }

    /** The kept answer for {@code key}, if every entry it was built from still holds. */
    Optional<Answer> lookUp(Key key) {
        Answer answer = answers.getIfPresent(key);
        if (answer == null) {
            misses.increment();
            return Optional.empty();
        }
        if (!answer.builtFrom().stillHoldIn(entries, clock.instant())) {
            answers.asMap().remove(key, answer);
            outdated.increment();
            return Optional.empty();
        }
        hits.increment();
        return Optional.of(answer);
    }

    void keep(Key key, Answer answer) {
        answers.put(key, answer);
    }

    private static Counter counter(MeterRegistry registry, String result) {
        return Counter.builder("gateway.graphql.response.cache")
                .description("GraphQL answers looked up in the response cache, by result (outdated: an entry it was built from changed)")
                .tag("result", result)
                .register(registry);
    }

    /** An answer is dropped once the first entry it was built from stops being fresh: it cannot be given after. */
    private record UntilStale(Clock clock) implements Expiry<Key, Answer> {
        private static final long MAX = Duration.ofDays(1).toNanos();

        @Override
        public long expireAfterCreate(Key key, Answer answer, long currentTime) {
            Instant until = answer.builtFrom().validUntil();
            if (until.equals(Instant.MAX)) {
                return MAX;
            }
            return Math.max(0, Math.min(MAX, Duration.between(clock.instant(), until).toNanos()));
        }

        @Override
        public long expireAfterUpdate(Key key, Answer answer, long currentTime, long currentDuration) {
            return expireAfterCreate(key, answer, currentTime);
        }

        @Override
        public long expireAfterRead(Key key, Answer answer, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
