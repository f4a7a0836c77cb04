package dev.playlistgateway.app.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example app's built files are committed (app/src/main/resources/web) so the Maven build needs no
 * Node. This builds examples/web again into a temporary folder and fails when the two differ: a change
 * to the sources was committed without {@code npm run build}. Vite's output is byte-for-byte
 * reproducible (content-hashed names, no timestamps).
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ExampleAppBuildIT {
    private static final Path OUTPUT = Path.of("target/example-app-build").toAbsolutePath();

    @Test
    void theCommittedBuildIsWhatTheSourcesBuildTo() throws IOException {
        NodeTools tools = NodeTools.require(false);
        tools.install(NodeTools.EXAMPLE_APP, OUTPUT.resolve("npm-ci.log"));
        Path fresh = OUTPUT.resolve("web");
        int exit = tools.run(NodeTools.EXAMPLE_APP, Map.of(), 300, OUTPUT.resolve("build.log"),
                tools.npm.toString(), "run", "build", "--", "--outDir", fresh.toString(), "--emptyOutDir");
        assertThat(exit).as("npm run build in examples/web failed: see %s", OUTPUT.resolve("build.log")).isZero();

        assertThat(differences(NodeTools.BUILT_APP, fresh))
                .as("app/src/main/resources/web is stale: run `npm run build` in examples/web and commit the result")
                .isEmpty();
    }

    /** Files only in one tree, or with other bytes; relative paths. */
    private static List<String> differences(Path committed, Path fresh) throws IOException {
        TreeSet<String> names = new TreeSet<>(files(committed));
        names.addAll(files(fresh));
        List<String> differences = new ArrayList<>();
        for (String name : names) {
            Path a = committed.resolve(name);
            Path b = fresh.resolve(name);
            if (!Files.exists(a)) {
                differences.add("missing from the commit: " + name);
            } else if (!Files.exists(b)) {
                differences.add("no longer built: " + name);
            } else if (!Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b))) {
                differences.add("changed: " + name);
            }
        }
        return differences;
    }

    private static List<String> files(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(path -> root.relativize(path).toString().replace('\\', '/')).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
