package dev.playlistgateway.app.security;

import java.time.Clock;

class InMemorySessionStoreTest extends SessionStoreContract {
    @Override
    protected SessionStore newStore() {
        return new InMemorySessionStore(Clock.systemUTC());
    }
}
