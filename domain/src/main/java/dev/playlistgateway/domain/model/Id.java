package dev.playlistgateway.domain.model;

import java.util.regex.Pattern;

/**
 * Shared validation for the typed ids. Ids are opaque to the domain; they only have to be
 * safe to put in a cache key and in an upstream URL path, which this rule guarantees.
 */
final class Id {
    /**
     * Letters, digits, '_', '-' and '.'; 1 to 128 characters; not dots alone ("." and ".." are path
     * segments that walk the upstream URL: {@code /v1/playlists/..}). Spotify ids are 22 base-62
     * characters; user ids of old accounts may hold '.', '_' or '-'.
     */
    private static final Pattern SAFE = Pattern.compile("(?!\\.+$)[A-Za-z0-9_.\\-]{1,128}");

    private Id() {
    }

    static String require(String kind, String value) {
        if (value == null || !SAFE.matcher(value).matches()) {
            throw new InvalidInputException("Not a valid " + kind + " id: "
                    + (value == null ? "null" : '"' + abbreviate(value) + '"'));
        }
        return value;
    }

    private static String abbreviate(String value) {
        String printable = value.replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "…" : printable;
    }
}
