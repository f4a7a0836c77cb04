package dev.playlistgateway.bench.naive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLObjectType;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The naive baseline: the gateway's schema resolved field by field, as a first GraphQL server over a
 * REST API is written. Every field that needs data makes its own Spotify call when it is resolved,
 * with no DataLoader (no batching, no de-duplication within a request) and no cache (nothing kept
 * between requests). Calls run asynchronously, as such a server's resolvers would (at most
 * {@value #MAX_CONCURRENT_CALLS} at once, as a connection pool allows), so independent fields still
 * overlap in time; only their number differs from the gateway's.
 *
 * <p>Only the fields the bench's queries use are resolved (the rest answer null): the viewer and
 * their playlists, a playlist, its items with their tracks, albums and artists, and an artist's
 * genres (one {@code /v1/artists} call per artist credit). Cursors are plain offsets.
 */
public final class NaiveGateway implements AutoCloseable {

    /** Calls in flight at once, as an HTTP client's connection pool bounds them. */
    private static final int MAX_CONCURRENT_CALLS = 32;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String spotify;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final GraphQL graphql;
    private final ExecutorService calls = Executors.newFixedThreadPool(MAX_CONCURRENT_CALLS);

    public NaiveGateway(String spotifyBaseUrl) {
        this.spotify = spotifyBaseUrl;
        this.graphql = GraphQL.newGraphQL(new SchemaGenerator().makeExecutableSchema(
                new SchemaParser().parse(schema()), wiring())).build();
    }

    /** The answer's data for a viewer's token, as a JSON tree; fails on any GraphQL error. */
    public JsonNode data(String query, String token) {
        ExecutionResult result = graphql.execute(ExecutionInput.newExecutionInput(query)
                .graphQLContext(Map.of("token", token)).build());
        if (!result.getErrors().isEmpty()) {
            throw new IllegalStateException("naive baseline: " + result.getErrors().get(0));
        }
        return JSON.valueToTree(result.getData());
    }

    private RuntimeWiring wiring() {
        return RuntimeWiring.newRuntimeWiring()
                .type("Query", type -> type
                        .dataFetcher("me", env -> get(env, "/v1/me").thenApply(NaiveGateway::user))
                        .dataFetcher("playlist", env -> get(env, "/v1/playlists/" + bare(env.getArgument("id")))
                                .thenApply(NaiveGateway::playlist)))
                .type("User", type -> type.dataFetcher("playlists", env -> {
                    int first = env.getArgumentOrDefault("first", 20);
                    int offset = offset(env);
                    return get(env, "/v1/me/playlists?offset=" + offset + "&limit=" + first).thenApply(page -> {
                        List<Map<String, Object>> nodes = new ArrayList<>();
                        page.path("items").forEach(p -> nodes.add(playlist(p)));
                        return connection(page, offset, nodes);
                    });
                }))
                .type("Playlist", type -> type.dataFetcher("tracks", env -> {
                    Map<String, Object> playlist = env.getSource();
                    int first = env.getArgumentOrDefault("first", 100);
                    int offset = offset(env);
                    return get(env, "/v1/playlists/" + playlist.get("spotifyId") + "/tracks?offset=" + offset
                            + "&limit=" + first).thenApply(page -> {
                        List<Map<String, Object>> edges = new ArrayList<>();
                        List<Map<String, Object>> nodes = new ArrayList<>();
                        int i = offset;
                        for (JsonNode entry : page.path("items")) {
                            Map<String, Object> track = track(entry.path("track"));
                            Map<String, Object> edge = new LinkedHashMap<>();
                            edge.put("cursor", Integer.toString(++i));
                            edge.put("addedAt", entry.path("added_at").asText(null));
                            edge.put("node", track);
                            edge.put("track", track);
                            edges.add(edge);
                            nodes.add(track);
                        }
                        Map<String, Object> connection = connection(page, offset, nodes);
                        connection.put("edges", edges);
                        return connection;
                    });
                }))
                .type("Artist", type -> type.dataFetcher("genres", env -> {
                    Map<String, Object> artist = env.getSource();
                    return get(env, "/v1/artists?ids=" + artist.get("spotifyId")).thenApply(answer -> {
                        List<String> genres = new ArrayList<>();
                        answer.path("artists").path(0).path("genres").forEach(g -> genres.add(g.asText()));
                        return genres;
                    });
                }))
                .type("Node", type -> type.typeResolver(env -> {
                    Map<String, Object> object = env.getObject();
                    return (GraphQLObjectType) env.getSchema().getType((String) object.get("__type"));
                }))
                .build();
    }

    private CompletableFuture<JsonNode> get(DataFetchingEnvironment env, String path) {
        String token = env.getGraphQlContext().get("token");
        HttpRequest request = HttpRequest.newBuilder(URI.create(spotify + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).GET().build();
        return CompletableFuture.supplyAsync(() -> {
            try {
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(path + ": HTTP " + response.statusCode());
                }
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }, calls);
    }

    @Override
    public void close() {
        calls.shutdownNow();
    }

    private static int offset(DataFetchingEnvironment env) {
        String after = env.getArgument("after");
        return after == null ? 0 : Integer.parseInt(after);
    }

    private static Map<String, Object> connection(JsonNode page, int offset, List<Map<String, Object>> nodes) {
        int total = page.path("total").asInt();
        int end = offset + nodes.size();
        Map<String, Object> pageInfo = new LinkedHashMap<>();
        pageInfo.put("hasNextPage", end < total);
        pageInfo.put("hasPreviousPage", offset > 0);
        pageInfo.put("startCursor", nodes.isEmpty() ? null : Integer.toString(offset));
        pageInfo.put("endCursor", nodes.isEmpty() ? null : Integer.toString(end));
        Map<String, Object> connection = new LinkedHashMap<>();
        connection.put("totalCount", total);
        connection.put("nodes", nodes);
        connection.put("pageInfo", pageInfo);
        return connection;
    }

    private static Map<String, Object> user(JsonNode user) {
        Map<String, Object> map = node("User", "spotify:user:", user.path("id").asText());
        map.put("displayName", user.path("display_name").asText(null));
        return map;
    }

    private static Map<String, Object> playlist(JsonNode playlist) {
        Map<String, Object> map = node("Playlist", "spotify:playlist:", playlist.path("id").asText());
        map.put("name", playlist.path("name").asText());
        map.put("description", playlist.path("description").asText(null));
        map.put("public", playlist.path("public").asBoolean());
        map.put("collaborative", playlist.path("collaborative").asBoolean());
        map.put("snapshotId", playlist.path("snapshot_id").asText());
        map.put("owner", user(playlist.path("owner")));
        map.put("trackCount", playlist.path("tracks").path("total").asInt());
        return map;
    }

    private static Map<String, Object> track(JsonNode track) {
        Map<String, Object> map = node("Track", "spotify:track:", track.path("id").asText());
        map.put("name", track.path("name").asText());
        map.put("durationMs", track.path("duration_ms").asInt());
        map.put("explicit", track.path("explicit").asBoolean());
        map.put("popularity", track.path("popularity").isNumber() ? track.path("popularity").asInt() : null);
        map.put("uri", track.path("uri").asText());
        JsonNode album = track.path("album");
        Map<String, Object> albumMap = node("Album", "spotify:album:", album.path("id").asText());
        albumMap.put("name", album.path("name").asText());
        albumMap.put("releaseDate", album.path("release_date").asText(null));
        map.put("album", albumMap);
        List<Map<String, Object>> artists = new ArrayList<>();
        for (JsonNode artist : track.path("artists")) {
            Map<String, Object> artistMap = node("Artist", "spotify:artist:", artist.path("id").asText());
            artistMap.put("name", artist.path("name").asText());
            artists.add(artistMap);
        }
        map.put("artists", artists);
        return map;
    }

    private static Map<String, Object> node(String type, String uriPrefix, String id) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("__type", type);
        map.put("id", uriPrefix + id);
        map.put("spotifyId", id);
        return map;
    }

    private static String bare(String id) {
        String bare = id.substring(id.lastIndexOf(':') + 1);
        return URLEncoder.encode(bare, StandardCharsets.UTF_8);
    }

    /** The gateway's schema, from the checkout the run was started in (bench.schema overrides the path). */
    private static String schema() {
        Path path = Path.of(System.getProperty("bench.schema", "app/src/main/resources/schema.graphqls"));
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the schema at " + path.toAbsolutePath(), e);
        }
    }
}
