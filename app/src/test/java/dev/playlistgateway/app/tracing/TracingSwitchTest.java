package dev.playlistgateway.app.tracing;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Tracing is on exactly when OpenTelemetry's standard settings name an OTLP endpoint. */
class TracingSwitchTest {

    @Test
    void anOtlpEndpointTurnsTracingOnAndNothingElseDoes() {
        assertThat(on(Map.of(), Map.of())).isFalse();
        assertThat(on(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", " "), Map.of())).isFalse();
        assertThat(on(Map.of("OTEL_SERVICE_NAME", "gw", "OTEL_TRACES_EXPORTER", "otlp"), Map.of())).isFalse();
        assertThat(on(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"), Map.of())).isTrue();
        assertThat(on(Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://collector:4318/v1/traces"), Map.of())).isTrue();
        assertThat(on(Map.of(), Map.of("otel.exporter.otlp.endpoint", "http://collector:4318"))).isTrue();
        assertThat(on(Map.of(), Map.of("otel.exporter.otlp.traces.endpoint", "http://collector:4318/v1/traces"))).isTrue();
    }

    private static boolean on(Map<String, String> environment, Map<String, String> properties) {
        return TracingSwitch.endpointConfigured(environment::get, properties::get);
    }
}
