package dev.playlistgateway.domain.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Typed ids are safe to put in a cache key and an upstream URL path, and say so when they are not. */
class TypedIdTest {

    private static final List<Function<String, Object>> KINDS = List.of(
            TrackId::of, ArtistId::of, AlbumId::of, PlaylistId::of, UserId::of);

    @ParameterizedTest
    @ValueSource(strings = {"11dFghVXANMlKmJXsNCbNl", "37i9dQZF1DXcBWIGoYBM5M", "spotify", "john.smith", "user_name-1", "a",
            "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567"})
    void acceptsSpotifyStyleIds(String value) {
        for (Function<String, Object> kind : KINDS) {
            assertThat(kind.apply(value)).hasToString(value);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "abc def", "spotify:track:11dFghVXANMlKmJXsNCbNl", "a/b", "../me", "a\\b", "a\tb",
            "a\nb", "a\u0000b", "a\u007fb", "é", "a?b", "a#b", "a%2Fb", "a+b", "a*", ".", "..", "..."})
    void rejectsWhatIsNotSafeInAKeyOrAPath(String value) {
        for (Function<String, Object> kind : KINDS) {
            assertThatThrownBy(() -> kind.apply(value)).isInstanceOf(InvalidInputException.class)
                    .satisfies(e -> assertThat(((InvalidInputException) e).failure()).isEqualTo(MusicDataException.Failure.BAD_INPUT));
        }
    }

    @Test
    void rejectsNullAndTooLongIds() {
        assertThatThrownBy(() -> TrackId.of(null)).isInstanceOf(InvalidInputException.class).hasMessage("Not a valid track id: null");
        assertThatThrownBy(() -> PlaylistId.of("x".repeat(129))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void rejectionMessageIsSafeToShow() {
        String hostile = "\u001b[31m<script>alert(1)</script>\r\nSet-Cookie: x=y" + "A".repeat(500);

        assertThatThrownBy(() -> PlaylistId.of(hostile)).isInstanceOf(InvalidInputException.class).satisfies(e -> {
            String message = e.getMessage();
            assertThat(message).startsWith("Not a valid playlist id: ");
            assertThat(message).hasSizeLessThan(100);
            assertThat(message.chars()).noneMatch(c -> c < 0x20 || c == 0x7f);
            assertThat(message).doesNotContain("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        });
    }

    @Test
    void idsOfDifferentKindsWithTheSameValueAreNotEqual() {
        assertThat((Object) TrackId.of("x")).isNotEqualTo(AlbumId.of("x"));
        assertThat(TrackId.of("x")).isEqualTo(TrackId.of("x")).isLessThan(TrackId.of("y"));
    }

    @Test
    void snapshotIdsAreOpaqueButBounded() {
        assertThat(new SnapshotId("MTY4:/ +=").value()).isEqualTo("MTY4:/ +=");
        assertThatThrownBy(() -> new SnapshotId("")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new SnapshotId("s".repeat(257))).isInstanceOf(InvalidInputException.class);
    }

    /** The rule as a regular expression, as it was written before the hand check replaced it. */
    private static final java.util.regex.Pattern RULE = java.util.regex.Pattern.compile("(?!\\.+$)[A-Za-z0-9_.\\-]{1,128}");

    @Test
    void theHandCheckAcceptsExactlyWhatTheRuleAccepts() {
        java.util.Random random = new java.util.Random(10);
        String alphabet = "aZ09_-.:/ %\u00e9\u0000";
        for (int i = 0; i < 20_000; i++) {
            int length = random.nextInt(i % 50 == 0 ? 140 : 6);
            StringBuilder value = new StringBuilder();
            for (int j = 0; j < length; j++) {
                value.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String id = value.toString();
            assertThat(Id.isSafe(id)).as("%s", id).isEqualTo(RULE.matcher(id).matches());
        }
        assertThat(Id.isSafe("a".repeat(128))).isTrue();
        assertThat(Id.isSafe("a".repeat(129))).isFalse();
    }
}
