package dev.playlistgateway.app.security;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.playlistgateway.app.support.GraphQLJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A browser for tests: a real cookie jar (java.net.CookieManager honours Max-Age, Path and deletion),
 * redirects not followed so that each hop can be checked, and every response kept for inspection.
 */
public final class Browser {
    private static final ObjectMapper JSON = new ObjectMapper();

    public final CookieManager jar = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(jar).followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;

    public Browser(String base) {
        this.base = base;
    }

    public HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path)).GET();
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder.build());
    }

    public HttpResponse<String> post(String path, String contentType, String body, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder.build());
    }

    /** A GraphQL POST the way GraphiQL sends it (JSON); the parsed body. */
    public GraphQLResponse graphql(String query, String... headers) {
        try {
            String body = JSON.writeValueAsString(Map.of("query", query));
            return GraphQLResponse.of(post("/graphql", "application/json", body, headers));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A GraphQL GET with the query in the URL. */
    public GraphQLResponse graphqlGet(String query, String... headers) {
        return GraphQLResponse.of(get("/graphql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8), headers));
    }

    /**
     * Signs in the way a browser does: {@code /oauth/login/spotify} redirects to Spotify's authorize page;
     * Spotify (simulated) sends the browser back to the callback with {@code code} and the same state. Returns
     * the callback's response (a redirect with the session cookie, when it worked).
     */
    public HttpResponse<String> signInWithSpotify(String code, String... callbackHeaders) {
        HttpResponse<String> login = get("/oauth/login/spotify");
        if (login.statusCode() != 302) {
            throw new AssertionError("login answered " + login.statusCode() + ": " + login.body());
        }
        String state = queryOf(login.headers().firstValue("Location").orElseThrow()).get("state");
        return get("/oauth/callback/spotify?code=" + code + "&state=" + URLEncoder.encode(state, StandardCharsets.UTF_8),
                callbackHeaders);
    }

    /** The session cookie's value in the jar, or null. */
    public String sessionCookie() {
        return cookies().stream().filter(c -> c.getName().equals("pgw_session")).map(HttpCookie::getValue)
                .findFirst().orElse(null);
    }

    public List<HttpCookie> cookies() {
        return jar.getCookieStore().getCookies();
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The query parameters of a URL, decoded. */
    public static Map<String, String> queryOf(String url) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String query = URI.create(url).getRawQuery();
        if (query == null) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            parameters.put(name, value);
        }
        return parameters;
    }

    /** A GraphQL HTTP response: status, headers, and the JSON body as maps. */
    public record GraphQLResponse(int status, HttpResponse<String> raw, Map<String, Object> body) {
        public static GraphQLResponse of(HttpResponse<String> response) {
            try {
                Map<String, Object> body = response.body().isEmpty() ? Map.of()
                        : JSON.readValue(response.body(), new TypeReference<Map<String, Object>>() { });
                return new GraphQLResponse(response.statusCode(), response, body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON (HTTP " + response.statusCode() + "): " + response.body(), e);
            }
        }

        public <T> T at(String path) {
            return GraphQLJson.at(body, path);
        }

        public List<String> errorCodes() {
            return GraphQLJson.errorCodes(body);
        }
    }
}
