package dev.playlistgateway.app.tracing;

import io.micronaut.tracing.opentelemetry.OpenTelemetryBuilderCustomizer;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import jakarta.inject.Singleton;

/**
 * Puts {@link ScrubbingSpanExporter} in front of every span exporter the SDK configures (OTLP, or whatever
 * {@code otel.traces.exporter} names), so the attribute allowlist holds for all of them. A bean only where
 * Micronaut's OpenTelemetry module is on the classpath; used only when it builds the SDK (tracing on).
 */
@Singleton
final class ExportPolicy implements OpenTelemetryBuilderCustomizer {
    @Override
    public void configure(AutoConfiguredOpenTelemetrySdkBuilder builder) {
        builder.addSpanExporterCustomizer((exporter, config) -> new ScrubbingSpanExporter(exporter));
    }
}
