package dev.playlistgateway.app.http;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Supplier;

import static dev.playlistgateway.app.http.HostileRequests.QUERY;
import static dev.playlistgateway.app.http.HostileRequests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the HTTP layer answers for requests the framework refuses on its own, one case each: odd
 * charsets and content codings (once HTTP 500 INTERNAL with a stack trace in the log), header-level
 * errors (once Micronaut's own error format), unknown paths and methods, and a real bug (the one 500).
 */
@MicronautTest
@Property(name = "test.failing-route", value = "true")
class HttpLayerErrorsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Inject
    EmbeddedServer server;

    @Test
    void aCharsetTheServerDoesNotKnowIsA415InTheGraphQLShapeNotA500() {
        Answered answered = quietly(() -> post("application/json;charset=bogus", null, utf8(QUERY)));

        assertRefused(answered.answer, 415, "BAD_USER_INPUT");
        assertThat(answered.answer.body()).contains("charset");
    }

    @Test
    void aPlainBodyLabelledDeflateOrGzipIsA400NotA500() {
        for (String coding : List.of("deflate", "gzip")) {
            Answered answered = quietly(() -> post("application/json", coding, utf8(QUERY)));

            assertRefused(answered.answer, 400, "BAD_USER_INPUT");
            assertThat(answered.answer.body()).contains("Content-Encoding");
        }
    }

    @Test
    void aBodyInACodingTheServerDoesNotDecodeIsA415ThatSaysWhichItDoes() {
        for (String coding : List.of("br", "zzz", "gzip, gzip")) {
            Answered answered = quietly(() -> post("application/json", coding, utf8(QUERY)));

            assertRefused(answered.answer, 415, "BAD_USER_INPUT");
            assertThat(answered.answer.header("accept-encoding")).isEqualTo("gzip, deflate");
        }
    }

    @Test
    void queriesSentGzippedOrDeflatedStillRun() throws IOException {
        for (RawHttp.Answer answer : List.of(post("application/json", "gzip", HostileRequests.gzip(utf8(QUERY))),
                post("application/json", "deflate", HostileRequests.deflate(utf8(QUERY))))) {
            assertThat(answer.status()).isEqualTo(200);
            assertThat(JSON.readTree(answer.body()).at("/data/me/id").asText()).isEqualTo("demo-listener");
        }
    }

    @Test
    void aGzipBombIsRefusedAsTooLargeOnceItPassesTheBodyLimit() {
        Answered answered = quietly(() -> post("application/json", "gzip", HostileRequests.gzip(new byte[10 * 1024 * 1024])));

        assertRefused(answered.answer, 413, "BAD_USER_INPUT");
    }

    @Test
    void headerLevelErrorsAnswerInTheGraphQLShapeWithTheStatusThatNamesThem() {
        record Case(String name, byte[] request, int status) {
        }
        List<Case> cases = List.of(
                new Case("a 16 KB header", HostileRequests.request("GET", "/graphql", List.of("X-Big: " + "a".repeat(16 * 1024)), null), 431),
                new Case("a 5 KB URL", HostileRequests.request("GET", "/graphql?query=" + "a".repeat(5000), List.of(), null), 414),
                new Case("bad %-encoding", HostileRequests.request("GET", "/graphql?query=%zz", List.of(), null), 400),
                new Case("bad %-encoding in the path", HostileRequests.request("GET", "/graphiql/%", List.of(), null), 400),
                new Case("duplicate Content-Length", HostileRequests.request("POST", "/graphql",
                        List.of("Content-Type: application/json", "Content-Length: 24", "Content-Length: 5"), utf8(QUERY)), 400),
                new Case("a header without a colon", HostileRequests.request("GET", "/health", List.of("NoColonHere"), null), 400));
        for (Case c : cases) {
            Answered answered = quietly(() -> RawHttp.exchange(server.getPort(), c.request(), false));

            assertThat(answered.answer.status()).as(c.name()).isEqualTo(c.status());
            assertRefused(answered.answer, c.status(), "BAD_USER_INPUT");
        }
    }

    @Test
    void unknownPathsAndMethodsAreRefusedInTheGraphQLShape() {
        RawHttp.Answer unknown = RawHttp.exchange(server.getPort(), HostileRequests.request("GET", "/nope", List.of(), null), false);
        RawHttp.Answer deleteHealth = RawHttp.exchange(server.getPort(), HostileRequests.request("DELETE", "/health", List.of(), null), false);
        RawHttp.Answer postAsset = RawHttp.exchange(server.getPort(), HostileRequests.request("POST", "/graphiql-ui/graphiql-init.js",
                List.of("Content-Type: application/json"), utf8(QUERY)), false);
        RawHttp.Answer htmlError = RawHttp.exchange(server.getPort(), HostileRequests.request("GET", "/nope", List.of("Accept: text/html"), null), false);

        assertRefused(unknown, 404, "NOT_FOUND");
        assertRefused(deleteHealth, 405, "BAD_USER_INPUT");
        assertThat(deleteHealth.header("allow")).contains("GET");
        assertRefused(postAsset, 405, "BAD_USER_INPUT");
        assertThat(postAsset.header("allow")).isEqualTo("GET, HEAD");
        assertRefused(htmlError, 404, "NOT_FOUND");
    }

    @Test
    void aFailureOfTheGatewayItselfIsThe500WithAReferenceTheLogRepeatsBesideOneStackTrace() throws IOException {
        RawHttp.Answer answer;
        List<RootLog.Line> lines;
        try (RootLog log = RootLog.record()) {
            answer = RawHttp.exchange(server.getPort(), HostileRequests.request("GET", "/test-only/failing", List.of(), null), false);
            lines = log.lines();
        }

        assertThat(answer.status()).isEqualTo(500);
        JsonNode error = JSON.readTree(answer.body()).path("errors").path(0);
        assertThat(error.at("/extensions/code").asText()).isEqualTo("INTERNAL");
        String reference = error.at("/extensions/reference").asText();
        assertThat(answer.body()).doesNotContain("a bug in the gateway").doesNotContain("IllegalStateException");
        assertThat(lines).filteredOn(l -> l.stackTrace() || l.level() == Level.ERROR).singleElement()
                .satisfies(l -> assertThat(l.message()).contains(reference));
    }

    private RawHttp.Answer post(String contentType, String coding, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + "/graphql"))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (coding != null) {
            request.header("Content-Encoding", coding);
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), String.join(", ", values)));
            return new RawHttp.Answer(response.statusCode(), headers, response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Answered(RawHttp.Answer answer) {
    }

    /** Sends, and checks the log got no stack trace and no ERROR for it. */
    private static Answered quietly(Supplier<RawHttp.Answer> send) {
        try (RootLog log = RootLog.record()) {
            RawHttp.Answer answer = send.get();
            assertThat(log.stackTracesAndErrors()).as("stack traces and ERRORs logged").isEmpty();
            return new Answered(answer);
        }
    }

    private static void assertRefused(RawHttp.Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.header("content-type")).startsWith("application/json");
        try {
            JsonNode errors = JSON.readTree(answer.body()).path("errors");
            assertThat(errors.size()).as(answer.body()).isEqualTo(1);
            assertThat(errors.path(0).path("message").asText()).isNotBlank();
            assertThat(errors.path(0).at("/extensions/code").asText()).isEqualTo(code);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + answer.body(), e);
        }
    }
}
