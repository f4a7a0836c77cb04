package dev.playlistgateway.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JFR profile of one warm query under the same load as the throughput phase (a separate, unmeasured
 * load: JFR's sampling costs a little), summarised by area. Each execution sample is charged to the
 * area of its top frame; a JDK frame (a {@code HashMap.get}, an {@code ArrayList} copy) is charged to
 * the first non-JDK caller below it, since that caller decided to do the work, except regular
 * expressions, which are their own area.
 */
final class Profile {

    /** Shares (0 to 1) of all execution samples. */
    record Summary(long samples, Map<String, Double> selfByArea, Map<String, Double> inclusive,
                   Map<String, Double> hottest, Map<String, Double> regexCallers, Path recording) {
    }

    /** Areas in the order they are tested: the first whose prefix matches the frame's class wins. */
    private static final List<String[]> AREAS = List.of(
            new String[] {"graphql-java instrumentation, DataLoader dispatch", "graphql.execution.instrumentation.", "org.dataloader."},
            new String[] {"graphql-java execution (fetch, complete, parse, validate)", "graphql."},
            new String[] {"serialisation (Micronaut serde, Jackson)", "io.micronaut.serde.", "io.micronaut.json.", "com.fasterxml.jackson."},
            new String[] {"codec (EntryCodec)", "dev.playlistgateway.domain.cache.EntryCodec"},
            new String[] {"domain (PlaylistService, cache policy, model)", "dev.playlistgateway.domain."},
            new String[] {"the gateway's GraphQL layer (app: fetchers, limits, ids)", "dev.playlistgateway.app."},
            new String[] {"cache adapter (Caffeine, Lettuce)", "dev.playlistgateway.adapter.", "com.github.benmanes.caffeine.", "io.lettuce."},
            new String[] {"HTTP (Netty, Micronaut HTTP)", "io.netty.", "io.micronaut.http."},
            new String[] {"Micronaut, other", "io.micronaut."},
            new String[] {"other libraries", ""});

    private static final String REGEX = "regular expressions (java.util.regex)";
    private static final String JDK_ONLY = "JDK only (threads, I/O, GC-side work)";

    private static final Map<String, String> INCLUSIVE = new LinkedHashMap<>();

    static {
        INCLUSIVE.put("inside graphql-java execution", "graphql.execution.");
        INCLUSIVE.put("serialisation", "io.micronaut.serde.");
        INCLUSIVE.put("regex", "java.util.regex.");
        INCLUSIVE.put("EntryCodec", "dev.playlistgateway.domain.cache.EntryCodec");
        INCLUSIVE.put("domain", "dev.playlistgateway.domain.");
        INCLUSIVE.put("cache adapter", "dev.playlistgateway.adapter.cache.");
    }

    private Profile() {
    }

    static Summary record(GatewayProcess gateway, Throughput throughput, Throughput.LoadQuery query, Settings settings) {
        Path recording = settings.out().resolve("warm-50x100.jfr");
        try {
            Files.deleteIfExists(recording);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String token = "token-" + Library.LOAD_USER;
        long bytes = throughput.send(gateway.graphql(query.query(), token)).length;
        Http1Connection.Request request = gateway.graphqlBytes(query.query(), token);
        Report.progress("profile: JFR on the gateway during %s", query.name());
        gateway.jcmd("JFR.start", "name=bench", "settings=profile", "filename=" + recording);
        throughput.run("profiled", query, request, bytes);
        gateway.jcmd("JFR.stop", "name=bench");
        return summarise(recording);
    }

    static Summary summarise(Path recording) {
        Map<String, Long> self = new LinkedHashMap<>();
        Map<String, Long> inclusive = new LinkedHashMap<>();
        Map<String, Long> methods = new HashMap<>();
        Map<String, Long> regexCallers = new HashMap<>();
        long samples = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                    continue;
                }
                List<RecordedFrame> frames = event.getStackTrace().getFrames();
                if (frames.isEmpty()) {
                    continue;
                }
                samples++;
                String area = selfArea(frames);
                self.merge(area, 1L, Long::sum);
                if (area.equals(REGEX)) {
                    frames.stream().filter(f -> !isJdk(f.getMethod().getType().getName())).findFirst()
                            .ifPresent(f -> regexCallers.merge(f.getMethod().getType().getName() + "."
                                    + f.getMethod().getName(), 1L, Long::sum));
                }
                RecordedFrame top = frames.get(0);
                methods.merge(top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1L, Long::sum);
                INCLUSIVE.forEach((name, prefix) -> {
                    if (frames.stream().anyMatch(f -> f.getMethod().getType().getName().startsWith(prefix))) {
                        inclusive.merge(name, 1L, Long::sum);
                    }
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long total = Math.max(1, samples);
        Map<String, Double> selfShares = shares(self, total, Integer.MAX_VALUE);
        Map<String, Double> inclusiveShares = new LinkedHashMap<>();
        INCLUSIVE.keySet().forEach(name -> inclusiveShares.put(name, inclusive.getOrDefault(name, 0L) / (double) total));
        return new Summary(samples, selfShares, inclusiveShares, shares(methods, total, 12),
                shares(regexCallers, total, 5), recording);
    }

    static String selfArea(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            if (type.startsWith("java.util.regex.")) {
                return REGEX;
            }
            if (isJdk(type)) {
                continue;
            }
            for (String[] area : AREAS) {
                for (int i = 1; i < area.length; i++) {
                    if (type.startsWith(area[i])) {
                        return area[0];
                    }
                }
            }
        }
        return JDK_ONLY;
    }

    private static boolean isJdk(String type) {
        return type.startsWith("java.") || type.startsWith("javax.") || type.startsWith("jdk.")
                || type.startsWith("sun.") || type.startsWith("com.sun.");
    }

    private static Map<String, Double> shares(Map<String, Long> counts, long total, int limit) {
        Map<String, Double> shares = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(limit)
                .forEach(e -> shares.put(e.getKey(), e.getValue() / (double) total));
        return shares;
    }
}
