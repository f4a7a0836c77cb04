package dev.playlistgateway.testsupport.redis;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

import java.util.List;

/**
 * Redis in a container through Testcontainers, published on a fixed free host port so that
 * {@link #restart()} (a new container) comes back on the same port, as a restarted Redis would.
 * Loaded only when Testcontainers is on the classpath (see {@link Backends#dockerUsable()}).
 *
 * <p>The image is {@code -Dpgw.test.redis.image} (or {@code PGW_TEST_REDIS_IMAGE}), default
 * {@value #DEFAULT_IMAGE}, the version the local binary path uses too.
 */
final class ContainerRedis implements Node {

    static final String DEFAULT_IMAGE = "redis:7.0.15";
    private static final int REDIS_PORT = 6379;
    private static final long READY_TIMEOUT_MILLIS = 30_000;

    private final int port;
    private GenericContainer<?> container;
    private boolean stopped;
    private boolean paused;

    private ContainerRedis(int port) {
        this.port = port;
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static ContainerRedis start() {
        ContainerRedis node = new ContainerRedis(FreePorts.find(false));
        node.launch();
        return node;
    }

    private static String image() {
        String image = System.getProperty("pgw.test.redis.image", System.getenv("PGW_TEST_REDIS_IMAGE"));
        return image == null || image.isBlank() ? DEFAULT_IMAGE : image;
    }

    @SuppressWarnings("resource") // closed in kill() and stop()
    private synchronized void launch() {
        GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(image()))
                .withCommand("redis-server", "--save", "", "--appendonly", "no")
                .withExposedPorts(REDIS_PORT)
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(List.of(
                        new PortBinding(Ports.Binding.bindIpAndPort("127.0.0.1", port),
                                ExposedPort.tcp(REDIS_PORT)))));
        c.start();
        container = c;
        long deadline = System.nanoTime() + READY_TIMEOUT_MILLIS * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (Resp.answersPing("127.0.0.1", port, 500)) {
                return;
            }
            LocalRedisProcess.sleep(50);
        }
        throw new IllegalStateException("Redis container on port " + port + " did not answer PING:\n"
                + c.getLogs());
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public synchronized void kill() {
        if (container != null) {
            if (paused) {
                resume();
            }
            container.stop();
            container = null;
        }
    }

    @Override
    public synchronized void restart() {
        if (stopped) {
            throw new IllegalStateException("stopped; start a new server instead");
        }
        kill();
        launch();
    }

    @Override
    public synchronized void pause() {
        requireRunning();
        DockerClientFactory.instance().client().pauseContainerCmd(container.getContainerId()).exec();
        paused = true;
    }

    @Override
    public synchronized void resume() {
        requireRunning();
        DockerClientFactory.instance().client().unpauseContainerCmd(container.getContainerId()).exec();
        paused = false;
        paused = true;
    }

    private void requireRunning() {
        if (container == null) {
            throw new IllegalStateException("Redis container on port " + port + " is not running");
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return container != null && container.isRunning();
    }

    @Override
    public synchronized void stop() {
        stopped = true;
        kill();
    }

    @Override
    public String toString() {
        return "Redis container 127.0.0.1:" + port;
    }
}
