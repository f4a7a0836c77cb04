package dev.playlistgateway.testsupport.redis;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedisServerIT {

    private RedisServer redis;

    @BeforeEach
    void startRedis() {
        redis = RedisServer.start();
    }

    @AfterEach
    void stopRedis() {
        redis.close();
    }

    @Test
    void startsAnEmptyRedisOnAFreeLoopbackPortThatIsNotTheDefault() {
        assertThat(redis.port()).isNotEqualTo(6379);
        assertThat(redis.uri()).isEqualTo("redis://127.0.0.1:" + redis.port());
        assertThat(redis.command("PING")).isEqualTo("PONG");
        assertThat(redis.command("DBSIZE")).isEqualTo(0L);
    }

    @Test
    void persistsNothing() {
        assertThat(String.valueOf(redis.command("CONFIG", "GET", "save"))).isEqualTo("[save, ]");
        assertThat(String.valueOf(redis.command("CONFIG", "GET", "appendonly"))).isEqualTo("[appendonly, no]");
    }

    @Test
    void killRefusesConnectionsAndRestartComesBackEmptyOnTheSamePort() {
        redis.command("SET", "k", "v");
        int port = redis.port();

        redis.kill();

        assertThat(redis.isRunning()).isFalse();
        assertThat(accepts(port)).isFalse();

        redis.restart();

        assertThat(redis.port()).isEqualTo(port);
        assertThat(redis.isRunning()).isTrue();
        assertThat(redis.command("PING")).isEqualTo("PONG");
        assertThat(redis.command("GET", "k")).isNull();
    }

    @Test
    void aPausedServerAcceptsButDoesNotAnswerUntilResumed() {
        redis.pause();
        try {
            assertThat(Resp.answersPing(redis.host(), redis.port(), 300)).isFalse();
        } finally {
            redis.resume();
        }
        assertThat(redis.command("PING")).isEqualTo("PONG");
    }

    @Test
    void infoReadsTheFieldsOfOneSection() {
        redis.command("SET", "info-k", "v");
        long hits = Long.parseLong(redis.info("stats").get("keyspace_hits"));

        redis.command("GET", "info-k");

        assertThat(Long.parseLong(redis.info("stats").get("keyspace_hits"))).isEqualTo(hits + 1);
        assertThat(redis.info("server")).containsKey("redis_version");
    }

    @Test
    void anErrorReplyThrows() {
        assertThatThrownBy(() -> redis.command("NO-SUCH-COMMAND"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unknown command");
    }

    @Test
    void stopDeletesWhatTheLocalServerLeftBehind() {
        RedisServer own = RedisServer.start();
        own.stop();
        own.stop(); // idempotent

        assertThat(own.isRunning()).isFalse();
        if (ownLocalDir(own) != null) {
            assertThat(Files.exists(ownLocalDir(own))).isFalse();
        }
    }

    private static Path ownLocalDir(RedisServer server) {
        String text = server.toString();
        int open = text.indexOf('(');
        return open < 0 ? null : Path.of(text.substring(open + 1, text.length() - 1));
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
