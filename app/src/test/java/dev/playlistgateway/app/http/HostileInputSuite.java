package dev.playlistgateway.app.http;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile-input suite, written once and run against the app in each mode ({@link HostileInputIT}
 * demo mode, {@link HostileInputSpotifyModeIT} Spotify mode with sign-in): every probe of
 * {@link HostileRequests} is sent, and together they must show that no answer is a 5xx, that every
 * 4xx is in the GraphQL error shape with a known code, and that the log holds no stack trace and no
 * ERROR (warnings only where trouble repeats, and then few).
 */
abstract class HostileInputSuite {
    static final Set<String> CODES = Set.of("BAD_USER_INPUT", "NOT_FOUND", "UNAUTHENTICATED", "FORBIDDEN", "RATE_LIMITED",
            "UPSTREAM_UNAVAILABLE", "INTERNAL");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EmbeddedServer server;

    /** The paths this mode serves, and some it does not. */
    abstract List<String> routes();

    @Test
    void hostileRequestsGetNo5xxOnlyGraphQLShapedRefusalsAndNoStackTraceInTheLog() {
        List<HostileRequests.Probe> probes = HostileRequests.against(routes());
        assertThat(probes).hasSizeGreaterThanOrEqualTo(400);
        List<String> problems = new ArrayList<>();
        int refused = 0;
        java.util.Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        List<RootLog.Line> lines;
        try (RootLog log = RootLog.record()) {
            for (HostileRequests.Probe probe : probes) {
                RawHttp.Answer answer = probe.send().apply(server.getPort());
                String problem = problemWith(probe, answer);
                if (problem != null) {
                    problems.add(probe + ": " + problem);
                }
                statuses.merge(answer.status(), 1, Integer::sum);
                if (System.getProperty("hostile.dump") != null) { // -DargLine=-Dhostile.dump=1: every answer, for a look
                    System.out.println("DUMP " + answer.status() + " | " + probe + " | " + answer.body().replace('\n', ' ').substring(0, Math.min(160, answer.body().length())));
                }
                if (answer.status() >= 400) {
                    refused++;
                }
            }
            lines = log.lines();
        }
        System.out.printf("%s: %d hostile probes, answers by status %s%n", getClass().getSimpleName(), probes.size(), statuses);
        lines.stream().filter(l -> l.level().isGreaterOrEqual(Level.WARN)).forEach(l -> System.out.println("  log: " + l));
        assertThat(problems).as("answers that break the rules, of %d probes", probes.size()).isEmpty();
        assertThat(refused).as("probes refused with a 4xx").isGreaterThan(probes.size() / 2);
        assertThat(lines.stream().filter(l -> l.level().isGreaterOrEqual(Level.INFO) && (l.stackTrace() || l.level() == Level.ERROR)))
                .as("stack traces and ERRORs in the log").isEmpty();
        assertThat(lines.stream().filter(l -> l.level() == Level.WARN)).as("warnings: rate-limited, so a handful at most").hasSizeLessThanOrEqualTo(3);
    }

    /** What is wrong with {@code answer}, or null. */
    static String problemWith(HostileRequests.Probe probe, RawHttp.Answer answer) {
        if (answer.status() == -2) {
            return "no answer within the timeout";
        }
        if (answer.status() == -1) {
            return probe.mayGoUnanswered() ? null : "no answer (connection closed)";
        }
        if (answer.status() >= 500) {
            return "HTTP " + answer.status() + " " + answer.body();
        }
        if (answer.status() < 400 || probe.head()) {
            return null;
        }
        String type = answer.header("content-type");
        if (type == null || !type.startsWith("application/json")) {
            return "HTTP " + answer.status() + " with Content-Type " + type + ": " + abbreviate(answer.body());
        }
        try {
            JsonNode errors = JSON.readTree(answer.body()).path("errors");
            if (!errors.isArray() || errors.isEmpty()) {
                return "HTTP " + answer.status() + " without an errors array: " + abbreviate(answer.body());
            }
            for (JsonNode error : errors) {
                if (!error.path("message").isTextual() || !CODES.contains(error.path("extensions").path("code").asText())) {
                    return "HTTP " + answer.status() + " with an error not in the GraphQL shape: " + abbreviate(answer.body());
                }
            }
            return null;
        } catch (IOException e) {
            return "HTTP " + answer.status() + " body is not JSON: " + abbreviate(answer.body());
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
