package dev.playlistgateway.app.graphql;

import dev.playlistgateway.app.graphql.Connections.Connection;
import dev.playlistgateway.app.graphql.Connections.Edge;
import dev.playlistgateway.app.graphql.Connections.PageInfo;
import dev.playlistgateway.app.graphql.Connections.TrackConnection;
import dev.playlistgateway.app.graphql.Connections.TrackEdge;
import dev.playlistgateway.app.graphql.GlobalIds.GlobalId;
import dev.playlistgateway.app.graphql.GlobalIds.Kind;
import dev.playlistgateway.domain.model.Album;
import dev.playlistgateway.domain.model.AlbumId;
import dev.playlistgateway.domain.model.Artist;
import dev.playlistgateway.domain.model.ArtistId;
import dev.playlistgateway.domain.model.InvalidInputException;
import dev.playlistgateway.domain.model.Page;
import dev.playlistgateway.domain.model.PageRequest;
import dev.playlistgateway.domain.model.Playlist;
import dev.playlistgateway.domain.model.PlaylistId;
import dev.playlistgateway.domain.model.PlaylistItem;
import dev.playlistgateway.domain.model.Track;
import dev.playlistgateway.domain.model.TrackId;
import dev.playlistgateway.domain.model.User;
import dev.playlistgateway.domain.model.UserId;
import dev.playlistgateway.domain.service.ItemsWindow;
import dev.playlistgateway.domain.service.PlaylistService;
import graphql.GraphQLError;
import graphql.TypeResolutionEnvironment;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLObjectType;
import graphql.schema.idl.RuntimeWiring;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import static graphql.schema.idl.TypeRuntimeWiring.newTypeWiring;

/**
 * The data fetchers of schema.graphqls, one per field that is not a plain read of a record
 * component. They talk to the domain's {@link PlaylistService} and the request's DataLoaders only,
 * never to an adapter. Track, artist and items reads go through the DataLoaders so that a level of
 * the query costs one batch. Every fetcher here that makes a load of its own serves a nullable field
 * (the nullability rule at the top of schema.graphqls): when its load is refused or fails, the error
 * carries that field's path and the rest of the answer stays.
 */
@Singleton
final class GatewayDataFetchers {

    /** Most ids one {@code tracks(ids:)} field takes; {@link GatewayRequest#MAX_IDS_PER_REQUEST} bounds the request. */
    static final int MAX_TRACK_IDS = 100;
    static final int MAX_PLAYLISTS_PAGE = 50;

    private final PlaylistService service;
    private final GatewayExceptionHandler errors;

    GatewayDataFetchers(PlaylistService service, GatewayExceptionHandler errors) {
        this.service = service;
        this.errors = errors;
    }

    RuntimeWiring wiring() {
        return RuntimeWiring.newRuntimeWiring()
                .wiringFactory(new RecordFields())
                .type(newTypeWiring("Node").typeResolver(this::nodeType))
                .type(newTypeWiring("Query")
                        .dataFetcher("node", this::node)
                        .dataFetcher("nodes", this::nodes)
                        .dataFetcher("me", this::me)
                        .dataFetcher("playlist", this::playlist)
                        .dataFetcher("track", this::track)
                        .dataFetcher("tracks", this::tracks)
                        .dataFetcher("artist", this::artist))
                .type(newTypeWiring("Mutation")
                        .dataFetcher("addTracksToPlaylist", env -> mutate(env, true))
                        .dataFetcher("removeTracksFromPlaylist", env -> mutate(env, false)))
                .type(newTypeWiring("User")
                        .dataFetcher("id", env -> GlobalIds.of(Kind.USER, userIdOf(env.getSource()).value()))
                        .dataFetcher("spotifyId", env -> userIdOf(env.getSource()).value())
                        .dataFetcher("displayName", this::displayName)
                        .dataFetcher("playlists", this::userPlaylists))
                .type(newTypeWiring("Playlist")
                        .dataFetcher("id", source(Playlist.class, p -> GlobalIds.of(Kind.PLAYLIST, p.id().value())))
                        .dataFetcher("spotifyId", source(Playlist.class, p -> p.id().value()))
                        .dataFetcher("public", source(Playlist.class, Playlist::isPublic))
                        .dataFetcher("snapshotId", source(Playlist.class, p -> p.snapshotId().value()))
                        .dataFetcher("tracks", this::playlistTracks))
                .type(newTypeWiring("PlaylistTrackConnection")
                        .dataFetcher("nodes", this::trackNodes))
                .type(newTypeWiring("PlaylistTrackEdge")
                        .dataFetcher("cursor", source(TrackEdge.class, TrackEdge::cursor))
                        .dataFetcher("addedAt", source(TrackEdge.class, TrackEdge::addedAt))
                        .dataFetcher("node", this::edgeTrack)
                        .dataFetcher("track", this::edgeTrack))
                .type(newTypeWiring("Track")
                        .dataFetcher("id", source(Track.class, t -> GlobalIds.of(Kind.TRACK, t.id().value())))
                        .dataFetcher("spotifyId", source(Track.class, t -> t.id().value())))
                .type(newTypeWiring("Artist")
                        .dataFetcher("id", env -> GlobalIds.of(Kind.ARTIST, artistIdOf(env.getSource()).value()))
                        .dataFetcher("spotifyId", env -> artistIdOf(env.getSource()).value())
                        .dataFetcher("genres", env -> fullArtist(env, Artist::genres, List.of()))
                        .dataFetcher("popularity", env -> fullArtist(env, Artist::popularity, null)))
                .type(newTypeWiring("Album")
                        .dataFetcher("id", source(Album.class, a -> GlobalIds.of(Kind.ALBUM, a.id().value())))
                        .dataFetcher("spotifyId", source(Album.class, a -> a.id().value())))
                .build();
    }

    // ---- Query

    /**
     * Any object by global id, through the loader the field that first gave it uses (a track through
     * the same batch as {@code tracks(ids:)}), so it costs what that field costs and is a hit once cached.
     */
    private CompletableFuture<Object> node(DataFetchingEnvironment env) {
        GlobalId id = GlobalIds.parse(env.getArgument("id"));
        GatewayRequest.of(env).spendIds(1);
        return load(env, id);
    }

    /**
     * Many objects by global id: each through its type's loader, so every type is one batch. An entry
     * that fails is null with its error at its own index; the others stay.
     */
    private CompletableFuture<DataFetcherResult<List<Object>>> nodes(DataFetchingEnvironment env) {
        List<String> ids = env.getArgument("ids");
        if (ids.size() > MAX_TRACK_IDS) {
            throw new InvalidInputException("at most " + MAX_TRACK_IDS + " ids per query, was " + ids.size());
        }
        GatewayRequest.of(env).spendIds(ids.size());
        List<CompletableFuture<Object>> entries = new ArrayList<>(ids.size());
        for (String raw : ids) {
            CompletableFuture<Object> entry;
            try {
                entry = load(env, GlobalIds.parse(raw));
            } catch (RuntimeException e) {
                entry = CompletableFuture.failedFuture(e);
            }
            entries.add(entry);
        }
        return CompletableFuture.allOf(entries.stream().map(f -> f.handle((v, e) -> null)).toArray(CompletableFuture[]::new))
                .thenApply(done -> {
                    List<Object> values = new ArrayList<>(entries.size());
                    List<GraphQLError> failures = new ArrayList<>();
                    var path = env.getExecutionStepInfo().getPath();
                    var location = env.getField().getSourceLocation();
                    for (int i = 0; i < entries.size(); i++) {
                        CompletableFuture<Object> entry = entries.get(i);
                        if (entry.isCompletedExceptionally()) {
                            values.add(null);
                            Throwable failure = entry.handle((v, e) -> e).join();
                            failures.add(errors.errorAt(failure, path.segment(i), location == null ? List.of() : List.of(location)));
                        } else {
                            values.add(entry.join());
                        }
                    }
                    return DataFetcherResult.<List<Object>>newResult().data(values).errors(failures).build();
                });
    }

    private CompletableFuture<Object> load(DataFetchingEnvironment env, GlobalId id) {
        return switch (id.kind()) {
            case USER -> {
                // A user's displayName is shown to themselves only (see displayName): the answer depends on who asks.
                GatewayRequest.of(env).cost().dependsOnViewer();
                yield CompletableFuture.completedFuture(new UserRef(UserId.of(id.id())));
            }
            case PLAYLIST -> RequestLoaders.playlists(env).load(PlaylistId.of(id.id())).thenApply(Object.class::cast);
            case TRACK -> RequestLoaders.tracks(env).load(TrackId.of(id.id())).thenApply(Object.class::cast);
            case ARTIST -> RequestLoaders.artists(env).load(ArtistId.of(id.id())).thenApply(Object.class::cast);
            case ALBUM -> RequestLoaders.albums(env).load(AlbumId.of(id.id())).thenApply(Object.class::cast);
        };
    }

    private GraphQLObjectType nodeType(TypeResolutionEnvironment env) {
        Object source = env.getObject();
        String type;
        if (source instanceof Playlist) {
            type = "Playlist";
        } else if (source instanceof Track) {
            type = "Track";
        } else if (source instanceof Artist || source instanceof Track.ArtistCredit) {
            type = "Artist";
        } else if (source instanceof Album) {
            type = "Album";
        } else {
            type = "User";
        }
        return env.getSchema().getObjectType(type);
    }

    /**
     * The signed-in viewer, whose id sign-in already established: only {@code displayName} needs the
     * profile, so {@code me { playlists }} costs no profile read.
     */
    private UserRef me(DataFetchingEnvironment env) {
        GatewayRequest request = GatewayRequest.of(env);
        // Who is asking is the answer: no shared cache may keep it, even for an anonymous caller's null.
        request.cost().dependsOnViewer();
        return request.viewer().user().map(UserRef::new).orElse(null);
    }

    /**
     * A user known by id only, until a field needs more: the source of {@code Query.me} and of
     * {@code node(id: "spotify:user:...")}.
     */
    record UserRef(UserId id) {
    }

    private static UserId userIdOf(Object source) {
        return source instanceof UserRef ref ? ref.id() : ((User) source).id();
    }

    /**
     * A playlist's owner carries its name; the viewer's own comes from their profile (one cached read);
     * another user reached by id has none the gateway could read.
     */
    private String displayName(DataFetchingEnvironment env) {
        Object source = env.getSource();
        if (source instanceof User user) {
            return user.displayName();
        }
        GatewayRequest request = GatewayRequest.of(env);
        UserId id = ((UserRef) source).id();
        if (!request.viewer().user().map(id::equals).orElse(false)) {
            return null;
        }
        return service.currentUser(request.viewer(), request.cost()).map(User::displayName).orElse(null);
    }

    private CompletableFuture<Playlist> playlist(DataFetchingEnvironment env) {
        PlaylistId id = GlobalIds.playlist(env.getArgument("id"));
        // Each playlist is an upstream call of its own (Spotify has no batch read of playlists): aliases of it
        // must come out of the same budget as every other field that reads by id.
        GatewayRequest.of(env).spendIds(1);
        return RequestLoaders.playlists(env).load(id);
    }

    private CompletableFuture<Track> track(DataFetchingEnvironment env) {
        TrackId id = GlobalIds.track(env.getArgument("id"));
        GatewayRequest.of(env).spendIds(1);
        return RequestLoaders.tracks(env).load(id);
    }

    private CompletableFuture<List<Track>> tracks(DataFetchingEnvironment env) {
        List<String> ids = env.getArgument("ids");
        if (ids.size() > MAX_TRACK_IDS) {
            throw new InvalidInputException("at most " + MAX_TRACK_IDS + " ids per query, was " + ids.size());
        }
        List<TrackId> trackIds = ids.stream().map(GlobalIds::track).toList();
        GatewayRequest.of(env).spendIds(trackIds.size());
        // loadMany keeps the order asked and yields null for ids the loader did not find.
        return RequestLoaders.tracks(env).loadMany(trackIds);
    }

    private CompletableFuture<Artist> artist(DataFetchingEnvironment env) {
        ArtistId id = GlobalIds.artist(env.getArgument("id"));
        GatewayRequest.of(env).spendIds(1);
        return RequestLoaders.artists(env).load(id);
    }

    // ---- Mutation

    private Playlist mutate(DataFetchingEnvironment env, boolean add) {
        GatewayRequest request = GatewayRequest.of(env);
        if (request.viaGet()) {
            // Also refused before execution (MutationGuard); kept here so no path can skip it.
            throw new InvalidInputException("Mutations must be sent with POST");
        }
        PlaylistId playlist = GlobalIds.playlist(env.getArgument("playlistId"));
        List<String> ids = env.getArgument("trackIds");
        List<TrackId> tracks = ids.stream().map(GlobalIds::track).toList();
        return add
                ? service.addTracks(request.viewer(), playlist, tracks, request.cost())
                : service.removeTracks(request.viewer(), playlist, tracks, request.cost());
    }

    // ---- User and Playlist

    private Connection<Playlist> userPlaylists(DataFetchingEnvironment env) {
        UserId owner = userIdOf(env.getSource());
        GatewayRequest request = GatewayRequest.of(env);
        int first = Connections.first(env.getArgument("first"), MAX_PLAYLISTS_PAGE);
        int offset = Cursors.offsetAfter(env.getArgument("after"));
        // first: 0 still answers totalCount, which needs one entry's worth of list.
        Page<Playlist> page = service.playlists(request.viewer(), owner,
                PageRequest.of(offset, Math.max(1, first)), request.cost());
        List<Playlist> nodes = page.items().subList(0, Math.min(first, page.items().size()));
        List<Edge<Playlist>> edges = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            edges.add(new Edge<>(Cursors.at(offset + i), nodes.get(i)));
        }
        return new Connection<>(page.total(), edges, nodes, PageInfo.of(offset, nodes.size(), page.total()));
    }

    private CompletableFuture<TrackConnection> playlistTracks(DataFetchingEnvironment env) {
        Playlist playlist = env.getSource();
        int first = Connections.first(env.getArgument("first"), PlaylistService.MAX_WINDOW);
        int offset = Cursors.offsetAfter(env.getArgument("after"));
        int total = playlist.trackCount();
        if (first == 0 || offset >= total) {
            return CompletableFuture.completedFuture(
                    new TrackConnection(total, List.of(), PageInfo.of(Math.min(offset, total), 0, total)));
        }
        var tracks = RequestLoaders.tracks(env);
        ItemsWindow window = new ItemsWindow(playlist, PageRequest.of(offset, first));
        return RequestLoaders.items(env).load(window).thenApply(page -> {
            // Tracks that came with the items are already known: no batch needs to load them again, and
            // the edges hand them out as they are, without a DataLoader future per edge.
            Map<TrackId, Track> known = new HashMap<>(page.tracks().size() * 2);
            for (Track track : page.tracks()) {
                tracks.prime(track.id(), track);
                known.put(track.id(), track);
            }
            List<PlaylistItem> items = page.items().items();
            List<TrackEdge> edges = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                PlaylistItem item = items.get(i);
                edges.add(new TrackEdge(offset + i, item, item.trackId() == null ? null : known.get(item.trackId())));
            }
            return new TrackConnection(page.items().total(), edges, PageInfo.of(offset, edges.size(), page.items().total()));
        });
    }

    /** The edges' tracks: a list as it is when every one came with the items, else through the DataLoader. */
    private Object trackNodes(DataFetchingEnvironment env) {
        TrackConnection connection = env.getSource();
        if (connection.edges().stream().allMatch(edge -> edge.trackId() == null || edge.track() != null)) {
            return connection.edges().stream().map(TrackEdge::track).toList();
        }
        var loader = RequestLoaders.tracks(env);
        List<CompletableFuture<Track>> nodes = connection.edges().stream()
                .map(edge -> edge.trackId() == null ? CompletableFuture.<Track>completedFuture(null) : loader.load(edge.trackId()))
                .toList();
        return CompletableFuture.allOf(nodes.toArray(CompletableFuture[]::new))
                .thenApply(done -> nodes.stream().map(CompletableFuture::join).toList());
    }

    /** The edge's track: the value itself when it came with the items (no future for graphql-java to wait on). */
    private Object edgeTrack(DataFetchingEnvironment env) {
        TrackEdge edge = env.getSource();
        if (edge.trackId() == null || edge.track() != null) {
            return edge.track();
        }
        return RequestLoaders.tracks(env).load(edge.trackId());
    }

    // ---- Artist: a full Artist (Query.artist) or a credit on a track (Track.artists)

    private static ArtistId artistIdOf(Object source) {
        return source instanceof Artist artist ? artist.id() : ((Track.ArtistCredit) source).id();
    }

    /** Genres and popularity are not on a credit: only asking for them loads the artist (in one batch). */
    private <T> Object fullArtist(DataFetchingEnvironment env, Function<Artist, T> field, T whenUnknown) {
        Object source = env.getSource();
        if (source instanceof Artist artist) {
            return field.apply(artist);
        }
        ArtistId id = ((Track.ArtistCredit) source).id();
        return RequestLoaders.artists(env).load(id)
                .thenApply(artist -> artist == null ? whenUnknown : field.apply(artist));
    }

    private static <S> DataFetcher<Object> source(Class<S> type, Function<S, Object> read) {
        return RecordFields.of(type, read);
    }
}
