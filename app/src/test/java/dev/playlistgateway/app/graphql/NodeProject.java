package dev.playlistgateway.app.graphql;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One of the Node projects under {@code app/src/test/node/} (the graphql-http audit, the real GraphQL
 * clients), copied to {@code target/node/<name>} and installed there with {@code npm ci} from its
 * committed {@code package-lock.json} (from the npm registry; nothing lands in the source tree), then
 * run with {@code node}. Without {@code node} and {@code npm} on PATH the test is skipped with a
 * message saying what to install, or, under {@code CI=true}, fails: a skipped test is not a passed one.
 */
final class NodeProject {
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(8);

    private final Path dir;

    private NodeProject(Path dir) {
        this.dir = dir;
    }

    /** The project {@code name}, installed (again only when its lock file changed). */
    static NodeProject installed(String name) {
        requireTool("node");
        requireTool("npm");
        Path source = Path.of("src/test/node", name);
        Path target = Path.of("target/node", name);
        try {
            copy(source, target);
            Path lock = target.resolve("package-lock.json");
            Path installedLock = target.resolve("node_modules/.installed-lock.json");
            if (!Files.exists(installedLock) || Files.mismatch(lock, installedLock) != -1) {
                Result install = run(target, INSTALL_TIMEOUT, "npm", "ci", "--no-audit", "--no-fund");
                if (install.exitCode() != 0) {
                    throw new AssertionError("npm ci failed in " + target + " (exit " + install.exitCode() + "):\n" + install.output());
                }
                Files.copy(lock, installedLock, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new NodeProject(target.toAbsolutePath());
    }

    Path dir() {
        return dir;
    }

    /** Runs {@code node <script> <args>} in the project's folder, waiting at most {@code timeout}. */
    Result node(Duration timeout, String script, String... args) {
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        return run(dir, timeout, command.toArray(String[]::new));
    }

    /** What a command printed (stdout and stderr together) and its exit code. */
    record Result(int exitCode, String output) {
        /** The last line that is a JSON object: the scripts' summaries. */
        String lastJsonLine() {
            String[] lines = output.split("\n");
            for (int i = lines.length - 1; i >= 0; i--) {
                if (lines[i].startsWith("{")) {
                    return lines[i];
                }
            }
            throw new AssertionError("no JSON summary in:\n" + output);
        }
    }

    private static Result run(Path dir, Duration timeout, String... command) {
        try {
            Path log = Files.createTempFile("node-run", ".log");
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            boolean done = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.deleteIfExists(log);
            if (!done) {
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout + ":\n" + output);
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void requireTool(String tool) {
        boolean present;
        try {
            Process process = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            present = process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            present = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (present) {
            return;
        }
        String message = "'" + tool + "' is not on PATH: the Node-driven tests need node and npm "
                + "(apt-get install -y nodejs npm)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(message + " (CI=true, so this fails rather than skips)");
        }
        Assumptions.abort(message);
    }

    private static void copy(Path source, Path target) throws IOException {
        if (!Files.isDirectory(source)) {
            throw new IllegalStateException("no Node project at " + source.toAbsolutePath());
        }
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (file.toString().contains("node_modules")) {
                    continue;
                }
                Path to = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
