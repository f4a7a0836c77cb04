package dev.playlistgateway.bench;

/** What the call counts compare: the gateway, or the naive baseline; each start is an empty cache. */
interface Subject {

    String name();

    Instance start();

    /** One started subject, cold until it has answered. */
    interface Instance extends AutoCloseable {

        /** Answers for {@code viewer} (a user of the stand-in's library). */
        GraphQLEndpoint endpoint(String viewer);

        @Override
        void close();
    }
}
