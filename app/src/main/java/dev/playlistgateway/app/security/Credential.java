package dev.playlistgateway.app.security;

import dev.playlistgateway.domain.model.Viewer;

/**
 * What a signed-in viewer's requests are authenticated by: a session (cookie) or a Bearer token. It rides in the
 * domain's {@link Viewer} as its opaque {@link Viewer.Credential}, and comes back to the sign-in code when the Spotify
 * adapter asks for the viewer's token ({@code request.ViewerTokens}), which tells the two kinds apart by type.
 *
 * <p>Neither kind holds a secret: a session is known by its handle (the SHA-256 of the session id, see
 * {@code session.Sessions}), a Bearer token by its SHA-256. Both are part of the viewer's equality. Neither is
 * ever logged; {@code toString} shows only the kind.
 */
public sealed interface Credential extends Viewer.Credential permits Credential.Session, Credential.Bearer {

    /** A session cookie's session, by its handle. */
    record Session(String handle) implements Credential {
        @Override
        public String toString() {
            return "Session[****]";
        }
    }

    /** A Bearer token, by its SHA-256 ({@link Secrets#sha256}). */
    record Bearer(String tokenHash) implements Credential {
        @Override
        public String toString() {
            return "Bearer[****]";
        }
    }
}
