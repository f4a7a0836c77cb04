package dev.playlistgateway.app;

import io.micronaut.context.env.Environment;
import io.micronaut.runtime.Micronaut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Starts the gateway. A start that fails because of a setting ends with one ERROR line naming the
 * setting and exit status 1 (docs/operations.md#start-up-failures); any other failure to start keeps
 * Micronaut's report, stack trace included.
 */
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        new Launcher().classes(Application.class).args(args).start();
    }

    private static final class Launcher extends Micronaut {
        private static final Logger LOG = LoggerFactory.getLogger(Application.class);

        @Override
        protected void handleStartupException(Environment environment, Throwable exception) {
            Optional<String> mistake = StartupFailures.configurationMistake(exception);
            if (mistake.isEmpty() || environment.getActiveNames().contains(Environment.TEST)) {
                super.handleStartupException(environment, exception);
                return;
            }
            LOG.error("Start-up failed: {}", mistake.get());
            System.exit(1);
        }
    }
}
