package dev.playlistgateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;

/** One Jackson mapper for the run's own JSON (requests, answers checked for errors). */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static byte[] request(String query) {
        try {
            return MAPPER.writeValueAsBytes(MAPPER.createObjectNode().put("query", query));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code data} of a GraphQL response, or an exception naming its first error. */
    static JsonNode data(byte[] response) {
        JsonNode root;
        try {
            root = MAPPER.readTree(response);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + new String(response, 0, Math.min(200, response.length)), e);
        }
        if (root.has("errors") && root.get("errors").size() > 0) {
            throw new IllegalStateException("GraphQL errors: " + root.get("errors").get(0));
        }
        return root.path("data");
    }
}
