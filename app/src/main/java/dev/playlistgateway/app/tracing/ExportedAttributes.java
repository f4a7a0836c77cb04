package dev.playlistgateway.app.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;

import java.util.List;
import java.util.Set;

/**
 * What a span may carry out of the process: an allowlist of attribute keys, applied to every span and span
 * event at export, whoever set them (the gateway, the Spotify adapter, Micronaut's HTTP instrumentation). It
 * keeps the HTTP method, route, path and status, the gateway's own cost and outcome attributes
 * ({@code graphql.*}, {@code gateway.*}, {@code cache.*}, {@code spotify.*}) and exception types. It drops the
 * rest, among them what the HTTP instrumentation records by default and must not leave: {@code url.query}
 * (a GET query's variables, the sign-in callback's code and state), {@code client.address} and
 * {@code network.peer.address} (personal data), {@code user_agent.original}, captured headers, and exception
 * messages and stack traces (which may quote ids). The gateway's own attributes never hold an id, a token
 * or a document (docs/decisions/0020). Stateless; thread safe.
 */
final class ExportedAttributes {
    /** Attributes of the HTTP semantic conventions that say nothing about who asked or for what. */
    private static final Set<String> HTTP = Set.of("http.request.method", "http.request.method_original",
            "http.response.status_code", "http.route", "url.scheme", "url.path", "url.template",
            "network.protocol.name", "network.protocol.version", "server.address", "server.port", "error.type",
            "exception.type");
    /** The gateway's own attributes: counts, kinds, codes, endpoint templates, operation names. */
    private static final List<String> OWN_PREFIXES = List.of("graphql.", "gateway.", "cache.", "spotify.");

    private ExportedAttributes() {
    }

    static boolean allowed(AttributeKey<?> key) {
        String name = key.getKey();
        if (HTTP.contains(name)) {
            return true;
        }
        for (String prefix : OWN_PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    static Attributes filter(Attributes attributes) {
        if (attributes.isEmpty()) {
            return attributes;
        }
        AttributesBuilder kept = Attributes.builder();
        attributes.forEach((key, value) -> {
            if (allowed(key)) {
                put(kept, key, value);
            }
        });
        return kept.build();
    }

    @SuppressWarnings("unchecked")
    private static <T> void put(AttributesBuilder builder, AttributeKey<T> key, Object value) {
        builder.put(key, (T) value);
    }

    /** {@code span} with only the allowed attributes, on itself and on its events. */
    static SpanData scrub(SpanData span) {
        Attributes attributes = filter(span.getAttributes());
        List<EventData> events = span.getEvents().stream()
                .map(event -> EventData.create(event.getEpochNanos(), event.getName(), filter(event.getAttributes())))
                .toList();
        return new DelegatingSpanData(span) {
            @Override
            public Attributes getAttributes() {
                return attributes;
            }

            @Override
            public int getTotalAttributeCount() {
                return attributes.size();
            }

            @Override
            public List<EventData> getEvents() {
                return events;
            }
        };
    }
}
