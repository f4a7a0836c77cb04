package dev.playlistgateway.bench;

import dev.playlistgateway.adapter.spotify.SpotifyStandIn;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Upstream calls per scenario, counted by the stand-in: cold (data the subject has not read yet),
 * warm (the same again), and {@code clients} cold clients released at once (on a second fresh
 * instance).
 */
final class CallCounts {

    /** One scenario on one subject; the concurrent figure is all clients' calls together. */
    record Row(String scenario, String subject, long cold, long warm, long concurrentCold,
               Map<SpotifyStandIn.Endpoint, Long> coldByEndpoint) {
    }

    private final SpotifyStandIn spotify;
    private final int clients;

    CallCounts(SpotifyStandIn spotify, int clients) {
        this.spotify = spotify;
        this.clients = clients;
    }

    /**
     * Counts every scenario: cold then warm on {@code sequential}, cold by {@code clients} clients at once
     * on {@code concurrent} (two fresh instances of one subject). Each run signs in with a token of its
     * own, so that the token's lookup is cold too.
     */
    List<Row> measure(Subject sequential, Subject concurrent, List<Scenario> scenarios) {
        List<Row> rows = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            Report.progress("calls: %s, %s", sequential.name(), scenario.name());
            GraphQLEndpoint endpoint = sequential.endpoint(token(scenario, "sequential"));
            spotify.resetCalls();
            scenario.run(endpoint);
            long cold = spotify.totalCalls();
            Map<SpotifyStandIn.Endpoint, Long> byEndpoint = nonZero(spotify.calls());
            spotify.resetCalls();
            scenario.run(endpoint);
            long warm = spotify.totalCalls();
            spotify.resetCalls();
            concurrently(concurrent, token(scenario, "concurrent"), scenario);
            long together = spotify.totalCalls();
            rows.add(new Row(scenario.name(), sequential.name(), cold, warm, together, byEndpoint));
        }
        return rows;
    }

    private String token(Scenario scenario, String run) {
        String token = "bench-" + run + "-" + TOKENS.incrementAndGet();
        spotify.acceptToken(token, scenario.viewer());
        return token;
    }

    private static final java.util.concurrent.atomic.AtomicInteger TOKENS = new java.util.concurrent.atomic.AtomicInteger();

    private void concurrently(Subject subject, String token, Scenario scenario) {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> runs = new ArrayList<>();
        try {
            for (int c = 0; c < clients; c++) {
                GraphQLEndpoint endpoint = subject.endpoint(token);
                runs.add(pool.submit(() -> {
                    go.await();
                    scenario.run(endpoint);
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> run : runs) {
                run.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(scenario.name() + " failed under " + clients + " clients", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<SpotifyStandIn.Endpoint, Long> nonZero(Map<SpotifyStandIn.Endpoint, Long> calls) {
        Map<SpotifyStandIn.Endpoint, Long> nonZero = new EnumMap<>(SpotifyStandIn.Endpoint.class);
        calls.forEach((endpoint, count) -> {
            if (count > 0) {
                nonZero.put(endpoint, count);
            }
        });
        return nonZero;
    }
}
