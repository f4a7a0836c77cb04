package dev.playlistgateway.app.tracing;

import dev.playlistgateway.domain.service.QueryCost;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.propagation.PropagatedContext;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The trace of one GraphQL operation: its span (under the HTTP server span), and a child span per
 * DataLoader batch it dispatches. The operation's attributes say what it was and what it cost: type and
 * name, cache hits and misses, upstream calls, stale entries, error codes; never the document, the
 * variables or an id (docs/operations.md, "Traces"). {@link #NONE} when tracing is off. One per request;
 * {@link #batch} may run on any thread.
 */
public interface OperationTrace {
    AttributeKey<String> OPERATION_TYPE = AttributeKey.stringKey("graphql.operation.type");
    AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("graphql.operation.name");
    AttributeKey<Long> HITS = AttributeKey.longKey("gateway.cache.hits");
    AttributeKey<Long> MISSES = AttributeKey.longKey("gateway.cache.misses");
    AttributeKey<Long> UPSTREAM_CALLS = AttributeKey.longKey("gateway.upstream.calls");
    AttributeKey<Long> STALE = AttributeKey.longKey("gateway.cache.stale");
    AttributeKey<Long> ERRORS = AttributeKey.longKey("graphql.errors");
    AttributeKey<List<String>> ERROR_CODES = AttributeKey.stringArrayKey("graphql.error.codes");
    AttributeKey<String> BATCH_KIND = AttributeKey.stringKey("gateway.batch.kind");
    AttributeKey<Long> BATCH_SIZE = AttributeKey.longKey("gateway.batch.size");
    AttributeKey<Boolean> RESPONSE_CACHE_HIT = AttributeKey.booleanKey("gateway.response_cache.hit");

    /** The error codes of the gateway's own failures, which mark the operation's span as an error. */
    Set<String> SERVER_FAILURES = Set.of("INTERNAL", "UPSTREAM_UNAVAILABLE", "RATE_LIMITED");

    /** A span made current on a thread, until closed. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** No trace: runs batches as they are, records nothing. */
    OperationTrace NONE = new OperationTrace() {
        private final Scope nothing = () -> { };

        @Override
        public Scope enter() {
            return nothing;
        }

        @Override
        public <T> T batch(String kind, int size, Supplier<T> load) {
            return load.get();
        }

        @Override
        public void finished(@Nullable String type, @Nullable String name, QueryCost cost, Collection<String> errorCodes) {
        }
    };

    /** Makes the operation's span current on this thread (for GraphQL's execution) until the scope closes. */
    Scope enter();

    /** Runs one DataLoader batch of {@code size} keys of {@code kind} in a span of its own under the operation's. */
    <T> T batch(String kind, int size, Supplier<T> load);

    /**
     * Ends the operation's span.
     *
     * @param type       {@code query} or {@code mutation}; null when the document did not get as far as running
     * @param name       the operation's name as the document gives it; null when it has none
     * @param errorCodes the {@code extensions.code} of each error of the response
     */
    void finished(@Nullable String type, @Nullable String name, QueryCost cost, Collection<String> errorCodes);

    /** The answer was given again from the response cache, not executed; call before {@link #finished}. */
    default void replayed() {
    }

    static OperationTrace start(Tracer tracer) {
        Span span = tracer.spanBuilder("GraphQL Operation").setSpanKind(SpanKind.INTERNAL).startSpan();
        return new Recording(tracer, span, Context.current().with(span));
    }

    /** The live trace of one operation. */
    final class Recording implements OperationTrace {
        /** GraphQL names are at most this long here; longer ones are cut (a name is the client's to choose). */
        static final int MAX_NAME = 100;

        private final Tracer tracer;
        private final Span span;
        private final Context context;

        private Recording(Tracer tracer, Span span, Context context) {
            this.tracer = tracer;
            this.span = span;
            this.context = context;
        }

        @Override
        public Scope enter() {
            PropagatedContext.Scope scope = Tracing.makeCurrent(span);
            return scope::close;
        }

        @Override
        public <T> T batch(String kind, int size, Supplier<T> load) {
            Span batch = tracer.spanBuilder("DataLoader " + kind)
                    .setParent(context)
                    .setAttribute(BATCH_KIND, kind)
                    .setAttribute(BATCH_SIZE, (long) size)
                    .startSpan();
            try (PropagatedContext.Scope ignored = Tracing.makeCurrent(batch)) {
                return load.get();
            } catch (RuntimeException e) {
                batch.setStatus(StatusCode.ERROR);
                batch.setAttribute("error.type", e.getClass().getSimpleName());
                throw e;
            } finally {
                batch.end();
            }
        }

        @Override
        public void replayed() {
            span.setAttribute(RESPONSE_CACHE_HIT, true);
        }

        @Override
        public void finished(@Nullable String type, @Nullable String name, QueryCost cost, Collection<String> errorCodes) {
            if (type != null) {
                span.setAttribute(OPERATION_TYPE, type);
                String shown = name == null ? null : (name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name);
                if (shown != null) {
                    span.setAttribute(OPERATION_NAME, shown);
                }
                span.updateName(shown == null ? type : type + " " + shown);
            }
            span.setAttribute(HITS, (long) cost.hits());
            span.setAttribute(MISSES, (long) cost.misses());
            span.setAttribute(UPSTREAM_CALLS, (long) cost.upstreamCalls());
            span.setAttribute(STALE, (long) cost.staleServed());
            span.setAttribute(ERRORS, (long) errorCodes.size());
            if (!errorCodes.isEmpty()) {
                Set<String> distinct = new TreeSet<>(errorCodes);
                span.setAttribute(ERROR_CODES, List.copyOf(distinct));
                if (distinct.stream().anyMatch(SERVER_FAILURES::contains)) {
                    span.setStatus(StatusCode.ERROR);
                }
            }
            span.end();
        }
    }
}
