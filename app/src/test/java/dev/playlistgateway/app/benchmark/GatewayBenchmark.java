package dev.playlistgateway.app.benchmark;

import dev.playlistgateway.testsupport.redis.RedisServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Cold against warm, in one run on one machine, so the ratios mean something on a shared, noisy
 * host (docs/benchmarks.md). The gateway runs in process over HTTP on loopback, in demo mode with
 * a simulated upstream latency per call, once with the in-memory cache and once with a real Redis.
 *
 * <p>Run as docs/benchmarks.md says (args: latency ms, warm requests, seconds of load). Bounded in
 * count and time; it stops by itself.
 */
public final class GatewayBenchmark {
    private static final Argument<Map<String, Object>> JSON = Argument.mapOf(String.class, Object.class);

    private static final Map<String, String> QUERIES = new java.util.LinkedHashMap<>();

    static {
        QUERIES.put("README query (10 playlists, their tracks)",
                "{ me { playlists { nodes { name tracks { edges { track { name } } } } } } }");
        QUERIES.put("100 tracks with album and artist genres",
                "{ playlist(id: \"wYog1zmWxOnf8NVxsMQ7Ru\") { name tracks(first: 100) { edges { track { name album { name } artists { name genres } } } } } }");
        QUERIES.put("260-item playlist, 3 pages of 100",
                "{ a: playlist(id: \"xZHueUT5881pdetA7Jgz1x\") { tracks(first: 100) { edges { track { name } } } } "
                        + "b: playlist(id: \"xZHueUT5881pdetA7Jgz1x\") { tracks(first: 100, after: \"cG9zOnYxOjk5\") { edges { track { name } } } } "
                        + "c: playlist(id: \"xZHueUT5881pdetA7Jgz1x\") { tracks(first: 100, after: \"cG9zOnYxOjE5OQ\") { edges { track { name } } } } }");
    }

    private GatewayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int latencyMs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int warmRequests = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int loadSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        System.out.printf(Locale.ROOT, "%nUpstream latency %d ms per call; %d warm requests; %d s of load with 8 clients; %d cores%n%n",
                latencyMs, warmRequests, loadSeconds, Runtime.getRuntime().availableProcessors());
        System.out.println("| cache | query | cold ms | cold upstream calls | warm p50 ms | warm p95 ms | warm upstream calls | cold/warm p50 | warm req/s (8 clients) |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        try (RedisServer redis = RedisServer.start()) {
            for (String cache : List.of("memory", "redis")) {
                for (Map.Entry<String, String> query : QUERIES.entrySet()) {
                    Map<String, Object> properties = new HashMap<>();
                    properties.put("demo.latency", latencyMs + "ms");
                    properties.put("micronaut.server.port", "-1");
                    properties.put("micronaut.security.enabled", "false");
                    if (cache.equals("redis")) {
                        redis.flushAll();
                        properties.put("redis.uri", redis.uri());
                    }
                    try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties);
                         HttpClient http = HttpClient.create(server.getURL())) {
                        BlockingHttpClient client = http.toBlocking();
                        awaitCache(client);
                        run(client, cache, query.getKey(), query.getValue(), warmRequests, loadSeconds);
                    }
                }
            }
            System.out.printf(Locale.ROOT, "%nRedis after the last run: %s keys, used_memory %s%n",
                    redis.command("DBSIZE"), usedMemory(redis));
        }
    }

    private static void run(BlockingHttpClient client, String cache, String name, String query,
                            int warmRequests, int loadSeconds) throws Exception {
        // Warm the JIT on other data (another user's playlist) so that "cold" measures the cache, not the JVM.
        for (int i = 0; i < 5; i++) {
            post(client, "{ playlist(id: \"fooFs8VWEqyLpi15iKfzCI\") { tracks { edges { track { name } } } } }");
        }
        long start = System.nanoTime();
        Map<String, Object> cold = post(client, query);
        double coldMs = (System.nanoTime() - start) / 1e6;
        int coldCalls = upstreamCalls(cold);

        for (int i = 0; i < 20; i++) {
            post(client, query); // JIT warm-up of the warm path
        }
        double[] warm = new double[warmRequests];
        int warmCalls = 0;
        for (int i = 0; i < warmRequests; i++) {
            long t = System.nanoTime();
            warmCalls += upstreamCalls(post(client, query));
            warm[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(warm);
        double p50 = warm[warmRequests / 2];
        double p95 = warm[(int) (warmRequests * 0.95)];

        AtomicLong done = new AtomicLong();
        long deadline = System.nanoTime() + Duration.ofSeconds(loadSeconds).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            clients.add(pool.submit(() -> {
                while (System.nanoTime() < deadline) {
                    post(client, query);
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : clients) {
            f.get();
        }
        pool.shutdown();
        double rps = done.get() / (double) loadSeconds;

        System.out.printf(Locale.ROOT, "| %s | %s | %.1f | %d | %.2f | %.2f | %d | %.0fx | %.0f |%n",
                cache, name, coldMs, coldCalls, p50, p95, warmCalls, coldMs / p50, rps);
    }

    private static Map<String, Object> post(BlockingHttpClient client, String query) {
        Map<String, Object> body = client.retrieve(HttpRequest.POST("/graphql", Map.of("query", query))
                .contentType(MediaType.APPLICATION_JSON_TYPE), JSON);
        if (body.containsKey("errors")) {
            throw new IllegalStateException("query failed: " + body.get("errors"));
        }
        return body;
    }

    @SuppressWarnings("unchecked")
    private static int upstreamCalls(Map<String, Object> response) {
        Map<String, Object> extensions = (Map<String, Object>) response.get("extensions");
        return ((Number) ((Map<String, Object>) extensions.get("cache")).get("upstreamCalls")).intValue();
    }

    private static void awaitCache(BlockingHttpClient client) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            try {
                String health = client.retrieve(HttpRequest.GET("/health"), String.class);
                if (!health.contains("DOWN")) {
                    return;
                }
            } catch (RuntimeException e) {
                // a 503 while the cache is DOWN: keep waiting
            }
            Thread.sleep(50);
        }
    }

    private static String usedMemory(RedisServer redis) {
        String info = String.valueOf(redis.command("INFO", "memory"));
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("used_memory_human:")) {
                return line.substring("used_memory_human:".length()).trim();
            }
        }
        return "?";
    }
}
