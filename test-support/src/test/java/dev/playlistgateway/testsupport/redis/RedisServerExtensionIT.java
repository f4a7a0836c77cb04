package dev.playlistgateway.testsupport.redis;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** A static extension gives the class one server; an instance one gives each test its own, stopped after it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisServerExtensionIT {

    @RegisterExtension
    static final RedisServerExtension forTheClass = new RedisServerExtension();

    @RegisterExtension
    final RedisServerExtension forTheTest = new RedisServerExtension();

    private static RedisServer classServerSeenFirst;
    private static RedisServer testServerSeenFirst;

    @Test
    @Order(1)
    void bothAreStartedOnFirstUseAndAnswer() {
        classServerSeenFirst = forTheClass.server();
        testServerSeenFirst = forTheTest.server();

        assertThat(forTheClass.server().command("PING")).isEqualTo("PONG");
        assertThat(forTheTest.uri()).isEqualTo("redis://127.0.0.1:" + testServerSeenFirst.port())
                .isNotEqualTo(forTheClass.uri());
    }

    @Test
    @Order(2)
    void theTestsServerIsStoppedAfterItsTestAndTheClassesIsKept() {
        assertThat(testServerSeenFirst.isRunning()).isFalse();
        assertThat(forTheTest.server()).isNotSameAs(testServerSeenFirst);
        assertThat(forTheClass.server()).isSameAs(classServerSeenFirst);
        assertThat(classServerSeenFirst.isRunning()).isTrue();
    }

    @AfterAll
    static void theClassesServerStillRunsUntilAfterAll() {
        assertThat(classServerSeenFirst.isRunning()).isTrue();
    }
}
