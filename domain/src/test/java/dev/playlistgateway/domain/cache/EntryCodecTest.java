package dev.playlistgateway.domain.cache;

import dev.playlistgateway.domain.model.Album;
import dev.playlistgateway.domain.model.AlbumId;
import dev.playlistgateway.domain.model.Artist;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class EntryCodecTest {

    private static final Instant UNTIL = Instant.parse("2026-11-23T12:34:56.789Z");
    private static final User ALICE = new User(UserId.of("alice"), "Alice Ångström 🎧");
    private static final User NAMELESS = new User(UserId.of("user.with-dots_1"), null);
    private static final Album ALBUM = new Album(AlbumId.of("4aawyAB9vmqN3uQ7FjRGTy"), "Ænima", "1996-09-17", "https://i.scdn.co/image/x");
    private static final Album BARE_ALBUM = new Album(AlbumId.of("al1"), "", null, null);
    private static final Track TRACK = new Track(TrackId.of("11dFghVXANMlKmJXsNCbNl"), "Cut To The Feeling — 日本語", 207959, true, 100,
            "spotify:track:11dFghVXANMlKmJXsNCbNl",
            List.of(new Track.ArtistCredit(ArtistId.of("6sFIWsNpZYqfjUpaCgueju"), "Carly Rae Jepsen"),
                    new Track.ArtistCredit(ArtistId.of("ar2"), "Ünïcödé")), ALBUM);
    private static final Track BARE_TRACK = new Track(TrackId.of("t0"), "", 0, false, null, "spotify:track:t0", List.of(), BARE_ALBUM);
    private static final Track ZERO_POPULARITY = new Track(TrackId.of("t1"), "x", 1, false, 0, "u", List.of(), BARE_ALBUM);

    static Stream<Arguments> values() {
        Playlist full = new Playlist(PlaylistId.of("37i9dQZF1DXcBWIGoYBM5M"), "Today’s Top Hits ✨", "The hottest 50. <b>bold</b>",
                ALICE, true, true, new SnapshotId("MTY4NzM1NjA5NCwwMDAwMDAwMDAwMDAwMDAw=="), 50);
        Playlist bare = new Playlist(PlaylistId.of("p"), "", null, NAMELESS, null, false, new SnapshotId("s:with spaces/and:colons"), 0);
        Playlist privatePlaylist = new Playlist(PlaylistId.of("p2"), "Private", "", ALICE, false, false, new SnapshotId("1"), 3);
        return Stream.of(
                Arguments.of("user", EntryCodec.USER, ALICE),
                Arguments.of("user without display name", EntryCodec.USER, NAMELESS),
                Arguments.of("playlist", EntryCodec.PLAYLIST, full),
                Arguments.of("playlist with nulls", EntryCodec.PLAYLIST, bare),
                Arguments.of("private playlist", EntryCodec.PLAYLIST, privatePlaylist),
                Arguments.of("playlist page", EntryCodec.PLAYLIST_PAGE, new Page<>(List.of(full, bare, privatePlaylist), 50, 203)),
                Arguments.of("empty playlist page", EntryCodec.PLAYLIST_PAGE, Page.<Playlist>empty()),
                Arguments.of("item page", EntryCodec.ITEM_PAGE, new Page<>(List.of(
                        new PlaylistItem(Instant.parse("2020-01-02T03:04:05Z"), TrackId.of("t1")),
                        new PlaylistItem(null, TrackId.of("t2")),
                        new PlaylistItem(Instant.EPOCH, null),
                        new PlaylistItem(null, null)), 100, 260)),
                Arguments.of("empty item page", EntryCodec.ITEM_PAGE, new Page<PlaylistItem>(List.of(), 0, 0)),
                Arguments.of("track", EntryCodec.TRACK, TRACK),
                Arguments.of("track with nulls and no artists", EntryCodec.TRACK, BARE_TRACK),
                Arguments.of("track of popularity 0", EntryCodec.TRACK, ZERO_POPULARITY),
                Arguments.of("artist", EntryCodec.ARTIST, new Artist(ArtistId.of("ar1"), "Sigur Rós", List.of("post-rock", "icelandic indie"), 64)),
                Arguments.of("artist with nulls and no genres", EntryCodec.ARTIST, new Artist(ArtistId.of("ar2"), "", List.of(), null)),
                Arguments.of("album", EntryCodec.ALBUM, ALBUM),
                Arguments.of("album with nulls", EntryCodec.ALBUM, BARE_ALBUM));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    <T> void roundTripsEveryValueWithItsFreshness(String name, EntryCodec<T> codec, T value) {
        EntryCodec.Entry<T> entry = codec.decode(codec.encode(value, UNTIL));

        assertThat(entry).isNotNull();
        assertThat(entry.value()).isEqualTo(value);
        assertThat(entry.freshUntil()).isEqualTo(UNTIL);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    <T> void decodesWrongFormatTruncatedOrOverlongBytesAsAMiss(String name, EntryCodec<T> codec, T value) {
        byte[] bytes = codec.encode(value, UNTIL);
        byte[] otherFormat = bytes.clone();
        otherFormat[0] = (byte) (EntryCodec.FORMAT + 1);
        byte[] trailing = Arrays.copyOf(bytes, bytes.length + 1);

        assertThat(codec.decode(otherFormat)).isNull();
        assertThat(codec.decode(trailing)).isNull();
        for (int length = 0; length < bytes.length; length++) {
            assertThat(codec.decode(Arrays.copyOf(bytes, length))).as("truncated to %d bytes", length).isNull();
        }
    }

    static Stream<Arguments> storedBytes() {
        Playlist bare = new Playlist(PlaylistId.of("p"), "", null, NAMELESS, null, false, new SnapshotId("s:x"), 0);
        return Stream.of(
                Arguments.of("user", EntryCodec.USER, NAMELESS,
                        "01000001a20866fc950010757365722e776974682d646f74735f3100"),
                Arguments.of("playlist", EntryCodec.PLAYLIST, bare,
                        "01000001a20866fc950001700000000010757365722e776974682d646f74735f310002000003733a7800000000"),
                Arguments.of("playlist page", EntryCodec.PLAYLIST_PAGE, new Page<>(List.of(bare), 50, 203),
                        "01000001a20866fc9500000032000000cb00000001000170000000001075736572"
                                + "2e776974682d646f74735f310002000003733a7800000000"),
                Arguments.of("item page", EntryCodec.ITEM_PAGE, new Page<>(List.of(
                                new PlaylistItem(Instant.parse("2020-01-02T03:04:05Z"), TrackId.of("t1")),
                                new PlaylistItem(null, null)), 100, 260),
                        "01000001a20866fc950000006400000104000000020000016f6435cc880100027431800000000000000000"),
                Arguments.of("track", EntryCodec.TRACK, BARE_TRACK,
                        "01000001a20866fc950002743000000000000000ff001073706f746966793a747261636b3a743000000003616c3100000000"),
                Arguments.of("artist", EntryCodec.ARTIST, new Artist(ArtistId.of("ar2"), "", List.of(), null),
                        "01000001a20866fc95000361723200000000ff"),
                Arguments.of("album", EntryCodec.ALBUM, BARE_ALBUM,
                        "01000001a20866fc950003616c3100000000"));
    }

    /** Entries of format 1 sit in Redis: a codec may be rewritten, its bytes change only with {@link EntryCodec#FORMAT}. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("storedBytes")
    <T> void writesTheBytesThatStoredEntriesOfFormatOneHold(String name, EntryCodec<T> codec, T value, String hex) {
        assertThat(HexFormat.of().formatHex(codec.encode(value, UNTIL))).isEqualTo(hex);
        assertThat(codec.decode(HexFormat.of().parseHex(hex)).value()).isEqualTo(value);
    }

    @Test
    void decodesNullAndGarbageAsAMiss() {
        assertThat(EntryCodec.TRACK.decode(null)).isNull();
        assertThat(EntryCodec.TRACK.decode(new byte[0])).isNull();
        byte[] garbage = new byte[64];
        Arrays.fill(garbage, (byte) 0xFF);
        garbage[0] = EntryCodec.FORMAT;
        assertThat(EntryCodec.TRACK.decode(garbage)).isNull();
        assertThat(EntryCodec.PLAYLIST_PAGE.decode(garbage)).isNull();
        assertThat(EntryCodec.ITEM_PAGE.decode(garbage)).isNull();
    }

    @Test
    void decodesAnEntryOfAnotherKindAsAMissRatherThanAWrongValue() {
        byte[] artist = EntryCodec.ARTIST.encode(new Artist(ArtistId.of("ar1"), "A", List.of(), 1), UNTIL);

        assertThat(EntryCodec.TRACK.decode(artist)).isNull();
    }

    @Test
    void entryIsFreshStrictlyBeforeItsInstant() {
        EntryCodec.Entry<Album> entry = new EntryCodec.Entry<>(ALBUM, UNTIL);

        assertThat(entry.isFreshAt(UNTIL.minusMillis(1))).isTrue();
        assertThat(entry.isFreshAt(UNTIL)).isFalse();
    }
}
