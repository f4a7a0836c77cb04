package dev.playlistgateway.adapter.cache.redis;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InvalidationMessageTest {

    @Test
    void keysRoundTripInMessagesOfAtMostTheLimit() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            keys.add("v1:track:" + i);
        }

        List<String> messages = InvalidationMessage.encode("me", keys);

        assertThat(messages).hasSize(3);
        List<String> decoded = new ArrayList<>();
        for (String message : messages) {
            InvalidationMessage m = InvalidationMessage.decode(message);
            assertThat(m.origin()).isEqualTo("me");
            assertThat(m.keys()).hasSizeLessThanOrEqualTo(InvalidationMessage.MAX_KEYS);
            decoded.addAll(m.keys());
        }
        assertThat(decoded).isEqualTo(keys);
    }

    @Test
    void somethingElseOnTheChannelIsNotAMessage() {
        assertThat(InvalidationMessage.decode("hello")).isNull();
        assertThat(InvalidationMessage.decode("\nk")).isNull();
        assertThat(InvalidationMessage.decode(null)).isNull();
        assertThat(InvalidationMessage.encode("me", List.of())).isEmpty();
    }
}
