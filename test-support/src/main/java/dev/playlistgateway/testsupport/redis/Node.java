package dev.playlistgateway.testsupport.redis;

/** One running Redis, however it runs: a local process or a container. */
interface Node {

    /** The host port clients connect to; the same across {@link #restart()}. */
    int port();

    /** Ends it abruptly (SIGKILL or container removal): clients see the connection drop. */
    void kill();

    /** Starts it again on the same port after {@link #kill()}, empty, and waits until it answers. */
    void restart();

    /** Freezes it (SIGSTOP or docker pause): connections stay open but nothing answers. */
    void pause();

    /** Undoes {@link #pause()}. */
    void resume();

    /** True while it runs (and is not killed). */
    boolean isRunning();

    /** Ends it and removes whatever it left behind. Idempotent. */
    void stop();
}
