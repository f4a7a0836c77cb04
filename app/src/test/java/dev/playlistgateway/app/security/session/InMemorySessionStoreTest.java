package dev.playlistgateway.app.security.session;

class InMemorySessionStoreTest extends SessionStoreContract {
    @Override
    protected SessionStore newStore() {
        return new InMemorySessionStore(InMemorySessionStore.MAX_BYTES);
    }
}
