package dev.playlistgateway.domain.cache;

import dev.playlistgateway.domain.model.Page;
import dev.playlistgateway.domain.model.Playlist;
import dev.playlistgateway.domain.model.PlaylistItem;
import dev.playlistgateway.domain.model.PlaylistWithItems;
import dev.playlistgateway.domain.model.Track;
import dev.playlistgateway.domain.model.Viewer;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * What a read of playlist data keeps besides what it was asked for, so that the reads that usually
 * follow are hits (docs/caching.md, "What a read stores besides what was asked"). Every store goes
 * through {@link EntryStore#putRead} with the mark taken before the upstream call, so nothing a change
 * may have outdated is kept. Thread safe.
 */
public final class PlaylistEntries {

    private final EntryStore store;
    private final IntSupplier itemsBlockSize;

    /**
     * @param store          where entries are kept
     * @param itemsBlockSize the port's items page size, asked at each use
     */
    public PlaylistEntries(EntryStore store, IntSupplier itemsBlockSize) {
        this.store = Objects.requireNonNull(store, "store");
        this.itemsBlockSize = Objects.requireNonNull(itemsBlockSize, "itemsBlockSize");
    }

    /**
     * A playlist read: a public playlist's copy in the shared scope (a playlist that is not public loses
     * any shared copy, since it may have been public before), every whole items block of the first page
     * it carries, and the tracks of those items. The copy under the viewer's own scope is the read's own.
     */
    public void keepRead(Viewer viewer, PlaylistWithItems read, ChangeCounter.Mark began) {
        Playlist playlist = read.playlist();
        String scope = playlist.knownPublic() ? CacheKeys.PUBLIC : CacheKeys.scopeOf(viewer);
        if (playlist.knownPublic()) {
            store.putRead(DataKind.PLAYLISTS, EntryCodec.PLAYLIST,
                    Map.of(CacheKeys.playlist(CacheKeys.PUBLIC, playlist.id()), playlist), began);
        } else {
            // It may have been public before: nobody else may keep reading it from the shared scope.
            store.delete(List.of(CacheKeys.playlist(CacheKeys.PUBLIC, playlist.id())));
        }
        read.firstItemsPage().ifPresent(first -> {
            // Keep every whole block the first page holds: it may be longer than the port's block
            // (Spotify's playlist read carries 100 items, some report item pages of 50).
            int blockSize = itemsBlockSize.getAsInt();
            Map<String, Page<PlaylistItem>> blocks = new HashMap<>();
            Blocks.wholeBlocksOf(first.items(), blockSize, playlist.trackCount()).forEach((block, items) ->
                    blocks.put(CacheKeys.itemsBlock(scope, playlist.id(), playlist.snapshotId(), blockSize, block), items));
            store.putRead(DataKind.ITEMS, EntryCodec.ITEM_PAGE, blocks, began);
            keepTracks(first.tracks(), began);
        });
    }

    /**
     * A list read tells each playlist's current snapshot: each is kept on its own key (public ones in the
     * shared scope, the rest in the viewer's), so a later read by id is a hit and item windows use the
     * list's snapshot ids.
     */
    public void keepListed(Viewer viewer, List<Playlist> playlists, ChangeCounter.Mark began) {
        Map<String, Playlist> shared = new HashMap<>();
        Map<String, Playlist> own = new HashMap<>();
        String scope = CacheKeys.scopeOf(viewer);
        for (Playlist playlist : playlists) {
            if (playlist.knownPublic()) {
                shared.put(CacheKeys.playlist(CacheKeys.PUBLIC, playlist.id()), playlist);
            } else {
                own.put(CacheKeys.playlist(scope, playlist.id()), playlist);
            }
        }
        store.putRead(DataKind.PLAYLISTS, EntryCodec.PLAYLIST, shared, began);
        store.putRead(DataKind.PLAYLISTS, EntryCodec.PLAYLIST, own, began);
    }

    /** The full tracks that came with items: kept once per id, so they are never fetched by id. */
    public void keepTracks(Collection<Track> tracks, ChangeCounter.Mark began) {
        Map<String, Track> byKey = new HashMap<>();
        tracks.forEach(track -> byKey.put(CacheKeys.track(track.id()), track));
        store.putRead(DataKind.TRACKS, EntryCodec.TRACK, byKey, began);
    }
}
