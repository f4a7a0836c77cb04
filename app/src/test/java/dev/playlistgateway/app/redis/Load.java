package dev.playlistgateway.app.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Concurrent GraphQL clients for a fixed time, each posting one query over and over (JDK HTTP client,
 * a connection per client), and what they got: every answer's status, latency and whether its
 * {@code data} was the expected one. Bounded: clients stop at the deadline, and each request times
 * out after {@link #REQUEST_TIMEOUT}.
 */
final class Load {
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One kind of caller: the query it posts, its headers, and the {@code data} it must get back. */
    record Caller(String name, String query, Map<String, String> headers, JsonNode expectedData) {
    }

    /** What the clients saw. */
    static final class Result {
        final List<Long> latenciesMicros = Collections.synchronizedList(new ArrayList<>());
        final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        final AtomicInteger wrongData = new AtomicInteger();
        final AtomicInteger graphqlErrors = new AtomicInteger();
        final AtomicInteger failures = new AtomicInteger();
        final List<String> samples = Collections.synchronizedList(new ArrayList<>());

        int requests() {
            return latenciesMicros.size();
        }

        int count(int status) {
            AtomicInteger count = statuses.get(status);
            return count == null ? 0 : count.get();
        }

        /** Answers that were not 200 with the expected data and no errors, plus requests that failed outright. */
        int errors() {
            return requests() - count(200) + wrongData.get() + graphqlErrors.get() + failures.get();
        }

        int serverErrors() {
            return statuses.entrySet().stream().filter(entry -> entry.getKey() >= 500)
                    .mapToInt(entry -> entry.getValue().get()).sum();
        }

        double percentileMillis(double p) {
            List<Long> sorted = new ArrayList<>(latenciesMicros);
            if (sorted.isEmpty()) {
                return Double.NaN;
            }
            Collections.sort(sorted);
            int index = (int) Math.min(sorted.size() - 1, Math.ceil(p / 100 * sorted.size()) - 1);
            return sorted.get(Math.max(0, index)) / 1_000.0;
        }

        @Override
        public String toString() {
            return String.format("%d requests, statuses %s, %d wrong data, %d with errors, %d failed, p50 %.0f ms, p99 %.0f ms%s",
                    requests(), statuses, wrongData.get(), graphqlErrors.get(), failures.get(), percentileMillis(50),
                    percentileMillis(99), samples.isEmpty() ? "" : ", e.g. " + samples.get(0));
        }
    }

    private Load() {
    }

    /** {@code clients} threads per caller kind, posting for {@code duration}; returns when all have stopped. */
    static Result run(URI gateway, List<Caller> callers, int clientsPerCaller, Duration duration) throws InterruptedException {
        return run(gateway, callers, clientsPerCaller, duration, new AtomicBoolean());
    }

    /** As {@link #run(URI, List, int, Duration)}, stopping early once {@code stop} is set (requests in flight finish). */
    static Result run(URI gateway, List<Caller> callers, int clientsPerCaller, Duration duration, AtomicBoolean stop)
            throws InterruptedException {
        Result result = new Result();
        long deadline = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(callers.size() * clientsPerCaller);
        for (Caller caller : callers) {
            for (int i = 0; i < clientsPerCaller; i++) {
                Thread thread = new Thread(() -> {
                    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
                    try {
                        while (!stop.get() && System.nanoTime() < deadline) {
                            post(http, gateway, caller, result);
                        }
                    } finally {
                        done.countDown();
                    }
                }, "load-" + caller.name() + "-" + i);
                thread.setDaemon(true);
                threads.add(thread);
            }
        }
        threads.forEach(Thread::start);
        if (!done.await(duration.plus(REQUEST_TIMEOUT).plusSeconds(10).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            stop.set(true);
            threads.forEach(Thread::interrupt);
            throw new AssertionError("load clients did not stop within their bound");
        }
        return result;
    }

    private static void post(HttpClient http, URI gateway, Caller caller, Result result) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve("/graphql")).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(caller.query()), StandardCharsets.UTF_8));
        caller.headers().forEach(request::header);
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            result.latenciesMicros.add((System.nanoTime() - started) / 1_000);
            result.statuses.computeIfAbsent(response.statusCode(), status -> new AtomicInteger()).incrementAndGet();
            if (response.statusCode() != 200) {
                sample(result, caller.name() + ": HTTP " + response.statusCode() + " " + abbreviate(response.body()));
                return;
            }
            JsonNode answer = JSON.readTree(response.body());
            if (answer.has("errors")) {
                result.graphqlErrors.incrementAndGet();
                sample(result, caller.name() + ": " + abbreviate(answer.get("errors").toString()));
            } else if (!caller.expectedData().equals(answer.get("data"))) {
                result.wrongData.incrementAndGet();
                sample(result, caller.name() + ": wrong data " + abbreviate(answer.get("data").toString()));
            }
        } catch (IOException e) {
            result.failures.incrementAndGet();
            sample(result, caller.name() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The {@code data} of one answer to {@code query}, posted once. */
    static JsonNode once(URI gateway, Caller caller) throws IOException, InterruptedException {
        return answer(gateway, caller).get("data");
    }

    /** One whole answer to the caller's query. */
    static JsonNode answer(URI gateway, Caller caller) throws IOException, InterruptedException {
        return JSON.readTree(send(gateway, caller));
    }

    /** The raw bytes of one answer. */
    static String send(URI gateway, Caller caller) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve("/graphql")).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(caller.query()), StandardCharsets.UTF_8));
        caller.headers().forEach(request::header);
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError(caller.name() + ": HTTP " + response.statusCode() + " " + abbreviate(response.body()));
        }
        return response.body();
    }

    private static String body(String query) {
        return JSON.createObjectNode().put("query", query).toString();
    }

    private static void sample(Result result, String what) {
        if (result.samples.size() < 5) {
            result.samples.add(what);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
