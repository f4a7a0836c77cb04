package dev.playlistgateway.app.web;

import org.opentest4j.TestAbortedException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Node, npm and Debian's Chromium for the browser tests, found on PATH (Chromium at {@code CHROMIUM_PATH},
 * else {@code /usr/bin/chromium}). Missing, they skip the test with what to install, or fail it when
 * {@code CI=true}: a skipped browser test is not a passed one. Processes run with a time limit, their
 * output copied line by line to this JVM's stdout (surefire's report) and to a log file.
 */
final class NodeTools {
    static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent(); // surefire runs in app/
    static final Path EXAMPLE_APP = REPOSITORY.resolve("examples/web");
    static final Path BROWSER_TESTS = REPOSITORY.resolve("app/src/test/node/browser");
    static final Path BUILT_APP = REPOSITORY.resolve("app/src/main/resources/web");
    private static final String INSTALL_HINT = "apt-get install -y nodejs npm chromium (.ci/run does)";

    final Path node;
    final Path npm;
    final Path chromium;

    private NodeTools(Path node, Path npm, Path chromium) {
        this.node = node;
        this.npm = npm;
        this.chromium = chromium;
    }

    /** Node and npm; Chromium too when {@code withBrowser}. Skips or fails (CI) when one is missing. */
    static NodeTools require(boolean withBrowser) {
        Optional<Path> node = onPath("node");
        Optional<Path> npm = onPath("npm");
        Path chromium = Path.of(Optional.ofNullable(System.getenv("CHROMIUM_PATH")).orElse("/usr/bin/chromium"));
        List<String> missing = new ArrayList<>();
        node.ifPresentOrElse(p -> { }, () -> missing.add("node"));
        npm.ifPresentOrElse(p -> { }, () -> missing.add("npm"));
        if (withBrowser && !Files.isExecutable(chromium)) {
            missing.add("chromium (" + chromium + ")");
        }
        if (!missing.isEmpty()) {
            String message = "Missing " + String.join(", ", missing) + ": " + INSTALL_HINT;
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(message + " (CI=true, so this fails rather than skips)");
            }
            throw new TestAbortedException(message);
        }
        return new NodeTools(node.get(), npm.get(), chromium);
    }

    private static Optional<Path> onPath(String name) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * {@code npm ci} in {@code project} unless its node_modules already match its lock file (npm writes
     * node_modules/.package-lock.json at install; an older one than package-lock.json is out of date).
     */
    void install(Path project, Path log) {
        Path installed = project.resolve("node_modules/.package-lock.json");
        try {
            if (Files.exists(installed)
                    && !Files.getLastModifiedTime(installed).toInstant().isBefore(Files.getLastModifiedTime(project.resolve("package-lock.json")).toInstant())) {
                return;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int exit = run(project, Map.of(), 300, log, npm.toString(), "ci", "--no-audit", "--no-fund");
        if (exit != 0) {
            throw new AssertionError("npm ci in " + project + " failed (exit " + exit + "): see " + log);
        }
    }

    /** Runs a command in {@code dir}; its exit code, or an AssertionError after {@code timeoutSeconds}. */
    int run(Path dir, Map<String, String> env, long timeoutSeconds, Path log, String... command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        // npm and Node must not ask anything or reach past the registry npm is set up for
        builder.environment().put("NO_UPDATE_NOTIFIER", "1");
        builder.environment().put("npm_config_update_notifier", "false");
        try {
            Files.createDirectories(log.getParent());
            Process process = builder.start();
            Thread copier = new Thread(() -> copyOutput(process, log), "output of " + command[0]);
            copier.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " took more than " + timeoutSeconds + " s: see " + log);
            }
            copier.join(TimeUnit.SECONDS.toMillis(10));
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static void copyOutput(Process process, Path log) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             var out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                System.out.println(line);
                out.write(line);
                out.newLine();
                out.flush();
            }
        } catch (IOException e) {
            System.out.println("(output copy stopped: " + e + ")");
        }
    }
}
