package dev.playlistgateway.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** The JMH benchmarks of {@code dev.playlistgateway.bench.micro}, one fork, bounded iterations. */
final class Micro {

    record Row(String benchmark, String parameters, double microseconds, double error) {
    }

    private Micro() {
    }

    static List<Row> run(Settings settings) throws RunnerException {
        Report.progress("JMH: cache get-many, EntryCodec");
        Options options = new OptionsBuilder()
                .include("dev\\.playlistgateway\\.bench\\.micro\\..*")
                .forks(settings.smoke() ? 0 : 1)
                .warmupIterations(settings.smoke() ? 1 : 3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(settings.smoke() ? 1 : 5)
                .measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend("-Xmx512m")
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        List<Row> rows = new ArrayList<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            String parameters = result.getParams().getParamsKeys().stream()
                    .map(key -> key + "=" + result.getParams().getParam(key)).collect(Collectors.joining(", "));
            rows.add(new Row(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1), parameters,
                    result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreError()));
        }
        return rows;
    }
}
