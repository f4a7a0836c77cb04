package dev.playlistgateway.domain.service;

import dev.playlistgateway.domain.cache.DataKind;
import dev.playlistgateway.domain.fake.CountingPlaylistPort.Op;
import dev.playlistgateway.domain.fake.TestCatalog;
import dev.playlistgateway.domain.model.AlbumId;
import dev.playlistgateway.domain.model.TrackId;
import dev.playlistgateway.domain.model.Viewer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.playlistgateway.domain.service.Fixture.viewer;
import static org.assertj.core.api.Assertions.assertThat;

/** Tracks, artists and albums by id: cached once per id for everyone; only misses go upstream, in one batch. */
class CatalogueReadTest {

    private static final Viewer ALICE = viewer("alice");

    private final TestCatalog catalog = TestCatalog.userWith("alice", 1, 40, 5);
    private final Fixture f = new Fixture(catalog);
    private final List<TrackId> all = catalog.playlist("alice-pl-00").trackIds();

    @Test
    void tracksServeHitsFromCacheAndFetchOnlyTheMissesInOneCall() {
        f.service.tracks(ALICE, all.subList(0, 30), new QueryCost());
        f.port.resetCounts();
        f.cache.resetCounts();
        QueryCost cost = new QueryCost();

        var tracks = f.service.tracks(viewer("bob"), all, cost);

        assertThat(tracks).containsOnlyKeys(all);
        assertThat(f.port.calls(Op.TRACKS)).isEqualTo(1);
        assertThat(f.port.log(Op.TRACKS).get(0).asked())
                .containsExactlyInAnyOrderElementsOf(all.subList(30, 40).stream().map(TrackId::value).toList());
        assertThat(cost.hits()).isEqualTo(30);
        assertThat(cost.misses()).isEqualTo(10);
        assertThat(cost.upstreamCalls()).isEqualTo(1);
        assertThat(f.cache.getAllCalls()).isEqualTo(1);
    }

    @Test
    void unknownIdsAreAbsentAndDoNotFailTheKnownOnes() {
        List<TrackId> asked = new ArrayList<>(all.subList(0, 3));
        asked.add(TrackId.of("nosuchtrack0000000000a"));

        var tracks = f.service.tracks(ALICE, asked, new QueryCost());

        assertThat(tracks).containsOnlyKeys(all.subList(0, 3));
        assertThat(f.service.albums(ALICE, List.of(AlbumId.of("al0000"), AlbumId.of("nosuchalbum")), new QueryCost()))
                .containsOnlyKeys(AlbumId.of("al0000"));
    }

    @Test
    void emptyRequestCostsNothing() {
        assertThat(f.service.tracks(ALICE, List.of(), new QueryCost())).isEmpty();
        assertThat(f.port.totalCalls()).isZero();
        assertThat(f.cache.getAllCalls()).isZero();
    }

    @Test
    void duplicateIdsAreAskedOnce() {
        f.service.tracks(ALICE, List.of(all.get(0), all.get(0), all.get(1)), new QueryCost());

        assertThat(f.port.log(Op.TRACKS).get(0).asked()).containsExactlyInAnyOrder(all.get(0).value(), all.get(1).value());
    }

    @Test
    void albumsAreCachedForEveryoneAfterOneCall() {
        List<AlbumId> albums = List.copyOf(catalog.albums().keySet());
        f.service.albums(ALICE, albums, new QueryCost());
        f.service.albums(Viewer.ANONYMOUS, albums, new QueryCost());

        assertThat(f.port.calls(Op.ALBUMS)).isEqualTo(1);
    }

    @Test
    void catalogueEntriesExpireAfterTheirOwnTtl() {
        f.service.tracks(ALICE, all, new QueryCost());
        f.clock.advance(f.ttls.freshFor(DataKind.TRACKS).plusSeconds(1));

        f.service.tracks(ALICE, all, new QueryCost());

        assertThat(f.port.calls(Op.TRACKS)).isEqualTo(2);
    }
}
