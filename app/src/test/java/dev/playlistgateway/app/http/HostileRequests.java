package dev.playlistgateway.app.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The hostile-input corpus: requests a careless or malicious client sends, grouped by what they attack
 * (the request line and headers, content codings, charsets, methods, URLs, bodies, GraphQL). Each probe
 * is sent over a raw socket (so malformed bytes really reach the server) or with the JDK HTTP client
 * (well-formed HTTP carrying hostile content), and answers one {@link RawHttp.Answer}.
 */
final class HostileRequests {
    static final String QUERY = "{\"query\":\"{ me { id: spotifyId } }\"}";

    /**
     * One hostile request. {@code mayGoUnanswered}: bytes that are not HTTP/1.1 at all, or a body that
     * ends (the client shuts its side) before its declared length: a server may just close those.
     */
    record Probe(String name, IntFunction<RawHttp.Answer> send, boolean head, boolean mayGoUnanswered) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(20)).build();

    private final List<String> routes;
    private final List<Probe> probes = new ArrayList<>();

    private HostileRequests(List<String> routes) {
        this.routes = routes;
    }

    /** Every probe against {@code routes} (paths the app serves, plus unknown ones). */
    static List<Probe> against(List<String> routes) {
        HostileRequests corpus = new HostileRequests(routes);
        corpus.methods();
        corpus.headers();
        corpus.framing();
        corpus.encodings();
        corpus.charsets();
        corpus.urls();
        corpus.bodies();
        corpus.graphql();
        return List.copyOf(corpus.probes);
    }

    // ---- methods: every method on every route --------------------------------------------------------

    private void methods() {
        List<String> methods = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "FOO");
        for (String route : routes) {
            for (String method : methods) {
                boolean withBody = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
                raw(method + " " + route, method.equals("HEAD"), request(method, route,
                        withBody ? List.of("Content-Type: application/json") : List.of(), withBody ? utf8(QUERY) : null));
            }
        }
    }

    // ---- the request line and headers -------------------------------------------------------------------

    private void headers() {
        String big = "a".repeat(16 * 1024);
        for (String route : List.of("/graphql", "/health", "/graphiql", "/nope")) {
            raw("16 KB header on " + route, false, request("GET", route, List.of("X-Big: " + big), null));
            raw("16 KB cookie on " + route, false, request("GET", route, List.of("Cookie: pgw_session=" + big), null));
            raw("200 headers on " + route, false, request("GET", route,
                    IntStream.range(0, 200).mapToObj(i -> "X-H" + i + ": " + "v".repeat(100)).toList(), null));
            raw("header without colon on " + route, false, request("GET", route, List.of("NoColonHere"), null));
            raw("space before colon on " + route, false, request("GET", route, List.of("X-Bad : 1"), null));
            raw("NUL in header on " + route, false, request("GET", route, List.of("X-Nul: a\u0000b"), null));
            raw("obs-fold header on " + route, false, request("GET", route, List.of("X-Fold: a", " continued"), null));
            raw("8 KB header name on " + route, false, request("GET", route, List.of("X-" + "n".repeat(8 * 1024) + ": 1"), null));
            raw("no Host on " + route, false, bytes("GET " + route + " HTTP/1.1\r\nConnection: close\r\n\r\n"));
            raw("two Hosts on " + route, false, request("GET", route, List.of("Host: evil.example"), null));
            raw("Host garbage on " + route, false, bytes("GET " + route + " HTTP/1.1\r\nHost: [::1\r\nConnection: close\r\n\r\n"));
            raw("HTTP/1.0 on " + route, false, bytes("GET " + route + " HTTP/1.0\r\n\r\n"));
            raw("HTTP/2.0 request line on " + route, false, bytes("GET " + route + " HTTP/2.0\r\nHost: x\r\nConnection: close\r\n\r\n"));
            raw("HTTP/9.9 on " + route, false, bytes("GET " + route + " HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n"));
            raw("lower-case method on " + route, false, bytes("get " + route + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
            raw("extra spaces in request line on " + route, false, bytes("GET  " + route + "  HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
            raw("bare LF line ends on " + route, false, bytes("GET " + route + " HTTP/1.1\nHost: x\nConnection: close\n\n"));
            raw("absolute-form target on " + route, false, bytes("GET http://evil.example" + route + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
            raw("8 KB bearer token on " + route, false, request("GET", route, List.of("Authorization: Bearer " + "t".repeat(8 * 1024)), null));
            raw("empty bearer on " + route, false, request("GET", route, List.of("Authorization: Bearer "), null));
            raw("Accept garbage on " + route, false, request("GET", route, List.of("Accept: */*;q=abc, ;;, text/"), null));
            raw("Accept text/html only on " + route, false, request("GET", route, List.of("Accept: text/html"), null));
            raw("Accept image/png only on " + route, false, request("GET", route, List.of("Accept: image/png"), null));
            raw("Content-Type garbage on " + route, false, request("POST", route, List.of("Content-Type: ;;;"), utf8(QUERY)));
            raw("Content-Type without subtype on " + route, false, request("POST", route, List.of("Content-Type: application"), utf8(QUERY)));
            raw("Range garbage on " + route, false, request("GET", route, List.of("Range: bytes=zz-"), null));
            raw("If-Modified-Since garbage on " + route, false, request("GET", route, List.of("If-Modified-Since: yesterday"), null));
            raw("Expect garbage on " + route, false, request("POST", route, List.of("Content-Type: application/json", "Expect: 200-ok"), utf8(QUERY)));
            raw("Origin null on " + route, false, request("POST", route, List.of("Content-Type: application/json", "Origin: null"), utf8(QUERY)));
            raw("Upgrade h2c on " + route, false, request("GET", route, List.of("Upgrade: h2c", "HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA"), null));
            raw("Upgrade websocket on " + route, false, request("GET", route, List.of("Upgrade: websocket", "Sec-WebSocket-Key: x", "Sec-WebSocket-Version: 13"), null));
        }
        raw("OPTIONS *", false, bytes("OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
        raw("CONNECT authority-form", false, bytes("CONNECT 127.0.0.1:80 HTTP/1.1\r\nHost: 127.0.0.1:80\r\nConnection: close\r\n\r\n"));
        raw("only a blank line", false, bytes("\r\n\r\n"), true, true);
        raw("binary garbage", false, garbage(512), true, true);
        raw("TLS ClientHello", false, new byte[]{0x16, 0x03, 0x01, 0x00, (byte) 0xa5, 0x01, 0x00, 0x00, (byte) 0xa1, 0x03, 0x03}, true, true);
        raw("HTTP/2 prior-knowledge preface", false, bytes("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"), true, true);
        raw("request line only, no CRLF", false, bytes("GET /graphql HTTP/1.1"), true, true);
    }

    // ---- Content-Length and Transfer-Encoding ------------------------------------------------------------

    private void framing() {
        byte[] query = utf8(QUERY);
        for (String route : List.of("/graphql", "/logout", "/health")) {
            String json = "Content-Type: application/json";
            raw("duplicate Content-Length (different) on " + route, false, request("POST", route,
                    List.of(json, "Content-Length: " + query.length, "Content-Length: 5"), query));
            raw("duplicate Content-Length (same) on " + route, false, request("POST", route,
                    List.of(json, "Content-Length: " + query.length, "Content-Length: " + query.length), query));
            raw("Content-Length list on " + route, false, request("POST", route,
                    List.of(json, "Content-Length: " + query.length + ", " + query.length), query));
            raw("negative Content-Length on " + route, false, request("POST", route, List.of(json, "Content-Length: -1"), query));
            raw("non-numeric Content-Length on " + route, false, request("POST", route, List.of(json, "Content-Length: abc"), query));
            raw("huge Content-Length on " + route, false, request("POST", route, List.of(json, "Content-Length: 99999999999999999999"), query));
            raw("Content-Length over the limit, no body on " + route, false, request("POST", route, List.of(json, "Content-Length: 2000000"), null));
            raw("Content-Length longer than the body on " + route, false, request("POST", route, List.of(json, "Content-Length: " + (query.length + 50)), query), true, true);
            raw("Content-Length shorter than the body on " + route, false, request("POST", route, List.of(json, "Content-Length: 5"), query));
            raw("chunked and Content-Length on " + route, false, request("POST", route,
                    List.of(json, "Content-Length: 4", "Transfer-Encoding: chunked"), chunk(query)));
            raw("chunked, bad chunk size on " + route, false, request("POST", route, List.of(json, "Transfer-Encoding: chunked"), bytes("zz\r\nabc\r\n0\r\n\r\n")));
            raw("chunked, chunk longer than said on " + route, false, request("POST", route, List.of(json, "Transfer-Encoding: chunked"), bytes("2\r\nabcdef\r\n0\r\n\r\n")));
            raw("chunked, no last chunk on " + route, false, request("POST", route, List.of(json, "Transfer-Encoding: chunked"), bytes("5\r\n{\"a\":\r\n")), true, true);
            raw("chunked twice on " + route, false, request("POST", route, List.of(json, "Transfer-Encoding: chunked, chunked"), chunk(query)));
            raw("chunked with extension on " + route, false, request("POST", route, List.of(json, "Transfer-Encoding: chunked"),
                    concat(bytes(Integer.toHexString(query.length) + ";ext=\"x\"\r\n"), query, bytes("\r\n0\r\n\r\n"))));
            raw("Transfer-Encoding xchunked on " + route, false, request("POST", route, List.of(json, "Transfer-Encoding: xchunked"), chunk(query)));
            raw("Transfer-Encoding identity on " + route, false, request("POST", route, List.of(json, "Transfer-Encoding: identity", "Content-Length: " + query.length), query));
            raw("Transfer-Encoding gzip, chunked with a plain body on " + route, false, request("POST", route, List.of(json, "Transfer-Encoding: gzip, chunked"), chunk(query)));
            raw("Transfer-Encoding with leading space on " + route, false, request("POST", route, List.of(json, "Transfer-Encoding:  chunked"), chunk(query)));
            raw("Expect 100-continue on " + route, false, request("POST", route, List.of(json, "Expect: 100-continue"), query));
            raw("Expect 100-continue over the limit on " + route, false, request("POST", route,
                    List.of(json, "Expect: 100-continue", "Content-Length: 2000000"), null));
            raw("pipelined garbage after a request on " + route, false, concat(request("POST", route, List.of(json, "Connection: keep-alive"), query, false),
                    bytes("\u0000\u0001garbage\r\n\r\n")));
        }
    }

    // ---- content codings ----------------------------------------------------------------------------------

    private void encodings() {
        byte[] query = utf8(QUERY);
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        bodies.put("gzip with a plain body", query);
        bodies.put("x-gzip with a plain body", query);
        bodies.put("deflate with a plain body", query);
        bodies.put("x-deflate with a plain body", query);
        bodies.put("snappy with a plain body", query);
        bodies.put("br with a plain body", query);
        bodies.put("zstd with a plain body", query);
        bodies.put("compress with a plain body", query);
        bodies.put("zzz with a plain body", query);
        bodies.put("gzip, gzip with a gzip body", gzip(query));
        bodies.put("identity with a plain body", query);
        bodies.put("gzip with a truncated gzip body", java.util.Arrays.copyOf(gzip(query), 15));
        bodies.put("gzip with a valid gzip body", gzip(query));
        bodies.put("deflate with a valid deflate body", deflate(query));
        bodies.put("gzip with a gzip bomb (10 MB of zeros)", gzip(new byte[10 * 1024 * 1024]));
        bodies.put("gzip with gzip of not-JSON", gzip(utf8("<xml/>")));
        bodies.put("deflate with a gzip body", gzip(query));
        for (String route : List.of("/graphql", "/logout", "/health")) {
            bodies.forEach((name, body) -> {
                String coding = name.substring(0, name.indexOf(" with "));
                client(name + " on " + route, HttpRequest.newBuilder(uri(route))
                        .header("Content-Type", "application/json").header("Content-Encoding", coding)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
            });
        }
    }

    // ---- charsets -------------------------------------------------------------------------------------------

    private void charsets() {
        List<String> types = List.of("application/json;charset=bogus", "application/json; charset=", "application/json; charset=\"\"",
                "application/json; charset=\"utf-8\"", "application/json; charset=UTF-8", "application/json; charset=utf-16",
                "application/json; charset=utf-32", "application/json; charset=iso-8859-1", "application/json; charset=x-unknown-1",
                "application/json; charset=utf-8; charset=bogus", "application/json; charset=IBM037", "application/json; charset=../../etc",
                "application/json; charset=" + "u".repeat(300), "application/json; charset=utf-8 bogus", "application/graphql; charset=bogus",
                "text/plain; charset=bogus", "application/x-www-form-urlencoded; charset=bogus");
        for (String route : List.of("/graphql", "/logout")) {
            for (String type : types) {
                client("Content-Type " + type + " on " + route, HttpRequest.newBuilder(uri(route)).header("Content-Type", type)
                        .POST(HttpRequest.BodyPublishers.ofString(type.startsWith("application/graphql") ? "{ me { id } }" : QUERY)));
            }
            client("invalid UTF-8 bytes on " + route, post(route, concat(bytes("{\"query\":\"{ me { id } }\",\"x\":\""),
                    new byte[]{(byte) 0xC3, 0x28, (byte) 0xFF}, bytes("\"}"))));
            client("overlong UTF-8 on " + route, post(route, concat(bytes("{\"query\":\"{ me { id } "), new byte[]{(byte) 0xC0, (byte) 0xAF}, bytes("}\"}"))));
            client("lone surrogate escape on " + route, post(route, utf8("{\"query\":\"{ me { id } }\",\"variables\":{\"a\":\"\\ud800\"}}")));
            client("NUL in query on " + route, post(route, utf8("{\"query\":\"{ me\\u0000 { id } }\"}")));
            client("UTF-16 body labelled UTF-8 on " + route, post(route, QUERY.getBytes(StandardCharsets.UTF_16)));
            client("BOM before JSON on " + route, post(route, concat(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8(QUERY))));
        }
        client("a body in a charset the JVM has (latin1) on /graphql", HttpRequest.newBuilder(uri("/graphql"))
                .header("Content-Type", "application/json; charset=iso-8859-1")
                .POST(HttpRequest.BodyPublishers.ofByteArray("{\"query\":\"{ me { id } }\",\"x\":\"caf\u00e9\"}".getBytes(Charset.forName("ISO-8859-1")))));
    }

    // ---- URLs -------------------------------------------------------------------------------------------------

    private void urls() {
        List<String> targets = new ArrayList<>(List.of("/graphql?query=%zz", "/graphql?query=%", "/graphql?query=%2", "/graphql?query=%u0041",
                "/graphql?query=%00", "/graphql?query=%0d%0a", "/graphql?query=%c0%af", "/%zz", "/graphiql/%", "/health%", "/health/%2e%2e/%2e%2e",
                "/graphql/%2e%2e/health", "/graphiql-assets/../application.yml", "/graphiql-assets/%2e%2e/%2e%2e/application.yml",
                "/graphiql-assets/..%2f..%2fapplication.yml", "//graphql", "/./graphql", "/graphql;jsessionid=x", "/graphql%3Bx",
                "/graphql\\..\\health", "/graphql?query=" + "a".repeat(3000), "/graphql?" + "x=1&".repeat(500) + "query=%7Bme%7Bid%7D%7D",
                "/graphql?query=a&query=b", "/graphql?query=%7B%20me%20%7B%20id%20%7D%20%7D&variables=%7Bbad", "/graphql?variables=%5B1%5D&query=%7Bme%7Bid%7D%7D",
                "/graphql?query={me{id}}", "/graphql?query=%7Bme%7Bid%7D%7D#fragment", "/graphql?query=+", "/graphql?=&&=",
                "/graphql?query=%7Bme%7Bid%7D%7D&operationName=%00", "/graphql/" + "x/".repeat(500), "/" + "p".repeat(2000),
                "/oauth/callback/spotify?code=%zz&state=%", "/oauth/callback/spotify?state=" + "s".repeat(3000),
                "/oauth/callback/spotify?code=x&state=y", "/oauth/callback/spotify?error=%0d%0aInjected", "/oauth/login/%zz",
                "/oauth/callback/..%2f..%2fhealth", "/logout?x=%zz", "/prometheus?name[]=%zz", "/health?%"));
        for (String target : targets) {
            raw("URL " + abbreviate(target), false, request("GET", target, List.of(), null));
        }
        raw("URL of 5 KB", false, request("GET", "/graphql?query=" + "a".repeat(5000), List.of(), null));
        raw("URL of 64 KB", false, request("GET", "/graphql?query=" + "a".repeat(64 * 1024), List.of(), null));
        raw("raw UTF-8 in path", false, concat(bytes("GET /graphiql/"), "caf\u00e9".getBytes(StandardCharsets.UTF_8), bytes(" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")));
        raw("invalid UTF-8 in path", false, concat(bytes("GET /graphiql/"), new byte[]{(byte) 0xC3, 0x28}, bytes(" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")));
        raw("raw space in query", false, bytes("GET /graphql?query={ me HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
        raw("tab in request target", false, bytes("GET /graphql\t/x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
        raw("control character in path", false, bytes("GET /gra\u0001phql HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
    }

    // ---- bodies -------------------------------------------------------------------------------------------------

    private void bodies() {
        List<String> bodies = List.of("", " ", "null", "[]", "[1,2]", "\"str\"", "123", "true", "{}", "{\"query\":null}", "{\"query\":5}",
                "{\"query\":[]}", "{\"query\":{}}", "{\"query\":true}", "{\"query\":\"{ me { id } }\",\"variables\":\"x\"}",
                "{\"query\":\"{ me { id } }\",\"variables\":[1]}", "{\"query\":\"{ me { id } }\",\"variables\":5}",
                "{\"query\":\"{ me { id } }\",\"operationName\":5}", "{\"query\":\"{ me { id } }\",\"extensions\":\"x\"}",
                "[{\"query\":\"{ me { id } }\"},{\"query\":\"{ me { id } }\"}]", "query={me{id}}", "<query>{me{id}}</query>",
                "{\"query\":\"{ me { id } }\"} trailing", "{\"query\":\"{ me { id } }\"}{\"query\":\"{ me { id } }\"}",
                "{\"query\":\"{ me { id } }\",\"query\":\"{ me { displayName } }\"}", "{\"query\":\"{ me { id } }\",\"n\":1e999999}",
                "{\"query\":\"{ me { id } }\",\"n\":" + "9".repeat(5000) + "}", "{/*c*/\"query\":\"{ me { id } }\"}", "{'query':'{ me { id } }'}",
                "{\"query\":\"{ me { id } }\"", "{\"query", "\u0000\u0001\u0002", "[".repeat(100_000), "{\"a\":".repeat(20_000),
                "{\"query\":\"{ me { id } }\",\"variables\":" + "{\"a\":".repeat(5000) + "1" + "}".repeat(5000) + "}",
                "{\"query\":\"{ me { id } }\",\"variables\":{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}}",
                "{\"query\":\"{ me { id } }\",\"pad\":\"" + "x".repeat(900_000) + "\"}");
        for (String route : List.of("/graphql", "/logout")) {
            for (String body : bodies) {
                client("body " + abbreviate(body) + " on " + route, HttpRequest.newBuilder(uri(route))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
            }
            // The server answers 413 once 1 MB has arrived and closes; a client still sending may see the reset first.
            client("body of 2 MB on " + route, HttpRequest.newBuilder(uri(route)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ me { id } }\",\"pad\":\"" + "x".repeat(2_000_000) + "\"}")), true);
        }
        for (String type : List.of("application/graphql", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "multipart/form-data", "application/xml", "application/octet-stream", "application/json-patch+json")) {
            client("POST /graphql as " + type, HttpRequest.newBuilder(uri("/graphql")).header("Content-Type", type)
                    .POST(HttpRequest.BodyPublishers.ofString(type.startsWith("multipart") ? "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--x--\r\n" : "{ me { id } }")));
        }
        client("POST /graphql without Content-Type", HttpRequest.newBuilder(uri("/graphql")).POST(HttpRequest.BodyPublishers.ofString(QUERY)));
        client("PUT /graphql with JSON", HttpRequest.newBuilder(uri("/graphql")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(QUERY)));
        client("GET /graphql with a body", HttpRequest.newBuilder(uri("/graphql?query=%7Bme%7Bid%7D%7D")).header("Content-Type", "application/json")
                .method("GET", HttpRequest.BodyPublishers.ofString(QUERY)));
        client("POST /logout as a form", HttpRequest.newBuilder(uri("/logout")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("a=%zz&b=" + "c".repeat(10_000))));
        client("POST /oauth/callback/spotify as a form", HttpRequest.newBuilder(uri("/oauth/callback/spotify"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("code=x&state=y")));
        client("POST /oauth/callback/spotify with JSON", HttpRequest.newBuilder(uri("/oauth/callback/spotify"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"x\",\"state\":\"y\"}")));
    }

    // ---- GraphQL ----------------------------------------------------------------------------------------------------

    private void graphql() {
        String aliases = IntStream.range(0, 2000).mapToObj(i -> "a" + i + ": me { id }").collect(Collectors.joining(" ", "{ ", " }"));
        String ids = IntStream.range(0, 1000).mapToObj(i -> "\"" + String.format("%022d", i) + "\"").collect(Collectors.joining(","));
        String introspection = "{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } }";
        List<String> queries = List.of("", "{", "}", "{ me { ", "query", "{ me { id } ", "{ \"unterminated }", "{ me(id: ) { id } }",
                "{ nope }", "{ me { nope } }", "{ me { id { deeper } } }", "{ playlist { id } }", "{ playlist(id: 5) { id } }",
                "{ playlist(id: \"\") { id } }", "{ playlist(id: \"" + "x".repeat(10_000) + "\") { id } }", "{ playlist(id: \"../../v1/me\") { id } }",
                "{ playlist(id: \"%2e%2e\") { id } }", "{ playlist(id: \"a b\") { name } }", "{ track(id: \"\\u0000\") { name } }",
                "{ tracks(ids: [" + ids + "]) { id } }", "{ tracks(ids: []) { id } }", "{ tracks(ids: null) { id } }",
                "{ me { playlists(first: -1) { totalCount } } }", "{ me { playlists(first: 99999999999999999999) { totalCount } } }",
                "{ me { playlists(first: 1.5) { totalCount } } }", "{ me { playlists(after: \"not-a-cursor\") { totalCount } } }",
                "{ me { playlists(after: \"" + "=".repeat(1000) + "\") { totalCount } } }", aliases, introspection,
                "fragment a on Query { ...b } fragment b on Query { ...a } { ...a }", "{ ...nope }", "{ me @nope { id } }",
                "{ me @skip(if: \"yes\") { id } }", "{ me @include { id } }", "subscription { me { id } }",
                "mutation { addTracksToPlaylist(playlistId: \"x\", trackIds: []) { id } }",
                "mutation { addTracksToPlaylist(playlistId: \"" + "x".repeat(5000) + "\", trackIds: [\"y\"]) { id } }",
                "mutation { removeTracksFromPlaylist(playlistId: \"nope\", trackIds: [" + ids + "]) { id } }",
                "query A { me { id } } query A { me { id } }", "{ me { id } } { me { id } }", "query ($x: Int!) { me { id } }",
                "query ($x: Nope) { me { id } }", "{ " + "me { id } ".repeat(5000) + "}", "{ " + "__typename ".repeat(20_000) + "}",
                "{ me { " + "f".repeat(50_000) + " } }", "{ me { id } } # " + "comment ".repeat(10_000), "{ me { id @" + "d ".repeat(1000) + "} }");
        for (String query : queries) {
            client("GraphQL " + abbreviate(query), post("/graphql", utf8(json(Map.of("query", query)))));
        }
        Map<String, Map<String, Object>> variables = new LinkedHashMap<>();
        variables.put("wrong type", Map.of("first", "many"));
        variables.put("missing required", Map.of());
        variables.put("unknown variable", Map.of("first", 1, "zzz", List.of(1, 2)));
        variables.put("null for non-null", new LinkedHashMap<>(java.util.Collections.singletonMap("first", null)));
        variables.put("huge number", Map.of("first", new java.math.BigInteger("9".repeat(400))));
        variables.put("object for int", Map.of("first", Map.of("a", 1)));
        variables.put("list of 100000", Map.of("first", IntStream.range(0, 100_000).boxed().toList()));
        for (Map.Entry<String, Map<String, Object>> entry : variables.entrySet()) {
            client("GraphQL variables " + entry.getKey(), post("/graphql", utf8(json(Map.of(
                    "query", "query ($first: Int!) { me { playlists(first: $first) { totalCount } } }", "variables", entry.getValue())))));
        }
        client("GraphQL operationName that does not exist", post("/graphql", utf8(json(Map.of("query", "query A { me { id } }", "operationName", "B")))));
        client("GraphQL two operations, none named", post("/graphql", utf8(json(Map.of("query", "query A { me { id } } query B { me { id } }")))));
        client("GraphQL mutation over GET", HttpRequest.newBuilder(uri("/graphql?query=" + encode(
                "mutation { addTracksToPlaylist(playlistId: \"x\", trackIds: [\"y\"]) { id } }"))).GET());
        client("GraphQL GET with variables that are not JSON", HttpRequest.newBuilder(uri("/graphql?query=" + encode("{ me { id } }") + "&variables=%7Bnope")).GET());
        client("GraphQL GET with variables that are a list", HttpRequest.newBuilder(uri("/graphql?query=" + encode("{ me { id } }") + "&variables=%5B1%5D")).GET());
    }

    // ---- helpers --------------------------------------------------------------------------------------------------------

    private void raw(String name, boolean head, byte[] request) {
        raw(name, head, request, false);
    }

    private void raw(String name, boolean head, byte[] request, boolean mayGoUnanswered) {
        raw(name, head, request, mayGoUnanswered, false);
    }

    private void raw(String name, boolean head, byte[] request, boolean mayGoUnanswered, boolean halfClose) {
        probes.add(new Probe("raw: " + name, port -> RawHttp.exchange(port, request, halfClose), head, mayGoUnanswered));
    }

    private void client(String name, HttpRequest.Builder request) {
        client(name, request, false);
    }

    private void client(String name, HttpRequest.Builder request, boolean mayGoUnanswered) {
        probes.add(new Probe("client: " + name, port -> send(port, request), false, mayGoUnanswered));
    }

    private static RawHttp.Answer send(int port, HttpRequest.Builder template) {
        HttpRequest built = template.copy().timeout(Duration.ofSeconds(30)).build();
        URI relative = built.uri();
        HttpRequest request = template.copy().uri(URI.create("http://127.0.0.1:" + port + relative.getRawPath()
                + (relative.getRawQuery() == null ? "" : "?" + relative.getRawQuery()))).timeout(Duration.ofSeconds(30)).build();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(", ", values)));
            return new RawHttp.Answer(response.statusCode(), headers, response.body());
        } catch (IOException e) {
            // The server may refuse a body before reading it (413) and close: the JDK client then reports the reset.
            return RawHttp.Answer.NONE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A placeholder base the client probes are written against; {@link #send} puts the server's port in. */
    private static URI uri(String pathAndQuery) {
        return URI.create("http://gateway" + pathAndQuery);
    }

    private static HttpRequest.Builder post(String route, byte[] body) {
        return HttpRequest.newBuilder(uri(route)).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    /** A request with Host and Connection: close, and Content-Length when there is a body and no framing header. */
    static byte[] request(String method, String target, List<String> headers, byte[] body) {
        return request(method, target, headers, body, true);
    }

    private static byte[] request(String method, String target, List<String> headers, byte[] body, boolean close) {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        if (close && headers.stream().noneMatch(h -> h.toLowerCase(Locale.ROOT).startsWith("connection:"))) {
            head.append("Connection: close\r\n");
        }
        boolean framed = headers.stream().map(h -> h.toLowerCase(Locale.ROOT))
                .anyMatch(h -> h.startsWith("content-length:") || h.startsWith("transfer-encoding:"));
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        if (body != null && !framed) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] start = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        return body == null ? start : concat(start, body);
    }

    private static byte[] chunk(byte[] body) {
        return concat(bytes(Integer.toHexString(body.length) + "\r\n"), body, bytes("\r\n0\r\n\r\n"));
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] deflate(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(out)) {
            deflate.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] garbage(int length) {
        byte[] bytes = new byte[length];
        new java.util.Random(14).nextBytes(bytes);
        return bytes;
    }

    static byte[] bytes(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static String json(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        String clean = text.replaceAll("[^\\x20-\\x7E]", "?");
        return clean.length() > 60 ? clean.substring(0, 60) + "...(" + text.length() + " chars)" : clean;
    }
}
