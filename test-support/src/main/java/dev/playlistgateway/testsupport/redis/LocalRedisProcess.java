package dev.playlistgateway.testsupport.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code redis-server} from PATH as a child process, bound to 127.0.0.1 on a free port, with no
 * persistence, its working files in a temporary directory that {@link #stop()} deletes. A JVM
 * shutdown hook kills whatever a test forgot to stop, so no server outlives the test run.
 */
final class LocalRedisProcess implements Node {

    private static final Set<LocalRedisProcess> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(LocalRedisProcess::stop),
                "redis-test-servers-shutdown"));
    }

    private static final int START_ATTEMPTS = 3;
    private static final long READY_TIMEOUT_MILLIS = 10_000;

    private final Path executable;
    private final boolean clusterEnabled;
    private final Path dir;
    private final int port;
    private Process process;
    private volatile boolean stopped;

    private LocalRedisProcess(Path executable, boolean clusterEnabled, Path dir, int port) {
        this.executable = executable;
        this.clusterEnabled = clusterEnabled;
        this.dir = dir;
        this.port = port;
    }

    /** Starts a server on a free port, trying another port if the chosen one was taken meanwhile. */
    static LocalRedisProcess start(Path executable, boolean clusterEnabled) {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            LocalRedisProcess node = null;
            try {
                Path dir = Files.createTempDirectory("pgw-redis-");
                node = new LocalRedisProcess(executable, clusterEnabled, dir, FreePorts.find(clusterEnabled));
                LIVE.add(node);
                node.launch();
                return node;
            } catch (IOException e) {
                throw new UncheckedIOException("Could not prepare a directory for redis-server", e);
            } catch (IllegalStateException e) {
                last = e;
                if (node != null) {
                    node.stop();
                }
            }
        }
        throw last;
    }

    @Override
    public int port() {
        return port;
    }

    Path dir() {
        return dir;
    }

    private synchronized void launch() {
        List<String> command = new ArrayList<>(List.of(executable.toString(),
                "--port", Integer.toString(port),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--dir", dir.toString(),
                "--daemonize", "no",
                "--logfile", ""));
        if (clusterEnabled) {
            command.addAll(List.of("--cluster-enabled", "yes",
                    "--cluster-config-file", "nodes.conf",
                    "--cluster-node-timeout", "2000"));
        }
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + executable + ": " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_TIMEOUT_MILLIS);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server on port " + port + " exited with "
                        + process.exitValue() + ":\n" + logTail());
            }
            if (Resp.answersPing("127.0.0.1", port, 200)) {
                return;
            }
            sleep(20);
        }
        process.destroyForcibly();
        throw new IllegalStateException("redis-server on port " + port + " did not answer PING within "
                + READY_TIMEOUT_MILLIS + " ms:\n" + logTail());
    }

    @Override
    public synchronized void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitFor(process);
        }
    }

    @Override
    public synchronized void restart() {
        if (stopped) {
            throw new IllegalStateException("stopped; start a new server instead");
        }
        kill();
        // Without persistence the new server starts empty; a cluster node keeps its nodes.conf
        // in the same directory and so rejoins its cluster with the slots it had.
        launch();
    }

    @Override
    public void pause() {
        signal("-STOP");
    }

    @Override
    public void resume() {
        signal("-CONT");
    }

    private synchronized void signal(String signal) {
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException("redis-server on port " + port + " is not running");
        }
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid()))
                    .redirectErrorStream(true).start();
            if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill " + signal + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        LIVE.remove(this);
        if (process != null && process.isAlive()) {
            // A paused process ignores SIGTERM until continued; SIGKILL is fine, nothing is persisted.
            process.destroyForcibly();
            waitFor(process);
        }
        deleteRecursively(dir);
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("redis.log"), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void waitFor(Process process) {
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Redis", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // best effort: a leftover temp file must not fail a test
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }

    @Override
    public String toString() {
        return "redis-server 127.0.0.1:" + port + " (" + dir + ")";
    }
}
