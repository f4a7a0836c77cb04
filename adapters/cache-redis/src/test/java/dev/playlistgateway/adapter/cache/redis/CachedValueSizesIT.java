package dev.playlistgateway.adapter.cache.redis;

import dev.playlistgateway.domain.cache.EntryCodec;
import dev.playlistgateway.domain.model.Album;
import dev.playlistgateway.domain.model.AlbumId;
import dev.playlistgateway.domain.model.ArtistId;
import dev.playlistgateway.domain.model.Page;
import dev.playlistgateway.domain.model.Playlist;
import dev.playlistgateway.domain.model.PlaylistId;
import dev.playlistgateway.domain.model.PlaylistItem;
import dev.playlistgateway.domain.model.SnapshotId;
import dev.playlistgateway.domain.model.Track;
import dev.playlistgateway.domain.model.TrackId;
import dev.playlistgateway.domain.model.User;
import dev.playlistgateway.domain.model.UserId;
import dev.playlistgateway.testsupport.redis.RedisServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How much a cached value costs, measured on realistic data (Spotify-shaped ids and strings) for
 * the docs: the encoded value's bytes, and Redis's own MEMORY USAGE of the key (key, value, expiry
 * and its bookkeeping). Prints a table; asserts upper bounds so that a codec change that bloats
 * values is noticed.
 */
class CachedValueSizesIT {

    private static final Instant FRESH_UNTIL = Instant.parse("2026-11-23T12:00:00Z");
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final Random RANDOM = new Random(42);

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();
    private static RedisCache cache;

    @BeforeAll
    static void connect() {
        cache = Connected.await(RedisCache.standalone(redis.uri(), RedisCacheSettings.defaults()));
    }

    @AfterAll
    static void disconnect() {
        if (cache != null) {
            cache.close();
        }
    }

    @Test
    void aTrackAPageOfHundredItemsAndAPageOfFiftyPlaylistsStayCompact() {
        Track track = track();
        byte[] trackBytes = EntryCodec.TRACK.encode(track, FRESH_UNTIL);
        String trackKey = "v1:track:" + track.id().value();

        PlaylistId playlistId = PlaylistId.of(spotifyId());
        SnapshotId snapshot = new SnapshotId("AAAAB8C+GgE7e0Tv8ipjQTxzSWGM5ZCB");
        List<PlaylistItem> items = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            items.add(new PlaylistItem(Instant.parse("2024-03-01T10:15:30Z").plusSeconds(3_600L * i),
                    TrackId.of(spotifyId())));
        }
        byte[] itemPageBytes = EntryCodec.ITEM_PAGE.encode(new Page<>(items, 0, 327), FRESH_UNTIL);
        String itemPageKey = "v1:pub:items:" + playlistId.value() + ":" + snapshot.value() + ":100:0";

        User owner = new User(UserId.of("31l77y2a5gdyo3bhwdsj2kixdw3m"), "Ada Lovelace");
        List<Playlist> playlists = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            playlists.add(new Playlist(PlaylistId.of(spotifyId()), "Road trip mix vol. " + i,
                    "Songs for long drives with the windows down, picked over the years", owner,
                    i % 3 != 0, i % 10 == 0, new SnapshotId("AAAAB8C+GgE7e0Tv8ipjQTxzSWGM5ZC" + (char) ('A' + i % 26)),
                    20 + i * 7));
        }
        byte[] playlistPageBytes = EntryCodec.PLAYLIST_PAGE.encode(new Page<>(playlists, 0, 50), FRESH_UNTIL);
        String playlistPageKey = "v1:u:" + owner.id().value() + ":playlists:" + owner.id().value() + ":0";

        cache.put(trackKey, trackBytes, Duration.ofDays(1));
        cache.put(itemPageKey, itemPageBytes, Duration.ofHours(1));
        cache.put(playlistPageKey, playlistPageBytes, Duration.ofMinutes(5));
        // Writes are sent, not awaited; a read on the same connection comes back after them.
        assertThat(cache.getAll(List.of(trackKey, itemPageKey, playlistPageKey))).hasSize(3);

        long trackMemory = memoryUsage(trackKey);
        long itemPageMemory = memoryUsage(itemPageKey);
        long playlistPageMemory = memoryUsage(playlistPageKey);

        System.out.printf("%nCached value sizes (EntryCodec format %d, Redis %s):%n", EntryCodec.FORMAT,
                redisVersion());
        System.out.printf("%-28s %12s %20s%n", "value", "value bytes", "Redis MEMORY USAGE");
        System.out.printf("%-28s %12d %20d%n", "track", trackBytes.length, trackMemory);
        System.out.printf("%-28s %12d %20d%n", "items page (100 items)", itemPageBytes.length, itemPageMemory);
        System.out.printf("%-28s %12d %20d%n", "playlists page (50)", playlistPageBytes.length, playlistPageMemory);
        System.out.printf("per item: %.1f bytes; per playlist: %.1f bytes%n%n",
                itemPageBytes.length / 100.0, playlistPageBytes.length / 50.0);

        // The encoded values round-trip through Redis unchanged.
        assertThat(EntryCodec.TRACK.decode(cache.get(trackKey).orElseThrow()).value()).isEqualTo(track);

        assertThat(trackBytes.length).isLessThan(400);
        assertThat(trackMemory).isLessThan(600);
        assertThat(itemPageBytes.length).isLessThan(100 * 40);
        assertThat(itemPageMemory).isLessThan(5_000);
        assertThat(playlistPageBytes.length).isLessThan(50 * 250);
        assertThat(playlistPageMemory).isLessThan(16_000);
    }

    private static Track track() {
        return new Track(TrackId.of("4u7EnebtmKWzUH433cf5Qv"), "Bohemian Rhapsody - Remastered 2011", 354_320,
                false, 79, "spotify:track:4u7EnebtmKWzUH433cf5Qv",
                List.of(new Track.ArtistCredit(ArtistId.of("1dfeR4HaWDbWqFHLkxsg1d"), "Queen")),
                new Album(AlbumId.of("1GbtB4zTqAsyfZEsm1RZfx"), "A Night At The Opera (2011 Remaster)", "1975-11-21",
                        "https://i.scdn.co/image/ab67616d0000b273e319baafd16e84f0408af2a0"));
    }

    private static String spotifyId() {
        StringBuilder id = new StringBuilder(22);
        for (int i = 0; i < 22; i++) {
            id.append(BASE62.charAt(RANDOM.nextInt(BASE62.length())));
        }
        return id.toString();
    }

    private static long memoryUsage(String key) {
        return (Long) redis.server().command("MEMORY", "USAGE", RedisCacheSettings.DEFAULT_KEY_PREFIX + key, "SAMPLES", "0");
    }

    private static String redisVersion() {
        String info = String.valueOf(redis.server().command("INFO", "server"));
        return info.lines().filter(line -> line.startsWith("redis_version:")).findFirst()
                .map(line -> line.substring("redis_version:".length())).orElse("?");
    }
}
