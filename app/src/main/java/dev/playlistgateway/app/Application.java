package dev.playlistgateway.app;

import io.micronaut.runtime.Micronaut;

/** Starts the gateway. */
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
