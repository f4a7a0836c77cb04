package dev.playlistgateway.domain.cache;

import dev.playlistgateway.domain.model.Playlist;
import dev.playlistgateway.domain.model.PlaylistId;
import dev.playlistgateway.domain.model.PlaylistWithItems;
import dev.playlistgateway.domain.model.UserId;
import dev.playlistgateway.domain.model.Viewer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Changes to playlists made through the gateway, and what they remove from the cache so that the next
 * read of the playlist, its items and its owner's list shows them (docs/caching.md, "Invalidation on
 * mutations"). Old items are left alone: they sit under the old snapshot id, which nothing current
 * points to any more. Thread safe.
 */
public final class PlaylistChanges {

    /** The kinds of data the changes made here touch: a change counter shared by instances counts these. */
    public static final Set<DataKind> CHANGED_KINDS = Set.of(DataKind.PLAYLISTS);

    private final EntryStore store;
    private final ChangeCounter changes;
    private final ReadThrough readThrough;
    private final PlaylistEntries entries;

    public PlaylistChanges(EntryStore store, ChangeCounter changes, ReadThrough readThrough, PlaylistEntries entries) {
        this.store = Objects.requireNonNull(store, "store");
        this.changes = Objects.requireNonNull(changes, "changes");
        this.readThrough = Objects.requireNonNull(readThrough, "readThrough");
        this.entries = Objects.requireNonNull(entries, "entries");
    }

    /**
     * Makes {@code change} to playlist {@code id} and returns the playlist as it is afterwards: two upstream
     * calls, the change and {@code reread}. In order:
     * <ol>
     *   <li>look in the cache for the playlist, to learn its owner; move the change counter, so that no
     *       read already on its way stores what may be the old version;</li>
     *   <li>make the change;</li>
     *   <li>remove the playlist from the shared scope and the viewer's, and the list blocks of each owner
     *       known (the viewer, the cached copy's owner) in the viewer's scope and the owner's own;</li>
     *   <li>read the playlist afresh (never joined to a read in flight, which would answer the old version)
     *       and keep it; if its owner was not known before (a collaborator's change), remove their lists too.</li>
     * </ol>
     *
     * @param change the change, one upstream call; its failure is thrown and nothing is removed
     * @param reread reads the playlist upstream, one call
     */
    public Playlist apply(Viewer viewer, PlaylistId id, ReadRecorder cost, Supplier<?> change,
                          Supplier<PlaylistWithItems> reread) {
        Optional<Playlist> before = cachedCopy(viewer, id);
        changes.changing(DataKind.PLAYLISTS);
        readThrough.call(DataKind.PLAYLISTS, cost, change);
        Set<UserId> owners = new LinkedHashSet<>();
        viewer.user().ifPresent(owners::add);
        before.ifPresent(playlist -> owners.add(playlist.owner().id()));
        List<String> outdated = new ArrayList<>();
        outdated.add(CacheKeys.playlist(CacheKeys.PUBLIC, id));
        outdated.add(CacheKeys.playlist(CacheKeys.scopeOf(viewer), id));
        owners.forEach(owner -> outdated.addAll(listsOf(viewer, owner)));
        store.delete(outdated);

        ChangeCounter.Mark began = changes.mark();
        PlaylistWithItems read = readThrough.call(DataKind.PLAYLISTS, cost, reread);
        entries.keepRead(viewer, read, began);
        store.putRead(DataKind.PLAYLISTS, EntryCodec.PLAYLIST,
                Map.of(CacheKeys.playlist(CacheKeys.scopeOf(viewer), id), read.playlist()), began);
        // A collaborator's change: the owner is known for sure only now. Their list shows the old count.
        UserId owner = read.playlist().owner().id();
        if (!owners.contains(owner)) {
            store.delete(listsOf(viewer, owner));
        }
        return read.playlist();
    }

    /** The copy of the playlist the cache holds for this viewer, fresh or not, if any. */
    private Optional<Playlist> cachedCopy(Viewer viewer, PlaylistId id) {
        return store.getAll(List.of(CacheKeys.playlist(CacheKeys.PUBLIC, id), CacheKeys.playlist(CacheKeys.scopeOf(viewer), id)),
                EntryCodec.PLAYLIST).values().stream().map(EntryCodec.Entry::value).findFirst();
    }

    /** Every block of {@code owner}'s playlist list as the viewer and as the owner read it. */
    private List<String> listsOf(Viewer viewer, UserId owner) {
        List<String> keys = new ArrayList<>(listBlocks(CacheKeys.scopeOf(viewer), owner));
        keys.addAll(listBlocks(CacheKeys.userScope(owner), owner));
        return keys;
    }

    /** The keys of a cached list's blocks; block 0 tells how many there are. */
    private List<String> listBlocks(String scope, UserId owner) {
        String first = CacheKeys.playlistsBlock(scope, owner, 0);
        int blocks = store.get(first, EntryCodec.PLAYLIST_PAGE)
                .map(entry -> Blocks.count(entry.value().total(), CacheKeys.PLAYLISTS_BLOCK))
                .orElse(1);
        List<String> keys = new ArrayList<>();
        for (int block = 0; block < blocks; block++) {
            keys.add(CacheKeys.playlistsBlock(scope, owner, block));
        }
        return keys;
    }
}
