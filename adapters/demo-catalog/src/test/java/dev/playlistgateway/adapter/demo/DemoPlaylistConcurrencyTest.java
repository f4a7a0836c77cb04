package dev.playlistgateway.adapter.demo;

import dev.playlistgateway.domain.model.PageRequest;
import dev.playlistgateway.domain.model.Playlist;
import dev.playlistgateway.domain.model.PlaylistItem;
import dev.playlistgateway.domain.model.PlaylistWithItems;
import dev.playlistgateway.domain.model.SnapshotId;
import dev.playlistgateway.domain.model.Viewer;
import dev.playlistgateway.domain.port.PlaylistPort;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.playlistgateway.adapter.demo.DemoIds.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Changes from many threads at once: none lost, each its own snapshot, readers never see half of one. */
class DemoPlaylistConcurrencyTest {

    private static final int THREADS = 8;
    private static final int CHANGES_PER_THREAD = 50;

    private final PlaylistPort port = DemoCatalog.loadBundled().playlistPort();
    private final Viewer listener = Viewer.signedIn(DEMO_LISTENER, null);

    @Test
    void concurrentAddsAreAllKeptEachUnderItsOwnSnapshot() throws Exception {
        Set<SnapshotId> snapshots = ConcurrentHashMap.newKeySet();

        runTogether(THREADS, () -> {
            for (int i = 0; i < CHANGES_PER_THREAD; i++) {
                snapshots.add(port.addItems(listener, NEW_FINDS, List.of(KEROSENE)));
            }
            return null;
        });

        int added = THREADS * CHANGES_PER_THREAD;
        Playlist playlist = port.playlist(listener, NEW_FINDS).playlist();
        assertThat(snapshots).hasSize(added).contains(playlist.snapshotId());
        assertThat(playlist.trackCount()).isEqualTo(1 + added);
        List<PlaylistItem> items = new ArrayList<>();
        for (int offset = 0; offset < playlist.trackCount(); offset += 100) {
            items.addAll(port.items(listener, NEW_FINDS, PageRequest.of(offset, 100)).items().items());
        }
        assertThat(items).filteredOn(item -> KEROSENE.equals(item.trackId())).hasSize(added);
    }

    @Test
    void readersSeeEachPlaylistWholeWhileOthersAddAndRemove() throws Exception {
        AtomicBoolean writing = new AtomicBoolean(true);
        List<String> torn = new ArrayList<>();
        ExecutorService readers = Executors.newFixedThreadPool(2);
        List<Future<?>> reads = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            reads.add(readers.submit(() -> {
                while (writing.get()) {
                    PlaylistWithItems read = port.playlist(listener, EVERYTHING_2024);
                    int count = read.playlist().trackCount();
                    int total = read.firstItemsPage().orElseThrow().items().total();
                    if (count != total || count < 260 || count > 262) {
                        synchronized (torn) {
                            torn.add(count + "/" + total);
                        }
                    }
                }
            }));
        }

        try {
            runTogether(2, () -> {
                for (int i = 0; i < CHANGES_PER_THREAD; i++) {
                    port.addItems(listener, EVERYTHING_2024, List.of(KEROSENE));
                    port.removeItems(listener, EVERYTHING_2024, List.of(KEROSENE));
                }
                return null;
            });
        } finally {
            writing.set(false);
        }
        for (Future<?> read : reads) {
            read.get(30, TimeUnit.SECONDS);
        }
        readers.shutdown();

        assertThat(torn).isEmpty();
        assertThat(port.playlist(listener, EVERYTHING_2024).playlist().trackCount()).isEqualTo(260);
    }

    /** Runs {@code task} on {@code threads} threads released together, and rethrows the first failure. */
    private static void runTogether(int threads, Callable<Void> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            for (Future<Void> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
