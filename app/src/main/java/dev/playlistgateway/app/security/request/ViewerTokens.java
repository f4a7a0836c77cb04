package dev.playlistgateway.app.security.request;

import dev.playlistgateway.adapter.spotify.SpotifyUserTokens;
import dev.playlistgateway.app.security.Credential;
import dev.playlistgateway.app.security.bearer.BearerViewers;
import dev.playlistgateway.app.security.session.SessionTokens;
import dev.playlistgateway.domain.model.Viewer;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * The Spotify adapter's source of user tokens: the token behind the {@link Credential} that {@link GatewayViewers} gave
 * the viewer. A session's comes from {@link SessionTokens} (refreshed there when due, or when Spotify rejects it); a
 * Bearer token is the client's, from {@link BearerViewers}: never refreshed here, and one Spotify rejects is refused
 * from then on. A viewer without either (anonymous, or a credential sign-in did not make) has no token. Thread safe.
 * Replaces the anonymous {@code SpotifyUserTokens.NONE} fallback of SpotifyModeFactory.
 */
@Singleton
final class ViewerTokens implements SpotifyUserTokens {
    private final SessionTokens sessions;
    private final BearerViewers bearers;

    ViewerTokens(SessionTokens sessions, BearerViewers bearers) {
        this.sessions = sessions;
        this.bearers = bearers;
    }

    @Override
    public Optional<String> accessToken(Viewer viewer) {
        if (viewer.credential() instanceof Credential.Session session) {
            return sessions.accessToken(session);
        }
        if (viewer.credential() instanceof Credential.Bearer bearer) {
            return bearers.token(bearer);
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> refreshAfterRejection(Viewer viewer, String rejectedToken) {
        if (viewer.credential() instanceof Credential.Session session) {
            return sessions.afterRejection(session, rejectedToken);
        }
        if (viewer.credential() instanceof Credential.Bearer bearer) {
            bearers.rejected(bearer); // the client's token: only the client can get a new one; refuse it from now on
        }
        return Optional.empty();
    }
}
