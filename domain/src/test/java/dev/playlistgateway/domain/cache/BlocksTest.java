package dev.playlistgateway.domain.cache;

import dev.playlistgateway.domain.model.Page;
import dev.playlistgateway.domain.model.PageRequest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class BlocksTest {

    private static Page<Integer> positions(int from, int to, int total) {
        return new Page<>(IntStream.range(from, to).boxed().toList(), from, total);
    }

    @Test
    void aWindowIsCoveredByTheBlocksHoldingItsPositionsUpToTheEndOfTheList() {
        assertThat(Blocks.covering(PageRequest.of(95, 10), 100, 260)).containsExactly(0, 1);
        assertThat(Blocks.covering(PageRequest.of(200, 100), 100, 260)).containsExactly(2);
        assertThat(Blocks.covering(PageRequest.of(0, 50), 50, 50)).containsExactly(0);
    }

    @Test
    void aWindowInABlockPastTheEndOrOfAnEmptyListNeedsNoBlock() {
        assertThat(Blocks.covering(PageRequest.of(300, 10), 100, 260)).isEmpty();
        assertThat(Blocks.covering(PageRequest.of(0, 100), 100, 0)).isEmpty();
    }

    @Test
    void aWindowStartingAtTheEndInsideTheLastBlockStillNamesThatBlock() {
        assertThat(Blocks.covering(PageRequest.of(260, 10), 100, 260)).containsExactly(2);
    }

    @Test
    void aListTakesAtLeastOneBlock() {
        assertThat(Blocks.count(0, 50)).isEqualTo(1);
        assertThat(Blocks.count(50, 50)).isEqualTo(1);
        assertThat(Blocks.count(51, 50)).isEqualTo(2);
    }

    @Test
    void aBlockIsReadFromItsFirstPosition() {
        assertThat(Blocks.of(149, 50)).isEqualTo(2);
        assertThat(Blocks.request(2, 50)).isEqualTo(PageRequest.of(100, 50));
    }

    @Test
    void aWindowIsCutAcrossBlocks() {
        Map<Integer, Page<Integer>> blocks = Map.of(0, positions(0, 100, 260), 1, positions(100, 200, 260));

        Page<Integer> window = Blocks.cut(blocks, 100, PageRequest.of(95, 10), 260);

        assertThat(window.items()).containsExactly(95, 96, 97, 98, 99, 100, 101, 102, 103, 104);
        assertThat(window.offset()).isEqualTo(95);
        assertThat(window.total()).isEqualTo(260);
    }

    @Test
    void aCutStopsWhereTheListShrankBetweenBlocks() {
        Map<Integer, Page<Integer>> blocks = Map.of(0, positions(0, 100, 260), 1, positions(100, 102, 102));

        assertThat(Blocks.cut(blocks, 100, PageRequest.of(98, 10), 260).items()).containsExactly(98, 99, 100, 101);
    }

    @Test
    void aFirstPageLongerThanABlockGivesEveryWholeBlockItHolds() {
        Map<Integer, Page<Integer>> blocks = Blocks.wholeBlocksOf(positions(0, 100, 120), 50, 120);

        assertThat(blocks).containsOnlyKeys(0, 1);
        assertThat(blocks.get(1)).isEqualTo(positions(50, 100, 120));
    }

    @Test
    void theLastShortBlockOfAListIsWhole() {
        assertThat(Blocks.wholeBlocksOf(positions(0, 70, 70), 50, 70)).containsOnlyKeys(0, 1)
                .containsEntry(1, positions(50, 70, 70));
    }

    @Test
    void aPageNotFromTheStartOrOfAnotherTotalGivesNoBlock() {
        assertThat(Blocks.wholeBlocksOf(positions(50, 100, 120), 50, 120)).isEmpty();
        assertThat(Blocks.wholeBlocksOf(positions(0, 100, 120), 50, 121)).isEmpty();
        assertThat(Blocks.wholeBlocksOf(new Page<>(List.of(), 0, 0), 50, 0)).isEmpty();
    }
}
