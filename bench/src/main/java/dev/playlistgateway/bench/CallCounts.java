package dev.playlistgateway.bench;

import dev.playlistgateway.adapter.spotify.SpotifyStandIn;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Upstream calls per scenario: cold (a fresh start, so an empty cache), warm (the same again), and
 * {@code clients} concurrent cold clients (another fresh start, all released at once), counted by
 * the stand-in.
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

    List<Row> measure(Subject subject, List<Scenario> scenarios) {
        List<Row> rows = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            Report.progress("calls: %s, %s", subject.name(), scenario.name());
            long cold;
            long warm;
            Map<SpotifyStandIn.Endpoint, Long> byEndpoint;
            // The concurrent run's fresh instance starts meanwhile: counts do not depend on the time taken.
            CompletableFuture<Subject.Instance> next = CompletableFuture.supplyAsync(subject::start);
            try (Subject.Instance instance = subject.start()) {
                GraphQLEndpoint endpoint = instance.endpoint(scenario.viewer());
                spotify.resetCalls();
                scenario.run(endpoint);
                cold = spotify.totalCalls();
                byEndpoint = nonZero(spotify.calls());
                spotify.resetCalls();
                scenario.run(endpoint);
                warm = spotify.totalCalls();
            }
            long concurrent;
            try (Subject.Instance instance = next.join()) {
                spotify.resetCalls();
                concurrently(instance, scenario);
                concurrent = spotify.totalCalls();
            }
            rows.add(new Row(scenario.name(), subject.name(), cold, warm, concurrent, byEndpoint));
        }
        return rows;
    }

    private void concurrently(Subject.Instance instance, Scenario scenario) {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> runs = new ArrayList<>();
        try {
            for (int c = 0; c < clients; c++) {
                GraphQLEndpoint endpoint = instance.endpoint(scenario.viewer());
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
