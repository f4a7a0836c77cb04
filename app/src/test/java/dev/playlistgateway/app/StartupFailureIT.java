package dev.playlistgateway.app;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's main in a JVM of its own, as an operator starts it, with one bad setting: it stops with
 * exit status 1 and one ERROR line that names the setting, no stack trace and no repeats. A failure that
 * is no setting's mistake (the port is taken) keeps its stack trace.
 */
class StartupFailureIT {
    private static final long START_TIMEOUT_S = 120;

    record Run(int exitCode, String output) {
        long errorLines() {
            return output.lines().filter(line -> line.contains(" ERROR ")).count();
        }

        long frames() {
            return output.lines().filter(line -> line.startsWith("\tat ")).count();
        }

        int occurrences(String text) {
            int count = 0;
            for (int at = output.indexOf(text); at >= 0; at = output.indexOf(text, at + text.length())) {
                count++;
            }
            return count;
        }
    }

    @Test
    void aPortThatIsNotANumberIsOneLineNamingTheSetting() throws Exception {
        Run run = start(Map.of("MICRONAUT_SERVER_PORT", "abc"));

        assertOneLine(run, "MICRONAUT_SERVER_PORT");
        assertThat(run.output()).contains("micronaut.server.port").contains("abc");
    }

    @Test
    void aNegativeCallBudgetIsOneLineNamingTheSetting() throws Exception {
        Run run = start(Map.of("SPOTIFY_CLIENT_ID", "id", "SPOTIFY_CLIENT_SECRET", "secret", "SPOTIFY_CALL_BUDGET", "-5"));

        assertOneLine(run, "SPOTIFY_CALL_BUDGET");
        assertThat(run.output()).contains("spotify.call-budget");
    }

    @Test
    void aRedisUriThatIsNoUriIsOneLineNamingTheSetting() throws Exception {
        Run run = start(Map.of("REDIS_URI", "nonsense"));

        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.frames()).as(run.output()).isZero();
        assertThat(run.errorLines()).as(run.output()).isEqualTo(1);
        assertThat(run.output().toLowerCase()).as(run.output()).containsAnyOf("redis.uri", "redis_uri");
    }

    @Test
    void aCorsOriginThatIsNoOriginIsOneLineNamingTheSettingAndTheEntry() throws Exception {
        Run run = start(Map.of("CORS_ORIGINS", "http://localhost:5173,http://x/path/"));

        assertOneLine(run, "CORS_ORIGINS");
        assertThat(run.output()).contains("'http://x/path/'");
    }

    @Test
    void aFailureThatIsNoSettingsMistakeKeepsItsStackTrace() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Run run = start(Map.of("MICRONAUT_SERVER_PORT", String.valueOf(taken.getLocalPort())));

            assertThat(run.exitCode()).as(run.output()).isNotZero();
            assertThat(run.frames()).as(run.output()).isPositive();
            assertThat(run.output()).doesNotContain("Start-up failed:");
        }
    }

    private static void assertOneLine(Run run, String variable) {
        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.frames()).as(run.output()).isZero();
        assertThat(run.errorLines()).as(run.output()).isEqualTo(1);
        assertThat(run.occurrences(variable)).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("ERROR").contains("Start-up failed: ").doesNotContain("Path Taken");
    }

    /**
     * Runs {@link Application#main} with the test's own classpath less its test classes (whose beans
     * are not the jar's), in an environment holding only {@code settings} and what the JVM needs.
     */
    static Run start(Map<String, String> settings) throws IOException, InterruptedException {
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path output = Files.createTempFile("gateway-start", ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp", classpath, Application.class.getName()))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        Map<String, String> environment = builder.environment();
        Map<String, String> kept = new HashMap<>();
        for (String name : List.of("PATH", "HOME", "TMPDIR", "LANG")) {
            if (environment.containsKey(name)) {
                kept.put(name, environment.get(name));
            }
        }
        environment.clear();
        environment.putAll(kept);
        environment.put("MICRONAUT_SERVER_PORT", "-1");
        environment.putAll(settings);
        Process process = builder.start();
        try {
            boolean ended = process.waitFor(START_TIMEOUT_S, TimeUnit.SECONDS);
            String text = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(ended).as("the gateway should have stopped, it printed:%n%s", text).isTrue();
            return new Run(process.exitValue(), text);
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(output);
        }
    }
}
