package dev.playlistgateway.testsupport.redis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Redis Cluster of masters only (no replicas), empty, on 127.0.0.1 and free ports, for the
 * tests of cluster clients: {@code RedisCluster.start(3)} then {@link #uris()} as seed nodes.
 *
 * <p>Always started from the local {@code redis-server} binary ({@code --cluster-enabled yes}, then
 * {@code redis-cli --cluster create ... --cluster-yes}), also where Docker runs: a cluster in
 * containers announces addresses the host cannot reach. Without the binaries {@link #start(int)}
 * skips the test, or fails it when {@code CI=true}. Each node's ports are free, never 6379, and its
 * bus port (port + 10000) is free too.
 */
public final class RedisCluster implements AutoCloseable {

    private static final long READY_TIMEOUT_MILLIS = 20_000;

    private final List<RedisServer> nodes;

    private RedisCluster(List<RedisServer> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    /** Starts {@code masters} (at least 3) nodes, joins them, and waits until every node reports the cluster ok. */
    public static RedisCluster start(int masters) {
        if (masters < 3) {
            throw new IllegalArgumentException("a Redis Cluster needs at least 3 masters, asked for " + masters);
        }
        Path server = Backends.onPath("redis-server")
                .orElseThrow(() -> Backends.noRedis("a cluster needs redis-server on PATH, and there is none"));
        Path cli = Backends.onPath("redis-cli")
                .orElseThrow(() -> Backends.noRedis("a cluster needs redis-cli on PATH, and there is none"));
        List<RedisServer> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < masters; i++) {
                nodes.add(new RedisServer(LocalRedisProcess.start(server, true)));
            }
            create(cli, nodes);
            RedisCluster cluster = new RedisCluster(nodes);
            cluster.awaitOk(masters);
            return cluster;
        } catch (RuntimeException e) {
            nodes.forEach(RedisServer::stop);
            throw e;
        }
    }

    private static void create(Path cli, List<RedisServer> nodes) {
        List<String> command = new ArrayList<>(List.of(cli.toString(), "--cluster", "create"));
        nodes.forEach(node -> command.add(node.host() + ":" + node.port()));
        command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n"
                        + new String(output, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + cli + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the cluster", e);
        }
    }

    private void awaitOk(int masters) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_TIMEOUT_MILLIS);
        String last = "";
        while (System.nanoTime() < deadline) {
            boolean allOk = true;
            for (RedisServer node : nodes) {
                last = String.valueOf(node.command("CLUSTER", "INFO"));
                if (!last.contains("cluster_state:ok") || !last.contains("cluster_slots_ok:16384")
                        || !last.contains("cluster_known_nodes:" + masters)) {
                    allOk = false;
                    break;
                }
            }
            if (allOk) {
                return;
            }
            LocalRedisProcess.sleep(50);
        }
        throw new IllegalStateException("cluster not ok within " + READY_TIMEOUT_MILLIS + " ms:\n" + last);
    }

    /** {@code redis://127.0.0.1:PORT} of every node, as seed URIs for a cluster client. */
    public List<String> uris() {
        return nodes.stream().map(RedisServer::uri).toList();
    }

    /** The nodes, for per-node checks or outage tests ({@link RedisServer#kill()} of one master). */
    public List<RedisServer> nodes() {
        return nodes;
    }

    /** Removes every key on every node. */
    public void flushAll() {
        nodes.forEach(RedisServer::flushAll);
    }

    /** Stops every node and deletes what they left behind. Idempotent. */
    @Override
    public void close() {
        nodes.forEach(RedisServer::stop);
    }

    @Override
    public String toString() {
        return "Redis Cluster " + uris();
    }
}
