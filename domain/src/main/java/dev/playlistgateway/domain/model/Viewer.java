package dev.playlistgateway.domain.model;

import java.util.Optional;

/**
 * Who is asking. Every use case and every {@code PlaylistPort} call names its viewer, because what
 * may be read (and under which cache key) depends on it.
 *
 * @param userId     the signed-in user, or null for an anonymous caller
 * @param credential what the music adapter exchanges for the user's credentials, or null where it needs none;
 *                   never logged, never shown
 */
public record Viewer(UserId userId, Credential credential) {

    /** A caller who has not signed in: public data only. */
    public static final Viewer ANONYMOUS = new Viewer(null, null);

    /**
     * An opaque handle on a signed-in viewer's credentials. The domain never looks inside: whoever signs users in
     * defines the kinds, and the music adapter hands them back to it. Implementations MUST be values (equal when
     * they stand for the same credentials: the viewer's equality includes them) and MUST NOT show a secret in
     * {@code toString}.
     */
    public interface Credential {
    }

    public static Viewer signedIn(UserId userId, Credential credential) {
        return new Viewer(java.util.Objects.requireNonNull(userId, "userId"), credential);
    }

    public boolean isAnonymous() {
        return userId == null;
    }

    public Optional<UserId> user() {
        return Optional.ofNullable(userId);
    }

    @Override
    public String toString() {
        // The credential can be exchanged for a token: keep it out of logs.
        return isAnonymous() ? "Viewer[anonymous]" : "Viewer[" + userId + "]";
    }
}
