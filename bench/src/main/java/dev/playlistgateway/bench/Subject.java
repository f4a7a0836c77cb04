package dev.playlistgateway.bench;

/** What the call counts compare: the gateway, or the naive baseline; each started with an empty cache. */
interface Subject extends AutoCloseable {

    String name();

    /** Answers for the stand-in user whose Bearer token is {@code token}. */
    GraphQLEndpoint endpoint(String token);

    @Override
    void close();
}
