package dev.playlistgateway.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The run's Markdown report: printed as it grows, written to {@code report.md} at the end. */
final class Report {

    private final StringBuilder text = new StringBuilder();

    void line(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        text.append(line).append('\n');
        System.out.println(line);
        System.out.flush();
    }

    void blank() {
        line("");
    }

    void write(Path file) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Progress that is not part of the report. */
    static void progress(String format, Object... args) {
        System.out.println("[bench " + java.time.LocalTime.now().withNano(0) + "] " + String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
