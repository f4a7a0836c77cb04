package dev.playlistgateway.domain.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageRequestTest {

    @Test
    void aWindowEndsWhereItsOffsetPlusLimitSays() {
        assertThat(PageRequest.of(95, 10).end()).isEqualTo(105);
    }

    @Test
    void anOffsetFromAForgedCursorNearTheIntegerLimitIsRefusedNotWrappedAround() {
        assertThatThrownBy(() -> PageRequest.of(Integer.MAX_VALUE - 1, 100))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("past any list");
    }

    @Test
    void negativeOffsetsAndEmptyPagesAreRefused() {
        assertThatThrownBy(() -> PageRequest.of(-1, 10)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> PageRequest.of(0, 0)).isInstanceOf(InvalidInputException.class);
    }
}
