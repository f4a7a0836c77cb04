package dev.playlistgateway.app.tracing;

import dev.playlistgateway.domain.port.CachePort;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link CachePort} that makes a span of each round trip made inside a trace: the operation, the
 * adapter, how many keys and how many hits. Never the keys themselves, which name users and playlists.
 * Calls outside any trace (the health check's probe) pass straight through. Built in the app's wiring
 * around the chosen cache, outermost, so the adapters know nothing of tracing; it adds nothing to what
 * {@link CachePort} promises (it never throws for the store's sake, since the delegate does not).
 * Thread safe as the delegate is.
 */
final class TracedCachePort implements CachePort {
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("cache.operation");
    static final AttributeKey<String> ADAPTER = AttributeKey.stringKey("cache.adapter");
    static final AttributeKey<Long> KEYS = AttributeKey.longKey("cache.keys");
    static final AttributeKey<Long> HITS = AttributeKey.longKey("cache.hits");

    private final CachePort delegate;
    private final String adapter;
    private final Tracer tracer;
    private final SpanKind kind;

    TracedCachePort(CachePort delegate, String adapter, Tracer tracer) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.adapter = Objects.requireNonNull(adapter, "adapter");
        this.tracer = Objects.requireNonNull(tracer, "tracer");
        // A store in another process is a client call; the in-memory one is work inside this process.
        this.kind = adapter.startsWith("memory") ? SpanKind.INTERNAL : SpanKind.CLIENT;
    }

    @Override
    public Optional<byte[]> get(String key) {
        if (!inTrace()) {
            return delegate.get(key);
        }
        Span span = start("get", 1);
        try {
            Optional<byte[]> value = delegate.get(key);
            span.setAttribute(HITS, value.isPresent() ? 1L : 0L);
            return value;
        } finally {
            span.end();
        }
    }

    @Override
    public Map<String, byte[]> getAll(Collection<String> keys) {
        if (!inTrace()) {
            return delegate.getAll(keys);
        }
        Span span = start("getAll", keys.size());
        try {
            Map<String, byte[]> values = delegate.getAll(keys);
            span.setAttribute(HITS, (long) values.size());
            return values;
        } finally {
            span.end();
        }
    }

    @Override
    public void put(String key, byte[] value, Duration ttl) {
        if (!inTrace()) {
            delegate.put(key, value, ttl);
            return;
        }
        Span span = start("put", 1);
        try {
            delegate.put(key, value, ttl);
        } finally {
            span.end();
        }
    }

    @Override
    public void putAll(Map<String, byte[]> entries, Duration ttl) {
        if (!inTrace()) {
            delegate.putAll(entries, ttl);
            return;
        }
        Span span = start("putAll", entries.size());
        try {
            delegate.putAll(entries, ttl);
        } finally {
            span.end();
        }
    }

    @Override
    public void delete(Collection<String> keys) {
        if (!inTrace()) {
            delegate.delete(keys);
            return;
        }
        Span span = start("delete", keys.size());
        try {
            delegate.delete(keys);
        } finally {
            span.end();
        }
    }

    @Override
    public boolean isAvailable() {
        return delegate.isAvailable();
    }

    private static boolean inTrace() {
        return Span.current().getSpanContext().isValid();
    }

    private Span start(String operation, int keys) {
        return tracer.spanBuilder("cache " + operation)
                .setSpanKind(kind)
                .setAttribute(OPERATION, operation)
                .setAttribute(ADAPTER, adapter)
                .setAttribute(KEYS, (long) keys)
                .startSpan();
    }

    @Override
    public String toString() {
        return "Traced[" + delegate + "]";
    }
}
