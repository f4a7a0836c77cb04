package dev.playlistgateway.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The report's tables, one method per phase. */
final class Tables {

    private Tables() {
    }

    static void calls(Report report, List<CallCounts.Row> rows, Settings settings) {
        report.line("### Upstream calls per query (%d ms per Spotify call)", settings.upstreamLatency().toMillis());
        report.blank();
        report.line("| query | gateway cold | warm | %d concurrent cold | naive baseline cold | warm | %d concurrent cold |",
                settings.concurrentColdClients(), settings.concurrentColdClients());
        report.line("|---|---:|---:|---:|---:|---:|---:|");
        Map<String, CallCounts.Row[]> byScenario = new LinkedHashMap<>();
        for (CallCounts.Row row : rows) {
            CallCounts.Row[] pair = byScenario.computeIfAbsent(row.scenario(), s -> new CallCounts.Row[2]);
            pair[row.subject().startsWith("naive") ? 1 : 0] = row;
        }
        byScenario.forEach((scenario, pair) -> report.line("| %s | %s | %s | %s | %s | %s | %s |", scenario,
                cold(pair[0]), warm(pair[0]), concurrent(pair[0]), cold(pair[1]), warm(pair[1]), concurrent(pair[1])));
        report.blank();
        report.line("Cold calls by Spotify endpoint (`ME` is the Bearer token's owner, looked up once per token):");
        report.blank();
        for (CallCounts.Row row : rows) {
            report.line("- %s, %s: %s", row.subject(), row.scenario(),
                    row.coldByEndpoint().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                            .collect(Collectors.joining(", ")));
        }
        report.blank();
    }

    private static String cold(CallCounts.Row row) {
        return row == null ? "-" : Long.toString(row.cold());
    }

    private static String warm(CallCounts.Row row) {
        return row == null ? "-" : Long.toString(row.warm());
    }

    private static String concurrent(CallCounts.Row row) {
        return row == null ? "-" : Long.toString(row.concurrentCold());
    }

    static void throughput(Report report, List<Throughput.Row> rows, Settings settings) {
        report.line("### Warm throughput (%d connections, %d s each after %d s of warm-up; the ratio is to the same bytes served statically)",
                settings.connections(), settings.load().toSeconds(), settings.warmUp().toSeconds());
        report.blank();
        report.line("| query | answer | served by | req/s | ratio | p50 ms | p99 ms | requests |");
        report.line("|---|---:|---|---:|---:|---:|---:|---:|");
        Map<String, Double> baseline = new LinkedHashMap<>();
        for (Throughput.Row row : rows) {
            if (row.subject().startsWith("same bytes")) {
                baseline.put(row.query().name(), row.result().perSecond());
            }
        }
        for (Throughput.Row row : rows) {
            LoadGenerator.Result r = row.result();
            Double base = baseline.get(row.query().name());
            report.line("| %s | %s | %s | %s | %s | %s | %s | %,d |", row.query().name(), size(r.bytesPerAnswer()),
                    row.subject(), Report.number(r.perSecond()),
                    base == null ? "-" : String.format(java.util.Locale.ROOT, "**%.3fx**", r.perSecond() / base),
                    Report.number(r.p50()), Report.number(r.p99()), r.requests());
        }
        report.blank();
    }

    static String size(long bytes) {
        return bytes >= 1_000_000 ? String.format(java.util.Locale.ROOT, "%.2f MB", bytes / 1e6)
                : String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1e3);
    }

    static void profile(Report report, Profile.Summary summary, Settings settings) {
        report.line("### Where the warm 50 x 100 time goes (JFR, %,d execution samples in the gateway, %d s of the same load)",
                summary.samples(), settings.load().toSeconds());
        report.blank();
        report.line("Self time by area (each sample goes to the area of its top frame; JDK frames go to the caller that");
        report.line("called into the JDK, except regular expressions):");
        report.blank();
        report.line("| area | share of samples |");
        report.line("|---|---:|");
        summary.selfByArea().forEach((area, share) -> report.line("| %s | %.0f%% |", area, share * 100));
        report.blank();
        report.line("Inclusive (samples with the area anywhere on the stack): %s.",
                summary.inclusive().entrySet().stream()
                        .map(e -> String.format(java.util.Locale.ROOT, "%s %.0f%%", e.getKey(), e.getValue() * 100))
                        .collect(Collectors.joining(", ")));
        report.blank();
        report.line("Hottest methods (self):");
        report.blank();
        summary.hottest().forEach((method, share) -> report.line("- `%s` %.1f%%", method, share * 100));
        report.blank();
        if (!summary.regexCallers().isEmpty()) {
            report.line("Who runs the regular expressions (the first caller outside the JDK):");
            report.blank();
            summary.regexCallers().forEach((method, share) -> report.line("- `%s` %.1f%%", method, share * 100));
            report.blank();
        }
    }

    static void micro(Report report, List<Micro.Row> rows) {
        report.line("### Microbenchmarks (JMH, average time per operation)");
        report.blank();
        report.line("| benchmark | parameters | µs/op | ± error |");
        report.line("|---|---|---:|---:|");
        for (Micro.Row row : rows) {
            report.line("| %s | %s | %s | %s |", row.benchmark(), row.parameters(), Report.number(row.microseconds()),
                    Report.number(row.error()));
        }
        report.blank();
    }

    static void machine(Report report, Machine before, Machine after, Settings settings, double seconds) {
        report.line("### Machine");
        report.blank();
        report.line("%d cores (shared), load average %s at the start and %s at the end; %s; the run took %.0f s.",
                before.cores(), before.loadAverage(), after.loadAverage(), before.jvm(), seconds);
        report.line("The gateway: `java @app/jvm.options -jar app/target/playlist-gateway.jar` in a process of its own;");
        report.line("the stand-in, the load generator (closed loop, one keep-alive HTTP/1.1 connection per client) and the naive baseline in the bench JVM.");
        report.blank();
    }
}
