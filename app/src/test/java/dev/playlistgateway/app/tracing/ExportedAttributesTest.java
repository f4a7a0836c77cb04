package dev.playlistgateway.app.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the HTTP instrumentation records by default that must not leave the process, and what stays. */
class ExportedAttributesTest {

    @Test
    void queriesAddressesAgentsHeadersAndExceptionMessagesAreDroppedAtExport() {
        Attributes recorded = Attributes.builder()
                .put("http.request.method", "GET")
                .put("http.route", "/graphql")
                .put("url.path", "/oauth/callback/spotify")
                .put("url.query", "code=AQD-secret-code&state=abc")
                .put("url.full", "http://gateway/oauth/callback/spotify?code=AQD-secret-code")
                .put("client.address", "203.0.113.9")
                .put("network.peer.address", "203.0.113.9")
                .put("user_agent.original", "Mozilla/5.0 (someone's laptop)")
                .put(AttributeKey.stringArrayKey("http.request.header.cookie"), List.of("pgw_session=abc"))
                .put("http.response.status_code", 303L)
                .put("gateway.request_id", "r-1")
                .put("spotify.attempts", 1L)
                .build();
        EventData exception = EventData.create(1L, "exception", Attributes.builder()
                .put("exception.type", "java.lang.IllegalStateException")
                .put("exception.message", "playlist 37i9dQZF1DXcBWIGoYBM5M of user ann")
                .put("exception.stacktrace", "at ...").build());
        SpanData span = TestSpanData.builder()
                .setName("GET /oauth/callback/spotify").setKind(SpanKind.SERVER)
                .setStartEpochNanos(0).setEndEpochNanos(1).setHasEnded(true)
                .setStatus(StatusData.unset())
                .setAttributes(recorded).setTotalAttributeCount(recorded.size())
                .setEvents(List.of(exception)).setTotalRecordedEvents(1)
                .build();
        InMemorySpanExporter exported = InMemorySpanExporter.create();

        new ScrubbingSpanExporter(exported).export(List.of(span));

        SpanData out = exported.getFinishedSpanItems().get(0);
        assertThat(out.getAttributes().asMap().keySet()).extracting(AttributeKey::getKey).containsExactlyInAnyOrder(
                "http.request.method", "http.route", "url.path", "http.response.status_code", "gateway.request_id", "spotify.attempts");
        assertThat(out.getEvents()).singleElement().satisfies(event -> {
            assertThat(event.getName()).isEqualTo("exception");
            assertThat(event.getAttributes().asMap().keySet()).extracting(AttributeKey::getKey).containsExactly("exception.type");
        });
        assertThat(out.toString()).doesNotContain("secret-code").doesNotContain("203.0.113.9").doesNotContain("ann")
                .doesNotContain("Mozilla").doesNotContain("pgw_session");
    }
}
