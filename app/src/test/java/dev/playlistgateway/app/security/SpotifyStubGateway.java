package dev.playlistgateway.app.security;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What the sign-in tests that run one gateway share: a {@link SpotifyStub} started before the gateway, the gateway (the
 * subclass's {@code @MicronautTest} context, one per class) in Spotify mode against it, and the stub stopped after
 * the class. A subclass changes the gateway's settings in {@link #gatewayProperties}, and reaches it with
 * {@link #browser()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SpotifyStubGateway implements TestPropertyProvider {
    protected SpotifyStub spotify;

    @Inject
    public EmbeddedServer server;

    @Override
    public final Map<String, String> getProperties() {
        spotify = new SpotifyStub();
        return gatewayProperties(spotify);
    }

    /** The gateway's settings, asked once before it starts: {@link SpotifyStub#gatewayProperties()} unless overridden. */
    protected Map<String, String> gatewayProperties(SpotifyStub spotify) {
        return spotify.gatewayProperties();
    }

    /** {@code properties} and the given key, value pairs. */
    protected static Map<String, String> with(Map<String, String> properties, String... keysAndValues) {
        Map<String, String> all = new HashMap<>(properties);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            all.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return all;
    }

    @AfterAll
    protected void stopSpotify() {
        spotify.close();
    }

    /** A new browser (its own cookie jar) on the gateway. */
    protected Browser browser() {
        return new Browser("http://127.0.0.1:" + server.getPort());
    }

    /** A query for a playlist's id, name and owner. */
    protected static String playlistQuery(String id) {
        return "{ playlist(id: \"" + id + "\") { id: spotifyId name owner { id: spotifyId } } }";
    }

    /** Runs every task at once, each on a thread of its own, and returns their answers in order. */
    public static <T> List<T> concurrently(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<T>> futures = pool.invokeAll(tasks);
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
