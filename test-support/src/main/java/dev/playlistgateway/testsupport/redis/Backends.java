package dev.playlistgateway.testsupport.redis;

import org.opentest4j.TestAbortedException;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Which Redis a test gets. In order: a container, when Testcontainers is on the classpath and a Docker
 * engine answers; else {@code redis-server} from PATH; else none, which skips the test, or fails it
 * when {@code CI=true} (a skipped Redis test is not a passed one).
 *
 * <p>{@code -Dpgw.test.redis=local} (or {@code PGW_TEST_REDIS=local}) forces the local binary,
 * {@code docker} forces a container; unset is automatic.
 */
final class Backends {

    static final String INSTALL_HINT = "install redis-server (Debian/Ubuntu: apt-get install -y redis-server), "
            + "or run a Docker engine and put org.testcontainers:testcontainers on the test classpath";

    private Backends() {
    }

    static String mode() {
        String mode = System.getProperty("pgw.test.redis", System.getenv("PGW_TEST_REDIS"));
        return mode == null || mode.isBlank() ? "auto" : mode.trim().toLowerCase();
    }

    /** True when a container should be used: checked cheaply first (classpath, socket), then by Testcontainers. */
    static boolean dockerUsable() {
        String mode = mode();
        if (mode.equals("local") || !testcontainersPresent()) {
            return false;
        }
        if (mode.equals("auto") && !dockerLikely(System.getenv())) {
            return false;
        }
        return ContainerRedis.dockerAvailable();
    }

    static boolean testcontainersPresent() {
        try {
            Class.forName("org.testcontainers.DockerClientFactory", false, Backends.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** A cheap hint that a Docker engine may run here, so Testcontainers' slower probe is worth it. */
    static boolean dockerLikely(Map<String, String> env) {
        if (env.get("DOCKER_HOST") != null) {
            return true;
        }
        String home = System.getProperty("user.home", "");
        return Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(home, ".docker", "run", "docker.sock"))
                || Files.exists(Path.of(home, ".testcontainers.properties"))
                || (env.get("XDG_RUNTIME_DIR") != null && Files.exists(Path.of(env.get("XDG_RUNTIME_DIR"), "docker.sock")));
    }

    /** An executable on PATH (or {@code /usr/sbin}, {@code /usr/local/bin}), if there is one. */
    static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        StringBuilder dirs = new StringBuilder(path == null ? "" : path);
        dirs.append(File.pathSeparator).append("/usr/local/bin").append(File.pathSeparator).append("/usr/sbin");
        for (String dir : dirs.toString().split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * What to do when there is no Redis to be had: in CI (CI=true) an exception that fails the test
     * and says what to install; elsewhere a JUnit assumption failure ({@link TestAbortedException}) that skips it and says why.
     */
    static RuntimeException noRedis(String what) {
        return noRedis(what, "true".equalsIgnoreCase(System.getenv("CI")));
    }

    static RuntimeException noRedis(String what, boolean ci) {
        String message = "No Redis for this test: " + what + "; " + INSTALL_HINT;
        if (ci) {
            return new IllegalStateException(message + " (CI=true, so this fails rather than skips)");
        }
        return new TestAbortedException(message);
    }
}
