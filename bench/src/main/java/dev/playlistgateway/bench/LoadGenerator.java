package dev.playlistgateway.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;

/**
 * Closed-loop load, as wrk does it: {@code connections} clients, each on its own keep-alive connection
 * ({@link Http1Connection}), sending the same request again as soon as the last answer's final byte
 * arrived, for a fixed time. An answer counts when it is a 200 of the expected length (give or take
 * {@link #LENGTH_SLACK} bytes: a response carries its own request id); anything else is an error. The
 * bodies are read and dropped, never kept.
 */
final class LoadGenerator {

    /** Bytes a warm answer may differ by from the one recorded (request ids, counters in extensions). */
    static final int LENGTH_SLACK = 64;

    /** One run's outcome; latencies in milliseconds. */
    record Result(long requests, long errors, double seconds, double p50, double p99, long bytesPerAnswer) {
        double perSecond() {
            return requests / seconds;
        }
    }

    private final int connections;

    LoadGenerator(int connections) {
        this.connections = connections;
    }

    Result run(Http1Connection.Request request, long expectedBytes, Duration duration) {
        ExecutorService clients = Executors.newFixedThreadPool(connections);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        List<Future<long[]>> runs = new ArrayList<>();
        long[] errors = new long[connections];
        for (int c = 0; c < connections; c++) {
            int client = c;
            runs.add(clients.submit(() -> loop(request, expectedBytes, end, errors, client)));
        }
        List<long[]> latencies = new ArrayList<>();
        try {
            for (Future<long[]> run : runs) {
                latencies.add(run.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            clients.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(all.length, Arrays.stream(errors).sum(), seconds,
                percentile(all, 0.50), percentile(all, 0.99), expectedBytes);
    }

    private long[] loop(Http1Connection.Request request, long expectedBytes, long end, long[] errors, int client) {
        long[] latencies = new long[1024];
        int n = 0;
        Http1Connection connection = null;
        try {
            while (System.nanoTime() < end) {
                long sent = System.nanoTime();
                boolean ok;
                try {
                    if (connection == null || connection.closed()) {
                        if (connection != null) {
                            connection.close();
                        }
                        connection = new Http1Connection(request.uri());
                    }
                    Http1Connection.Answer answer = connection.exchange(request);
                    ok = answer.status() == 200 && Math.abs(answer.length() - expectedBytes) <= LENGTH_SLACK;
                } catch (IOException e) {
                    ok = false;
                    connection.close();
                    connection = null;
                }
                if (!ok) {
                    errors[client]++;
                    continue;
                }
                if (n == latencies.length) {
                    latencies = Arrays.copyOf(latencies, n * 2);
                }
                latencies[n++] = System.nanoTime() - sent;
            }
        } finally {
            if (connection != null) {
                connection.close();
            }
        }
        return Arrays.copyOf(latencies, n);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
