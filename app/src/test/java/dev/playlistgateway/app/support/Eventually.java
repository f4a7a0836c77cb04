package dev.playlistgateway.app.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** For what a gateway does in the background (a reconnect, a back-off passing): asked again until it holds. */
public final class Eventually {
    private Eventually() {
    }

    /** Whether {@code condition} holds within {@code bound}, asked every 50 ms. */
    public static boolean within(Duration bound, BooleanSupplier condition) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
