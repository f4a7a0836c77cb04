package dev.playlistgateway.app.security.login;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * Where a browser may be sent back to after signing in: a path on this gateway, never another site. The
 * sign-in link carries it ({@code /oauth/login/spotify?returnTo=/...}), so anyone can write one; what is
 * not plainly local is dropped and the sign-in lands on the default page instead (no open redirect).
 * Accepted: printable ASCII (no space, control character or tab, which browsers strip and so could turn
 * {@code /\t/evil} into {@code //evil}), starting with a single {@code /}, without {@code //} or a
 * backslash anywhere (browsers read {@code /\evil} as {@code //evil}), that parses as a URI without scheme
 * or authority, and not under {@code /oauth/} (which would sign in again, in a loop).
 */
final class LocalReturnPath {
    /** The sign-in request's query parameter. */
    static final String PARAMETER = "returnTo";
    private static final int MAX_LENGTH = 1_024;

    private LocalReturnPath() {
    }

    /** {@code candidate} if it is a safe local path, else empty. */
    static Optional<String> of(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_LENGTH
                || candidate.charAt(0) != '/' || candidate.contains("//") || candidate.indexOf('\\') >= 0
                || candidate.startsWith("/oauth/")) {
            return Optional.empty();
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return Optional.empty();
            }
        }
        try {
            URI uri = new URI(candidate);
            return uri.getScheme() == null && uri.getRawAuthority() == null ? Optional.of(candidate) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
