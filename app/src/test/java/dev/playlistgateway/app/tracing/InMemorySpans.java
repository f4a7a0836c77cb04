package dev.playlistgateway.app.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code otel.traces.exporter=in-memory}: the SDK's own exporter SPI, so a test's spans take the same way
 * out as production's (the gateway's export policy in front, a batch processor), into memory. Each
 * application context that configures it gets a new exporter, the latest of which {@link #exported} reads.
 */
public final class InMemorySpans implements ConfigurableSpanExporterProvider {
    private static volatile InMemorySpanExporter latest;

    @Override
    public SpanExporter createExporter(ConfigProperties config) {
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        latest = exporter;
        return exporter;
    }

    @Override
    public String getName() {
        return "in-memory";
    }

    /** Every span ended so far in the context of {@code openTelemetry}, as exported (flushed first). */
    public static List<SpanData> exported(OpenTelemetry openTelemetry) {
        ((OpenTelemetrySdk) openTelemetry).getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
        return latest.getFinishedSpanItems();
    }

    /** Forgets the spans exported so far. */
    public static void reset(OpenTelemetry openTelemetry) {
        ((OpenTelemetrySdk) openTelemetry).getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
        latest.reset();
    }
}
