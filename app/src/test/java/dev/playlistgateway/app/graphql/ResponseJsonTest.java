package dev.playlistgateway.app.graphql;

import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The streaming writer writes what Micronaut serde wrote, byte for byte (ETags depend on it). */
class ResponseJsonTest {
    private final JsonMapper mapper = JsonMapper.createDefault();
    private final ResponseJson json = new ResponseJson(mapper);

    @Test
    void writesAResponseTreeAsTheMapperDoes() throws IOException {
        Map<String, Object> track = new LinkedHashMap<>();
        track.put("name", "Caf\u00e9 \"live\" \\ / \u2028 \u0001 \uD83C\uDFB5");
        track.put("durationMs", 215_000);
        track.put("popularity", null);
        track.put("explicit", false);
        track.put("score", 0.1 + 0.2);
        track.put("big", 12_345_678_901L);
        track.put("exact", new BigDecimal("1.50"));
        track.put("genres", List.of("a", "b"));
        track.put("nothing", Arrays.asList(null, "x"));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("data", Map.of("track", track));
        response.put("errors", List.of(Map.of("message", "m", "path", List.of("a", 0, "b"),
                "extensions", Map.of("code", "NOT_FOUND"))));
        response.put("extensions", Map.of("cache", new LinkedHashMap<>(Map.of("hits", 3))));

        assertThat(new String(json.write(response), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(new String(mapper.writeValueAsBytes(response), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void handsWhatIsNotPlainJsonToTheMapper() throws IOException {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("data", new ArrayList<>(List.of(1)));
        response.put("extensions", Map.of("when", java.time.Duration.ofSeconds(3), "code", ErrorCode.INTERNAL));

        assertThat(json.write(response)).isEqualTo(mapper.writeValueAsBytes(response));
    }
}
