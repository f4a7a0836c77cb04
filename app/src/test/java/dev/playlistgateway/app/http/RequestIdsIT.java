package dev.playlistgateway.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.playlistgateway.app.support.LogCapture;
import dev.playlistgateway.domain.port.CachePort;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every answer carries an {@code X-Request-Id} (the caller's when it is a usable one, else a new one: tracing
 * is off here), every log line of the request carries it in the MDC, and an INTERNAL error names it in
 * {@code extensions.requestId}, so a user can report it and we find the request's lines (a GraphQL field's
 * INTERNAL error: {@code GatewayExceptionHandlerTest}).
 */
@MicronautTest
@io.micronaut.context.annotation.Property(name = "test.failing-route", value = "true")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestIdsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNKNOWN_PLAYLIST = "UnknownPlaylist0000000";
    private static final String OTHER_UNKNOWN_PLAYLIST = "UnknownPlaylist0000001";

    private final LogCapture logs = LogCapture.everything();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    EmbeddedServer server;

    @Inject
    ApplicationContext context;

    @AfterAll
    void stopCapture() {
        logs.close();
    }

    @Test
    void everyAnswerHasAnIdOfItsOwnWhenTheCallerSendsNone() throws Exception {
        HttpResponse<String> first = graphql("{ playlist(id: \"" + UNKNOWN_PLAYLIST + "\") { name } }", Map.of());
        HttpResponse<String> second = graphql("{ __typename }", Map.of());
        HttpResponse<String> unknownPath = send(HttpRequest.newBuilder(uri("/no-such-path")).GET());
        HttpResponse<String> badBody = send(HttpRequest.newBuilder(uri("/graphql")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{not json")));
        HttpResponse<String> health = send(HttpRequest.newBuilder(uri("/health")).GET());

        for (HttpResponse<String> answer : List.of(first, second, unknownPath, badBody, health)) {
            assertThat(answer.headers().firstValue("X-Request-Id")).as(answer.uri() + " " + answer.statusCode())
                    .hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f]{32}"));
        }
        assertThat(first.headers().firstValue("X-Request-Id")).isNotEqualTo(second.headers().firstValue("X-Request-Id"));
        assertThat(unknownPath.statusCode()).isEqualTo(404);
        assertThat(badBody.statusCode()).isEqualTo(400);
    }

    @Test
    void aCallersUsableIdIsKeptAndAnythingElseIsReplaced() throws Exception {
        assertThat(idFor("9b2f1c7e-5d4a-4e1b-8c3d-2a6f0e9b7c11")).isEqualTo("9b2f1c7e-5d4a-4e1b-8c3d-2a6f0e9b7c11");
        assertThat(idFor("req:checkout/7f3a=+_.")).isEqualTo("req:checkout/7f3a=+_.");
        for (String unusable : List.of("two words", "quote\"d", "x".repeat(129), "tab\there", "ünïcode")) {
            assertThat(idFor(unusable)).as(unusable).matches("[0-9a-f]{32}");
        }
    }

    @Test
    void theLogLinesOfARequestCarryItsId() throws Exception {
        HttpResponse<String> answer = graphql("{ playlist(id: \"" + OTHER_UNKNOWN_PLAYLIST + "\") { name } }",
                Map.of("X-Request-Id", "find-me-in-the-log"));

        assertThat(answer.headers().firstValue("X-Request-Id")).hasValue("find-me-in-the-log");
        assertThat(JSON.readTree(answer.body()).at("/errors/0/extensions/code").asText()).isEqualTo("NOT_FOUND");
        assertThat(logs.records()).filteredOn(line -> line.text().contains(OTHER_UNKNOWN_PLAYLIST))
                .isNotEmpty().allSatisfy(line -> assertThat(line.requestId()).isEqualTo("find-me-in-the-log"));
        assertThat(logs.records()).filteredOn(line -> "find-me-in-the-log".equals(line.requestId()))
                .allSatisfy(line -> assertThat(line.thread()).doesNotStartWith("main"));
    }

    @Test
    void anInternalErrorNamesTheRequestAndItsLogLineToo() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/test-only/failing")).header("X-Request-Id", "broken-route-1").GET());

        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(answer.headers().firstValue("X-Request-Id")).hasValue("broken-route-1");
        JsonNode error = JSON.readTree(answer.body()).at("/errors/0");
        assertThat(error.at("/extensions/code").asText()).isEqualTo("INTERNAL");
        assertThat(error.at("/extensions/requestId").asText()).isEqualTo("broken-route-1");
        String reference = error.at("/extensions/reference").asText();
        assertThat(logs.records()).filteredOn(line -> line.text().contains(reference))
                .singleElement().satisfies(line -> assertThat(line.requestId()).isEqualTo("broken-route-1"));
    }

    @Test
    void withTracingOffThereIsNoSdkAndTheCacheIsNotWrapped() {
        assertThat(context.findBean(OpenTelemetry.class)).isEmpty();
        assertThat(context.getBean(CachePort.class).getClass().getSimpleName()).doesNotContain("Traced");
    }

    private String idFor(String offered) throws IOException, InterruptedException {
        return graphql("{ __typename }", Map.of("X-Request-Id", offered)).headers().firstValue("X-Request-Id").orElseThrow();
    }

    private HttpResponse<String> graphql(String query, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/graphql")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query))));
        headers.forEach(request::header);
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getPort() + path);
    }
}
