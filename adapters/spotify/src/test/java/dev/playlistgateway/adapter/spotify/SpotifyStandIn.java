package dev.playlistgateway.adapter.spotify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.playlistgateway.adapter.spotify.SpotifyFixtures.Shape;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntBinaryOperator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A Spotify at production size for tests and benchmarks: WireMock with one transformer that answers
 * the Web API and the accounts service dynamically, from a generated library, in Spotify's full-API
 * shapes ({@link SpotifyFixtures}, {@link Shape#EXTENDED}). Every call is counted per {@link Endpoint};
 * a latency per call and faults (429 with {@code Retry-After}, 503) can be switched at any time.
 *
 * <pre>{@code
 * try (SpotifyStandIn spotify = SpotifyStandIn.builder().users(1).playlists(50).tracks(100)
 *         .latency(Duration.ofMillis(10)).start()) {
 *     // gateway: spotify.api-url = spotify.accounts-url = spotify.baseUrl(), spotify.api-mode = extended
 *     // client:  Authorization: Bearer spotify.token(spotify.user(0))
 *     ... spotify.calls(Endpoint.PLAYLIST_ITEMS) ... spotify.resetCalls() ...
 *     spotify.fail(Fault.throttled(Duration.ofSeconds(30)));  ...  spotify.heal();
 * }
 * }</pre>
 *
 * <p><b>The library.</b> Users {@code user0, user1, ...}; user {@code u}'s Bearer token is
 * {@code token-user<u>} ({@link #token}); more tokens with {@link #acceptToken}, {@link #revokeToken}.
 * Each user owns {@code playlists} playlists of {@code tracks} items each (or of uneven sizes, from
 * {@link Builder#tracks(IntBinaryOperator)}); every fourth playlist
 * (index 3, 7, ...) is private: its owner's token reads it, anyone else gets 404, as Spotify answers.
 * Tracks come from a catalogue of {@code catalogueTracks} (shared across playlists and users: with
 * the defaults a user's 50 x 100 items are 4,020 distinct tracks), each by two of
 * {@code catalogueArtists} artists, on one of {@code catalogueTracks / 10} albums.
 * Everything is a pure function of the builder's numbers: two stand-ins with the same numbers answer
 * the same bytes.
 *
 * <p><b>The API.</b> {@code POST /api/token} (client credentials only: app token
 * {@value #APP_TOKEN}, valid an hour; other grants 400 {@code unsupported_grant_type});
 * {@code GET /v1/me}; {@code /v1/me/playlists} and {@code /v1/users/{id}/playlists} (offset/limit,
 * limit at most 50, public ones only for another user); {@code /v1/playlists/{id}} (the playlist with
 * its first items page of 100); {@code /v1/playlists/{id}/items} and {@code /tracks} (offset/limit,
 * at most 100); {@code /v1/tracks?ids=} and {@code /v1/artists?ids=} (at most 50, null for an unknown
 * id), {@code /v1/albums?ids=} (at most 20). A missing or unknown token is 401 with Spotify's error
 * body, an unknown path 404, a too large limit or too many ids 400. Writes are not served (404).
 *
 * <p><b>Outside JUnit.</b> {@link #main} starts one as a process and prints its URL; it is then
 * steered over HTTP: {@code GET /__standin/calls} (counts as JSON), {@code POST /__standin/reset},
 * {@code POST /__standin/fault?status=429&retryAfter=30} (or {@code status=503}),
 * {@code DELETE /__standin/fault}, {@code POST /__standin/latency?ms=10}. These are not counted.
 *
 * <p>Thread-safe: WireMock serves requests on many threads; counts, tokens, latency and faults may be
 * changed from any thread while it runs. The request journal is off (a long load would fill the heap):
 * count with {@link #calls}, not WireMock's {@code verify}.
 */
public final class SpotifyStandIn implements AutoCloseable {

    /** The app token the client-credentials grant hands out. */
    public static final String APP_TOKEN = "standin-app-token";

    /** What a call asked for; {@link #OTHER} for anything the stand-in does not serve. */
    public enum Endpoint {
        TOKEN, ME, MY_PLAYLISTS, USER_PLAYLISTS, PLAYLIST, PLAYLIST_ITEMS, TRACKS, ARTISTS, ALBUMS, OTHER
    }

    /**
     * An answer that replaces the real one: {@link #throttled} (429 with {@code Retry-After} in whole
     * seconds, as Spotify sends it) or {@link #unavailable} (503).
     */
    public record Fault(int status, Duration retryAfter) {
        public Fault {
            if (status != 429 && status != 503) {
                throw new IllegalArgumentException("a fault is 429 or 503, not " + status);
            }
            Objects.requireNonNull(retryAfter, "retryAfter");
        }

        public static Fault throttled(Duration retryAfter) {
            return new Fault(429, retryAfter);
        }

        public static Fault unavailable() {
            return new Fault(503, Duration.ZERO);
        }
    }

    /** The numbers of a stand-in; {@link #start()} makes it. */
    public static final class Builder {
        private int port;
        private int users = 1;
        private int playlists = 50;
        private IntBinaryOperator sizes = (user, playlist) -> 100;
        private int catalogueTracks = 10_000;
        private int catalogueArtists = 200;
        private Duration latency = Duration.ZERO;

        private Builder() {
        }

        /** The TCP port on 127.0.0.1; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** How many users (default 1). */
        public Builder users(int users) {
            this.users = atLeast(1, users, "users");
            return this;
        }

        /** Playlists per user (default 50). */
        public Builder playlists(int playlists) {
            this.playlists = atLeast(0, playlists, "playlists");
            return this;
        }

        /** Items per playlist (default 100). */
        public Builder tracks(int tracks) {
            atLeast(0, tracks, "tracks");
            this.sizes = (user, playlist) -> tracks;
            return this;
        }

        /**
         * Items of each playlist, from the user's index and the playlist's: a library of uneven
         * playlists, as real ones are (benchmarks). Must be a pure function, at least 0.
         */
        public Builder tracks(IntBinaryOperator itemsOfPlaylist) {
            this.sizes = Objects.requireNonNull(itemsOfPlaylist, "itemsOfPlaylist");
            return this;
        }

        /** Distinct tracks in the catalogue the playlists draw from (default 10,000). */
        public Builder catalogueTracks(int catalogueTracks) {
            this.catalogueTracks = atLeast(1, catalogueTracks, "catalogueTracks");
            return this;
        }

        /** Distinct artists (default 200). */
        public Builder catalogueArtists(int catalogueArtists) {
            this.catalogueArtists = atLeast(2, catalogueArtists, "catalogueArtists");
            return this;
        }

        /** Added to every answer (default none); {@link SpotifyStandIn#latency(Duration)} changes it later. */
        public Builder latency(Duration latency) {
            this.latency = Objects.requireNonNull(latency, "latency");
            return this;
        }

        public SpotifyStandIn start() {
            return new SpotifyStandIn(this);
        }

        private static int atLeast(int min, int value, String name) {
            if (value < min) {
                throw new IllegalArgumentException(name + " must be at least " + min + ", was " + value);
            }
            return value;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    private final int playlistsPerUser;
    private final IntBinaryOperator sizes;
    private final int catalogueTracks;
    private final int catalogueArtists;
    private final List<String> users = new ArrayList<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();   // access token -> user id
    private final AtomicLongArray calls = new AtomicLongArray(Endpoint.values().length);
    private final AtomicReference<Duration> latency;
    private final AtomicReference<Failing> failing = new AtomicReference<>();
    private final WireMockServer server;

    private record Failing(Fault fault, Set<Endpoint> endpoints) {
    }

    private SpotifyStandIn(Builder builder) {
        this.playlistsPerUser = builder.playlists;
        this.sizes = builder.sizes;
        this.catalogueTracks = builder.catalogueTracks;
        this.catalogueArtists = builder.catalogueArtists;
        this.latency = new AtomicReference<>(builder.latency);
        for (int u = 0; u < builder.users; u++) {
            users.add("user" + u);
            tokens.put("token-user" + u, "user" + u);
        }
        server = new WireMockServer(options().bindAddress("127.0.0.1").port(builder.port)
                .disableRequestJournal()
                .stubRequestLoggingDisabled(true)
                .containerThreads(64)
                .asynchronousResponseEnabled(true) // latency waits on a timer, not on a Jetty thread
                .asynchronousResponseThreads(8)
                .extensions(new Api()));
        server.start();
        server.stubFor(WireMock.any(WireMock.anyUrl()).willReturn(aResponse().withTransformers(Api.NAME)));
    }

    // ------------------------------------------------------------------ what tests use

    /** {@code http://127.0.0.1:PORT}: both {@code spotify.api-url} and {@code spotify.accounts-url}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    public int port() {
        return server.port();
    }

    /** The gateway's settings for Spotify mode against this stand-in (full API, no read retries). */
    public Map<String, String> gatewayProperties() {
        return Map.of(
                "spotify.client-id", "standin-client",
                "spotify.client-secret", "standin-secret",
                "spotify.api-url", baseUrl(),
                "spotify.accounts-url", baseUrl(),
                "spotify.api-mode", "extended",
                "spotify.read-retries", "0");
    }

    /** The id of user {@code index} ({@code user<index>}). */
    public String user(int index) {
        return users.get(index);
    }

    /** The generated Bearer token of {@code user} ({@code token-<user>}). */
    public String token(String user) {
        return "token-" + user;
    }

    /** Spotify accepts {@code accessToken} as {@code user}'s (a user of the library or any other id: one with no playlists). */
    public void acceptToken(String accessToken, String user) {
        tokens.put(Objects.requireNonNull(accessToken, "accessToken"), Objects.requireNonNull(user, "user"));
    }

    /** Spotify no longer accepts {@code accessToken}: 401 "The access token expired". */
    public void revokeToken(String accessToken) {
        tokens.remove(accessToken);
    }

    /** The id of playlist {@code index} of {@code user}. */
    public String playlistId(String user, int index) {
        return SpotifyFixtures.id('p', userIndex(user) * 10_000 + index);
    }

    /** Whether the library's playlist {@code index} is private (every fourth: 3, 7, 11, ...). */
    public static boolean isPrivate(int index) {
        return index % 4 == 3;
    }

    /** Calls to {@code endpoint} since the start or the last {@link #resetCalls()}, faulted ones included. */
    public long calls(Endpoint endpoint) {
        return calls.get(endpoint.ordinal());
    }

    /** Every call counted, per endpoint (zeros included), in {@link Endpoint} order. */
    public Map<Endpoint, Long> calls() {
        Map<Endpoint, Long> all = new EnumMap<>(Endpoint.class);
        for (Endpoint endpoint : Endpoint.values()) {
            all.put(endpoint, calls(endpoint));
        }
        return all;
    }

    /** Calls to the Web API and the accounts service together. */
    public long totalCalls() {
        long total = 0;
        for (int i = 0; i < calls.length(); i++) {
            total += calls.get(i);
        }
        return total;
    }

    public void resetCalls() {
        for (int i = 0; i < calls.length(); i++) {
            calls.set(i, 0);
        }
    }

    /** Every answer from now on waits this long first. */
    public void latency(Duration latency) {
        this.latency.set(Objects.requireNonNull(latency, "latency"));
    }

    /** Every Web API call (not {@code /api/token}) answers {@code fault} until {@link #heal()}. */
    public void fail(Fault fault) {
        EnumSet<Endpoint> api = EnumSet.allOf(Endpoint.class);
        api.remove(Endpoint.TOKEN);
        fail(fault, api.toArray(Endpoint[]::new));
    }

    /** Calls to these endpoints answer {@code fault} until {@link #heal()}. */
    public void fail(Fault fault, Endpoint... endpoints) {
        Objects.requireNonNull(fault, "fault");
        failing.set(new Failing(fault, endpoints.length == 0 ? EnumSet.noneOf(Endpoint.class)
                : EnumSet.copyOf(Arrays.asList(endpoints))));
    }

    /** Ends any fault. */
    public void heal() {
        failing.set(null);
    }

    @Override
    public void close() {
        server.stop();
    }

    /**
     * Runs a stand-in until the process is killed. Arguments, all optional: {@code --port=0},
     * {@code --users=1}, {@code --playlists=50}, {@code --tracks=100}, {@code --catalogue-tracks=1000},
     * {@code --catalogue-artists=200}, {@code --latency-ms=10}. Prints {@code SpotifyStandIn <url>} and
     * the users' tokens on standard output.
     */
    public static void main(String[] args) throws InterruptedException {
        Builder builder = builder().latency(Duration.ofMillis(10));
        for (String arg : args) {
            String[] parts = arg.replaceFirst("^--", "").split("=", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
            int value = Integer.parseInt(parts[1]);
            switch (parts[0]) {
                case "port" -> builder.port(value);
                case "users" -> builder.users(value);
                case "playlists" -> builder.playlists(value);
                case "tracks" -> builder.tracks(value);
                case "catalogue-tracks" -> builder.catalogueTracks(value);
                case "catalogue-artists" -> builder.catalogueArtists(value);
                case "latency-ms" -> builder.latency(Duration.ofMillis(value));
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        SpotifyStandIn standIn = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(standIn::close, "spotify-stand-in-stop"));
        System.out.println("SpotifyStandIn " + standIn.baseUrl());
        standIn.users.forEach(user -> System.out.println("user " + user + " token " + standIn.token(user)));
        System.out.flush();
        Thread.currentThread().join();
    }

    // ------------------------------------------------------------------ the library

    private int userIndex(String user) {
        int index = users.indexOf(user);
        if (index < 0) {
            throw new IllegalArgumentException("not a user of the library: " + user);
        }
        return index;
    }

    /** Library playlist behind an id, or null: {@code [user index, playlist index]}. */
    private int[] playlistAt(String id) {
        if (id.length() != 22 || id.charAt(0) != 'p') {
            return null;
        }
        long n;
        try {
            n = Long.parseLong(id.substring(1));
        } catch (NumberFormatException e) {
            return null;
        }
        int user = (int) (n / 10_000);
        int index = (int) (n % 10_000);
        return user < users.size() && index < playlistsPerUser ? new int[] {user, index} : null;
    }

    /**
     * Item {@code j} of playlist {@code index} of user {@code user}: playlist {@code i} holds tracks
     * {@code 80 i ...}, so neighbours share 20 of 100 (50 x 100 items are 4,020 distinct tracks), and
     * users overlap too.
     */
    private int trackAt(int user, int index, int j) {
        return (int) (((long) user * 7_919 + (long) index * 80 + j) % catalogueTracks);
    }

    private int sizeOf(int user, int index) {
        int size = sizes.applyAsInt(user, index);
        if (size < 0) {
            throw new IllegalStateException("playlist " + index + " of user" + user + " has " + size + " items");
        }
        return size;
    }

    private String trackId(int t) {
        return SpotifyFixtures.id('t', t);
    }

    private String artistId(int a) {
        return SpotifyFixtures.id('r', a);
    }

    private ObjectNode track(int t) {
        ObjectNode track = SpotifyFixtures.track(trackId(t), Shape.EXTENDED);
        ObjectNode album = SpotifyFixtures.album(SpotifyFixtures.id('a', t / 10), Shape.EXTENDED);
        album.putArray("artists").add(SpotifyFixtures.artist(artistId(t % catalogueArtists), Shape.EXTENDED));
        track.set("album", album);
        track.putArray("artists")
                .add(SpotifyFixtures.artist(artistId(t % catalogueArtists), Shape.EXTENDED))
                .add(SpotifyFixtures.artist(artistId((t * 31 + 1) % catalogueArtists), Shape.EXTENDED));
        return track;
    }

    private ObjectNode itemsPage(int user, int index, int offset, int limit) {
        int size = sizeOf(user, index);
        List<ObjectNode> entries = new ArrayList<>();
        for (int j = offset; j < Math.min(size, offset + limit); j++) {
            entries.add(SpotifyFixtures.entry(track(trackAt(user, index, j)), Shape.EXTENDED));
        }
        return SpotifyFixtures.paging("/v1/playlists/" + playlistId(users.get(user), index) + "/items",
                entries, offset, limit, size);
    }

    private ObjectNode simplePlaylist(int user, int index) {
        ObjectNode playlist = SpotifyFixtures.simplePlaylist(playlistId(users.get(user), index), users.get(user),
                sizeOf(user, index), Shape.EXTENDED);
        return decorate(playlist, user, index);
    }

    private ObjectNode fullPlaylist(int user, int index) {
        ObjectNode playlist = SpotifyFixtures.fullPlaylist(playlistId(users.get(user), index), users.get(user),
                itemsPage(user, index, 0, 100), Shape.EXTENDED);
        return decorate(playlist, user, index);
    }

    private ObjectNode decorate(ObjectNode playlist, int user, int index) {
        playlist.put("public", !isPrivate(index));
        playlist.put("snapshot_id", "standin-" + user + "-" + index + "-1");
        playlist.put("name", "Playlist " + index + " of " + users.get(user));
        return playlist;
    }

    private static ObjectNode userObject(String id) {
        ObjectNode user = SpotifyFixtures.JSON.createObjectNode();
        user.put("country", "SE");
        user.put("display_name", "Display " + id);
        user.put("email", id + "@example.com");
        user.putObject("external_urls").put("spotify", "https://open.spotify.com/user/" + id);
        user.putObject("followers").putNull("href").put("total", 0);
        user.put("href", SpotifyFixtures.API + "/v1/users/" + id).put("id", id);
        user.putArray("images");
        user.put("product", "premium").put("type", "user").put("uri", "spotify:user:" + id);
        return user;
    }

    // ------------------------------------------------------------------ answering

    /** An answer before latency: status and body. */
    private record Answer(int status, String body, Map<String, String> headers) {
        static Answer ok(Object body) {
            return new Answer(200, body.toString(), Map.of());
        }

        static Answer error(int status, String message) {
            return new Answer(status, SpotifyFixtures.error(status, message), Map.of());
        }
    }

    private final class Api implements ResponseDefinitionTransformerV2 {
        static final String NAME = "spotify-stand-in";

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            LoggedRequest request = event.getRequest();
            String url = request.getUrl();
            int q = url.indexOf('?');
            String path = q < 0 ? url : url.substring(0, q);
            Map<String, String> query = query(q < 0 ? "" : url.substring(q + 1));
            if (path.startsWith("/__standin/")) {
                return respond(control(request.getMethod().getName(), path, query), Duration.ZERO);
            }
            Endpoint endpoint = endpointOf(request.getMethod().getName(), path);
            calls.incrementAndGet(endpoint.ordinal());
            Failing now = failing.get();
            Answer answer;
            if (now != null && now.endpoints().contains(endpoint)) {
                answer = faultAnswer(now.fault());
            } else {
                try {
                    answer = answer(endpoint, path, query, request);
                } catch (RuntimeException e) {
                    answer = Answer.error(500, "Stand-in failed: " + e);
                }
            }
            return respond(answer, latency.get());
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return NAME;
        }
    }

    private static ResponseDefinition respond(Answer answer, Duration delay) {
        ResponseDefinitionBuilder response = aResponse().withStatus(answer.status())
                .withHeader("Content-Type", "application/json; charset=utf-8").withBody(answer.body());
        answer.headers().forEach(response::withHeader);
        if (!delay.isZero()) {
            response.withFixedDelay((int) delay.toMillis());
        }
        return response.build();
    }

    private static Answer faultAnswer(Fault fault) {
        if (fault.status() == 429) {
            long seconds = Math.max(1, (fault.retryAfter().toMillis() + 999) / 1000);
            return new Answer(429, SpotifyFixtures.error(429, "API rate limit exceeded"),
                    Map.of("Retry-After", Long.toString(seconds)));
        }
        return Answer.error(503, "Service unavailable");
    }

    private static Endpoint endpointOf(String method, String path) {
        if (path.equals("/api/token")) {
            return method.equals("POST") ? Endpoint.TOKEN : Endpoint.OTHER;
        }
        if (!method.equals("GET")) {
            return Endpoint.OTHER;
        }
        String[] parts = path.split("/"); // "", v1, ...
        if (parts.length < 3 || !parts[1].equals("v1")) {
            return Endpoint.OTHER;
        }
        return switch (parts[2]) {
            case "me" -> parts.length == 3 ? Endpoint.ME
                    : parts.length == 4 && parts[3].equals("playlists") ? Endpoint.MY_PLAYLISTS : Endpoint.OTHER;
            case "users" -> parts.length == 5 && parts[4].equals("playlists") ? Endpoint.USER_PLAYLISTS : Endpoint.OTHER;
            case "playlists" -> parts.length == 4 ? Endpoint.PLAYLIST
                    : parts.length == 5 && (parts[4].equals("items") || parts[4].equals("tracks"))
                    ? Endpoint.PLAYLIST_ITEMS : Endpoint.OTHER;
            case "tracks" -> parts.length == 3 ? Endpoint.TRACKS : Endpoint.OTHER;
            case "artists" -> parts.length == 3 ? Endpoint.ARTISTS : Endpoint.OTHER;
            case "albums" -> parts.length == 3 ? Endpoint.ALBUMS : Endpoint.OTHER;
            default -> Endpoint.OTHER;
        };
    }

    private Answer answer(Endpoint endpoint, String path, Map<String, String> query, LoggedRequest request) {
        if (endpoint == Endpoint.TOKEN) {
            String body = request.getBodyAsString();
            return body != null && body.contains("grant_type=client_credentials")
                    ? Answer.ok("{\"access_token\":\"" + APP_TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}")
                    : new Answer(400, "{\"error\":\"unsupported_grant_type\"}", Map.of());
        }
        if (endpoint == Endpoint.OTHER) {
            return Answer.error(404, "Service not found");
        }
        String authorization = request.getHeader("Authorization");
        String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : "";
        boolean app = token.equals(APP_TOKEN);
        String user = app ? null : tokens.get(token);
        if (!app && user == null) {
            return Answer.error(401, token.isEmpty() ? "No token provided" : "The access token expired");
        }
        String[] parts = path.split("/");
        switch (endpoint) {
            case ME -> {
                return app ? Answer.error(401, "This request requires user authentication.") : Answer.ok(userObject(user));
            }
            case MY_PLAYLISTS -> {
                if (app) {
                    return Answer.error(401, "This request requires user authentication.");
                }
                return playlistsOf(user, true, path, query);
            }
            case USER_PLAYLISTS -> {
                String owner = decode(parts[3]);
                return playlistsOf(owner, owner.equals(user), path, query);
            }
            case PLAYLIST, PLAYLIST_ITEMS -> {
                int[] at = playlistAt(parts[3]);
                if (at == null || (isPrivate(at[1]) && !users.get(at[0]).equals(user))) {
                    return Answer.error(404, "Resource not found");
                }
                if (endpoint == Endpoint.PLAYLIST) {
                    return Answer.ok(fullPlaylist(at[0], at[1]));
                }
                Integer[] window = window(query, 100);
                if (window == null) {
                    return Answer.error(400, "Invalid limit");
                }
                ObjectNode page = itemsPage(at[0], at[1], window[0], window[1]);
                page.put("href", SpotifyFixtures.API + path + "?offset=" + window[0] + "&limit=" + window[1]);
                return Answer.ok(page);
            }
            case TRACKS -> {
                return several(query, 50, "tracks", id -> catalogueIndex(id, 't', catalogueTracks),
                        this::track);
            }
            case ARTISTS -> {
                return several(query, 50, "artists", id -> catalogueIndex(id, 'r', catalogueArtists),
                        a -> SpotifyFixtures.fullArtist(artistId(a), Shape.EXTENDED));
            }
            case ALBUMS -> {
                return several(query, 20, "albums", id -> catalogueIndex(id, 'a', (catalogueTracks + 9) / 10),
                        a -> SpotifyFixtures.album(SpotifyFixtures.id('a', a), Shape.EXTENDED));
            }
            default -> {
                return Answer.error(404, "Service not found");
            }
        }
    }

    private Answer playlistsOf(String owner, boolean own, String path, Map<String, String> query) {
        Integer[] window = window(query, 50);
        if (window == null) {
            return Answer.error(400, "Invalid limit");
        }
        int user = users.indexOf(owner);
        List<ObjectNode> visible = new ArrayList<>();
        if (user >= 0) {
            for (int i = 0; i < playlistsPerUser; i++) {
                if (own || !isPrivate(i)) {
                    visible.add(simplePlaylist(user, i));
                }
            }
        }
        int from = Math.min(window[0], visible.size());
        int to = Math.min(visible.size(), window[0] + window[1]);
        return Answer.ok(SpotifyFixtures.paging(path, visible.subList(from, to), window[0], window[1], visible.size()));
    }

    private interface Lookup {
        int index(String id);
    }

    private interface Render {
        ObjectNode render(int index);
    }

    private Answer several(Map<String, String> query, int max, String field, Lookup lookup, Render render) {
        String ids = query.get("ids");
        if (ids == null || ids.isBlank()) {
            return Answer.error(400, "invalid id");
        }
        String[] split = ids.split(",");
        if (split.length > max) {
            return Answer.error(400, "Too many ids requested");
        }
        ObjectNode body = SpotifyFixtures.JSON.createObjectNode();
        ArrayNode values = body.putArray(field);
        for (String id : split) {
            int index = lookup.index(id);
            if (index < 0) {
                values.addNull();
            } else {
                values.add(render.render(index));
            }
        }
        return Answer.ok(body);
    }

    private static int catalogueIndex(String id, char prefix, int size) {
        if (id.length() != 22 || id.charAt(0) != prefix) {
            return -1;
        }
        try {
            long n = Long.parseLong(id.substring(1));
            return n < size ? (int) n : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** {@code [offset, limit]} from the query (defaults 0 and 20, as Spotify's), or null when the limit is out of range. */
    private static Integer[] window(Map<String, String> query, int maxLimit) {
        try {
            int offset = Integer.parseInt(query.getOrDefault("offset", "0"));
            int limit = Integer.parseInt(query.getOrDefault("limit", "20"));
            if (offset < 0 || limit < 1 || limit > maxLimit) {
                return null;
            }
            return new Integer[] {offset, limit};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            query.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return query;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ control over HTTP (process mode)

    private Answer control(String method, String path, Map<String, String> query) {
        switch (method + " " + path) {
            case "GET /__standin/calls" -> {
                ObjectNode counts = SpotifyFixtures.JSON.createObjectNode();
                calls().forEach((endpoint, count) -> counts.put(endpoint.name(), count));
                counts.put("total", totalCalls());
                return Answer.ok(counts);
            }
            case "POST /__standin/reset" -> {
                resetCalls();
                return Answer.ok("{}");
            }
            case "POST /__standin/fault" -> {
                int status = Integer.parseInt(query.getOrDefault("status", "503"));
                fail(status == 429 ? Fault.throttled(Duration.ofSeconds(Long.parseLong(query.getOrDefault("retryAfter", "30"))))
                        : Fault.unavailable());
                return Answer.ok("{}");
            }
            case "DELETE /__standin/fault" -> {
                heal();
                return Answer.ok("{}");
            }
            case "POST /__standin/latency" -> {
                latency(Duration.ofMillis(Long.parseLong(query.getOrDefault("ms", "0"))));
                return Answer.ok("{}");
            }
            default -> {
                return Answer.error(404, "No such control: " + method + " " + path);
            }
        }
    }
}
