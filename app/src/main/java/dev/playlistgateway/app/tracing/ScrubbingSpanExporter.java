package dev.playlistgateway.app.tracing;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import java.util.Collection;

/** Exports spans through {@link ExportedAttributes}: only allowed attributes reach the exporter it wraps. */
final class ScrubbingSpanExporter implements SpanExporter {
    private final SpanExporter delegate;

    ScrubbingSpanExporter(SpanExporter delegate) {
        this.delegate = delegate;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        return delegate.export(spans.stream().map(ExportedAttributes::scrub).toList());
    }

    @Override
    public CompletableResultCode flush() {
        return delegate.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
        return delegate.shutdown();
    }

    @Override
    public String toString() {
        return "Scrubbing[" + delegate + "]";
    }
}
