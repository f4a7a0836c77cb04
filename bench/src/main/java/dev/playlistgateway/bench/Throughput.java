package dev.playlistgateway.bench;

import dev.playlistgateway.adapter.spotify.SpotifyStandIn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Warm requests per second on one started gateway, query by query, after a warm-up; on the first
 * variant also the same answer's bytes served as a static file by the same server (the baseline
 * every figure is divided by). Fails when a warm load made any upstream call for data (the Bearer
 * token's revalidation aside) or met any error.
 */
final class Throughput {

    /** A query of the load workload. */
    record LoadQuery(String name, String file, String query) {
    }

    record Row(LoadQuery query, String subject, LoadGenerator.Result result) {
    }

    private final Settings settings;
    private final SpotifyStandIn spotify;
    private final LoadGenerator load;
    private final Path staticDir;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    Throughput(Settings settings, SpotifyStandIn spotify, Path staticDir) {
        this.settings = settings;
        this.spotify = spotify;
        this.staticDir = staticDir;
        this.load = new LoadGenerator(settings.connections());
    }

    List<Row> measure(GatewayProcess gateway, String variant, List<LoadQuery> queries, boolean withStatic) {
        List<Row> rows = new ArrayList<>();
        String token = spotify.token(Library.LOAD_USER);
        for (LoadQuery query : queries) {
            HttpRequest request = gateway.graphql(query.query(), token);
            byte[] cold = send(request);
            byte[] warm = send(request);
            Json.data(warm);
            if (withStatic) {
                write(query.file(), warm);
                HttpRequest file = HttpRequest.newBuilder(gateway.uri("/app/" + query.file())).GET().build();
                byte[] served = send(file);
                if (served.length != warm.length) {
                    throw new IllegalStateException("the static file came back with " + served.length + " bytes, not " + warm.length);
                }
                rows.add(new Row(query, "same bytes, static", run("static", query,
                        Http1Connection.Request.get(file.uri()), warm.length)));
            }
            spotify.resetCalls();
            LoadGenerator.Result result = run(variant, query, gateway.graphqlBytes(query.query(), token), warm.length);
            // The Bearer token is revalidated once a minute (ME): the gateway's rule, not a cache miss.
            long dataCalls = spotify.totalCalls() - spotify.calls(SpotifyStandIn.Endpoint.ME)
                    - spotify.calls(SpotifyStandIn.Endpoint.TOKEN);
            if (dataCalls > 0) {
                throw new IllegalStateException(variant + ", " + query.name() + ": the warm load made " + dataCalls
                        + " upstream calls for data " + spotify.calls());
            }
            rows.add(new Row(query, "gateway, " + variant, result));
            if (cold.length == 0) {
                throw new IllegalStateException("empty answer");
            }
        }
        return rows;
    }

    /** Load without measuring, then measured; fails on any error. */
    LoadGenerator.Result run(String subject, LoadQuery query, Http1Connection.Request request, long bytes) {
        Report.progress("load: %s, %s, %d connections, %s warm-up + %s", subject, query.name(), settings.connections(),
                settings.warmUp(), settings.load());
        load.run(request, bytes, settings.warmUp());
        LoadGenerator.Result result = load.run(request, bytes, settings.load());
        if (result.errors() > 0) {
            throw new IllegalStateException(subject + ", " + query.name() + ": " + result.errors() + " failed requests");
        }
        return result;
    }

    byte[] send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(request.uri() + ": HTTP " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void write(String file, byte[] bytes) {
        try {
            Files.write(staticDir.resolve(file), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
