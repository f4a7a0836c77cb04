package dev.playlistgateway.app.graphql;

import dev.playlistgateway.domain.model.InvalidInputException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque Relay cursors. A cursor names a position in a list; clients must not build them, so they
 * are base64 of a versioned string and anything else is refused as BAD_USER_INPUT.
 */
final class Cursors {
    private static final String PREFIX = "pos:v1:";

    private Cursors() {
    }

    static String at(int position) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + position).getBytes(StandardCharsets.US_ASCII));
    }

    /** The position just after {@code after}, or 0 when there is no cursor. */
    static int offsetAfter(String after) {
        if (after == null) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.US_ASCII);
            if (decoded.startsWith(PREFIX)) {
                int position = Integer.parseInt(decoded.substring(PREFIX.length()));
                if (position >= 0 && position < Integer.MAX_VALUE) {
                    return position + 1;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below: not base64, or not a number
        }
        throw new InvalidInputException("after is not a cursor returned by this API");
    }
}
