package dev.playlistgateway.testsupport.redis;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.function.Supplier;

/**
 * A resource a JUnit 5 extension starts the first time a test asks for it and closes when its scope
 * ends: after all tests when the extension is a static field (or the class runs per class), after the
 * test otherwise. Started lazily so that a Micronaut {@code TestPropertyProvider}, which JUnit may call
 * before this extension's callbacks, can ask for it too; a test that never asks starts nothing.
 */
abstract class StartedOnFirstUse<T extends AutoCloseable> implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    private final Supplier<T> starter;
    private boolean classScoped;
    private T resource;

    StartedOnFirstUse(Supplier<T> starter) {
        this.starter = starter;
    }

    /** The resource, started now if this is the first call in its scope. */
    final synchronized T started() {
        if (resource == null) {
            resource = starter.get();
        }
        return resource;
    }

    @Override
    public final synchronized void beforeAll(ExtensionContext context) {
        classScoped = true;
    }

    @Override
    public final void afterEach(ExtensionContext context) throws Exception {
        if (!classScoped) {
            close();
        }
    }

    @Override
    public final void afterAll(ExtensionContext context) throws Exception {
        close();
    }

    private synchronized void close() throws Exception {
        if (resource != null) {
            try {
                resource.close();
            } finally {
                resource = null;
            }
        }
    }
}
