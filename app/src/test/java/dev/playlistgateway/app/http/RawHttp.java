package dev.playlistgateway.app.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends bytes over a plain socket, exactly as given (malformed request lines, duplicate or oversized
 * headers, lying Content-Length, broken chunking: what no HTTP client library would send), and reads one
 * response: status line, headers, body (by Content-Length, chunked, or until the server closes).
 * One connection per request; bounded by a read timeout.
 */
final class RawHttp {
    private static final int TIMEOUT_MS = 15_000;

    private RawHttp() {
    }

    /** One response; {@code status} -1 when the server closed the connection without answering, -2 when it said nothing within the timeout. */
    record Answer(int status, Map<String, String> headers, String body) {
        static final Answer NONE = new Answer(-1, Map.of(), "");
        static final Answer TIMED_OUT = new Answer(-2, Map.of(), "");

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** Writes {@code request}, then, if {@code halfClose}, shuts the output (a body that ends early), and reads the answer. */
    static Answer exchange(int port, byte[] request, boolean halfClose) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
            socket.setSoTimeout(TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
                if (halfClose) {
                    socket.shutdownOutput();
                }
            } catch (IOException e) {
                // The server may answer (and close) before it has read everything: read what it said.
            }
            return read(socket.getInputStream(), headRequest(request));
        } catch (SocketTimeoutException e) {
            return Answer.TIMED_OUT;
        } catch (IOException e) {
            return Answer.NONE;
        }
    }

    static Answer exchange(int port, String request) {
        return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1), false);
    }

    private static boolean headRequest(byte[] request) {
        return new String(request, 0, Math.min(5, request.length), StandardCharsets.ISO_8859_1).startsWith("HEAD ");
    }

    private static Answer read(InputStream in, boolean head) throws IOException {
        while (true) {
            String statusLine = line(in);
            if (statusLine == null) {
                return Answer.NONE;
            }
            String[] parts = statusLine.split(" ", 3);
            int status = Integer.parseInt(parts[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                headers.merge(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim(),
                        (a, b) -> a + ", " + b);
            }
            if (status >= 100 && status < 200) {
                continue; // 100 Continue: the real answer follows
            }
            byte[] body;
            if (head || status == 204 || status == 304) {
                body = new byte[0];
            } else if (headers.containsKey("content-length")) {
                body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
            } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = chunked(in);
            } else {
                body = in.readAllBytes();
            }
            return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
        }
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String size = line(in); size != null; size = line(in)) {
            int length = Integer.parseInt(size.split(";")[0].trim(), 16);
            if (length == 0) {
                for (String trailer = line(in); trailer != null && !trailer.isEmpty(); trailer = line(in)) {
                    // trailers are ignored
                }
                break;
            }
            body.write(in.readNBytes(length));
            line(in); // the CRLF after the chunk
        }
        return body.toByteArray();
    }

    /** One line without its CRLF; null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    static String preview(byte[] request) {
        String text = new String(request, 0, Math.min(120, request.length), StandardCharsets.ISO_8859_1);
        return text.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
