package dev.playlistgateway.bench;

import dev.playlistgateway.adapter.spotify.SpotifyStandIn;
import dev.playlistgateway.bench.naive.NaiveGateway;
import dev.playlistgateway.testsupport.redis.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.zip.ZipFile;

/**
 * The benchmark run (docs/benchmarks.md): one command, bounded in count and time, that measures in
 * one run on one machine, so that its ratios mean something on a shared, noisy host.
 *
 * <ol>
 *   <li>upstream calls per scenario (cold, warm, 16 concurrent cold clients), the gateway next to a
 *       naive baseline (the same schema resolved field by field, no DataLoader, no cache);</li>
 *   <li>warm requests per second, p50 and p99 on each cache variant, next to the same bytes served
 *       as a static file by the same server;</li>
 *   <li>a JFR profile of the warm 50 x 100 query, summarised by area;</li>
 *   <li>JMH: the cache adapters' get-many, and the codec.</li>
 * </ol>
 *
 * It prints a Markdown report and writes it, with the profile and the gateways' logs, to
 * {@code bench.out} (bench/target/bench).
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) {
        int status = 0;
        try {
            run();
        } catch (Throwable e) {
            e.printStackTrace();
            status = 1;
        }
        // Some library's non-daemon thread must not keep the run (and the build) waiting.
        System.exit(status);
    }

    private static void run() throws Exception {
        Settings settings = Settings.fromSystemProperties();
        Files.createDirectories(settings.out());
        Path staticDir = Files.createDirectories(settings.out().resolve("static"));
        if (!Files.isRegularFile(settings.jar())) {
            throw new IllegalStateException("no gateway jar at " + settings.jar()
                    + ": run ./mvnw -B -Pbench -pl bench -am clean verify -DskipTests");
        }
        Report report = new Report();
        Machine before = Machine.now();
        long started = System.nanoTime();
        try (SpotifyStandIn spotify = Library.start(settings.upstreamLatency());
             Resources resources = new Resources()) {
            report.line("## Run of %s%s", Instant.now().toString().substring(0, 16).replace('T', ' ') + " UTC",
                    settings.smoke() ? " (smoke: shortened, not for the record)" : "");
            report.blank();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String biggest = spotify.playlistId(Library.COLLECTOR, Library.BIGGEST);
            String hundred = spotify.playlistId(Library.COLLECTOR, Library.HUNDRED);

            // 1. upstream calls: two fresh gateways (sequential runs, concurrent runs), started side by side
            CallCounts counts = new CallCounts(spotify, settings.concurrentColdClients());
            List<Scenario> scenarios = Scenario.counted(biggest, hundred);
            CompletableFuture<GatewayProcess> second = CompletableFuture.supplyAsync(
                    () -> GatewayProcess.start("calls-concurrent", settings.jar(), settings.out(), staticDir, spotify, Map.of()));
            GatewayProcess memory = GatewayProcess.start("memory", settings.jar(), settings.out(), staticDir, spotify, Map.of());
            List<CallCounts.Row> callRows = new ArrayList<>();
            try (GatewayProcess concurrent = second.join()) {
                callRows.addAll(counts.measure(gatewaySubject(memory, http), gatewaySubject(concurrent, http), scenarios));
            }
            try (NaiveSubject one = new NaiveSubject(spotify); NaiveSubject other = new NaiveSubject(spotify)) {
                callRows.addAll(counts.measure(one, other, scenarios));
            }
            Tables.calls(report, callRows, settings);

            // 2. throughput, 3. the profile (on the memory gateway, after its measured loads); the
            // memory gateway is the one the counts ran on: the load reads user1's data, which they did not.
            Throughput throughput = new Throughput(settings, spotify, staticDir);
            List<Throughput.LoadQuery> queries = List.of(
                    new Throughput.LoadQuery("one playlist, 100 tracks with artists and album", "bench-100.json",
                            Queries.hundredTracks(spotify.playlistId(Library.LOAD_USER, 0))),
                    new Throughput.LoadQuery("50 playlists x 100 tracks", "bench-50x100.json", Queries.fiftyByHundred()));
            List<Throughput.Row> loadRows = new ArrayList<>();
            Profile.Summary profile = null;
            for (CacheVariant variant : CacheVariant.all(nearCacheKnown(settings.jar()))) {
                Report.progress("throughput: %s", variant.name());
                boolean first = variant.name().equals("memory");
                GatewayProcess process = first ? memory : start(variant, settings, staticDir, spotify, resources);
                try (process) {
                    loadRows.addAll(throughput.measure(process, variant.name(), queries, first));
                    if (first) {
                        profile = Profile.record(process, throughput, queries.get(1), settings);
                    }
                }
            }
            Tables.throughput(report, loadRows, settings);
            if (profile != null) {
                Tables.profile(report, profile, settings);
            }

            // 4. microbenchmarks
            Tables.micro(report, Micro.run(settings));

            Machine after = Machine.now();
            Tables.machine(report, before, after, settings, (System.nanoTime() - started) / 1e9);
        }
        report.write(settings.out().resolve("report.md"));
        Report.progress("report written to %s", settings.out().resolve("report.md"));
    }

    private static GatewayProcess start(CacheVariant variant, Settings settings, Path staticDir, SpotifyStandIn spotify,
                                        Resources resources) {
        if (variant.needsRedis()) {
            resources.redis().flushAll();
        }
        Map<String, String> env = variant.env().apply(variant.needsRedis() ? resources.redis().uri() : "");
        return GatewayProcess.start(variant.name().replaceAll("\\W+", "-"), settings.jar(), settings.out(), staticDir,
                spotify, env);
    }

    private static Subject gatewaySubject(GatewayProcess process, HttpClient http) {
        return new Subject() {
            @Override
            public String name() {
                return "gateway (memory)";
            }

            @Override
            public GraphQLEndpoint endpoint(String token) {
                return process.endpoint(http, token);
            }

            @Override
            public void close() {
                process.close();
            }
        };
    }

    /** The naive baseline as a subject: nothing to start, nothing kept. */
    private static final class NaiveSubject implements Subject {
        private final NaiveGateway naive;

        NaiveSubject(SpotifyStandIn spotify) {
            naive = new NaiveGateway(spotify.baseUrl());
        }

        @Override
        public String name() {
            return "naive baseline";
        }

        @Override
        public GraphQLEndpoint endpoint(String token) {
            return query -> naive.data(query, token);
        }

        @Override
        public void close() {
            naive.close();
        }
    }

    /** Whether the built gateway has the near cache (another line of work adds it): its configuration names it. */
    static boolean nearCacheKnown(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            var entry = zip.getEntry("application.yml");
            if (entry == null) {
                return false;
            }
            String yaml = new String(zip.getInputStream(entry).readAllBytes());
            return yaml.contains("CACHE_NEAR_ENABLED") || yaml.matches("(?s).*\\n\\s+near:.*");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Started only when needed, stopped at the end. */
    private static final class Resources implements AutoCloseable {
        private RedisServer redis;

        RedisServer redis() {
            if (redis == null) {
                redis = RedisServer.start();
            }
            return redis;
        }

        @Override
        public void close() {
            if (redis != null) {
                redis.close();
            }
        }
    }
}
