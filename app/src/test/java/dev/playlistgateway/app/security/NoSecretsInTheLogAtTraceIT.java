package dev.playlistgateway.app.security;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.TestInstance;

/** {@link NoSecretsInTheLogScenario} with root logging at TRACE. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NoSecretsInTheLogAtTraceIT extends NoSecretsInTheLogScenario {
    @Override
    String rootLevel() {
        return "TRACE";
    }
}
