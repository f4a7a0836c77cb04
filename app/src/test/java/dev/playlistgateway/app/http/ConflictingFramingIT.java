package dev.playlistgateway.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Content-Length and Transfer-Encoding: chunked on one request, with a GET pipelined behind it on the
 * same connection: 400 in the GraphQL error shape, the connection closed after it, the GET not served
 * (RFC 9112 6.1). Netty alone served the POST as chunked and kept the connection open.
 */
@MicronautTest
class ConflictingFramingIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUERY = "{\"query\":\"{ __typename }\"}";
    private static final String PIPELINED_GET = "GET /graphql?query=%7B__typename%7D HTTP/1.1\r\nHost: localhost\r\n\r\n";

    @Inject
    EmbeddedServer server;

    record Conversation(String received, boolean closed) {
        int responses() {
            Matcher matcher = Pattern.compile("HTTP/1\\.1 \\d{3} ").matcher(received);
            int count = 0;
            while (matcher.find()) {
                count++;
            }
            return count;
        }
    }

    private static String chunked(String body) {
        return Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n";
    }

    private static String post(String framing, String body) {
        return "POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" + framing + "\r\n" + body;
    }

    @Test
    void bothFramingsAreA400InTheGraphQLShapeAndTheConnectionCloses() throws IOException {
        for (String contentLength : new String[]{"4", String.valueOf(chunked(QUERY).length()), "1000"}) {
            Conversation conversation = converse(post("Content-Length: " + contentLength
                    + "\r\nTransfer-Encoding: chunked\r\n", chunked(QUERY)) + PIPELINED_GET);

            assertThat(conversation.closed()).as("closed after CL " + contentLength + ": " + conversation.received()).isTrue();
            assertThat(conversation.responses()).as(conversation.received()).isEqualTo(1);
            assertThat(conversation.received()).startsWith("HTTP/1.1 400 ").containsIgnoringCase("connection: close");
            JsonNode error = JSON.readTree(body(conversation.received())).path("errors").path(0);
            assertThat(error.path("extensions").path("code").asText()).isEqualTo("BAD_USER_INPUT");
            assertThat(error.path("message").asText()).contains("Content-Length").contains("Transfer-Encoding");
        }
    }

    @Test
    void theOrderOfTheHeadersDoesNotMatter() throws IOException {
        Conversation conversation = converse(post("Transfer-Encoding: chunked\r\nContent-Length: 4\r\n", chunked(QUERY)) + PIPELINED_GET);

        assertThat(conversation.closed()).as(conversation.received()).isTrue();
        assertThat(conversation.responses()).isEqualTo(1);
        assertThat(conversation.received()).startsWith("HTTP/1.1 400 ");
    }

    @Test
    void aChunkedRequestAloneIsServedAndThePipelinedGetToo() {
        Conversation conversation = converse(post("Transfer-Encoding: chunked\r\n", chunked(QUERY)) + PIPELINED_GET);

        assertThat(conversation.responses()).as(conversation.received()).isEqualTo(2);
        assertThat(conversation.received()).startsWith("HTTP/1.1 200 ").doesNotContain("HTTP/1.1 400");
    }

    @Test
    void aContentLengthAloneIsServedAndThePipelinedGetToo() {
        Conversation conversation = converse(post("Content-Length: " + QUERY.length() + "\r\n", QUERY) + PIPELINED_GET);

        assertThat(conversation.responses()).as(conversation.received()).isEqualTo(2);
        assertThat(conversation.received()).startsWith("HTTP/1.1 200 ").doesNotContain("HTTP/1.1 400");
    }

    private static String body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    /** Sends {@code requests} at once, then reads until the server closes or is silent for 3 s. */
    private Conversation converse(String requests) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.getPort()), 10_000);
            socket.setSoTimeout(3_000);
            socket.getOutputStream().write(requests.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    received.write(buffer, 0, n);
                }
                return new Conversation(received.toString(StandardCharsets.UTF_8), true);
            } catch (SocketTimeoutException stillOpen) {
                return new Conversation(received.toString(StandardCharsets.UTF_8), false);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
