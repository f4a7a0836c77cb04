package dev.playlistgateway.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How long and how hard the run measures, from system properties (the bench pom passes them):
 * {@code bench.smoke} shortens every phase (loads of 2 s, 4 concurrent cold clients instead of 16, one
 * JMH iteration in the bench JVM), {@code bench.seconds} is each measured load's length,
 * {@code bench.connections} the load's clients.
 */
record Settings(boolean smoke, Duration load, Duration warmUp, int connections, int concurrentColdClients,
                Duration upstreamLatency, Path jar, Path out) {

    static Settings fromSystemProperties() {
        boolean smoke = Boolean.parseBoolean(System.getProperty("bench.smoke", "false"));
        int seconds = Integer.getInteger("bench.seconds", 10);
        return new Settings(smoke,
                Duration.ofSeconds(smoke ? 2 : seconds),
                Duration.ofSeconds(smoke ? 1 : 3),
                Integer.getInteger("bench.connections", 8),
                smoke ? 4 : 16,
                Duration.ofMillis(15),
                Path.of(System.getProperty("bench.jar", "app/target/playlist-gateway.jar")).toAbsolutePath(),
                Path.of(System.getProperty("bench.out", "bench/target/bench")).toAbsolutePath());
    }
}
