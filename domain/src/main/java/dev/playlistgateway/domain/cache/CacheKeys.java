package dev.playlistgateway.domain.cache;

import dev.playlistgateway.domain.model.AlbumId;
import dev.playlistgateway.domain.model.ArtistId;
import dev.playlistgateway.domain.model.PlaylistId;
import dev.playlistgateway.domain.model.SnapshotId;
import dev.playlistgateway.domain.model.TrackId;
import dev.playlistgateway.domain.model.UserId;
import dev.playlistgateway.domain.model.Viewer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The cache keys, all in one place so that the scoping rules can be read at a glance:
 * <ul>
 *   <li>{@code v1:track:ID}, {@code v1:artist:ID}, {@code v1:album:ID}: catalogue data, shared by everyone;</li>
 *   <li>{@code v1:pub:...}: public playlists and their items, shared by everyone;</li>
 *   <li>{@code v1:u:USER:...}: what one signed-in user sees (profile, playlist lists, non-public playlists);</li>
 *   <li>{@code v1:anon:...}: what anonymous callers see (public data only, so it may be shared among them).</li>
 * </ul>
 * Every id in a key is a validated typed id (letters, digits, {@code _ - .}), so a key can never
 * be forged to land in another user's scope. The {@code v1} is {@link EntryCodec#FORMAT}.
 */
public final class CacheKeys {
    private static final String VERSION = "v" + EntryCodec.FORMAT + ":";
    private static final Pattern SAFE_SNAPSHOT = Pattern.compile("[A-Za-z0-9+/=_.\\-]{1,100}");

    /**
     * How many playlists a list block holds: Spotify's maximum page for a user's playlists. Not in the
     * key (unlike the items block size, which follows the port), so it changes only with the key format.
     */
    public static final int PLAYLISTS_BLOCK = 50;

    /** The scope of what is public: one copy for every caller. */
    public static final String PUBLIC = "pub";

    private CacheKeys() {
    }

    /** The scope of what {@code viewer} sees that is not public. */
    public static String scopeOf(Viewer viewer) {
        return viewer.user().map(CacheKeys::userScope).orElse("anon");
    }

    /** The scope of what only {@code user} may be served. */
    public static String userScope(UserId user) {
        return "u:" + user.value();
    }

    public static String track(TrackId id) {
        return VERSION + "track:" + id.value();
    }

    public static String artist(ArtistId id) {
        return VERSION + "artist:" + id.value();
    }

    public static String album(AlbumId id) {
        return VERSION + "album:" + id.value();
    }

    public static String me(UserId user) {
        return VERSION + userScope(user) + ":me";
    }

    public static String playlist(String scope, PlaylistId id) {
        return VERSION + scope + ":playlist:" + id.value();
    }

    public static String playlistsBlock(String scope, UserId owner, int block) {
        return VERSION + scope + ":playlists:" + owner.value() + ":" + block;
    }

    public static String itemsBlock(String scope, PlaylistId id, SnapshotId snapshot, int blockSize, int block) {
        return VERSION + scope + ":items:" + id.value() + ":" + snapshotPart(snapshot) + ":" + blockSize + ":" + block;
    }

    private static String snapshotPart(SnapshotId snapshot) {
        String value = snapshot.value();
        return SAFE_SNAPSHOT.matcher(value).matches() ? value : "h" + sha256(value);
    }

    private static String sha256(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
