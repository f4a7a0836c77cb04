package dev.playlistgateway.adapter.spotify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * Spotify's error object, read leniently: the Web API's {@code {"error":{"status":..,"message":..,"reason":..}}}
 * or the accounts service's OAuth2 {@code {"error":"invalid_grant","error_description":..}}. Never throws:
 * a body that is not JSON (an HTML page from a proxy, say) reads as empty.
 *
 * @param message the printable message, at most 200 characters, or an empty string
 * @param reason  the Web API's {@code reason} ({@code QUOTA_EXCEEDED} on a daily-quota 429), or null
 * @param code    the accounts service's OAuth2 error code ({@code invalid_grant}), or null
 */
record ErrorBody(String message, String reason, String code) {

    static ErrorBody of(String body) {
        try {
            JsonNode root = body == null || body.isBlank() ? MissingNode.getInstance() : SpotifyJson.MAPPER.readTree(body);
            JsonNode error = root.path("error");
            String message = error.isObject() ? error.path("message").asText("") : root.path("error_description").asText("");
            String reason = error.path("reason").isTextual() ? error.path("reason").asText()
                    : root.path("reason").isTextual() ? root.path("reason").asText() : null;
            String code = error.isTextual() ? abbreviate(error.asText()) : null;
            return new ErrorBody(abbreviate(message), reason, code);
        } catch (JsonProcessingException | RuntimeException e) {
            return new ErrorBody("", null, null);
        }
    }

    private static String abbreviate(String message) {
        String printable = message.replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() > 200 ? printable.substring(0, 200) + "…" : printable;
    }
}
