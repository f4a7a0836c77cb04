package dev.playlistgateway.bench;

import dev.playlistgateway.adapter.spotify.SpotifyStandIn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's runnable jar as a process of its own (the load generator in the same JVM as the
 * server would take its CPU), in Spotify mode against the stand-in, with the run command's JVM
 * options ({@code app/jvm.options}). Static files from {@code staticDir} are served under
 * {@code /app/} by the gateway's own static-resource route: the static baseline.
 */
final class GatewayProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private GatewayProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static GatewayProcess start(String name, Path jar, Path out, Path staticDir, SpotifyStandIn spotify,
                                Map<String, String> env) {
        int port = freePort();
        Path log = out.resolve("gateway-" + name + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions(jar));
        // Deep enough for graphql-java's stacks when the profile phase records (no cost while nothing records).
        command.add("-XX:FlightRecorderOptions=stackdepth=2048");
        command.add("-Dmicronaut.router.static-resources.web-assets.paths=classpath:web/app,file:" + staticDir);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(key -> key.startsWith("REDIS_") || key.startsWith("CACHE_")
                || key.startsWith("SPOTIFY_") || key.startsWith("OTEL_") || key.startsWith("MICRONAUT_")
                || key.startsWith("GATEWAY_"));
        environment.put("MICRONAUT_SERVER_PORT", Integer.toString(port));
        environment.put("SPOTIFY_CLIENT_ID", "standin-client");
        environment.put("SPOTIFY_CLIENT_SECRET", "standin-secret");
        environment.put("SPOTIFY_API_URL", spotify.baseUrl());
        environment.put("SPOTIFY_ACCOUNTS_URL", spotify.baseUrl());
        environment.put("SPOTIFY_API_MODE", "extended");
        environment.put("SPOTIFY_READ_RETRIES", "0");
        // Sessions in a shared Redis need the fleet's key, or the gateway refuses to start (a bench key, 32 zero bytes).
        environment.put("GATEWAY_SECURITY_TOKEN_KEY", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        environment.putAll(env);
        try {
            Process process = builder.start();
            // A run that fails half-way still stops the gateways it started.
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "stop-gateway-" + name));
            GatewayProcess gateway = new GatewayProcess(process, port, log);
            gateway.awaitUp(Duration.ofSeconds(90));
            return gateway;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    long pid() {
        return process.pid();
    }

    /** The gateway as a GraphQL endpoint for {@code viewer} (a Bearer token of the stand-in). */
    GraphQLEndpoint endpoint(HttpClient http, String token) {
        return query -> {
            try {
                HttpResponse<byte[]> response = http.send(graphql(query, token), HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("HTTP " + response.statusCode() + ": "
                            + new String(response.body(), 0, Math.min(300, response.body().length)));
                }
                return Json.data(response.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        };
    }

    HttpRequest graphql(String query, String token) {
        return HttpRequest.newBuilder(uri("/graphql"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.request(query)))
                .build();
    }

    /** The same request as {@link #graphql}, as bytes for the load generator. */
    Http1Connection.Request graphqlBytes(String query, String token) {
        return Http1Connection.Request.post(uri("/graphql"), Map.of("Content-Type", "application/json",
                "Accept", "application/json", "Authorization", "Bearer " + token), Json.request(query));
    }

    /** Runs {@code jcmd} against the gateway (JFR.start, JFR.stop). */
    void jcmd(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        command.add(Long.toString(pid()));
        command.addAll(List.of(arguments));
        try {
            Process jcmd = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(jcmd.getInputStream().readAllBytes());
            if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + String.join(" ", arguments) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitUp(Duration limit) {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the gateway stopped at start; its log: " + log);
            }
            try {
                HttpResponse<Void> health = http.send(HttpRequest.newBuilder(uri("/health")).timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(200);
        }
        close();
        throw new IllegalStateException("the gateway did not answer /health within " + limit + "; its log: " + log);
    }

    /** The options of {@code app/jvm.options} (the documented run command's), comments dropped. */
    private static List<String> jvmOptions(Path jar) {
        Path options = jar.getParent().getParent().resolve("jvm.options");
        try {
            return Files.readAllLines(options).stream().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + options, e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> env(String... keysAndValues) {
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            env.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return env;
    }
}
