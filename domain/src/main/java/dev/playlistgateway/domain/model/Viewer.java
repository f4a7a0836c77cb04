package dev.playlistgateway.domain.model;

import java.util.Optional;

/**
 * Who is asking. Every use case and every {@code PlaylistPort} call names its viewer, because what
 * may be read (and under which cache key) depends on it.
 *
 * @param userId        the signed-in user, or null for an anonymous caller
 * @param credentialKey an opaque handle the music adapter exchanges for the user's credentials
 *                      (a session id, a hash of a bearer token); never logged, never shown
 */
public record Viewer(UserId userId, String credentialKey) {

    /** A caller who has not signed in: public data only. */
    public static final Viewer ANONYMOUS = new Viewer(null, null);

    public static Viewer signedIn(UserId userId, String credentialKey) {
        return new Viewer(java.util.Objects.requireNonNull(userId, "userId"), credentialKey);
    }

    public boolean isAnonymous() {
        return userId == null;
    }

    public Optional<UserId> user() {
        return Optional.ofNullable(userId);
    }

    @Override
    public String toString() {
        // The credential key can be exchanged for a token: keep it out of logs.
        return isAnonymous() ? "Viewer[anonymous]" : "Viewer[" + userId + "]";
    }
}
