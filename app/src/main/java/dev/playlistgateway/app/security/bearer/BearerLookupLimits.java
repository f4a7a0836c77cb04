package dev.playlistgateway.app.security.bearer;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.playlistgateway.app.security.SecuritySettings;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

import java.time.Duration;
import java.util.Optional;

/**
 * How many lookups of Bearer tokens the gateway does not know yet one client may cost: a token bucket per
 * client (Bucket4j, in memory) of {@code burst} lookups, refilled at {@code perMinute}. A client is whatever
 * identifies it ({@link BearerViewers} passes its address). At most {@value #MAX_CLIENTS} clients are tracked,
 * least recently seen dropped first (Caffeine); a client idle long enough to be full again is forgotten. Thread safe.
 */
final class BearerLookupLimits {
    static final int MAX_CLIENTS = 10_000;

    private final Cache<String, Bucket> buckets;
    private final int burst;
    private final int perMinute;
    private final TimeMeter time;

    BearerLookupLimits(int burst, int perMinute, TimeMeter time) {
        this.burst = burst;
        this.perMinute = perMinute;
        this.time = time;
        // A bucket untouched for the time it takes to fill up again is full: forgetting it changes nothing.
        Duration refillAll = Duration.ofMillis(Math.max(60_000L, 60_000L * burst / perMinute));
        this.buckets = Caffeine.newBuilder().maximumSize(MAX_CLIENTS).expireAfterAccess(refillAll).build();
    }

    BearerLookupLimits(SecuritySettings.Bearer.LookupsPerClient settings) {
        this(settings.burst(), settings.perMinute(), TimeMeter.SYSTEM_NANOTIME);
    }

    /** Takes one lookup for {@code client}: empty when it may go ahead, else how long until it may. */
    Optional<Duration> take(String client) {
        ConsumptionProbe probe = bucket(client).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** Returns a lookup {@link #take} gave that cost Spotify nothing (never more than the bucket holds). */
    void giveBack(String client) {
        Bucket bucket = buckets.getIfPresent(client);
        if (bucket != null) {
            bucket.addTokens(1);
        }
    }

    private Bucket bucket(String client) {
        return buckets.get(client, c -> Bucket.builder()
                .addLimit(limit -> limit.capacity(burst).refillGreedy(perMinute, Duration.ofMinutes(1)))
                .withCustomTimePrecision(time)
                .build());
    }
}
