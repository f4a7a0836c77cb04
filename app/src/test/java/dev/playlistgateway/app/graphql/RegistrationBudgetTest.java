package dev.playlistgateway.app.graphql;

import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bytes new persisted queries may add to the store, per client and per instance, on a clock the test
 * moves; and the size settings, read strictly.
 */
class RegistrationBudgetTest {
    private final AtomicLong nanos = new AtomicLong();
    private final TimeMeter time = new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    };

    /** How many of {@code count} registrations of {@code bytes} each {@code client} gets through. */
    private static int taken(RegistrationBudget budget, String client, int count, long bytes) {
        int taken = 0;
        for (int i = 0; i < count; i++) {
            taken += budget.take(client, bytes) ? 1 : 0;
        }
        return taken;
    }

    @Test
    void oneClientGetsAMinutesWorthAtOnceThenWhatRefills() {
        RegistrationBudget budget = new RegistrationBudget(128 << 10, 256 << 10, time);
        long padded = 60 << 10;

        assertThat(taken(budget, "a", 60, padded)).isEqualTo(2); // 2 x (60 KB + 320) fit in 128 KB
        nanos.addAndGet(Duration.ofSeconds(30).toNanos());
        assertThat(taken(budget, "a", 60, padded)).isEqualTo(1); // half a minute gave it 64 KB back
        assertThat(taken(budget, "b", 60, padded)).isEqualTo(2); // its own 128 KB
        assertThat(taken(budget, "c", 60, padded)).isEqualTo(1); // what is left of the instance's 256 KB
        assertThat(taken(budget, "d", 60, padded)).isZero();
    }

    @Test
    void manyClientsTogetherGetNoMoreThanTheInstancesMinute() {
        RegistrationBudget budget = new RegistrationBudget(128 << 10, 256 << 10, time);
        long small = 1000;
        int perEntry = (int) RegistrationBudget.cost(small);

        int total = 0;
        for (int client = 0; client < 1000; client++) {
            total += taken(budget, "client-" + client, 5, small);
        }
        assertThat((long) total * perEntry).isLessThanOrEqualTo(256 << 10).isGreaterThan((256 << 10) - perEntry);

        // Over ten minutes at full pressure: the first minute's worth plus ten more, and no more.
        for (int second = 1; second <= 600; second++) {
            nanos.addAndGet(Duration.ofSeconds(1).toNanos());
            for (int client = 0; client < 50; client++) {
                total += taken(budget, "client-" + second + "-" + client, 5, small);
            }
        }
        assertThat((long) total * perEntry).isLessThanOrEqualTo(11L * (256 << 10));
    }

    @Test
    void aClientRefusedByTheInstanceKeepsItsOwnBudget() {
        RegistrationBudget budget = new RegistrationBudget(128 << 10, 256 << 10, time);
        assertThat(budget.take("x", 100 << 10)).isTrue();
        assertThat(budget.take("y", 100 << 10)).isTrue();

        assertThat(budget.take("b", 100 << 10)).isFalse(); // the instance has 56 KB left
        assertThat(budget.take("b", 50 << 10)).isTrue(); // b's own 128 KB were not spent on the refusal
    }

    @Test
    void readsTheSizesTheDocsWrite() {
        assertThat(RegistrationBudget.bytes("64KB", "x")).isEqualTo(64L << 10);
        assertThat(RegistrationBudget.bytes(" 1 mb ", "x")).isEqualTo(1L << 20);
        assertThat(RegistrationBudget.bytes("65536", "x")).isEqualTo(65536);
    }

    @Test
    void aBadSizeStopsTheStartNamingTheSetting() {
        for (String bad : new String[]{"lots", "-5KB", "64 KiB", "", "1.5MB", "0", "512", "99999999999999GB", "999999999999GB"}) {
            for (String setting : new String[]{PersistedQueries.MAX_QUERY_SIZE, PersistedQueries.PER_CLIENT, PersistedQueries.TOTAL}) {
                String max = setting.equals(PersistedQueries.MAX_QUERY_SIZE) ? bad : "64KB";
                String perClient = setting.equals(PersistedQueries.PER_CLIENT) ? bad : "128KB";
                String total = setting.equals(PersistedQueries.TOTAL) ? bad : "256KB";
                assertThatThrownBy(() -> persistedQueries(max, perClient, total)).as(setting + "=" + bad)
                        .isInstanceOf(ConfigurationException.class).hasMessageContaining(setting);
            }
        }
    }

    @Test
    void aBudgetSmallerThanTheLargestStorableQueryStopsTheStart() {
        assertThatThrownBy(() -> persistedQueries("64KB", "64KB", "256KB")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(PersistedQueries.PER_CLIENT).hasMessageContaining(PersistedQueries.MAX_QUERY_SIZE);
        assertThatThrownBy(() -> persistedQueries("64KB", "128KB", "32KB")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(PersistedQueries.TOTAL);
        assertThat(persistedQueries("16KB", "17KB", "17KB")).isNotNull();
    }

    private PersistedQueries persistedQueries(String max, String perClient, String total) {
        return new PersistedQueries(null, new PersistedQueryManifest(Map.of()), true, false, Duration.ofHours(24),
                max, perClient, total, null, new SimpleMeterRegistry(), time);
    }
}
