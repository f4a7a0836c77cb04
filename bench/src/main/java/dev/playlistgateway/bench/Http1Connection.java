package dev.playlistgateway.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * One keep-alive HTTP/1.1 connection that sends a request already in bytes and reads the answer's
 * body into a sink it reuses: a load client that costs little per request (no selector thread, no
 * copy of the body, no allocation per answer), so that it measures the server rather than itself, as
 * wrk does. Not thread-safe: one per client.
 */
final class Http1Connection implements AutoCloseable {

    /** A request as the bytes sent on the wire. */
    record Request(URI uri, byte[] bytes) {

        static Request get(URI uri) {
            return new Request(uri, head("GET", uri, Map.of(), 0).getBytes(StandardCharsets.US_ASCII));
        }

        static Request post(URI uri, Map<String, String> headers, byte[] body) {
            byte[] head = head("POST", uri, headers, body.length).getBytes(StandardCharsets.US_ASCII);
            byte[] bytes = new byte[head.length + body.length];
            System.arraycopy(head, 0, bytes, 0, head.length);
            System.arraycopy(body, 0, bytes, head.length, body.length);
            return new Request(uri, bytes);
        }

        private static String head(String method, URI uri, Map<String, String> headers, int length) {
            StringBuilder head = new StringBuilder(method).append(' ').append(uri.getRawPath())
                    .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            if (method.equals("POST")) {
                head.append("Content-Length: ").append(length).append("\r\n");
            }
            return head.append("\r\n").toString();
        }
    }

    /** The status and the body's length in bytes. */
    record Answer(int status, long length) {
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] sink = new byte[64 * 1024];
    private final StringBuilder line = new StringBuilder(128);
    private boolean closeAfter;

    Http1Connection(URI uri) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
        socket.setSoTimeout(60_000);
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
    }

    /** Whether the server said it closes the connection after the last answer. */
    boolean closed() {
        return closeAfter || socket.isClosed();
    }

    Answer exchange(Request request) throws IOException {
        out.write(request.bytes());
        out.flush();
        String status = readLine();
        if (!status.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long contentLength = -1;
        boolean chunked = false;
        for (String header = readLine(); !header.isEmpty(); header = readLine()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> contentLength = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> closeAfter = value.equalsIgnoreCase("close");
                default -> {
                }
            }
        }
        long length;
        if (chunked) {
            length = 0;
            for (long size = Long.parseLong(readLine().split(";")[0].trim(), 16); size > 0;
                 size = Long.parseLong(readLine().split(";")[0].trim(), 16)) {
                skip(size);
                length += size;
                readLine();
            }
            while (!readLine().isEmpty()) {
                // trailers
            }
        } else if (contentLength >= 0) {
            skip(contentLength);
            length = contentLength;
        } else {
            throw new IOException("an answer without Content-Length or chunks");
        }
        return new Answer(code, length);
    }

    private void skip(long bytes) throws IOException {
        long left = bytes;
        while (left > 0) {
            int read = in.read(sink, 0, (int) Math.min(sink.length, left));
            if (read < 0) {
                throw new EOFException("the connection closed mid-body");
            }
            left -= read;
        }
    }

    private String readLine() throws IOException {
        line.setLength(0);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the connection closed");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
