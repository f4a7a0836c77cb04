package dev.playlistgateway.app.metrics;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Operation names are the client's to choose: the metric keeps a bounded number of them. */
class OperationMetricsTest {

    @Test
    void theFirstNamesAreKeptAndLaterOnesCountAsOther() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        OperationMetrics metrics = new OperationMetrics(registry, 2);

        metrics.operation("query", "First", 1_000_000);
        metrics.operation("query", "Second", 1_000_000);
        for (int i = 0; i < 100; i++) {
            metrics.operation("query", "Generated" + i, 1_000_000);
        }
        metrics.operation("query", "First", 1_000_000);
        metrics.operation("mutation", null, 1_000_000);
        metrics.operation(null, null, 1_000_000);

        assertThat(registry.find("gateway.graphql.operations").timers()).extracting(t -> t.getId().getTag("operation"))
                .containsExactlyInAnyOrder("First", "Second", "(other)", "(anonymous)", "(anonymous)", "(none)");
        assertThat(count(registry, "First")).isEqualTo(2);
        assertThat(count(registry, "(other)")).isEqualTo(100);
        assertThat(registry.find("gateway.graphql.operations").tag("operation", "(none)").timer().getId().getTag("type"))
                .isEqualTo("none");
    }

    @Test
    void errorsAreCountedByCode() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        OperationMetrics metrics = new OperationMetrics(registry, 50);
        metrics.knownCode("INTERNAL");

        metrics.errors(List.of("NOT_FOUND", "NOT_FOUND", "RATE_LIMITED"));

        assertThat(registry.find("gateway.graphql.errors").tag("code", "NOT_FOUND").counter().count()).isEqualTo(2);
        assertThat(registry.find("gateway.graphql.errors").tag("code", "RATE_LIMITED").counter().count()).isEqualTo(1);
        assertThat(registry.find("gateway.graphql.errors").tag("code", "INTERNAL").counter().count()).isZero();
    }

    private static long count(SimpleMeterRegistry registry, String operation) {
        Timer timer = registry.find("gateway.graphql.operations").tag("operation", operation).timer();
        return timer == null ? 0 : timer.count();
    }
}
