package dev.playlistgateway.app.http;

import io.micronaut.context.annotation.Property;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code micronaut.server.read-idle-timeout} (2 s here, 30 s by default): a request whose headers or body
 * stop arriving is closed; an idle keep-alive connection and a request that takes longer than that to
 * answer (every catalogue call 3 s here) are not.
 */
@MicronautTest
@Property(name = "micronaut.server.read-idle-timeout", value = "2s")
@Property(name = "demo.latency", value = "3s")
class StalledRequestsIT {
    private static final String SLOW_QUERY = "{\"query\":\"{ playlist(id: \\\"wYog1zmWxOnf8NVxsMQ7Ru\\\") { name } }\"}";

    @Inject
    EmbeddedServer server;

    record Outcome(String received, boolean closed, long millis) {
    }

    @Test
    void aBodyThatStopsHalfWayIsClosedAfterTheReadIdleTimeout() throws IOException {
        Outcome outcome = send("POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 100\r\n\r\n{\"query\":", 15_000);

        assertThat(outcome.closed()).as(outcome.received()).isTrue();
        assertThat(outcome.millis()).isBetween(1_500L, 10_000L);
    }

    @Test
    void headersThatStopHalfWayAreClosedToo() throws IOException {
        Outcome outcome = send("POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Ty", 15_000);

        assertThat(outcome.closed()).as(outcome.received()).isTrue();
        assertThat(outcome.millis()).isBetween(1_500L, 10_000L);
    }

    @Test
    void aRequestThatTakesLongerThanTheTimeoutToAnswerIsAnswered() throws IOException {
        Outcome outcome = send(post(SLOW_QUERY, true), 20_000);

        assertThat(outcome.received()).startsWith("HTTP/1.1 200 ").contains("\"name\"");
        assertThat(outcome.millis()).isGreaterThanOrEqualTo(2_500L);
    }

    @Test
    void anIdleKeepAliveConnectionStaysOpenPastTheTimeout() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(bytes("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n"));
            assertThat(readSome(socket)).startsWith("HTTP/1.1 200 ");
            Thread.sleep(4_500);
            socket.getOutputStream().write(bytes("GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
            assertThat(readSome(socket)).startsWith("HTTP/1.1 200 ");
        }
    }

    private static String post(String body, boolean close) {
        return "POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n" + (close ? "Connection: close\r\n" : "") + "\r\n" + body;
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.getPort()), 10_000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String readSome(Socket socket) throws IOException {
        byte[] buffer = new byte[8192];
        int n = socket.getInputStream().read(buffer);
        return n < 0 ? "" : new String(buffer, 0, n, StandardCharsets.UTF_8);
    }

    /** Sends {@code request}, then reads until the server closes, or {@code waitMillis} pass. */
    private Outcome send(String request, int waitMillis) throws IOException {
        try (Socket socket = connect()) {
            socket.setSoTimeout(waitMillis);
            long start = System.nanoTime();
            socket.getOutputStream().write(bytes(request));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            boolean closed;
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    received.write(buffer, 0, n);
                }
                closed = true;
            } catch (SocketTimeoutException stillOpen) {
                closed = false;
            } catch (IOException reset) {
                closed = true;
            }
            return new Outcome(received.toString(StandardCharsets.UTF_8), closed, (System.nanoTime() - start) / 1_000_000);
        }
    }
}
