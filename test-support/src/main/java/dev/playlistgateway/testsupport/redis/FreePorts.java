package dev.playlistgateway.testsupport.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free TCP ports on 127.0.0.1, never Redis's default 6379 (a machine's own Redis may be there). */
final class FreePorts {

    static final int REDIS_DEFAULT_PORT = 6379;
    /** A cluster node also listens on port + 10000 for its bus. */
    private static final int CLUSTER_BUS_OFFSET = 10_000;

    private FreePorts() {
    }

    /** A port free now (and, for a cluster node, with its bus port free too). */
    static int find(boolean withClusterBus) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = probe(0);
            if (port == REDIS_DEFAULT_PORT) {
                continue;
            }
            if (!withClusterBus) {
                return port;
            }
            if (port + CLUSTER_BUS_OFFSET <= 65_535 && probe(port + CLUSTER_BUS_OFFSET) > 0) {
                return port;
            }
        }
        throw new IllegalStateException("found no free port on 127.0.0.1");
    }

    /** Binds and releases {@code port} (0: any); returns the bound port, or -1 when it is taken. */
    private static int probe(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            if (port == 0) {
                throw new UncheckedIOException("cannot bind any port on 127.0.0.1", e);
            }
            return -1;
        }
    }
}
