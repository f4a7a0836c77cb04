package dev.playlistgateway.domain.model;

/**
 * Shared validation for the typed ids. Ids are opaque to the domain; they only have to be
 * safe to put in a cache key and in an upstream URL path, which this rule guarantees.
 */
final class Id {
    /** The longest id accepted. */
    private static final int MAX_LENGTH = 128;

    private Id() {
    }

    static String require(String kind, String value) {
        if (value == null || !isSafe(value)) {
            throw new InvalidInputException("Not a valid " + kind + " id: "
                    + (value == null ? "null" : '"' + abbreviate(value) + '"'));
        }
        return value;
    }

    /**
     * Letters, digits, '_', '-' and '.'; 1 to 128 characters; not dots alone ("." and ".." are path
     * segments that walk the upstream URL: {@code /v1/playlists/..}). Spotify ids are 22 base-62
     * characters; user ids of old accounts may hold '.', '_' or '-'. A loop rather than a regular
     * expression: every id decoded from the cache is checked, thousands per warm answer.
     */
    static boolean isSafe(String value) {
        int length = value.length();
        if (length == 0 || length > MAX_LENGTH) {
            return false;
        }
        boolean onlyDots = true;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c == '.') {
                continue;
            }
            onlyDots = false;
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
                return false;
            }
        }
        return !onlyDots;
    }

    private static String abbreviate(String value) {
        String printable = value.replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "…" : printable;
    }
}
