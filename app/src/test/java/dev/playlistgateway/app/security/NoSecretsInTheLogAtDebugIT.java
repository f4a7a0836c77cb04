package dev.playlistgateway.app.security;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.TestInstance;

/** {@link NoSecretsInTheLogScenario} with root logging at DEBUG. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NoSecretsInTheLogAtDebugIT extends NoSecretsInTheLogScenario {
    @Override
    String rootLevel() {
        return "DEBUG";
    }
}
