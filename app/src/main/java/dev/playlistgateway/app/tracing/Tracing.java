package dev.playlistgateway.app.tracing;

import dev.playlistgateway.domain.port.CachePort;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.tracing.opentelemetry.OpenTelemetryPropagationContext;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * The gateway's traces, on or off. On when Micronaut's OpenTelemetry module made an {@link OpenTelemetry}
 * (with {@code micronaut.otel.enabled}, which {@link TracingSwitch} sets when an OTLP endpoint is
 * configured); off otherwise, and then every method hands out a no-op or its argument unchanged, so a
 * request pays for nothing. Thread safe.
 */
@Singleton
public final class Tracing {
    /** The instrumentation scope of the gateway's own spans (the Spotify adapter has its own). */
    static final String SCOPE = "dev.playlistgateway.app";

    private final OpenTelemetry openTelemetry;
    private final Tracer tracer;
    private final boolean enabled;

    Tracing(@Nullable OpenTelemetry openTelemetry) {
        this.enabled = openTelemetry != null;
        this.openTelemetry = enabled ? openTelemetry : OpenTelemetry.noop();
        this.tracer = this.openTelemetry.getTracer(SCOPE);
    }

    /** Tracing off: every trace is a no-op. */
    public static Tracing off() {
        return new Tracing(null);
    }

    public boolean enabled() {
        return enabled;
    }

    /** The SDK for libraries that trace themselves (the Spotify adapter); {@link OpenTelemetry#noop()} when off. */
    public OpenTelemetry openTelemetry() {
        return openTelemetry;
    }

    /**
     * Starts the span of one GraphQL operation under the span current on this thread (the HTTP server
     * span); {@link OperationTrace#NONE} when tracing is off.
     */
    public OperationTrace startOperation() {
        return enabled ? OperationTrace.start(tracer) : OperationTrace.NONE;
    }

    /**
     * {@code cache} with a span per round trip made inside a trace, named for {@code adapter}
     * ({@code memory}, {@code redis}, ...); {@code cache} itself when tracing is off.
     */
    public CachePort traced(CachePort cache, String adapter) {
        return enabled ? new TracedCachePort(cache, adapter, tracer) : cache;
    }

    /**
     * Makes {@code span} current on this thread until the scope closes, in OpenTelemetry's context and in
     * Micronaut's propagated context, so that work this thread hands to Micronaut's executors (the
     * upstream pool) runs under it too.
     */
    static PropagatedContext.Scope makeCurrent(Span span) {
        OpenTelemetryPropagationContext element = new OpenTelemetryPropagationContext(Context.current().with(span));
        PropagatedContext propagated = PropagatedContext.getOrEmpty();
        Optional<OpenTelemetryPropagationContext> outer = propagated.find(OpenTelemetryPropagationContext.class);
        propagated = outer.isPresent() ? propagated.replace(outer.get(), element) : propagated.plus(element);
        return propagated.propagate();
    }
}
