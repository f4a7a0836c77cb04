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

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns cached values into bytes and back: a small hand-rolled binary format, because the domain
 * may not depend on a serialisation library, values must be compact in Redis (see
 * docs/caching.md for sizes), and decoding must not instantiate arbitrary classes.
 *
 * <p>Every entry starts with {@link #FORMAT} and the instant until which it is fresh; a value with
 * another format byte, or one that does not parse, decodes as a miss rather than an error. The
 * format version is also part of every cache key (see {@code CacheKeys}), so a new format never
 * even reads old entries.
 *
 * @param <T> the type of value this codec handles
 */
public abstract class EntryCodec<T> {

    /** Bump on any change to any codec below, together with the key prefix in {@code CacheKeys}. */
    public static final byte FORMAT = 1;

    /** A decoded entry: the value and the instant until which it is fresh. */
    public record Entry<T>(T value, Instant freshUntil) {
        public boolean isFreshAt(Instant now) {
            return now.isBefore(freshUntil);
        }
    }

    public final byte[] encode(T value, Instant freshUntil) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeLong(freshUntil.toEpochMilli());
            write(out, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen on a byte array
        }
        return bytes.toByteArray();
    }

    /** The entry, or null when the bytes are not a valid entry of this format (treated as a miss). */
    public final Entry<T> decode(byte[] bytes) {
        if (bytes == null || bytes.length < 9 || bytes[0] != FORMAT) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            in.readByte();
            Instant freshUntil = Instant.ofEpochMilli(in.readLong());
            T value = read(in);
            return in.available() == 0 ? new Entry<>(value, freshUntil) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The instant until which the entry in {@code bytes} is fresh, read from its header without decoding
     * the value; null when the bytes are not an entry of this format.
     */
    public static Instant freshUntilOf(byte[] bytes) {
        if (bytes == null || bytes.length < 9 || bytes[0] != FORMAT) {
            return null;
        }
        long millis = 0;
        for (int i = 1; i < 9; i++) {
            millis = (millis << 8) | (bytes[i] & 0xFFL);
        }
        return Instant.ofEpochMilli(millis);
    }

    protected abstract void write(DataOutputStream out, T value) throws IOException;

    protected abstract T read(DataInputStream in) throws IOException;

    // ---- the codecs of the model ----

    public static final EntryCodec<User> USER = of(EntryCodec::writeUser, EntryCodec::readUser);

    public static final EntryCodec<Playlist> PLAYLIST = of(EntryCodec::writePlaylist, EntryCodec::readPlaylist);

    public static final EntryCodec<Page<Playlist>> PLAYLIST_PAGE = pageOf(EntryCodec::writePlaylist, EntryCodec::readPlaylist);

    /** Items pages hold track ids only: the tracks themselves are cached once per id. */
    public static final EntryCodec<Page<PlaylistItem>> ITEM_PAGE = pageOf(EntryCodec::writeItem, EntryCodec::readItem);

    public static final EntryCodec<Track> TRACK = of(EntryCodec::writeTrack, EntryCodec::readTrack);

    public static final EntryCodec<Artist> ARTIST = of(EntryCodec::writeArtist, EntryCodec::readArtist);

    public static final EntryCodec<Album> ALBUM = of(EntryCodec::writeAlbum, EntryCodec::readAlbum);

    // ---- shared pieces ----

    /** Writes one value's fields. */
    private interface FieldWriter<T> {
        void write(DataOutputStream out, T value) throws IOException;
    }

    /** Reads one value's fields. */
    private interface FieldReader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static <T> EntryCodec<T> of(FieldWriter<T> writer, FieldReader<T> reader) {
        return new EntryCodec<>() {
            @Override
            protected void write(DataOutputStream out, T value) throws IOException {
                writer.write(out, value);
            }

            @Override
            protected T read(DataInputStream in) throws IOException {
                return reader.read(in);
            }
        };
    }

    /** A page: offset, total and count, then each entry. */
    private static <T> EntryCodec<Page<T>> pageOf(FieldWriter<T> entryWriter, FieldReader<T> entryReader) {
        return of((out, page) -> {
            out.writeInt(page.offset());
            out.writeInt(page.total());
            out.writeInt(page.items().size());
            for (T item : page.items()) {
                entryWriter.write(out, item);
            }
        }, in -> {
            int offset = in.readInt();
            int total = in.readInt();
            int size = readCount(in);
            List<T> items = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                items.add(entryReader.read(in));
            }
            return new Page<>(items, offset, total);
        });
    }

    private static void writeItem(DataOutputStream out, PlaylistItem item) throws IOException {
        out.writeLong(item.addedAt() == null ? Long.MIN_VALUE : item.addedAt().toEpochMilli());
        writeNullable(out, item.trackId() == null ? null : item.trackId().value());
    }

    private static PlaylistItem readItem(DataInputStream in) throws IOException {
        long added = in.readLong();
        String trackId = readNullable(in);
        return new PlaylistItem(added == Long.MIN_VALUE ? null : Instant.ofEpochMilli(added),
                trackId == null ? null : TrackId.of(trackId));
    }

    private static void writeUser(DataOutputStream out, User user) throws IOException {
        out.writeUTF(user.id().value());
        writeNullable(out, user.displayName());
    }

    private static User readUser(DataInputStream in) throws IOException {
        return new User(UserId.of(in.readUTF()), readNullable(in));
    }

    private static void writePlaylist(DataOutputStream out, Playlist p) throws IOException {
        out.writeUTF(p.id().value());
        out.writeUTF(p.name());
        writeNullable(out, p.description());
        writeUser(out, p.owner());
        out.writeByte(p.isPublic() == null ? 2 : p.isPublic() ? 1 : 0);
        out.writeBoolean(p.collaborative());
        out.writeUTF(p.snapshotId().value());
        out.writeInt(p.trackCount());
    }

    private static Playlist readPlaylist(DataInputStream in) throws IOException {
        PlaylistId id = PlaylistId.of(in.readUTF());
        String name = in.readUTF();
        String description = readNullable(in);
        User owner = readUser(in);
        byte pub = in.readByte();
        boolean collaborative = in.readBoolean();
        SnapshotId snapshot = new SnapshotId(in.readUTF());
        int count = in.readInt();
        return new Playlist(id, name, description, owner, pub == 2 ? null : pub == 1, collaborative, snapshot, count);
    }

    private static void writeTrack(DataOutputStream out, Track track) throws IOException {
        out.writeUTF(track.id().value());
        out.writeUTF(track.name());
        out.writeInt(track.durationMs());
        out.writeBoolean(track.explicit());
        writeNullableInt(out, track.popularity());
        out.writeUTF(track.uri());
        out.writeShort(track.artists().size());
        for (Track.ArtistCredit credit : track.artists()) {
            out.writeUTF(credit.id().value());
            out.writeUTF(credit.name());
        }
        writeAlbum(out, track.album());
    }

    private static Track readTrack(DataInputStream in) throws IOException {
        TrackId id = TrackId.of(in.readUTF());
        String name = in.readUTF();
        int duration = in.readInt();
        boolean explicit = in.readBoolean();
        Integer popularity = readNullableInt(in);
        String uri = in.readUTF();
        int artists = in.readUnsignedShort();
        List<Track.ArtistCredit> credits = new ArrayList<>(artists);
        for (int i = 0; i < artists; i++) {
            credits.add(new Track.ArtistCredit(ArtistId.of(in.readUTF()), in.readUTF()));
        }
        return new Track(id, name, duration, explicit, popularity, uri, credits, readAlbum(in));
    }

    private static void writeArtist(DataOutputStream out, Artist artist) throws IOException {
        out.writeUTF(artist.id().value());
        out.writeUTF(artist.name());
        out.writeShort(artist.genres().size());
        for (String genre : artist.genres()) {
            out.writeUTF(genre);
        }
        writeNullableInt(out, artist.popularity());
    }

    private static Artist readArtist(DataInputStream in) throws IOException {
        ArtistId id = ArtistId.of(in.readUTF());
        String name = in.readUTF();
        int count = in.readUnsignedShort();
        List<String> genres = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            genres.add(in.readUTF());
        }
        return new Artist(id, name, genres, readNullableInt(in));
    }

    private static void writeAlbum(DataOutputStream out, Album album) throws IOException {
        out.writeUTF(album.id().value());
        out.writeUTF(album.name());
        writeNullable(out, album.releaseDate());
        writeNullable(out, album.imageUrl());
    }

    private static Album readAlbum(DataInputStream in) throws IOException {
        return new Album(AlbumId.of(in.readUTF()), in.readUTF(), readNullable(in), readNullable(in));
    }

    private static int readCount(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > 100_000) {
            throw new IOException("implausible count " + count);
        }
        return count;
    }

    private static void writeNullable(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    private static void writeNullableInt(DataOutputStream out, Integer value) throws IOException {
        out.writeByte(value == null ? -1 : value);
    }

    private static Integer readNullableInt(DataInputStream in) throws IOException {
        byte value = in.readByte();
        return value < 0 ? null : (int) value;
    }
}
