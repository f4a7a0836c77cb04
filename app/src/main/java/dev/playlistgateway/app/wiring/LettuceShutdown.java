package dev.playlistgateway.app.wiring;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.resource.ClientResources;

import java.util.concurrent.TimeUnit;

/**
 * Shuts a Lettuce client down, then the resources it ran on, in that order and within bounds: the
 * resources' timer first (no reconnect or handshake timeout fires any more), then the client, which
 * closes its connections (which stops their reconnecting) and gives back its event loops; only then
 * may the resources' threads stop. Shutting the resources down at the same time, or
 * with no quiet period, lets a listener of a closing connection meet an executor that is gone, which
 * Netty logs as an ERROR ("Failed to submit a listener notification task. Event loop shut down?").
 */
public final class LettuceShutdown {
    /** Time for late tasks (a closing connection's listeners) to run before an executor stops. */
    static final long QUIET_MILLIS = 100;
    /** At most this long for each of the client and the resources. */
    static final long TIMEOUT_MILLIS = 2_000;

    private LettuceShutdown() {
    }

    /** Shuts down {@code client}, then {@code resources} (null: the client's own, or someone else's). Never throws. */
    public static void shutDown(AbstractRedisClient client, ClientResources resources) {
        // An application's shutdown must not fail because of Redis: failures are left out.
        if (resources != null) {
            // First the timer: it holds the reconnects' delays and each connection attempt's handshake
            // timeout, which an attempt refused by a Redis that is down leaves armed (up to the URI's timeout).
            // Fired once the event loops are gone, it fails that attempt's channel on them and Netty logs
            // the ERROR above. Stopped, it fires nothing.
            resources.timer().stop();
        }
        try {
            client.shutdown(QUIET_MILLIS, TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RuntimeException alreadyDown) {
            // shut down before, or its event loop refused: nothing more to release here
        }
        if (resources == null) {
            return;
        }
        try {
            resources.shutdown(QUIET_MILLIS, TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                    .await(TIMEOUT_MILLIS + QUIET_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException alreadyDown) {
            // idem
        }
    }
}
