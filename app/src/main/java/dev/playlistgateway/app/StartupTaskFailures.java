package dev.playlistgateway.app;

import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.inject.BeanDefinition;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.scheduling.DefaultTaskExceptionHandler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Scheduled tasks are created on their own thread while the server is still starting: with a bad setting
 * their bean fails too, and Micronaut's handler would print the same mistake again, stack and bean path
 * included, next to (or before) the one line {@link Application} prints. A setting's mistake found
 * before the server is up is therefore held back: if the start fails it is the same failure, already
 * told; if the server comes up (or the context closes without one) it is logged then, in one line.
 * A failure while the context is not running (a start that failed, closing under the task) is a
 * consequence, not news: DEBUG. Failures after the start, and any that are not a setting's mistake, are
 * logged as Micronaut does.
 */
@Singleton
@Replaces(DefaultTaskExceptionHandler.class)
final class StartupTaskFailures extends DefaultTaskExceptionHandler implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(StartupTaskFailures.class);

    private final BeanContext context;
    private final List<String> held = new ArrayList<>();
    private boolean started;

    StartupTaskFailures(BeanContext context) {
        this.context = context;
    }

    @Override
    public void handleCreationFailure(BeanDefinition<Object> beanDefinition, Throwable throwable) {
        if (!context.isRunning()) {
            LOG.debug("Scheduled task of {} not created: the context is not running", beanDefinition, throwable);
            return;
        }
        Optional<String> mistake = StartupFailures.configurationMistake(throwable);
        if (mistake.isEmpty()) {
            super.handleCreationFailure(beanDefinition, throwable);
            return;
        }
        String line = "Scheduled task of " + (beanDefinition == null ? "a bean" : beanDefinition.getBeanType().getName())
                + " not created: " + mistake.get();
        synchronized (held) {
            if (!started) {
                held.add(line);
                return;
            }
        }
        LOG.error(line);
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        release();
    }

    @PreDestroy
    void release() {
        List<String> lines;
        synchronized (held) {
            started = true;
            lines = List.copyOf(held);
            held.clear();
        }
        lines.forEach(LOG::error);
    }
}
