package dev.playlistgateway.adapter.spotify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.playlistgateway.adapter.spotify.SpotifyFixtures.Shape;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small Spotify with state, for the port contract: one signed-in user ("ann") who owns one playlist,
 * another user ("bob") with a public and a private playlist, a catalogue where ids starting with 'x'
 * are unknown, and playlist changes that make new snapshots. In Development Mode shape the several-ids
 * endpoints answer 403, as Spotify's do. Thread safe (one lock).
 */
final class StatefulSpotify implements ResponseDefinitionTransformerV2 {

    static final String OWNED = "0wnedP1ay1istAAAAAAAAA";
    static final String BOBS_PUBLIC = "b0bsPub1icP1ay1istAAAA";
    static final String BOBS_PRIVATE = "b0bsPr1vateP1ay1istAAA";

    private record StoredPlaylist(String owner, boolean isPublic, List<String> trackIds, int[] version) {
    }

    private final Shape shape;
    private final Map<String, StoredPlaylist> playlists = new LinkedHashMap<>();

    StatefulSpotify(Shape shape, int ownedSize) {
        this.shape = shape;
        List<String> owned = new ArrayList<>();
        for (int i = 0; i < ownedSize; i++) {
            owned.add(SpotifyFixtures.id('t', i));
        }
        playlists.put(OWNED, new StoredPlaylist("ann", true, owned, new int[]{1}));
        playlists.put(BOBS_PUBLIC, new StoredPlaylist("bob", true, new ArrayList<>(owned.subList(0, 3)), new int[]{1}));
        playlists.put(BOBS_PRIVATE, new StoredPlaylist("bob", false, new ArrayList<>(owned.subList(0, 3)), new int[]{1}));
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        LoggedRequest request = event.getRequest();
        String path = request.getUrl().replaceAll("\\?.*", "");
        String[] parts = path.split("/"); // "", v1, ...
        String method = request.getMethod().getName();
        if (path.equals("/v1/me")) {
            return ok(SpotifyFixtures.JSON.createObjectNode().put("display_name", "Ann").put("id", "ann")
                    .put("type", "user").put("uri", "spotify:user:ann"));
        }
        if (path.equals("/v1/me/playlists")) {
            List<JsonNode> mine = new ArrayList<>();
            playlists.forEach((id, p) -> {
                if (p.owner().equals("ann")) {
                    mine.add(withSnapshot(SpotifyFixtures.simplePlaylist(id, p.owner(), p.trackIds().size(), shape), p, id));
                }
            });
            return ok(SpotifyFixtures.paging(path, mine, 0, 50, mine.size()));
        }
        if (parts.length >= 4 && parts[2].equals("playlists")) {
            StoredPlaylist playlist = playlists.get(parts[3]);
            if (playlist == null || (!playlist.isPublic() && !playlist.owner().equals("ann"))) {
                return FakeSpotify.json(404, SpotifyFixtures.error(404, "Resource not found"));
            }
            if (parts.length == 4) {
                ObjectNode first = itemsPage(playlist, path + "/items", 0, 100);
                return ok(withSnapshot(SpotifyFixtures.fullPlaylist(parts[3], playlist.owner(), first, shape), playlist, parts[3]));
            }
            if (method.equals("GET")) {
                int offset = Integer.parseInt(request.queryParameter("offset").firstValue());
                int limit = Integer.parseInt(request.queryParameter("limit").firstValue());
                return ok(itemsPage(playlist, path, offset, limit));
            }
            if (!playlist.owner().equals("ann")) {
                return FakeSpotify.json(403, SpotifyFixtures.error(403, "You cannot change a playlist you don't own."));
            }
            JsonNode body = read(request.getBodyAsString());
            if (method.equals("POST")) {
                body.get("uris").forEach(uri -> playlist.trackIds().add(uri.asText().substring("spotify:track:".length())));
            } else {
                Set<String> gone = new HashSet<>();
                body.get("items").forEach(item -> gone.add(item.get("uri").asText().substring("spotify:track:".length())));
                playlist.trackIds().removeIf(gone::contains);
            }
            playlist.version()[0]++;
            return FakeSpotify.json(method.equals("POST") ? 201 : 200,
                    "{\"snapshot_id\":\"" + snapshot(parts[3], playlist) + "\"}");
        }
        if (parts.length == 3 && shape == Shape.DEVELOPMENT) {
            return FakeSpotify.json(403, SpotifyFixtures.error(403, "Forbidden"));
        }
        if (parts.length == 4) {
            return parts[3].startsWith("x") ? FakeSpotify.json(404, SpotifyFixtures.error(404, "Resource not found"))
                    : ok(FakeSpotify.Catalogue.object(parts[2], parts[3], shape));
        }
        return ok(FakeSpotify.Catalogue.several(parts[2], request.queryParameter("ids").firstValue(), shape));
    }

    private ObjectNode itemsPage(StoredPlaylist playlist, String path, int offset, int limit) {
        List<JsonNode> entries = new ArrayList<>();
        List<String> ids = playlist.trackIds();
        for (int i = offset; i < Math.min(ids.size(), offset + limit); i++) {
            entries.add(SpotifyFixtures.entry(SpotifyFixtures.track(ids.get(i), shape), shape));
        }
        return SpotifyFixtures.paging(path, entries, offset, limit, ids.size());
    }

    private static ObjectNode withSnapshot(ObjectNode playlist, StoredPlaylist stored, String id) {
        playlist.put("snapshot_id", snapshot(id, stored));
        playlist.put("public", stored.isPublic());
        return playlist;
    }

    private static String snapshot(String id, StoredPlaylist stored) {
        return "snap-" + id.substring(0, 4) + "-" + stored.version()[0];
    }

    private static JsonNode read(String body) {
        try {
            return SpotifyFixtures.JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ResponseDefinition ok(JsonNode body) {
        return FakeSpotify.json(200, body.toString());
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public String getName() {
        return "stateful-spotify";
    }
}
