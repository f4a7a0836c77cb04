package dev.playlistgateway.bench.micro;

import dev.playlistgateway.domain.cache.EntryCodec;
import dev.playlistgateway.domain.model.Album;
import dev.playlistgateway.domain.model.AlbumId;
import dev.playlistgateway.domain.model.ArtistId;
import dev.playlistgateway.domain.model.Page;
import dev.playlistgateway.domain.model.PlaylistItem;
import dev.playlistgateway.domain.model.Track;
import dev.playlistgateway.domain.model.TrackId;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Encoding and decoding what a warm page of 100 reads: the items page (added-at and track id per
 * item) and its 100 tracks, each a cache entry of its own, with Spotify-like names and ids.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EntryCodecBenchmark {

    private static final Instant FRESH_UNTIL = Instant.parse("2030-01-01T00:00:00Z");

    private Page<PlaylistItem> page;
    private List<Track> tracks;
    private byte[] encodedPage;
    private List<byte[]> encodedTracks;

    @Setup
    public void build() {
        List<PlaylistItem> items = new ArrayList<>();
        tracks = new ArrayList<>();
        encodedTracks = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            TrackId id = TrackId.of(String.format("t%021d", i));
            items.add(new PlaylistItem(Instant.parse("2024-05-01T12:00:00Z").plusSeconds(i * 3600L), id));
            Track track = new Track(id, "Track number " + i + " (Radio Edit)", 180_000 + i * 1000, i % 7 == 0, 40 + i % 50,
                    "spotify:track:" + id.value(),
                    List.of(new Track.ArtistCredit(ArtistId.of(String.format("r%021d", i % 900)), "Artist " + i % 900),
                            new Track.ArtistCredit(ArtistId.of(String.format("r%021d", (i * 31 + 1) % 900)), "Featured " + i)),
                    new Album(AlbumId.of(String.format("a%021d", i / 10)), "Album " + i / 10, "2019-03-0" + (1 + i % 9),
                            "https://i.scdn.co/image/ab67616d0000b273" + String.format("%024d", i / 10)));
            tracks.add(track);
            encodedTracks.add(EntryCodec.TRACK.encode(track, FRESH_UNTIL));
        }
        page = new Page<>(items, 0, 100);
        encodedPage = EntryCodec.ITEM_PAGE.encode(page, FRESH_UNTIL);
    }

    @Benchmark
    public byte[] encodeItemsPage() {
        return EntryCodec.ITEM_PAGE.encode(page, FRESH_UNTIL);
    }

    @Benchmark
    public EntryCodec.Entry<Page<PlaylistItem>> decodeItemsPage() {
        return EntryCodec.ITEM_PAGE.decode(encodedPage);
    }

    @Benchmark
    public void encodeTracks100(Blackhole sink) {
        for (Track track : tracks) {
            sink.consume(EntryCodec.TRACK.encode(track, FRESH_UNTIL));
        }
    }

    @Benchmark
    public void decodeTracks100(Blackhole sink) {
        for (byte[] bytes : encodedTracks) {
            sink.consume(EntryCodec.TRACK.decode(bytes));
        }
    }
}
